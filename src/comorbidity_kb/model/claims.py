"""The one walk over every claim an entity makes and the evidence list behind it.

A claim is one evidence list: a condition's or mechanism's own evidence, one direction of a
link, one target of an intervention (and its evidence as a whole), one risk a risk factor
raises. The validator's evidence rules, ``kb stats`` and the views all walk claims here, so
they cannot disagree about what counts.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from comorbidity_kb.model.citation import Citation
from comorbidity_kb.model.entities import Condition, Intervention, Link, Mechanism, RiskFactor
from comorbidity_kb.model.evidence import Evidence

YamlPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Claim:
    """One evidence list: where it is in its file (``path``), what it claims, the items."""

    path: YamlPath
    statement: str
    evidence: list[Evidence]


def claims_of(
    entity: Condition | Mechanism | Link | Intervention | RiskFactor | Citation,
) -> Iterator[Claim]:
    """Every claim of ``entity`` that carries evidence, in file order."""
    if isinstance(entity, Condition) and entity.evidence:
        yield Claim(("evidence",), f"condition: {entity.name}", entity.evidence)
    elif isinstance(entity, Mechanism):
        yield Claim(("evidence",), f"mechanism: {entity.name}", entity.evidence)
    elif isinstance(entity, Link):
        for i, d in enumerate(entity.directions):
            yield Claim(
                ("directions", i, "evidence"),
                f"{d.source} → {d.target} ({d.effect})",
                d.evidence,
            )
    elif isinstance(entity, Intervention):
        yield Claim(("evidence",), f"intervention: {entity.name}", entity.evidence)
        for i, t in enumerate(entity.targets):
            yield Claim(
                ("targets", i, "evidence"), f"{entity.name} helps {t.condition}", t.evidence
            )
    elif isinstance(entity, RiskFactor):
        for i, r in enumerate(entity.raises_risk_of):
            yield Claim(
                ("raises_risk_of", i, "evidence"),
                f"{entity.name} raises the risk of {r.condition}",
                r.evidence,
            )
