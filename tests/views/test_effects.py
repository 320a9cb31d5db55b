"""kb effects: the findings about one condition, from its links both ways and its treatments."""

from __future__ import annotations

from pathlib import Path

from comorbidity_kb.kb.build import load_fresh
from comorbidity_kb.views.effects import effects_view

CBT_I_FINDING = """      - citation: dressle-2022
        locator: "abstract: results"
        kind: meta-analysis
        finding: {measure: hedges-g, value: 0.6, ci: [0.4, 0.8], studies: 9, pooled: true}
acts_on"""


def test_rows_come_from_directions_both_ways_and_from_treatments(valid_kb: Path) -> None:
    cbt_i = valid_kb / "interventions" / "cbt-i.yaml"
    cbt_i.write_text(cbt_i.read_text().replace("acts_on", CBT_I_FINDING, 1))
    kb = load_fresh(valid_kb)[0]
    rows = effects_view(kb, "insomnia")["rows"]
    assert [(r["group"], r["label"], r["via"]) for r in rows] == [
        ("direction", "insomnia → anxiety", []),
        ("treatment", "cbt-i → insomnia", []),
    ]
    assert rows[0]["evidence"]["finding"]["ci"] == [1.52, 6.85]
    assert rows[0]["strength"] == "strong" and rows[1]["strength"] is None
    # anxiety sees the same direction, from the other end
    assert [r["label"] for r in effects_view(kb, "anxiety")["rows"]] == ["insomnia → anxiety"]


def test_a_subtype_sees_its_parents_findings_marked_via(valid_kb: Path) -> None:
    link = valid_kb / "links" / "sleep-disturbance--chronic-pain.yaml"
    link.write_text(
        link.read_text()
        + """      - citation: hertenstein-2019
        locator: "abstract: results"
        kind: meta-analysis
        finding: {measure: odds-ratio, value: 2.0, ci: [1.2, 3.1], studies: 4, pooled: true}
"""
    )
    kb = load_fresh(valid_kb)[0]
    rows = effects_view(kb, "insomnia")["rows"]
    inherited = [r for r in rows if r["via"] == ["sleep-disturbance"]]
    assert [r["label"] for r in inherited] == ["sleep-disturbance → chronic-pain"]


def test_no_numbers_means_no_rows(valid_kb: Path) -> None:
    kb = load_fresh(valid_kb)[0]
    assert effects_view(kb, "chronic-pain")["rows"] == []
