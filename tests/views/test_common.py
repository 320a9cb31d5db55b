"""The pieces every view is made of: labels, evidence items, findings, directions, the
evidence behind an entity and 'did you mean'."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from comorbidity_kb.kb.build import load_fresh
from comorbidity_kb.kb.knowledge import KnowledgeBase
from comorbidity_kb.model import Citation, Evidence, Finding, Link, Target
from comorbidity_kb.views.common import (
    best_kind,
    citation_label,
    citations_behind,
    condition_hops,
    direction_view,
    evidence_behind,
    evidence_view,
    finding_view,
    key_finding,
    label,
    nearest_target,
    not_found_message,
    ref,
    sources_view,
    suggestions,
    via_of,
)


@pytest.fixture
def kb(valid_kb: Path) -> KnowledgeBase:
    return load_fresh(valid_kb)[0]


def cite(**fields: Any) -> Citation:
    base: dict[str, Any] = {"id": "x", "type": "report", "title": "T", "verified": True}
    return Citation.model_validate(base | fields)


def ev(citation: str = "blog-post", kind: str = "review", **fields: Any) -> Evidence:
    return Evidence.model_validate({"citation": citation, "locator": "p. 1", "kind": kind} | fields)


def test_label_and_ref(kb: KnowledgeBase) -> None:
    assert label(kb, "insomnia") == "Insomnia"
    assert label(kb, "blog-post") == "Sleep & worry: a test post"
    assert label(kb, "insomnia--anxiety") == "insomnia--anxiety"  # a link has no name
    assert label(kb, "nobody") == "nobody"
    assert ref(kb, "hpa-axis-cortisol") == {
        "id": "hpa-axis-cortisol",
        "name": "HPA axis and cortisol",
    }


@pytest.mark.parametrize(
    ("fields", "shown"),
    [
        ({"authors": [{"family": "Baglioni", "given": "C."}], "year": 2011}, "Baglioni 2011"),
        (
            {"authors": [{"family": "A", "given": "B"}, {"literal": "WHO"}], "year": 2011},
            "A & WHO 2011",
        ),
        (
            {"authors": [{"family": "A"}, {"family": "B"}, {"family": "C"}], "year": 2020},
            "A et al. 2020",
        ),
        ({"container": "Heartfelt Connections"}, "Heartfelt Connections n.d."),
        ({"publisher": "NICE", "year": 2015}, "NICE 2015"),
        ({"title": "One two three four five"}, "One two three four five n.d."),
        ({"title": "One two three four five: six seven"}, "One two three four five … n.d."),
        ({"title": "One two three four, five six"}, "One two three four, five … n.d."),
    ],
)
def test_citation_label(fields: dict[str, Any], shown: str) -> None:
    assert citation_label(cite(**fields)) == shown


def test_evidence_view_and_its_finding(kb: KnowledgeBase) -> None:
    item = kb.links["insomnia--anxiety"].directions[0].evidence[0]
    assert evidence_view(kb, item) == {
        "citation": "hertenstein-2019",
        "label": "Hertenstein & Feige 2019",
        "locator": "abstract: results",
        "kind": "meta-analysis",
        "stance": "supports",
        "note": "Insomnia predicted later anxiety.",
        "verified": True,
        "finding": {
            "measure": "odds-ratio",
            "value": 3.23,
            "ci": [1.52, 6.85],
            "studies": 6,
            "participants": None,
            "counts": "estimate",
            "unit": None,
            "pooled": True,
            "population": None,
        },
    }


def test_evidence_of_a_missing_citation_is_labelled_by_id_and_unverified(
    kb: KnowledgeBase,
) -> None:
    view = evidence_view(kb, ev("gone-2000"))
    assert (view["label"], view["verified"], view["finding"]) == ("gone-2000", False, None)


def test_finding_view_without_an_interval() -> None:
    f = Finding.model_validate({"measure": "proportion", "value": 0.3, "counts": "review"})
    view = finding_view(f)
    assert view["ci"] is None
    assert (view["measure"], view["counts"], view["pooled"]) == ("proportion", "review", False)


def finding(pooled: bool) -> dict[str, Any]:
    return {"measure": "odds-ratio", "value": 2.0, "pooled": pooled}


def test_key_finding_prefers_pooled_then_the_strongest_kind(kb: KnowledgeBase) -> None:
    single = ev("dressle-2022", "meta-analysis", finding=finding(False))
    pooled = ev("blog-post", "cohort", finding=finding(True))
    contra = ev("hertenstein-2019", "meta-analysis", stance="contradicts", finding=finding(True))
    plain = ev("hertenstein-2019", "meta-analysis")
    best = key_finding(kb, [plain, contra, single, pooled])
    assert best is not None and best["citation"] == "blog-post"
    best = key_finding(kb, [ev("blog-post", "cohort", finding=finding(False)), single])
    assert best is not None and best["citation"] == "dressle-2022"
    assert key_finding(kb, [plain, contra]) is None
    assert key_finding(kb, []) is None


def test_best_kind_prefers_supporting_evidence() -> None:
    assert best_kind([ev(kind="cohort"), ev(kind="meta-analysis")]) == "meta-analysis"
    assert best_kind([ev(kind="cohort"), ev(kind="meta-analysis", stance="contradicts")]) == (
        "cohort"
    )
    assert best_kind([ev(kind="cohort", stance="qualifies")]) == "cohort"
    assert best_kind([]) is None


def test_via_of_names_the_broader_conditions_in_their_own_order() -> None:
    assert via_of(["sleep-disturbance", "insomnia"], {"insomnia"}) == ["sleep-disturbance"]
    assert via_of(["insomnia", "anxiety"], ["insomnia", "anxiety"]) == []


def test_nearest_target_walks_up_the_lineage(kb: KnowledgeBase) -> None:
    on = [
        Target.model_validate({"condition": c, "evidence": [ev().model_dump()]})
        for c in ("sleep-disturbance", "anxiety")
    ]
    found = nearest_target(kb, on, "insomnia")
    assert found is not None and found.condition == "sleep-disturbance"
    own = nearest_target(kb, [*on, on[0].model_copy(update={"condition": "insomnia"})], "insomnia")
    assert own is not None and own.condition == "insomnia"
    assert nearest_target(kb, on, "chronic-pain") is None


def test_direction_view(kb: KnowledgeBase) -> None:
    d = kb.links["insomnia--anxiety"].directions[0]
    view = direction_view(kb, d)
    assert "via" not in view
    assert view["mechanisms"] == [{"id": "hpa-axis-cortisol", "name": "HPA axis and cortisol"}]
    assert (view["from"], view["to"], view["effect"], view["strength"]) == (
        "insomnia",
        "anxiety",
        "increases-risk",
        "strong",
    )
    assert view["description"] == "Insomnia raises the later risk of anxiety."
    assert view["best_evidence"] == "meta-analysis"
    assert view["key_finding"]["citation"] == "hertenstein-2019"
    assert [e["citation"] for e in view["evidence"]] == ["hertenstein-2019"]
    assert direction_view(kb, d, via=["sleep-disturbance"])["via"] == ["sleep-disturbance"]
    assert direction_view(kb, d, via=[])["via"] == []


def test_suggestions_and_not_found(kb: KnowledgeBase) -> None:
    assert suggestions(kb, "INSOMINA") == ["insomnia"]
    assert suggestions(kb, "sleeplesness") == ["insomnia"]
    assert suggestions(kb, "qqqqqqqq") == []
    assert not_found_message(kb, "anxeity") == "nothing called 'anxeity'; did you mean 'anxiety'?"
    assert not_found_message(kb, "qqqqqqqq") == (
        "nothing called 'qqqqqqqq'; try `kb search` or `kb list conditions`"
    )


def test_the_evidence_behind_a_condition_includes_what_it_inherits(kb: KnowledgeBase) -> None:
    insomnia = kb.get("insomnia")
    assert insomnia is not None
    # its links, the mechanism on one, the link of sleep-disturbance, cbt-i and caffeine
    assert [e.citation for e in evidence_behind(kb, insomnia)] == [
        "hertenstein-2019",
        "dressle-2022",
        "blog-post",
        "blog-post",
        "blog-post",
        "blog-post",
    ]
    assert citations_behind(kb, insomnia) == ["blog-post", "dressle-2022", "hertenstein-2019"]


def test_the_evidence_behind_a_link_includes_its_mechanisms(kb: KnowledgeBase) -> None:
    link = kb.get("insomnia--anxiety")
    assert isinstance(link, Link)
    assert [e.citation for e in evidence_behind(kb, link)] == [
        "hertenstein-2019",
        "dressle-2022",
        "blog-post",
    ]


def test_the_evidence_behind_other_kinds_is_their_claims(kb: KnowledgeBase) -> None:
    cbt = kb.get("cbt-i")
    assert cbt is not None
    assert [e.citation for e in evidence_behind(kb, cbt)] == ["blog-post", "blog-post"]
    citation = kb.get("dressle-2022")
    assert citation is not None
    assert evidence_behind(kb, citation) == []
    assert citations_behind(kb, citation) == ["dressle-2022"]


def test_sources_view(kb: KnowledgeBase) -> None:
    items = [ev("blog-post", "popular-article"), ev("blog-post", "cohort"), ev("gone-2000")]
    assert sources_view(kb, items) == [
        {
            "id": "blog-post",
            "label": "Müller 2024",
            "title": "Sleep & worry: a test post",
            "kinds": ["cohort", "popular-article"],
            "verified": True,
        },
        {
            "id": "gone-2000",
            "label": "gone-2000",
            "title": None,
            "kinds": ["review"],
            "verified": False,
        },
    ]


def test_condition_hops_are_its_own_then_its_broader_ones(kb: KnowledgeBase) -> None:
    hops = condition_hops(kb, "insomnia")
    assert [(h.link.id, h.direction.source, h.direction.target) for h in hops] == [
        ("insomnia--anxiety", "insomnia", "anxiety"),
        ("insomnia--anxiety", "anxiety", "insomnia"),
        ("sleep-disturbance--chronic-pain", "sleep-disturbance", "chronic-pain"),
    ]
    assert condition_hops(kb, "anxiety")[0].link.id == "insomnia--anxiety"
    assert len(condition_hops(kb, "anxiety")) == 2
