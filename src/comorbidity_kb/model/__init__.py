"""The vocabulary every stage speaks: the pydantic models of each kind of entity.

``MODELS`` maps each kind's folder (from :mod:`comorbidity_kb.kinds`, the one table of
kinds) to the class that reads its files; :func:`kind_of` answers the other way.
"""

from comorbidity_kb.kinds import KINDS
from comorbidity_kb.model.base import Reference, Strict
from comorbidity_kb.model.citation import Author, Citation, CitationType
from comorbidity_kb.model.entities import (
    Condition,
    ConditionCategory,
    Direction,
    Effect,
    Intervention,
    InterventionKind,
    Link,
    Mechanism,
    MechanismKind,
    Participant,
    ParticipantKind,
    RiskFactor,
    Strength,
    Target,
)
from comorbidity_kb.model.evidence import (
    Counts,
    Evidence,
    EvidenceKind,
    EvidenceList,
    Finding,
    Measure,
    Stance,
)

Entity = Condition | Mechanism | Link | Intervention | RiskFactor | Citation

_CLASSES: dict[str, type[Strict]] = {
    cls.__name__: cls for cls in (Condition, Mechanism, Link, Intervention, RiskFactor, Citation)
}
MODELS: dict[str, type[Strict]] = {k.folder: _CLASSES[k.model] for k in KINDS}
_KIND_OF_MODEL = {model: folder for folder, model in MODELS.items()}


def kind_of(entity: Entity) -> str:
    """The folder name of an entity's kind (``conditions``, ``links``, …)."""
    kind = _KIND_OF_MODEL.get(type(entity))  # one lookup: called for every entity, often
    if kind is None:  # pragma: no cover - only the six models are entities
        raise TypeError(f"not an entity: {type(entity).__name__}")
    return kind


def normalise(text: str) -> str:
    """The form names are compared in: case-folded, inner whitespace collapsed."""
    return " ".join(text.casefold().split())


def entity_names(entity: Entity) -> set[str]:
    """Every normalised name an entity answers to: its id, name (a citation's title), aliases."""
    names = [entity.id]
    if isinstance(entity, Citation):
        names.append(entity.title)
    elif not isinstance(entity, Link):
        names += [entity.name, *entity.aliases]
    return {normalise(n) for n in names}


__all__ = [
    "MODELS",
    "Author",
    "Citation",
    "CitationType",
    "Condition",
    "ConditionCategory",
    "Counts",
    "Direction",
    "Effect",
    "Entity",
    "Evidence",
    "EvidenceKind",
    "EvidenceList",
    "Finding",
    "Intervention",
    "InterventionKind",
    "Link",
    "Measure",
    "Mechanism",
    "MechanismKind",
    "Participant",
    "ParticipantKind",
    "Reference",
    "RiskFactor",
    "Stance",
    "Strength",
    "Strict",
    "Target",
    "entity_names",
    "kind_of",
    "normalise",
]
