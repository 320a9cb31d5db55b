"""kb search, list and stats views: what they count and find."""

from __future__ import annotations

import yaml

from comorbidity_kb.kb.build import load_fresh
from comorbidity_kb.views.catalog import claims, list_view, search_view, stats_view
from tests.conftest import DATA, VALID


def evidence_lists_in_files() -> tuple[int, int]:
    """(evidence lists, evidence items) counted straight from the YAML, not through kb."""
    lists = items = 0

    def walk(value: object, key: str = "") -> None:
        nonlocal lists, items
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, str(k))
        elif isinstance(value, list):
            if key == "evidence":
                lists += 1
                items += len(value)
            for v in value:
                walk(v)

    for path in sorted(DATA.glob("*/*.yaml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return lists, items


def test_stats_counts_every_evidence_list_and_item() -> None:
    # The claims and items of kb stats are exactly the evidence lists and items in the
    # files: condition- and intervention-level evidence included (they were once missed).
    kb = load_fresh(DATA)[0]
    view = stats_view(kb)
    lists, items = evidence_lists_in_files()
    assert view["claims"] == lists == len(claims(kb))
    assert sum(view["evidence_items_by_kind"].values()) == items
    assert sum(view["claims_by_best_evidence"].values()) == lists


def test_condition_and_intervention_evidence_are_claims() -> None:
    kb = load_fresh(VALID)[0]
    statements = {statement for _, statement, _ in claims(kb)}
    intervention = next(iter(kb.interventions.values()))
    assert f"intervention: {intervention.name}" in statements
    for target in intervention.targets:
        assert f"{intervention.name} helps {target.condition}" in statements


def test_search_ranks_an_exact_name_first() -> None:
    kb = load_fresh(DATA)[0]
    hits = search_view(kb, "insomnia")["hits"]
    assert hits[0]["id"] == "insomnia" and hits[0]["matched"] == "name"


def test_a_list_for_a_condition_marks_what_it_reaches_through_a_broader_one() -> None:
    kb = load_fresh(DATA)[0]
    rows = {r["id"]: r for r in list_view(kb, "interventions", condition="insomnia")["items"]}
    assert rows["gentle-movement"]["via"] == ["sleep-disturbance"] and rows["cbt-i"]["via"] == []
    # the evidence that it helps insomnia, not a meta-analysis about anxiety
    assert rows["mindfulness"]["best_evidence"] == "popular-article"
    links = {r["id"]: r["via"] for r in list_view(kb, "links", condition="fibromyalgia")["items"]}
    assert links["sleep-disturbance--chronic-pain"] == ["chronic-pain"]
    assert links["sleep-disturbance--fibromyalgia"] == []
    risks = list_view(kb, "risk-factors", condition="sleep-deprivation")["items"]
    assert [(r["id"], r["via"]) for r in risks] == [
        ("caffeine", ["sleep-disturbance"]),
        ("trauma-or-chronic-stress", ["sleep-disturbance"]),
    ]
    assert all("via" not in r for r in list_view(kb, "interventions")["items"])
