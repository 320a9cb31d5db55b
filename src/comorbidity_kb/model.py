"""The pydantic models of every kind of entity in the knowledge base.

Each model mirrors one YAML file shape. Unknown keys are rejected (``extra="forbid"``) so
that a misspelt field is an error, not silently lost data. Cross-entity rules (references,
duplicate ids, cycles) live in :mod:`comorbidity_kb.validate`; the models check only what a
single file can know.
"""

# No `from __future__ import annotations` here: with it, pydantic must eval() every field
# annotation string at import (about 15 ms on every `kb` run); without it they are objects.
import datetime as dt
import re
from collections.abc import Iterator
from enum import StrEnum
from typing import Annotated, Literal, NamedTuple

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
LINK_ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*--[a-z0-9]+(?:-[a-z0-9]+)*$"
DOI_PATTERN = r"^10\.\d{4,9}/\S+$"
PMID_PATTERN = r"^[1-9]\d{0,8}$"
PMCID_PATTERN = r"^PMC\d+$"
URL_PATTERN = r"^https?://\S+$"

# Local-id shape of every xref prefix we accept (see docs/data-model.md).
CURIE_SHAPES: dict[str, str] = {
    "MONDO": r"\d{7}",
    "DOID": r"\d+",
    "HP": r"\d{7}",
    "ICD10CM": r"[A-Z]\d{2}(?:\.[0-9A-Z]{1,4})?",
    "ICD11": r"[0-9A-Z]{4}(?:\.[0-9A-Z]{1,2})?(?:/[0-9A-Z.]+)?",
    "MESH": r"[CD]\d{6}(?:\d{3})?",
    "UBERON": r"\d{7}",
    "CHEBI": r"\d+",
    "GO": r"\d{7}",
    "MAXO": r"\d{7}",
    "NCIT": r"C\d+",
    "SNOMEDCT": r"\d{6,18}",
}


def check_curie(value: str) -> str:
    """Return ``value`` if it is a CURIE with a known prefix and a well-formed local id."""
    prefix, sep, local = value.partition(":")
    if not sep:
        raise ValueError(f"'{value}' is not a CURIE: write it as PREFIX:ID, e.g. MONDO:0013600")
    if prefix not in CURIE_SHAPES:
        known = ", ".join(CURIE_SHAPES)
        raise ValueError(f"unknown xref prefix '{prefix}'; known prefixes: {known}")
    if not re.fullmatch(CURIE_SHAPES[prefix], local):
        raise ValueError(
            f"'{value}' does not have the shape of a {prefix} id ({prefix}:{CURIE_SHAPES[prefix]})"
        )
    return value


CURIE_PATTERN = "^(?:" + "|".join(f"{p}:{shape}" for p, shape in CURIE_SHAPES.items()) + ")$"
Curie = Annotated[
    str,
    AfterValidator(check_curie),
    WithJsonSchema({"type": "string", "pattern": CURIE_PATTERN}),
]
EntityId = Annotated[str, Field(pattern=ID_PATTERN)]
Text = Annotated[str, Field(min_length=1)]


def _number_as_text(value: object) -> object:
    # YAML reads `volume: 135` as an int; bibliographic numbers are text (e.g. "1-3", "e12710").
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


NumberText = Annotated[
    str,
    BeforeValidator(_number_as_text),
    Field(min_length=1),
    WithJsonSchema({"anyOf": [{"type": "string", "minLength": 1}, {"type": "integer"}]}),
]
PmidText = Annotated[
    str,
    BeforeValidator(_number_as_text),
    Field(pattern=PMID_PATTERN),
    WithJsonSchema({"anyOf": [{"type": "string", "pattern": PMID_PATTERN}, {"type": "integer"}]}),
]


class Strict(BaseModel):
    """Base of every model: unknown keys are errors; instances are immutable."""

    # defer_build: validators are built on first use, so commands served from the cache
    # never pay for building them at import.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    def references(self) -> Iterator["Reference"]:
        """Every id this entity points at, with where (YAML path) and what kind it must be."""
        return iter(())


class Reference(NamedTuple):
    """One pointer from an entity to another: ``path`` is the YAML path of the id."""

    path: tuple[str | int, ...]
    target: str
    kind: str


def _evidence_refs(prefix: tuple[str | int, ...], items: "list[Evidence]") -> Iterator[Reference]:
    for i, item in enumerate(items):
        yield Reference((*prefix, i, "citation"), item.citation, "citations")


