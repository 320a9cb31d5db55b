"""Evidence items and their findings: what a finding's interval says about no effect."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from comorbidity_kb.model import Evidence, Finding, Measure

POOLED = {"measure": "odds-ratio", "value": 2.6, "ci": [1.98, 3.42], "studies": 21, "pooled": True}


@pytest.mark.parametrize(
    ("finding", "excludes"),
    [
        (POOLED, True),
        ({**POOLED, "value": 0.5, "ci": [0.3, 0.8]}, True),
        ({**POOLED, "ci": [1.0, 3.0]}, False),  # touching no effect is not excluding it
        ({"measure": "smd", "value": 0.5, "ci": [0.2, 0.8]}, True),
        ({"measure": "smd", "value": 0.1, "ci": [-0.1, 0.3]}, False),
        ({"measure": "proportion", "value": 0.3, "ci": [0.2, 0.4]}, False),  # no null
    ],
)
def test_an_interval_excludes_no_effect(finding: dict[str, object], excludes: bool) -> None:
    assert Finding.model_validate(finding).excludes_no_effect() is excludes


@pytest.mark.parametrize(
    ("measure", "ratio", "null"),
    [
        (Measure.ODDS_RATIO, True, 1.0),
        (Measure.HAZARD_RATIO, True, 1.0),
        (Measure.SMD, False, 0.0),
        (Measure.CORRELATION, False, 0.0),
        (Measure.PROPORTION, False, None),
    ],
)
def test_each_measure_knows_its_no_effect(
    measure: Measure, ratio: bool, null: float | None
) -> None:
    assert (measure.is_ratio, measure.no_effect) == (ratio, null)


def test_a_finding_is_part_of_an_evidence_item_and_checked_as_one() -> None:
    item = Evidence.model_validate(
        {"citation": "x", "locator": "abstract", "kind": "meta-analysis", "finding": POOLED}
    )
    assert item.finding is not None and item.finding.ci == [1.98, 3.42]
    with pytest.raises(ValidationError):
        Finding.model_validate({**POOLED, "ci": [1.0]})  # an interval has two ends
    with pytest.raises(ValidationError):
        Finding.model_validate({**POOLED, "studies": 0})
