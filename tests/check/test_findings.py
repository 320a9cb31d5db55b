"""The finding rules and the strength rule, on findings and folders made for the purpose."""

from __future__ import annotations

from pathlib import Path

import pytest

from comorbidity_kb import rules
from comorbidity_kb.check.findings import finding_problems
from comorbidity_kb.check.validate import validate_path
from comorbidity_kb.model import Finding


def problems(**finding: object) -> list[str]:
    return [rule for rule, _, _ in finding_problems(Finding.model_validate(finding))]


def test_a_consistent_finding_has_no_problem() -> None:
    assert problems(measure="odds-ratio", value=2.6, ci=[1.98, 3.42], studies=21, pooled=True) == []
    assert problems(measure="mean-difference", value=-19, ci=[-25, -13], unit="minutes") == []
    assert problems(measure="correlation", value=-1.0) == []
    assert problems(measure="proportion", value=0.0, ci=[0.0, 0.1]) == []


@pytest.mark.parametrize(
    ("finding", "rule"),
    [
        ({"measure": "odds-ratio", "value": 3.23, "ci": [4.1, 6.85]}, rules.FINDING_INTERVAL),
        ({"measure": "odds-ratio", "value": 3.23, "ci": [1.0, 3.0]}, rules.FINDING_INTERVAL),
        ({"measure": "smd", "value": 0.5, "ci": [0.8, 0.2]}, rules.FINDING_INTERVAL),
        ({"measure": "odds-ratio", "value": 0.0}, rules.FINDING_RANGE),
        ({"measure": "hazard-ratio", "value": 0.5, "ci": [-0.1, 0.9]}, rules.FINDING_RANGE),
        ({"measure": "risk-ratio", "value": -2.0}, rules.FINDING_RANGE),
        ({"measure": "correlation", "value": 1.2}, rules.FINDING_RANGE),
        ({"measure": "proportion", "value": 1.5}, rules.FINDING_RANGE),
        ({"measure": "odds-ratio", "value": 2.0, "pooled": True}, rules.FINDING_STUDIES),
        ({"measure": "mean-difference", "value": -19.0}, rules.FINDING_UNIT),
    ],
)
def test_each_inconsistency_is_its_rule(finding: dict[str, object], rule: str) -> None:
    assert problems(**finding) == [rule]


def test_a_ratio_at_the_edge_of_its_interval_is_inside() -> None:
    assert problems(measure="odds-ratio", value=1.52, ci=[1.52, 6.85]) == []


LINK = """id: anxiety--chronic-pain
conditions: [anxiety, chronic-pain]
directions:
  - from: anxiety
    to: chronic-pain
    effect: worsens
    strength: {strength}
    description: x
    evidence:
      - citation: hertenstein-2019
        locator: "abstract: results"
        kind: meta-analysis
        finding: {finding}
"""


@pytest.mark.parametrize(
    ("strength", "finding", "unearned"),
    [
        (
            "strong",
            "{measure: odds-ratio, value: 3.2, ci: [1.5, 6.9], studies: 6, pooled: true}",
            False,
        ),
        (
            "strong",
            "{measure: odds-ratio, value: 3.2, ci: [0.9, 6.9], studies: 6, pooled: true}",
            True,
        ),
        ("strong", "{measure: odds-ratio, value: 3.2, studies: 6, pooled: true}", True),
        ("moderate", "{measure: odds-ratio, value: 3.2, studies: 6, pooled: true}", False),
        ("unclear", "{measure: odds-ratio, value: 3.2, studies: 6, pooled: true}", False),
    ],
)
def test_strength_is_checked_against_the_evidence(
    valid_kb: Path, strength: str, finding: str, unearned: bool
) -> None:
    text = LINK.replace("{strength}", strength).replace("{finding}", finding)
    (valid_kb / "links" / "anxiety--chronic-pain.yaml").write_text(text, encoding="utf-8")
    found = [d for d in validate_path(valid_kb).diagnostics if d.rule == rules.STRENGTH_UNEARNED]
    assert bool(found) is unearned
    if unearned:
        (d,) = found
        assert (d.path.endswith("anxiety--chronic-pain.yaml"), d.line) == (True, 7)
        assert "earns 'moderate'" in d.message and "docs/evidence-grading.md" in d.message