class EvidenceKind(StrEnum):
    """How strong a kind of source is, strongest first (the order grades claims)."""

    META_ANALYSIS = "meta-analysis"
    SYSTEMATIC_REVIEW = "systematic-review"
    GUIDELINE = "guideline"
    REVIEW = "review"
    COHORT = "cohort"
    EXPERIMENT = "experiment"
    EXPERT_OPINION = "expert-opinion"
    POPULAR_ARTICLE = "popular-article"

    @property
    def rank(self) -> int:
        """0 for the strongest kind; higher is weaker."""
        return list(EvidenceKind).index(self)


class Stance(StrEnum):
    """What a piece of evidence does to the claim it is attached to."""

    SUPPORTS = "supports"
    QUALIFIES = "qualifies"
    CONTRADICTS = "contradicts"


class Evidence(Strict):
    """One source behind a claim: which citation, where in it, what kind, and its stance."""

    citation: EntityId
    locator: Text = Field(description="Where the source says it: section, table or page.")
    kind: EvidenceKind
    stance: Stance = Stance.SUPPORTS
    note: str | None = Field(default=None, description="The finding, in our own words.")


EvidenceList = Annotated[list[Evidence], Field(min_length=1)]


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
    """How strong the effect of one direction is, as its sources describe it."""

    STRONG = "strong"
    MODERATE = "moderate"
    WEAK = "weak"
    UNCLEAR = "unclear"


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


class CitationType(StrEnum):
    JOURNAL_ARTICLE = "journal-article"
    WEB_ARTICLE = "web-article"
    BOOK = "book"
    REPORT = "report"


class Author(Strict):
    """A person (family and given names) or an organisation (literal)."""

    family: Text | None = None
    given: Text | None = None
    literal: Text | None = None

    @model_validator(mode="after")
    def _one_form(self) -> "Author":
        if self.literal is None and self.family is None:
            raise ValueError("an author needs 'family' (with 'given') or 'literal'")
        if self.literal is not None and (self.family or self.given):
            raise ValueError("an author has either 'literal' or 'family'/'given', not both")
        return self

    def display(self) -> str:
        """The name as a reader sees it: 'Family, Given' or the literal."""
        if self.literal:
            return self.literal
        return f"{self.family}, {self.given}" if self.given else str(self.family)


class Citation(Strict):
    """A source. ``verified: false`` marks a record that could not be confirmed as listed."""

    model_config = ConfigDict(populate_by_name=True)

    id: EntityId
    type: CitationType
    title: Text
    authors: list[Author] = []
    year: Annotated[int, Field(ge=1800, le=2100)] | None = None
    date: dt.date | None = None
    container: Text | None = Field(default=None, description="Journal or site name.")
    volume: NumberText | None = None
    issue: NumberText | None = None
    pages: NumberText | None = None
    doi: Annotated[str, Field(pattern=DOI_PATTERN)] | None = None
    pmid: PmidText | None = None
    pmcid: Annotated[str, Field(pattern=PMCID_PATTERN)] | None = None
    url: Annotated[str, Field(pattern=URL_PATTERN)] | None = None
    publisher: Text | None = None
    accessed: dt.date | None = None
    note: str | None = None
    verified: bool
    references_: list[EntityId] = Field(
        default=[],
        alias="references",
        description="Citation ids this source itself lists as its references.",
    )

    def references(self) -> Iterator["Reference"]:
        for i, cited in enumerate(self.references_):
            yield Reference(("references", i), cited, "citations")

    @field_validator("verified")
    @classmethod
    def _unverified_has_note(cls, verified: bool, info: ValidationInfo) -> bool:
        if not verified and not info.data.get("note"):
            raise ValueError(
                "an unverified citation needs a 'note' saying what could not be confirmed"
            )
        return verified

    @field_validator("date")
    @classmethod
    def _date_matches_year(cls, value: dt.date | None, info: ValidationInfo) -> dt.date | None:
        year = info.data.get("year")
        if value and year and value.year != year:
            raise ValueError(f"'date' {value} disagrees with 'year' {year}")
        return value


Kind = Literal["conditions", "mechanisms", "links", "interventions", "risk-factors", "citations"]

MODELS: dict[str, type[Strict]] = {
    "conditions": Condition,
    "mechanisms": Mechanism,
    "links": Link,
    "interventions": Intervention,
    "risk-factors": RiskFactor,
    "citations": Citation,
}
KINDS: tuple[str, ...] = tuple(MODELS)
KIND_SINGULAR: dict[str, str] = {
    "conditions": "condition",
    "mechanisms": "mechanism",
    "links": "link",
    "interventions": "intervention",
    "risk-factors": "risk factor",
    "citations": "citation",
}

Entity = Condition | Mechanism | Link | Intervention | RiskFactor | Citation
