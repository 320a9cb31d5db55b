"""kb show's view of a condition: each intervention with the evidence for that condition,
and what is inherited from a broader condition marked ``via`` it, as links are."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from comorbidity_kb.kb.build import load_fresh
from comorbidity_kb.kb.knowledge import KnowledgeBase
from comorbidity_kb.model import EvidenceKind
from comorbidity_kb.views.show import show_view
from tests.conftest import DATA

ORDER = sorted(EvidenceKind, key=lambda k: k.rank)  # strongest first


@pytest.fixture(scope="module")
def real() -> KnowledgeBase:
    return load_fresh(DATA)[0]


def yaml_of(kind: str, entity_id: str) -> dict[str, Any]:
    doc: dict[str, Any] = yaml.safe_load((DATA / kind / f"{entity_id}.yaml").read_text())
    return doc


def strongest(evidence: list[dict[str, Any]]) -> str:
    kinds = {e["kind"] for e in evidence if e.get("stance", "supports") == "supports"}
    return next(str(k) for k in ORDER if str(k) in (kinds or {e["kind"] for e in evidence}))


def test_best_evidence_on_a_page_is_for_that_condition_alone(real: KnowledgeBase) -> None:
    page = show_view(real, real.conditions["insomnia"])
    lineage = ["insomnia", "sleep-disturbance"]
    for row in page["interventions"]:
        targets = {t["condition"]: t for t in yaml_of("interventions", row["id"])["targets"]}
        aim = next(c for c in lineage if c in targets)
        assert row["best_evidence"] == strongest(targets[aim]["evidence"]), row["id"]
        assert row["via"] == ([] if aim == "insomnia" else [aim]), row["id"]
    by_id = {row["id"]: row for row in page["interventions"]}
    # The cases: a meta-analysis on anxiety and a review of chronic pain are not
    # evidence for insomnia.
    assert by_id["mindfulness"]["best_evidence"] == "popular-article"
    assert by_id["cognitive-behavioural-therapy"]["best_evidence"] == "popular-article"
    assert by_id["gentle-movement"]["via"] == ["sleep-disturbance"]


def test_inherited_links_are_marked_the_same_way(real: KnowledgeBase) -> None:
    page = show_view(real, real.conditions["insomnia"])
    marks = {link["link"]: link["via"] for link in page["links"]}
    assert marks["insomnia--anxiety"] == []
    assert marks["sleep-disturbance--chronic-pain"] == ["sleep-disturbance"]


def test_risk_factors_reached_through_a_broader_condition_are_marked(real: KnowledgeBase) -> None:
    page = show_view(real, real.conditions["insomnia"])
    marks = {r["id"]: r["via"] for r in page["risk_factors"]}
    assert marks["caffeine"] == ["sleep-disturbance"]  # it raises sleep disturbance
    assert marks["sleep-reactivity"] == []  # it is stated for insomnia itself
