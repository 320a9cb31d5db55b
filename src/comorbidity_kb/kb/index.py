"""The inverse indexes of a knowledge base, each from one key to a short list of ids.

Every question the :class:`~comorbidity_kb.kb.knowledge.KnowledgeBase` answers goes
through one of these, never a scan of every entity: so it answers the same from memory and
from the on-disk store (:mod:`.store`), which reads only the rows a question touches.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from comorbidity_kb.kinds import FOLDERS
from comorbidity_kb.model import (
    Condition,
    Entity,
    Intervention,
    Link,
    Mechanism,
    RiskFactor,
    entity_names,
    kind_of,
    normalise,
)

IdIndex = Mapping[str, Sequence[str]]

# The inverse indexes, each a key (an id or a normalised name) → the ids it leads to.
INDEXES = (
    "names",  # normalised id, name, title or alias → entity ids
    "participants",  # normalised name of a molecule or structure → mechanism ids
    "referrers",  # id → ids of the entities that point at it
    "children",  # condition → its direct subtypes
    "links_of",  # condition → links that name it
    "link_between",  # "a b" (two condition ids, sorted) → the link for that pair
    "mediated_by",  # mechanism → links with a direction that names it
    "targeted_by",  # condition → interventions aimed at it
    "acted_on_by",  # mechanism → interventions that work through it
    "raised_by",  # condition → risk factors that raise it
)


def pair_key(a: str, b: str) -> str:
    """The ``link_between`` key of an unordered pair of condition ids."""
    return " ".join(sorted((a, b)))


@dataclass(frozen=True)
class Parts:
    """What a KnowledgeBase is made of: entities by id and by kind, and the indexes."""

    entities: Mapping[str, Entity]
    by_kind: Mapping[str, Mapping[str, Entity]]
    indexes: Mapping[str, IdIndex]


def index_entities(entities: Iterable[Entity]) -> Parts:
    """Entities by id (the first of a duplicated id wins) and every index, in memory."""
    by_id: dict[str, Entity] = {}
    by_kind: dict[str, dict[str, Entity]] = {kind: {} for kind in FOLDERS}
    for entity in entities:
        # First one wins; a duplicate id is the validator's to report.
        if entity.id not in by_id:
            by_id[entity.id] = entity
            by_kind[kind_of(entity)][entity.id] = entity
    raw: dict[str, defaultdict[str, list[str]]] = {name: defaultdict(list) for name in INDEXES}
    for entity in by_id.values():
        for name, key in index_entries(entity):
            raw[name][key].append(entity.id)
    indexes: dict[str, IdIndex] = {}
    for name, table in raw.items():
        # link_between keeps the first link of a pair (duplicates are reported); the rest
        # are sets, kept sorted so that answers never depend on file order.
        indexes[name] = (
            {k: v[:1] for k, v in table.items()}
            if name == "link_between"
            else {k: sorted(set(v)) for k, v in table.items()}
        )
    return Parts(by_id, by_kind, indexes)


def index_entries(entity: Entity) -> Iterable[tuple[str, str]]:
    """The (index, key) pairs under which ``entity``'s id is filed."""
    for name in entity_names(entity):
        yield "names", name
    for ref in entity.references():
        yield "referrers", ref.target
    yield from _KIND_ENTRIES.get(type(entity), _no_entries)(entity)


def _no_entries(entity: Entity) -> Iterable[tuple[str, str]]:
    return ()


def _link_entries(link: Link) -> Iterable[tuple[str, str]]:
    for condition in set(link.conditions):
        yield "links_of", condition
    if len(link.conditions) == 2:
        yield "link_between", pair_key(*link.conditions)
    for d in link.directions:
        for m in d.mechanisms:
            yield "mediated_by", m


def _condition_entries(condition: Condition) -> Iterable[tuple[str, str]]:
    if condition.parent:
        yield "children", condition.parent


def _mechanism_entries(mechanism: Mechanism) -> Iterable[tuple[str, str]]:
    for participant in mechanism.involves:
        yield "participants", normalise(participant.name)


def _intervention_entries(intervention: Intervention) -> Iterable[tuple[str, str]]:
    for target in intervention.targets:
        yield "targeted_by", target.condition
    for m in intervention.acts_on:
        yield "acted_on_by", m


def _risk_factor_entries(risk_factor: RiskFactor) -> Iterable[tuple[str, str]]:
    for target in risk_factor.raises_risk_of:
        yield "raised_by", target.condition


_KIND_ENTRIES: dict[type, Callable[[Any], Iterable[tuple[str, str]]]] = {
    Link: _link_entries,
    Condition: _condition_entries,
    Mechanism: _mechanism_entries,
    Intervention: _intervention_entries,
    RiskFactor: _risk_factor_entries,
}
