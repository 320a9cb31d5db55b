"""Evidence rules: a finding's numbers hang together, and a direction's strength is earned
by its evidence (docs/evidence-grading.md)."""

from __future__ import annotations

from collections.abc import Callable

from comorbidity_kb import rules
from comorbidity_kb.check.context import Context
from comorbidity_kb.model import Finding, Link, Measure
from comorbidity_kb.model.claims import claims_of
from comorbidity_kb.model.grading import is_earned, support

# What values a measure can take, and how to say so.
RANGES: dict[Measure, tuple[Callable[[float], bool], str]] = {
    Measure.ODDS_RATIO: (lambda n: n > 0, "an odds ratio is positive (1 is no effect)"),
    Measure.RISK_RATIO: (lambda n: n > 0, "a risk ratio is positive (1 is no effect)"),
    Measure.HAZARD_RATIO: (lambda n: n > 0, "a hazard ratio is positive (1 is no effect)"),
    Measure.CORRELATION: (lambda n: -1 <= n <= 1, "a correlation lies between -1 and 1"),
    Measure.PROPORTION: (lambda n: 0 <= n <= 1, "a proportion lies between 0 and 1"),
}

# What each strength needs, for the message that refuses it.
NEEDS = {
    "strong": "a meta-analysis or systematic review (verified journal article) with a pooled "
    "finding whose 95% interval excludes no effect",
    "moderate": "a verified journal article that tests it (meta-analysis, systematic review, "
    "cohort, experiment) or a guideline",
    "weak": "a verified journal article",
}


def check_findings(ctx: Context) -> None:
    """finding-interval, finding-range, finding-studies and finding-unit, item by item."""
    for entity in ctx.entities():
        for claim in claims_of(entity):
            for i, item in enumerate(claim.evidence):
                if item.finding is None:
                    continue
                where = (*claim.path, i, "finding")
                for rule, field, message in finding_problems(item.finding):
                    ctx.report(entity, (*where, field), message, rule)


def finding_problems(f: Finding) -> list[tuple[str, str, str]]:
    """(rule, field, message) for each way the finding's numbers do not hang together."""
    out = []
    if f.ci is not None and not f.ci[0] <= f.value <= f.ci[1]:
        out.append(
            (
                rules.FINDING_INTERVAL,
                "ci",
                f"the 95% interval {f.ci[0]}–{f.ci[1]} does not contain the value {f.value}; "
                "write it as [low, high] around the value",
            )
        )
    numbers = [f.value, *(f.ci or [])]
    allowed = RANGES.get(f.measure)
    if allowed is not None and not all(allowed[0](n) for n in numbers):
        message = f"{allowed[1]}; not {', '.join(map(str, numbers))}"
        out.append((rules.FINDING_RANGE, "value", message))
    if f.pooled and f.studies is None:
        message = "a pooled finding names how many studies it pools: add studies: N"
        out.append((rules.FINDING_STUDIES, "pooled", message))
    if f.measure is Measure.MEAN_DIFFERENCE and f.unit is None:
        message = "a mean difference needs its unit (unit: minutes, points on a 0–10 scale, …)"
        out.append((rules.FINDING_UNIT, "measure", message))
    return out


def check_strengths(ctx: Context) -> None:
    """strength-unearned: a direction claims more than its evidence earns."""
    for link in ctx.entities():
        if not isinstance(link, Link):
            continue
        for i, d in enumerate(link.directions):
            earned = support(d.evidence, ctx.citations).earned
            if is_earned(d.strength, earned):
                continue
            message = (
                f"{d.source} → {d.target} is '{d.strength}' but its evidence earns "
                f"'{earned}': '{d.strength}' needs {NEEDS[d.strength]} "
                "(docs/evidence-grading.md); lower it, or add that evidence"
            )
            ctx.report(link, ("directions", i, "strength"), message, rules.STRENGTH_UNEARNED)
