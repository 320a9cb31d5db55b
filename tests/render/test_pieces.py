"""The pieces every text layout shares: names, numbers, findings, evidence and tables."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from comorbidity_kb.model import Measure
from comorbidity_kb.render.pieces import (
    MEASURE_ABBREVIATION,
    counts_text,
    directions_table,
    evidence_cell,
    finding_text,
    interval,
    key_finding_cell,
    names,
    number,
    sources_table,
    via_text,
)

View = dict[str, Any]


class Recorder:
    """A Writer that keeps the tables it is asked for."""

    def __init__(self) -> None:
        self.tables: list[tuple[str, list[str], list[list[str]]]] = []

    def heading(self, text: str, sub: str = "") -> None:
        raise AssertionError("not expected")

    def para(self, text: str, style: str = "") -> None:
        raise AssertionError("not expected")

    def field(self, name: str, value: str) -> None:
        raise AssertionError("not expected")

    def table(self, title: str, columns: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        self.tables.append((title, list(columns), [list(r) for r in rows]))

    def blank(self) -> None:
        raise AssertionError("not expected")

    def plot(self, title: str, axis: str, rows: Sequence[tuple[str, str]]) -> None:
        raise AssertionError("not expected")


def finding(**fields: Any) -> View:
    base: View = {
        "measure": "odds-ratio",
        "value": 3.23,
        "unit": None,
        "ci": [1.52, 6.85],
        "studies": 6,
        "participants": None,
    }
    return base | fields


def test_names_joins_refs_or_shows_a_dash() -> None:
    assert names([{"name": "HPA axis"}, {"name": "Rumination"}]) == "HPA axis, Rumination"
    assert names([]) == "—"


@pytest.mark.parametrize(
    ("value", "text"),
    [(3.23, "3.23"), (0.5, "0.5"), (-19.0, "-19"), (2.0, "2"), (1e-7, "0"), (1234567.0, "1234567")],
)
def test_number_has_no_trailing_zeros_and_no_exponent(value: float, text: str) -> None:
    assert number(value) == text


def test_interval_uses_words_where_a_dash_reads_as_a_minus() -> None:
    assert interval(1.52, 6.85) == "1.52–6.85"
    assert interval(-22.0, -16.0) == "-22 to -16"
    assert interval(-0.5, 0.25) == "-0.5 to 0.25"


def test_finding_text_in_full() -> None:
    assert finding_text(finding()) == "OR 3.23, 95% CI 1.52–6.85, 6 studies"
    assert finding_text(finding(ci=None, studies=1)) == "OR 3.23, 1 study"
    assert finding_text(
        finding(
            measure="mean-difference",
            value=-19.0,
            unit="min",
            ci=[-22, -16],
            studies=None,
            participants=1162,
        )
    ) == ("MD -19 min, 95% CI -22 to -16, 1,162 people")
    assert finding_text(None) == ""
    assert finding_text({}) == ""


def test_counts_of_a_review_are_said_of_the_review() -> None:
    assert counts_text(finding(participants=500, counts="review")) == [
        "in a review of 6 studies and 500 people"
    ]
    assert counts_text(finding(studies=None, counts="review")) == []
    assert counts_text(finding(studies=None)) == []


def test_every_measure_has_an_abbreviation() -> None:
    assert set(MEASURE_ABBREVIATION) == {m.value for m in Measure}


def test_an_unknown_measure_is_an_error_not_a_guess() -> None:
    with pytest.raises(KeyError):
        finding_text(finding(measure="bogus"))


def test_key_finding_cell() -> None:
    d = {"key_finding": {"finding": finding(ci=None), "label": "Hertenstein et al. 2019"}}
    assert key_finding_cell(d) == "OR 3.23, 6 studies (Hertenstein et al. 2019)"
    assert key_finding_cell({}) == "—"
    assert key_finding_cell({"key_finding": None}) == "—"


def test_via_text() -> None:
    assert via_text(["sleep-disturbance"]) == " (via sleep-disturbance)"
    assert via_text(["a", "b"]) == " (via a, b)"
    assert via_text([]) == ""


def evidence(**fields: Any) -> View:
    base: View = {
        "label": "Baglioni et al. 2011",
        "kind": "meta-analysis",
        "stance": "supports",
        "verified": True,
        "locator": "table 2",
        "finding": None,
    }
    return base | fields


def test_evidence_cell_flags_stance_and_unverified_sources() -> None:
    assert evidence_cell([evidence()]) == "Baglioni et al. 2011 (meta-analysis) table 2"
    assert evidence_cell(
        [evidence(stance="contradicts", verified=False), evidence(finding=finding(ci=None))]
    ) == (
        "Baglioni et al. 2011 (meta-analysis, contradicts, unverified) table 2; "
        "Baglioni et al. 2011 (meta-analysis) table 2: OR 3.23, 6 studies"
    )
    assert evidence_cell([]) == ""


def test_directions_table_has_one_row_per_direction() -> None:
    out = Recorder()
    directions: list[View] = [
        {
            "from": "insomnia",
            "to": "anxiety",
            "effect": "increases-risk",
            "strength": "strong",
            "mechanisms": [{"name": "HPA axis"}],
            "evidence": [evidence()],
        },
        {
            "from": "sleep-disturbance",
            "to": "anxiety",
            "via": ["sleep-disturbance"],
            "effect": "worsens",
            "strength": "reported",
            "mechanisms": [],
            "evidence": [],
        },
    ]
    directions_table(out, "Links", directions)
    assert out.tables == [
        (
            "Links",
            ["direction", "effect", "strength", "mechanisms", "evidence"],
            [
                [
                    "insomnia → anxiety",
                    "increases-risk",
                    "strong",
                    "HPA axis",
                    "Baglioni et al. 2011 (meta-analysis) table 2",
                ],
                [
                    "sleep-disturbance → anxiety (via sleep-disturbance)",
                    "worsens",
                    "reported",
                    "—",
                    "",
                ],
            ],
        )
    ]


def test_sources_table_says_no_for_an_unverified_source() -> None:
    out = Recorder()
    sources = [
        {"id": "a", "label": "A 2001", "kinds": ["cohort", "rct"], "verified": True},
        {"id": "b", "label": "B 2002", "kinds": [], "verified": False},
    ]
    sources_table(out, sources)
    assert out.tables == [
        (
            "Sources",
            ["citation", "reference", "evidence kind", "verified"],
            [["a", "A 2001", "cohort, rct", "yes"], ["b", "B 2002", "", "NO"]],
        )
    ]
