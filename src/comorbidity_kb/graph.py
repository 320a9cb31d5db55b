"""The KnowledgeBase: every entity, indexed for lookups, links and paths.

This is the library API the CLI (and anyone else) calls. It is built from validated models
and never reads YAML itself (see :mod:`comorbidity_kb.source`).
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass

from comorbidity_kb.model import (
    MODELS,
    Citation,
    Condition,
    Direction,
    Entity,
    Intervention,
    Link,
    Mechanism,
    RiskFactor,
)


def kind_of(entity: Entity) -> str:
    """The folder name of an entity's kind (``conditions``, ``links``, …)."""
    for kind, model in MODELS.items():
        if isinstance(entity, model):
            return kind
    raise TypeError(f"not an entity: {type(entity).__name__}")  # pragma: no cover


def normalise(text: str) -> str:
    """The form names are compared in: case-folded, inner whitespace collapsed."""
    return " ".join(text.casefold().split())


@dataclass(frozen=True, slots=True)
class Hop:
    """One step of a path: a link direction from one condition to the next."""

    link: Link
    direction: Direction


class KnowledgeBase:
    """Indexes over a set of entities: by id, by name and alias, links, and who cites what."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        self.entities: dict[str, Entity] = {}
        self.by_kind: dict[str, dict[str, Entity]] = {kind: {} for kind in MODELS}
        for entity in entities:
            # First one wins; a duplicate id is the validator's to report.
            if entity.id not in self.entities:
                self.entities[entity.id] = entity
                self.by_kind[kind_of(entity)][entity.id] = entity
        self._names: dict[str, list[str]] = defaultdict(list)
        self._links_of: dict[str, list[Link]] = defaultdict(list)
        self._link_between: dict[frozenset[str], Link] = {}
        self._referrers: dict[str, set[str]] = defaultdict(set)
        self._children: dict[str, list[str]] = defaultdict(list)
        self._participants: dict[str, list[str]] = defaultdict(list)
        for entity in self.entities.values():
            self._index(entity)

    def _index(self, entity: Entity) -> None:
        names = [entity.id]
        if not isinstance(entity, Link):
            names += [entity.title if isinstance(entity, Citation) else entity.name]
        if isinstance(entity, (Condition, Mechanism, Intervention, RiskFactor)):
            names += entity.aliases
        for name in {normalise(n) for n in names}:
            self._names[name].append(entity.id)
        for ref in entity.references():
            self._referrers[ref.target].add(entity.id)
        if isinstance(entity, Link):
            for condition in set(entity.conditions):
                self._links_of[condition].append(entity)
            self._link_between.setdefault(frozenset(entity.conditions), entity)
        if isinstance(entity, Condition) and entity.parent:
            self._children[entity.parent].append(entity.id)
        if isinstance(entity, Mechanism):
            for participant in entity.involves:
                self._participants[normalise(participant.name)].append(entity.id)

    # -- typed views ---------------------------------------------------------------------
    @property
    def conditions(self) -> dict[str, Condition]:
        return self.by_kind["conditions"]  # type: ignore[return-value]

    @property
    def mechanisms(self) -> dict[str, Mechanism]:
        return self.by_kind["mechanisms"]  # type: ignore[return-value]

    @property
    def links(self) -> dict[str, Link]:
        return self.by_kind["links"]  # type: ignore[return-value]

    @property
    def interventions(self) -> dict[str, Intervention]:
        return self.by_kind["interventions"]  # type: ignore[return-value]

    @property
    def risk_factors(self) -> dict[str, RiskFactor]:
        return self.by_kind["risk-factors"]  # type: ignore[return-value]

    @property
    def citations(self) -> dict[str, Citation]:
        return self.by_kind["citations"]  # type: ignore[return-value]

    def __len__(self) -> int:
        return len(self.entities)

    # -- lookups -------------------------------------------------------------------------
    def get(self, entity_id: str) -> Entity | None:
        """The entity with exactly this id, or None."""
        return self.entities.get(entity_id)

    def find_all(self, name: str) -> list[Entity]:
        """Every entity whose id, name, title or alias equals ``name`` (case-insensitive)."""
        return [self.entities[i] for i in sorted(self._names.get(normalise(name), []))]

    def find_entity(self, name: str, kind: str | None = None) -> Entity | None:
        """The one entity called ``name``: an exact id first, then a unique name or alias."""
        exact = self.entities.get(name)
        if exact is not None and (kind is None or kind_of(exact) == kind):
            return exact
        found = [e for e in self.find_all(name) if kind is None or kind_of(e) == kind]
        if not found and kind in (None, "mechanisms"):
            # A molecule or structure (cortisol, amygdala) finds the mechanism involving it.
            found = [self.entities[i] for i in sorted(self._participants.get(normalise(name), []))]
        if not found:
            return None
        # Several entities share a name: prefer conditions, then the order of MODELS.
        order = list(MODELS)
        return min(found, key=lambda e: (order.index(kind_of(e)), e.id))

    def names(self) -> dict[str, list[str]]:
        """The name index (normalised name or alias to entity ids), for suggestions."""
        return self._names

    def involving(self, name: str) -> list[str]:
        """Ids of the mechanisms that involve a structure, molecule or process by this name."""
        return sorted(self._participants.get(normalise(name), []))

    # -- structure -----------------------------------------------------------------------
    def referrers(self, entity_id: str) -> set[str]:
        """Ids of the entities that point at ``entity_id`` (who cites a citation, …)."""
        return self._referrers.get(entity_id, set())

    def children(self, condition_id: str) -> list[str]:
        """Direct subtypes of a condition, sorted."""
        return sorted(self._children.get(condition_id, []))

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

    def lineage(self, condition_id: str) -> list[str]:
        """The condition itself, then its ancestors."""
        return [condition_id, *self.ancestors(condition_id)]

    def links_of(self, condition_id: str) -> list[Link]:
        """The links that name this condition directly, sorted by id."""
        return sorted(self._links_of.get(condition_id, []), key=lambda link: link.id)

    def link_between(self, a: str, b: str) -> Link | None:
        """The link file for the unordered pair ``a``, ``b``, if there is one."""
        return self._link_between.get(frozenset((a, b)))

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

        Breadth-first, so the first paths found are the shortest; ties keep target-id order.
        A hop's ``direction.source`` may be a broader condition of the node it leaves.
        """
        if a == b:
            return []
        found: list[list[Hop]] = []
        queue: deque[tuple[str, list[Hop]]] = deque([(a, [])])
        while queue and len(found) < limit:
            node, path = queue.popleft()
            if len(path) >= max_hops:
                continue
            visited = {a, *(h.direction.target for h in path)}
            for hop in self.successors(node):
                target = hop.direction.target
                if target == b:
                    found.append([*path, hop])
                elif target not in visited:
                    queue.append((target, [*path, hop]))
        return found[:limit]

    def mechanisms_of(self, condition_id: str) -> set[str]:
        """Ids of the mechanisms named on any direction of any link of this condition."""
        return {
            m for link in self.links_of(condition_id) for d in link.directions for m in d.mechanisms
        }

    def directions_mediated_by(self, mechanism_id: str) -> list[Hop]:
        """Every link direction that names this mechanism, sorted by link id."""
        return [
            Hop(link, d)
            for link in sorted(self.links.values(), key=lambda link: link.id)
            for d in link.directions
            if mechanism_id in d.mechanisms
        ]
