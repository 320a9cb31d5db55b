"""The KnowledgeBase: every entity, indexed for lookups, links and paths.

This is the library API the views (and anyone else) call. It is built in one place,
:mod:`.build`, from what the read stage returns, and never reads YAML itself. Every question
goes through an index (:mod:`.index`), never a scan of every entity: so the same class
answers from memory or from the on-disk store (:mod:`.store`).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from comorbidity_kb.kb.index import IdIndex, Parts, index_entities, pair_key
from comorbidity_kb.kb.paths import first_paths
from comorbidity_kb.kinds import FOLDERS
from comorbidity_kb.model import (
    Citation,
    Condition,
    Direction,
    Entity,
    Intervention,
    Link,
    Mechanism,
    RiskFactor,
    kind_of,
    normalise,
)

E = TypeVar("E")


@dataclass(frozen=True, slots=True)
class Hop:
    """One step of a path: a link direction from one condition to the next."""

    link: Link
    direction: Direction


class KnowledgeBase:
    """Indexes over a set of entities: by id, by name and alias, links, and who cites what."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        self._adopt(index_entities(entities))

    @classmethod
    def from_parts(cls, parts: Parts) -> KnowledgeBase:
        """A knowledge base over ready-made parts (the on-disk store builds lazy ones)."""
        kb = cls.__new__(cls)
        kb._adopt(parts)
        return kb

    def _adopt(self, parts: Parts) -> None:
        self.parts = parts
        self.entities = parts.entities
        self.by_kind = parts.by_kind
        self._index = parts.indexes

    def _ids(self, index: str, key: str) -> Sequence[str]:
        return self._index[index].get(key, ())

    def _all(self, index: str, key: str, of: type[E]) -> list[E]:
        """The entities an index files under ``key`` that are of the class ``of``."""
        found = (self.entities.get(i) for i in self._ids(index, key))
        return [e for e in found if isinstance(e, of)]

    # -- typed views ---------------------------------------------------------------------
    @property
    def conditions(self) -> Mapping[str, Condition]:
        return self.by_kind["conditions"]  # type: ignore[return-value]

    @property
    def mechanisms(self) -> Mapping[str, Mechanism]:
        return self.by_kind["mechanisms"]  # type: ignore[return-value]

    @property
    def links(self) -> Mapping[str, Link]:
        return self.by_kind["links"]  # type: ignore[return-value]

    @property
    def interventions(self) -> Mapping[str, Intervention]:
        return self.by_kind["interventions"]  # type: ignore[return-value]

    @property
    def risk_factors(self) -> Mapping[str, RiskFactor]:
        return self.by_kind["risk-factors"]  # type: ignore[return-value]

    @property
    def citations(self) -> Mapping[str, Citation]:
        return self.by_kind["citations"]  # type: ignore[return-value]

    def __len__(self) -> int:
        return len(self.entities)

    # -- lookups -------------------------------------------------------------------------
    def get(self, entity_id: str) -> Entity | None:
        """The entity with exactly this id, or None."""
        return self.entities.get(entity_id)

    def find_all(self, name: str) -> list[Entity]:
        """Every entity whose id, name, title or alias equals ``name`` (case-insensitive)."""
        found = (self.entities.get(i) for i in self._ids("names", normalise(name)))
        return [e for e in found if e is not None]

    def find_entity(self, name: str, kind: str | None = None) -> Entity | None:
        """The one entity called ``name``: an exact id first, then a unique name or alias."""
        exact = self.entities.get(name)
        if exact is not None and (kind is None or kind_of(exact) == kind):
            return exact
        found = [e for e in self.find_all(name) if kind is None or kind_of(e) == kind]
        if not found and kind in (None, "mechanisms"):
            # A molecule or structure (cortisol, amygdala) finds the mechanism involving it.
            found = self._all("participants", normalise(name), Mechanism)
        if not found:
            return None
        # Several entities share a name: prefer conditions, then the order of MODELS.
        return min(found, key=lambda e: (FOLDERS.index(kind_of(e)), e.id))

    def names(self) -> IdIndex:
        """The name index (normalised name or alias to entity ids), for suggestions."""
        return self._index["names"]

    # -- structure -----------------------------------------------------------------------
    def referrers(self, entity_id: str) -> set[str]:
        """Ids of the entities that point at ``entity_id`` (who cites a citation, …)."""
        return set(self._ids("referrers", entity_id))

    def children(self, condition_id: str) -> list[str]:
        """Direct subtypes of a condition, sorted."""
        return list(self._ids("children", condition_id))

    def ancestors(self, condition_id: str) -> list[str]:
        """Broader conditions, nearest first; stops at a cycle (the validator reports it)."""
        seen: list[str] = []
        current = self.conditions.get(condition_id)
        while current is not None and current.parent and current.parent not in seen:
            if current.parent == condition_id:
                break
            seen.append(current.parent)
            current = self.conditions.get(current.parent)
        return seen

    def descendants(self, condition_id: str) -> list[str]:
        """Every narrower condition (subtypes, their subtypes, ...), sorted."""
        found: set[str] = set()
        queue = deque(self.children(condition_id))
        while queue:
            child = queue.popleft()
            if child not in found and child != condition_id:
                found.add(child)
                queue.extend(self.children(child))
        return sorted(found)

    def lineage(self, condition_id: str) -> list[str]:
        """The condition itself, then its ancestors."""
        return [condition_id, *self.ancestors(condition_id)]

    def links_of(self, condition_id: str) -> list[Link]:
        """The links that name this condition directly, sorted by id."""
        return self._all("links_of", condition_id, Link)

    def link_between(self, a: str, b: str) -> Link | None:
        """The link file for the unordered pair ``a``, ``b``, if there is one."""
        found = self._all("link_between", pair_key(a, b), Link)
        return found[0] if found else None

    def interventions_for(self, conditions: Iterable[str]) -> list[Intervention]:
        """Interventions aimed at any of ``conditions``, sorted by id."""
        ids = {i for c in conditions for i in self._ids("targeted_by", c)}
        return [self.interventions[i] for i in sorted(ids) if i in self.interventions]

    def risk_factors_for(self, conditions: Iterable[str]) -> list[RiskFactor]:
        """Risk factors that raise any of ``conditions``, sorted by id."""
        ids = {r for c in conditions for r in self._ids("raised_by", c)}
        return [self.risk_factors[r] for r in sorted(ids) if r in self.risk_factors]

    def interventions_acting_on(self, mechanism_id: str) -> list[Intervention]:
        """Interventions that work through this mechanism, sorted by id."""
        return self._all("acted_on_by", mechanism_id, Intervention)

    def direction(self, source: str, target: str) -> Hop | None:
        """The link direction from ``source`` to ``target``, if one is recorded."""
        link = self.link_between(source, target)
        if link is None:
            return None
        for d in link.directions:
            if d.source == source and d.target == target:
                return Hop(link, d)
        return None

    def inherited_directions(self, a: str, b: str) -> list[Hop]:
        """Directions between ``a`` and ``b`` or their broader conditions, nearest first.

        A link stated for sleep disturbance also concerns insomnia, a kind of it; so a reader
        asking about insomnia and chronic pain is shown that link, marked as inherited.
        """
        hops: list[Hop] = []
        for x in self.lineage(a):
            for y in self.lineage(b):
                for source, target in ((x, y), (y, x)):
                    hop = self.direction(source, target)
                    if hop is not None and hop not in hops:
                        hops.append(hop)
        return hops

    def successors(self, condition_id: str) -> list[Hop]:
        """Directions leaving a condition or one of its broader conditions, by target id.

        Inheritance runs on the source side only: insomnia is a sleep disturbance, so what
        sleep disturbance does, insomnia does; but a direction into sleep disturbance says
        nothing about insomnia in particular.
        """
        # Nearest source first; a target already reached from a nearer source is not
        # reached again through a broader one (that would list the same path twice).
        hops: dict[str, Hop] = {}
        for source in self.lineage(condition_id):
            for link in self.links_of(source):
                for d in link.directions:
                    if d.source == source and d.target != condition_id:
                        hops.setdefault(d.target, Hop(link, d))
        return [hops[target] for target in sorted(hops)]

    def paths(self, a: str, b: str, max_hops: int = 3, limit: int = 20) -> list[list[Hop]]:
        """Simple directed paths from ``a`` to ``b``, shortest first, at most ``max_hops`` long.

        Shortest first; ties by the ids of the conditions along the path. The work is bounded
        by the size of the graph, ``limit`` and ``max_hops``, never by how many simple paths
        there are (:mod:`.paths`). A hop's ``direction.source`` may be a broader condition of
        the node it leaves. A path never passes through a broader or narrower condition of
        either end: "insomnia → fibromyalgia → sleep disturbance → chronic pain" only walks
        the hierarchy.
        """
        if a == b:
            return []
        kin = {c for end in (a, b) for c in (*self.lineage(end), *self.descendants(end))}

        def onward(node: str) -> list[tuple[str, Hop]]:
            hops = self.successors(node)
            return [(h.direction.target, h) for h in hops if h.direction.target not in kin - {b}]

        return first_paths(onward, a, b, max_hops, limit)

    def mechanisms_of(self, condition_id: str) -> set[str]:
        """Ids of the mechanisms named on any direction of any link of this condition."""
        return {
            m for link in self.links_of(condition_id) for d in link.directions for m in d.mechanisms
        }

    def directions_mediated_by(self, mechanism_id: str) -> list[Hop]:
        """Every link direction that names this mechanism, sorted by link id."""
        return [
            Hop(link, d)
            for link in self._all("mediated_by", mechanism_id, Link)
            for d in link.directions
            if mechanism_id in d.mechanisms
        ]
