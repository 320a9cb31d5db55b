"""The query commands through the CLI: answers, JSON shapes, errors and exit codes."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import DATA, ROOT, VALID, Run

ESCAPE = re.compile(r"\x1b\[")


def as_json(kb: Run, *args: str) -> dict[str, Any]:
    result = kb(*args, "--json", "--data", str(DATA))
    assert result.code == 0, result
    view: dict[str, Any] = json.loads(result.out)
    return view


# -- kb show ------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["insomnia", "INSOMNIA", "Insomnia", "sleeplessness"])
def test_show_finds_a_condition_by_id_name_or_alias_in_any_case(kb: Run, name: str) -> None:
    view = as_json(kb, "show", name)
    assert view["id"] == "insomnia" and view["kind"] == "condition"


def test_show_condition_has_links_both_ways_treatments_risks_xrefs_sources(kb: Run) -> None:
    view = as_json(kb, "show", "insomnia")
    pairs = {(d["from"], d["to"]) for link in view["links"] for d in link["directions"]}
    assert {("insomnia", "anxiety"), ("anxiety", "insomnia")} <= pairs
    # the sleep-pain cycle is stated for sleep disturbance; insomnia inherits it, marked so
    inherited = [x for x in view["links"] if x["via"] == ["sleep-disturbance"]]
    assert any(x["link"] == "sleep-disturbance--chronic-pain" for x in inherited)
    assert "cbt-i" in {i["id"] for i in view["interventions"]}
    assert "caffeine" in {r["id"] for r in view["risk_factors"]}
    assert "MONDO:0013600" in view["xrefs"]
    kinds = {k for s in view["sources"] for k in s["kinds"]}
    assert {"meta-analysis", "popular-article"} <= kinds


def test_show_text_names_the_evidence_kind(kb: Run) -> None:
    result = kb("show", "insomnia", "--data", str(DATA))
    assert result.code == 0
    assert "meta-analysis" in result.out and "popular-article" in result.out
    assert "Cognitive behavioural therapy for insomnia" in result.out


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("CBT-I", "intervention"),
        ("cortisol", "mechanism"),
        ("hpa-axis-cortisol", "mechanism"),
        ("insomnia--anxiety", "link"),
        ("caffeine", "risk factor"),
        ("trauer-2015", "citation"),
    ],
)
def test_show_every_kind(kb: Run, name: str, kind: str) -> None:
    assert as_json(kb, "show", name)["kind"] == kind


def test_show_mechanism_lists_the_directions_it_mediates(kb: Run) -> None:
    view = as_json(kb, "show", "hpa-axis-cortisol")
    assert any(m["link"] == "insomnia--anxiety" for m in view["mediates"])
    assert any(p["xref"] == "CHEBI:17650" for p in view["involves"])


def test_show_unknown_suggests_and_exits_1(kb: Run) -> None:
    result = kb("show", "insomnai", "--data", str(DATA))
    assert result.code == 1
    assert "did you mean 'insomnia'" in result.err
    assert result.out == ""
    assert result.err.count("'") <= 2 * 3 + 2  # at most three suggestions


def test_show_gibberish_gives_no_suggestion_but_a_way_on(kb: Run) -> None:
    result = kb("show", "qqqzzzxxx", "--data", str(DATA))
    assert result.code == 1 and "kb search" in result.err


def test_no_color_pipe_has_no_escape_codes() -> None:
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run(
        [sys.executable, "-m", "comorbidity_kb", "show", "insomnia", "--data", str(DATA)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert "Insomnia" in proc.stdout
    assert not ESCAPE.search(proc.stdout)


# -- kb links -----------------------------------------------------------------------------
def test_links_gives_both_directions_with_mechanisms_and_evidence(kb: Run) -> None:
    view = as_json(kb, "links", "insomnia", "anxiety")
    assert view["a"] == "insomnia" and view["b"] == "anxiety" and view["direct"]
    direct = [d for d in view["directions"] if not d["via"]]
    assert [(d["from"], d["to"]) for d in direct] == [
        ("insomnia", "anxiety"),
        ("anxiety", "insomnia"),
    ]
    for d in direct:
        assert {"effect", "strength", "mechanisms", "evidence"} <= d.keys()
        assert d["mechanisms"] and all({"id", "name"} <= m.keys() for m in d["mechanisms"])
        assert d["evidence"] and all(
            {"citation", "locator", "kind"} <= e.keys() for e in d["evidence"]
        )
    assert isinstance(view["shared_mechanisms"], list) and view["paths"] == []


def test_links_shows_the_asymmetry_of_the_sleep_pain_cycle(kb: Run) -> None:
    view = as_json(kb, "links", "sleep-disturbance", "chronic-pain")
    strength = {(d["from"], d["to"]): d["strength"] for d in view["directions"]}
    order = ["weak", "unclear", "moderate", "strong"]
    assert order.index(strength[("sleep-disturbance", "chronic-pain")]) > order.index(
        strength[("chronic-pain", "sleep-disturbance")]
    )


def test_links_without_a_direct_link_says_so_and_shows_paths(kb: Run) -> None:
    view = as_json(kb, "links", "insomnia", "chronic-pain")
    assert view["direct"] is False and view["link"] is None
    assert view["paths"] and all(p[0] in ("insomnia", "chronic-pain") for p in view["paths"])
    assert any(
        d["link"] == "sleep-disturbance--chronic-pain" and d["via"] == ["sleep-disturbance"]
        for d in view["directions"]
    )
    text = kb("links", "insomnia", "chronic-pain", "--data", str(DATA)).out
    assert "no direct link" in text and "Shortest paths" in text


def test_mechanisms_is_the_same_command(kb: Run) -> None:
    assert as_json(kb, "mechanisms", "insomnia", "anxiety") == as_json(
        kb, "links", "insomnia", "anxiety"
    )


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("links", "insomnia"), 2),
        (("links", "insomnia", "insomnia"), 2),
        (("links", "insomnia", "anxeity"), 1),
        (("links", "insomnia", "cbt-i"), 1),
    ],
)
def test_links_errors(kb: Run, args: tuple[str, ...], code: int) -> None:
    result = kb(*args, "--data", str(DATA))
    assert result.code == code, result


def test_links_to_a_non_condition_says_what_it_is(kb: Run) -> None:
    result = kb("links", "insomnia", "cbt-i", "--data", str(DATA))
    assert "'cbt-i' is not a condition" in result.err


# -- kb path / treat ----------------------------------------------------------------------
def test_path_chains_from_pain_to_depression_with_mechanisms(kb: Run) -> None:
    view = as_json(kb, "path", "chronic-pain", "depression")
    assert view["paths"]
    first = view["paths"][0]
    assert first["nodes"][0] == "chronic-pain" and first["nodes"][-1] == "depression"
    assert len(first["hops"]) == len(first["nodes"]) - 1
    lengths = [len(p["hops"]) for p in view["paths"]]
    assert lengths == sorted(lengths) and max(lengths) <= 3


def test_path_respects_max_hops_and_exits_1_when_none(kb: Run, valid_kb: Path) -> None:
    assert kb("path", "chronic-pain", "anxiety", "--data", str(valid_kb)).code == 1
    assert kb("path", "insomnia", "anxiety", "--max-hops", "0", "--data", str(DATA)).code == 2


def test_treat_ranks_interventions_that_target_both_first(kb: Run) -> None:
    view = as_json(kb, "treat", "insomnia", "anxiety")
    rows = view["interventions"]
    scores = [r["score"] for r in rows]
    assert scores == sorted(scores, reverse=True) and scores[0] == 2
    assert "cbt-i" in {r["id"] for r in rows if r["score"] == 2}
    assert all({"goal", "drawbacks", "best_evidence"} <= r.keys() for r in rows)


def test_treat_unknown_condition_exits_1(kb: Run) -> None:
    assert kb("treat", "insomnia", "sadness-xyz", "--data", str(DATA)).code == 1


# -- kb search / list / stats ---------------------------------------------------------------
def test_search_ranks_names_above_descriptions_and_forgives_typos(kb: Run) -> None:
    hits = as_json(kb, "search", "cortisol")["hits"]
    assert hits[0]["id"] == "hpa-axis-cortisol"
    typo = as_json(kb, "search", "rumnation")["hits"]
    assert typo and typo[0]["id"] == "rumination"


def test_search_kind_filter_and_no_hits(kb: Run) -> None:
    hits = as_json(kb, "search", "sleep", "--kind", "interventions")["hits"]
    assert hits and {h["kind"] for h in hits} == {"intervention"}
    assert kb("search", "zzqqxxyy", "--data", str(DATA)).code == 1
    assert kb("search", "  ", "--data", str(DATA)).code == 2


def test_list_filters_fit_each_kind(kb: Run) -> None:
    inflammatory = as_json(kb, "list", "mechanisms", "--kind", "inflammatory")["items"]
    assert [m["id"] for m in inflammatory] == ["pro-inflammatory-cytokines"]
    for_insomnia = {
        i["id"] for i in as_json(kb, "list", "interventions", "--for", "insomnia")["items"]
    }
    assert "cbt-i" in for_insomnia and "acceptance-and-commitment-therapy" not in for_insomnia
    unverified = as_json(kb, "list", "citations", "--unverified")["items"]
    assert {c["id"] for c in unverified} == {"perlis-2001", "wu-2015"}
    items = as_json(kb, "list", "conditions")["items"]
    assert [c["id"] for c in items] == sorted(c["id"] for c in items)


def test_list_bad_kind_is_misuse(kb: Run) -> None:
    assert kb("list", "symptoms", "--data", str(DATA)).code == 2


def test_stats_counts_and_weakest_claims(kb: Run) -> None:
    view = as_json(kb, "stats")
    assert view["counts"]["conditions"] == len(list((DATA / "conditions").glob("*.yaml")))
    weakest = view["weakest_claims"]
    assert weakest and weakest[0]["best_evidence"] == "popular-article"


# -- kb graph -------------------------------------------------------------------------------
def test_graph_mermaid_draws_each_direction_of_a_two_way_link(kb: Run) -> None:
    out = kb("graph", "--data", str(DATA)).out
    assert "\nflowchart LR\n" in out
    assert re.search(r"insomnia --- label__\d+\(\"\(strong\)", out)
    assert re.search(r"anxiety --- label__\d+\(\"\(moderate\)<br>Racing thoughts", out)
    assert "-. is a .->" in out


def test_graph_focus_and_depth(kb: Run) -> None:
    view = json.loads(
        kb(
            "graph", "--format", "json", "--focus", "anxiety", "--depth", "1", "--data", str(DATA)
        ).out
    )
    ids = {n["id"] for n in view["nodes"]}
    assert "anxiety" in ids and "insomnia" in ids and "osteoarthritis" not in ids
    assert all(set((e["source"], e["target"])) <= ids for e in view["edges"])


def test_graph_dot_renders_with_graphviz(kb: Run, tmp_path: Path) -> None:
    dot = shutil.which("dot")
    if dot is None:
        pytest.skip("Graphviz is not installed (make test installs it where it can)")
    out = kb("graph", "--format", "dot", "--data", str(DATA)).out
    assert '"insomnia" -> "direction' in out and '"anxiety" -> "direction' in out
    svg = subprocess.run([dot, "-Tsvg"], input=out, capture_output=True, text=True, check=True)
    assert svg.stdout.lstrip().startswith("<?xml") and "<svg" in svg.stdout


# -- the CLI as a whole ---------------------------------------------------------------------
def test_version_and_help_with_disclaimer(kb: Run) -> None:
    assert re.match(r"kb \(comorbidity-kb\) \d+\.\d+", kb("--version").out)
    help_text = kb("--help").out
    assert "does not diagnose or prescribe" in help_text


def test_completion_is_offered(kb: Run) -> None:
    assert "--install-completion" in kb("--help").out


def test_every_query_command_takes_json(kb: Run) -> None:
    for args in (
        ["show", "anxiety"],
        ["links", "anxiety", "depression"],
        ["path", "insomnia", "depression"],
        ["treat", "depression"],
        ["search", "sleep"],
        ["list", "links"],
        ["stats"],
    ):
        json.loads(kb(*args, "--json", "--data", str(DATA)).out)


def test_data_resolution_order(kb: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # --data beats $KB_DATA beats ./data
    monkeypatch.setenv("KB_DATA", str(VALID))
    assert as_json(kb, "stats")["counts"]["conditions"] > 4  # --data DATA wins
    result = kb("stats", "--json")
    assert json.loads(result.out)["counts"]["conditions"] == 4  # the fixture via $KB_DATA
    monkeypatch.delenv("KB_DATA")
    monkeypatch.chdir(tmp_path)
    shutil.copytree(VALID, tmp_path / "data")
    assert json.loads(kb("stats", "--json").out)["counts"]["conditions"] == 4  # ./data
    monkeypatch.setenv("KB_DATA", str(tmp_path / "nowhere"))
    assert kb("stats").code == 1


def test_packaged_data_is_the_fallback(
    kb: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no ./data here
    result = kb("show", "insomnia")
    assert result.code == 0 and "Insomnia" in result.out


def test_broken_data_still_answers_with_a_warning(kb: Run, valid_kb: Path) -> None:
    (valid_kb / "conditions" / "broken.yaml").write_text("id: [\n")
    result = kb("show", "insomnia", "--data", str(valid_kb))
    assert result.code == 0
    assert "1 file(s)" in result.err and "left out" in result.err and "kb validate" in result.err
