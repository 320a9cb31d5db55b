"""The pydantic models of the entities that make up the graph: conditions, mechanisms,
links (one entry per direction), interventions and risk factors, and the evidence items
behind each claim.

Each model mirrors one YAML file shape. Unknown keys are rejected (``extra="forbid"``) so
that a misspelt field is an error, not silently lost data. Cross-entity rules (references,
duplicate ids, cycles) live in :mod:`comorbidity_kb.check`; the models check only what a
single file can know.
"""

# No `from __future__ import annotations` here: with it, pydantic must eval() every field
# annotation string at import (about 15 ms on every `kb` run); without it they are objects.
from collections.abc import Iterator
from enum import StrEnum
from typing import Annotated

from pydantic import ConfigDict, Field

from comorbidity_kb.model.base import Reference, Strict
from comorbidity_kb.model.evidence import Evidence, EvidenceList
from comorbidity_kb.model.fields import LINK_ID_PATTERN, Curie, EntityId, Text


def _evidence_refs(prefix: tuple[str | int, ...], items: "list[Evidence]") -> Iterator[Reference]:
    for i, item in enumerate(items):
        yield Reference((*prefix, i, "citation"), item.citation, "citations")


class ConditionCategory(StrEnum):
    SLEEP = "sleep"
    MOOD = "mood"
    ANXIETY = "anxiety"
    PAIN = "pain"
    OTHER = "other"


class Condition(Strict):
    """A disorder, symptom cluster or state (such as sleep loss) that links connect."""

    id: EntityId
    name: Text
    aliases: list[Text] = []
    category: ConditionCategory
    description: Text
    symptoms: list[Text] = []
    parent: EntityId | None = Field(
        default=None, description="The broader condition this is a kind of."
    )
    xrefs: list[Curie] = []
    evidence: list[Evidence] = []

    def references(self) -> Iterator["Reference"]:
        if self.parent:
            yield Reference(("parent",), self.parent, "conditions")
        yield from _evidence_refs(("evidence",), self.evidence)


class MechanismKind(StrEnum):
    NEUROENDOCRINE = "neuroendocrine"
    NEUROCHEMICAL = "neurochemical"
    NEURAL_CIRCUIT = "neural-circuit"
    INFLAMMATORY = "inflammatory"
    SLEEP_ARCHITECTURE = "sleep-architecture"
    CIRCADIAN = "circadian"
    COGNITIVE = "cognitive"
    BEHAVIOURAL = "behavioural"
    EMOTIONAL = "emotional"


class ParticipantKind(StrEnum):
    STRUCTURE = "structure"
    MOLECULE = "molecule"
    PROCESS = "process"


class Participant(Strict):
    """A structure, molecule or process a mechanism involves."""

    name: Text
    type: ParticipantKind
    xref: Curie | None = None


class Mechanism(Strict):
    """A pathway by which one condition feeds another. Links name it per direction."""

    id: EntityId
    name: Text
    aliases: list[Text] = []
    kind: MechanismKind
    description: Text
    involves: list[Participant] = []
    evidence: EvidenceList

    def references(self) -> Iterator["Reference"]:
        yield from _evidence_refs(("evidence",), self.evidence)


class Effect(StrEnum):
    INCREASES_RISK = "increases-risk"
    TRIGGERS = "triggers"
    WORSENS = "worsens"
    MAINTAINS = "maintains"
    PREDICTS = "predicts"
    CO_OCCURS = "co-occurs"


class Strength(StrEnum):
    """How strong the evidence for one direction is, strongest first; earned by its
    evidence (docs/evidence-grading.md, rule strength-unearned). ``unclear``: the
    sources disagree or do not say, so nothing is claimed."""

    STRONG = "strong"
    MODERATE = "moderate"
    WEAK = "weak"
    REPORTED = "reported"
    UNCLEAR = "unclear"

    @property
    def rank(self) -> int:
        """0 for strong; higher is weaker (unclear claims least)."""
        return list(Strength).index(self)


class Direction(Strict):
    """One direction of a link: how ``from`` acts on ``to``."""

    model_config = ConfigDict(populate_by_name=True)

    source: EntityId = Field(alias="from")
    target: EntityId = Field(alias="to")
    effect: Effect
    strength: Strength
    description: Text
    mechanisms: list[EntityId] = []
    evidence: EvidenceList


class Link(Strict):
    """A relation between two conditions, with one entry per direction that holds."""

    id: Annotated[str, Field(pattern=LINK_ID_PATTERN)]
    conditions: Annotated[list[EntityId], Field(min_length=2, max_length=2)]
    description: str | None = None
    directions: Annotated[list[Direction], Field(min_length=1, max_length=2)]

    @property
    def bidirectional(self) -> bool:
        """True when both directions hold (derived, never typed)."""
        return len(self.directions) == 2

    def references(self) -> Iterator["Reference"]:
        for i, condition in enumerate(self.conditions):
            yield Reference(("conditions", i), condition, "conditions")
        for i, d in enumerate(self.directions):
            yield Reference(("directions", i, "from"), d.source, "conditions")
            yield Reference(("directions", i, "to"), d.target, "conditions")
            for j, mechanism in enumerate(d.mechanisms):
                yield Reference(("directions", i, "mechanisms", j), mechanism, "mechanisms")
            yield from _evidence_refs(("directions", i, "evidence"), d.evidence)


class InterventionKind(StrEnum):
    PSYCHOTHERAPY = "psychotherapy"
    BEHAVIOURAL = "behavioural"
    PHARMACOLOGICAL = "pharmacological"
    LIFESTYLE = "lifestyle"
    MIND_BODY = "mind-body"
    DEVICE = "device"


class Target(Strict):
    """A condition a claim is about (an intervention helps it, a risk factor raises it),
    with the evidence for that claim."""

    condition: EntityId
    evidence: EvidenceList


class Intervention(Strict):
    """A treatment or self-help approach, what it targets and how."""

    id: EntityId
    name: Text
    aliases: list[Text] = []
    kind: InterventionKind
    description: Text
    components: list[Text] = []
    targets: Annotated[list[Target], Field(min_length=1)]
    acts_on: list[EntityId] = Field(default=[], description="Mechanism ids it works through.")
    goal: Text
    drawbacks: list[Text] = []
    xrefs: list[Curie] = []
    evidence: EvidenceList

    def references(self) -> Iterator["Reference"]:
        for i, target in enumerate(self.targets):
            yield Reference(("targets", i, "condition"), target.condition, "conditions")
            yield from _evidence_refs(("targets", i, "evidence"), target.evidence)
        for i, mechanism in enumerate(self.acts_on):
            yield Reference(("acts_on", i), mechanism, "mechanisms")
        yield from _evidence_refs(("evidence",), self.evidence)


class RiskFactor(Strict):
    """Something that raises the risk of one or more conditions."""

    id: EntityId
    name: Text
    aliases: list[Text] = []
    description: Text
    raises_risk_of: Annotated[list[Target], Field(min_length=1)]
    xrefs: list[Curie] = []

    def references(self) -> Iterator["Reference"]:
        for i, target in enumerate(self.raises_risk_of):
            yield Reference(("raises_risk_of", i, "condition"), target.condition, "conditions")
            yield from _evidence_refs(("raises_risk_of", i, "evidence"), target.evidence)
