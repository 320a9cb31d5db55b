"""kb links, path and treat as views: what is inherited is marked ``via`` the broader
condition; shared mechanisms come from the pair's own links; treatments are ranked on the
evidence for the conditions asked about."""

from __future__ import annotations

import itertools
from functools import cache
from typing import Any

import pytest
import yaml

from comorbidity_kb.kb.build import load_fresh
from comorbidity_kb.kb.knowledge import KnowledgeBase
from comorbidity_kb.model import EvidenceKind
from comorbidity_kb.views.relations import links_view, path_view, treat_view
from tests.conftest import DATA

RANK = {str(k): k.rank for k in EvidenceKind}


@pytest.fixture(scope="module")
def real() -> KnowledgeBase:
    return load_fresh(DATA)[0]


def links_yaml() -> list[dict[str, Any]]:
    return [yaml.safe_load(p.read_text()) for p in sorted((DATA / "links").glob("*.yaml"))]


@cache
def parents() -> dict[str, str | None]:
    docs = [yaml.safe_load(p.read_text()) for p in (DATA / "conditions").glob("*.yaml")]
    return {d["id"]: d.get("parent") for d in docs}


@cache
def lineage(condition: str) -> list[str]:
    up, out = parents(), [condition]
    while up[out[-1]]:
        out.append(str(up[out[-1]]))
    return out


def test_shared_mechanisms_are_those_of_the_pairs_own_and_inherited_links(
    real: KnowledgeBase,
) -> None:
    for a, b in [
        ("insomnia", "anxiety"),
        ("insomnia", "chronic-pain"),
        ("fibromyalgia", "anxiety"),
    ]:
        pair_links = [
            link
            for link in links_yaml()
            if {link["conditions"][0], link["conditions"][1]}
            in [{x, y} for x in lineage(a) for y in lineage(b)]
        ]
        want = {
            m for link in pair_links for d in link["directions"] for m in d.get("mechanisms", [])
        }
        got = [m["id"] for m in links_view(real, a, b)["shared_mechanisms"]]
        assert len(got) == len(set(got)) and set(got) == want, (a, b)
    # The case: pain amplification is no mechanism of insomnia and anxiety.
    shared = links_view(real, "insomnia", "anxiety")["shared_mechanisms"]
    assert "pain-amplification-by-negative-affect" not in {m["id"] for m in shared}


def test_inherited_directions_name_their_link_and_the_broader_conditions(
    real: KnowledgeBase,
) -> None:
    view = links_view(real, "insomnia", "fibromyalgia")
    marks = {(d["link"], d["from"], d["to"]): d["via"] for d in view["directions"]}
    assert marks[("sleep-disturbance--fibromyalgia", "sleep-disturbance", "fibromyalgia")] == [
        "sleep-disturbance"
    ]
    # stated for a broader condition of both: both named, in the direction's order
    assert marks[("sleep-disturbance--chronic-pain", "chronic-pain", "sleep-disturbance")] == [
        "chronic-pain",
        "sleep-disturbance",
    ]
    assert all("via_link" not in d for d in view["directions"])


def test_path_hops_mark_the_broader_condition_they_leave_from(real: KnowledgeBase) -> None:
    for p in path_view(real, "chronic-pain", "depression", 3)["paths"]:
        for hop in p["hops"]:
            assert isinstance(hop["via"], list)
            assert hop["via"] == [] or hop["via"][0] in lineage(hop["from"])[1:]


def test_paths_never_pass_through_the_hierarchy_of_their_ends(real: KnowledgeBase) -> None:
    up = parents()
    for a, b in itertools.permutations(sorted(up), 2):
        kin = {*lineage(a), *lineage(b)}
        kin |= {c for c in up if set(lineage(c)) & {a, b}}  # narrower conditions of either
        for p in path_view(real, a, b, 3)["paths"]:
            assert not set(p["nodes"][1:-1]) & kin, (a, b, p["nodes"])
    nodes = [p["nodes"] for p in path_view(real, "insomnia", "chronic-pain", 3)["paths"]]
    assert ["insomnia", "fibromyalgia", "sleep-disturbance", "chronic-pain"] not in nodes


def test_treat_ranks_and_reports_the_evidence_for_the_conditions_asked(
    real: KnowledgeBase,
) -> None:
    rows = treat_view(real, ["insomnia"])["interventions"]
    by_id = {r["id"]: r for r in rows}
    assert (
        by_id["mindfulness"]["best_evidence"] == "popular-article"
    )  # not its anxiety meta-analysis
    assert by_id["gentle-movement"]["matched"][0]["via"] == ["sleep-disturbance"]
    assert by_id["cbt-i"]["matched"][0]["via"] == []
    ranks = [RANK.get(r["best_evidence"] or "", 99) for r in rows]
    assert ranks == sorted(ranks)
    pair = {r["id"]: r for r in treat_view(real, ["insomnia", "anxiety"])["interventions"]}
    aims = {m["id"]: m["best_evidence"] for m in pair["mindfulness"]["matched"]}
    assert aims == {"insomnia": "popular-article", "anxiety": "meta-analysis"}
