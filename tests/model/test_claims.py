"""The one evidence walker: every claim of every kind, where it is, what it says, in file order."""

from __future__ import annotations

from typing import Any

import yaml

from comorbidity_kb.model import (
    Citation,
    Condition,
    Entity,
    Intervention,
    Link,
    Mechanism,
    RiskFactor,
)
from comorbidity_kb.model.claims import Claim, claims_of
from tests.conftest import VALID


def load(folder: str, name: str) -> Any:
    return yaml.safe_load((VALID / folder / f"{name}.yaml").read_text(encoding="utf-8"))


def summary(claims: list[Claim]) -> list[tuple[tuple[str | int, ...], str, list[str]]]:
    return [(c.path, c.statement, [e.citation for e in c.evidence]) for c in claims]


def test_a_link_makes_one_claim_per_direction() -> None:
    link = Link.model_validate(load("links", "insomnia--anxiety"))
    assert summary(list(claims_of(link))) == [
        (
            ("directions", 0, "evidence"),
            "insomnia → anxiety (increases-risk)",
            ["hertenstein-2019"],
        ),
        (("directions", 1, "evidence"), "anxiety → insomnia (worsens)", ["blog-post"]),
    ]


def test_an_intervention_claims_as_a_whole_then_per_target() -> None:
    cbt = Intervention.model_validate(load("interventions", "cbt-i"))
    name = "Cognitive behavioural therapy for insomnia"
    assert summary(list(claims_of(cbt))) == [
        (("evidence",), f"intervention: {name}", ["blog-post"]),
        (("targets", 0, "evidence"), f"{name} helps insomnia", ["blog-post"]),
    ]


def test_a_risk_factor_claims_once_per_risk_it_raises() -> None:
    caffeine = RiskFactor.model_validate(load("risk-factors", "caffeine"))
    assert summary(list(claims_of(caffeine))) == [
        (("raises_risk_of", 0, "evidence"), "Caffeine raises the risk of insomnia", ["blog-post"]),
    ]


def test_a_mechanism_claims_its_own_evidence() -> None:
    mechanism = Mechanism.model_validate(load("mechanisms", "hpa-axis-cortisol"))
    assert summary(list(claims_of(mechanism))) == [
        (("evidence",), "mechanism: HPA axis and cortisol", ["dressle-2022"]),
    ]


def test_a_condition_claims_only_when_it_has_evidence() -> None:
    data = load("conditions", "insomnia")
    assert list(claims_of(Condition.model_validate(data))) == []
    evidence = [{"citation": "blog-post", "locator": "s1", "kind": "popular-article"}]
    claims = list(claims_of(Condition.model_validate(data | {"evidence": evidence})))
    assert summary(claims) == [(("evidence",), "condition: Insomnia", ["blog-post"])]


def test_a_citation_makes_no_claim() -> None:
    citation = Citation.model_validate(load("citations", "dressle-2022"))
    assert list(claims_of(citation)) == []


def test_every_claim_of_the_fixture_knowledge_base_is_found() -> None:
    classes: dict[str, type[Entity]] = {
        "conditions": Condition,
        "mechanisms": Mechanism,
        "links": Link,
        "interventions": Intervention,
        "risk-factors": RiskFactor,
        "citations": Citation,
    }
    count = 0
    for folder, cls in classes.items():
        for path in sorted((VALID / folder).glob("*.yaml")):
            count += len(list(claims_of(cls.model_validate(load(folder, path.stem)))))
    # links: 2 + 1 directions; the mechanism: 1; cbt-i: 2; caffeine: 1; no condition or citation
    assert count == 7
