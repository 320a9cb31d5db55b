"""The evidence behind every claim: which source, where in it, what kind, its stance, and
the number it reports (a finding), if any."""

# No `from __future__ import annotations`: see comorbidity_kb.model.entities.
from enum import StrEnum
from typing import Annotated

from pydantic import Field

from comorbidity_kb.model.base import Strict
from comorbidity_kb.model.fields import EntityId, Text


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


class Measure(StrEnum):
    """The effect measure of a finding."""

    ODDS_RATIO = "odds-ratio"
    RISK_RATIO = "risk-ratio"
    HAZARD_RATIO = "hazard-ratio"
    CORRELATION = "correlation"
    SMD = "smd"  # standardised mean difference (Cohen's d)
    HEDGES_G = "hedges-g"
    MEAN_DIFFERENCE = "mean-difference"
    PROPORTION = "proportion"

    @property
    def is_ratio(self) -> bool:
        """Ratios are positive and compared with 1 (no effect) on a log scale."""
        return self in (Measure.ODDS_RATIO, Measure.RISK_RATIO, Measure.HAZARD_RATIO)

    @property
    def no_effect(self) -> float | None:
        """The value that means no effect (None for a proportion, which has none)."""
        if self.is_ratio:
            return 1.0
        return None if self is Measure.PROPORTION else 0.0


class Counts(StrEnum):
    """What a finding's ``studies`` and ``participants`` count."""

    ESTIMATE = "estimate"  # the studies and people behind this very estimate
    REVIEW = "review"  # the whole review's: the source does not say how many are behind it


class Finding(Strict):
    """A number a source reports for the claim: the measure, its value and 95% interval,
    how many studies and participants, and for whom."""

    measure: Measure
    value: float
    ci: Annotated[list[float], Field(min_length=2, max_length=2)] | None = Field(
        default=None, description="The 95% confidence interval, [low, high]."
    )
    studies: Annotated[int, Field(ge=1)] | None = None
    participants: Annotated[int, Field(ge=1)] | None = None
    counts: Counts = Field(
        default=Counts.ESTIMATE,
        description="'review' when studies and participants are the whole review's, because "
        "the source does not say how many are behind this estimate.",
    )
    unit: Text | None = Field(default=None, description="The unit of a mean difference.")
    pooled: bool = Field(default=False, description="A meta-analysis' pooled estimate.")
    population: Text | None = Field(
        default=None, description="Who and what design, e.g. 'adults, follow-up ≥ 12 months'."
    )

    def excludes_no_effect(self) -> bool:
        """True when the whole 95% interval lies on one side of no effect."""
        null = self.measure.no_effect
        if null is None or self.ci is None:
            return False
        low, high = self.ci
        return low > null or high < null


class Evidence(Strict):
    """One source behind a claim: which citation, where in it, what kind, and its stance."""

    citation: EntityId
    locator: Text = Field(description="Where the source says it: section, table or page.")
    kind: EvidenceKind
    stance: Stance = Stance.SUPPORTS
    note: str | None = Field(default=None, description="The finding, in our own words.")
    finding: Finding | None = Field(
        default=None, description="The number behind the note, where the source gives one."
    )


EvidenceList = Annotated[list[Evidence], Field(min_length=1)]
