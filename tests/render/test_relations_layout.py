"""kb links, path and treat as text, through the real writers (rich at 80 and 120 columns,
with and without colour, and plain as in a pipe), checked against their views."""

from __future__ import annotations

import pytest

from comorbidity_kb.kb.build import load_fresh
from comorbidity_kb.kb.knowledge import KnowledgeBase
from comorbidity_kb.render.relations_layout import links_text, path_text, treat_text
from comorbidity_kb.views.relations import links_view, path_view, treat_view
from tests.conftest import DATA
from tests.render.screen import check_screen, render

MODES = [("colour", 80), ("colour", 120), ("no-color", 80), ("no-color", 120), ("piped", 0)]
PAIRS = [
    ("insomnia", "anxiety"),
    ("insomnia", "chronic-pain"),
    ("insomnia", "fibromyalgia"),
    ("fibromyalgia", "depression"),
    ("chronic-pain", "depression"),
]


@pytest.fixture(scope="module")
def real() -> KnowledgeBase:
    return load_fresh(DATA)[0]


@pytest.mark.parametrize(("mode", "width"), MODES)
@pytest.mark.parametrize(("a", "b"), PAIRS)
def test_links_reads_back_with_every_via(
    real: KnowledgeBase, a: str, b: str, mode: str, width: int
) -> None:
    view = links_view(real, a, b)
    screen = render(links_text, view, mode, width)
    assert check_screen(screen) == []
    inherited = [d for d in view["directions"] if d["via"]]
    hops = [h for p in view["path_details"] for h in p["hops"] if h["via"]]
    assert screen.text.count("(via ") == len(inherited) + len(hops)
    for d in inherited:
        assert f"{d['from']} → {d['to']} (via {', '.join(d['via'])}):" in screen.flat
    names = [m["name"] for m in view["shared_mechanisms"]]
    if names:
        assert f"Mechanisms both take part in: {', '.join(names)}" in screen.flat


@pytest.mark.parametrize(("mode", "width"), MODES)
@pytest.mark.parametrize(("a", "b"), [("chronic-pain", "depression"), ("insomnia", "chronic-pain")])
def test_path_reads_back_with_every_via(
    real: KnowledgeBase, a: str, b: str, mode: str, width: int
) -> None:
    view = path_view(real, a, b, 3)
    screen = render(path_text, view, mode, width)
    assert check_screen(screen) == []
    cells = screen.tee.cells("Paths", "path")
    for p, cell in zip(view["paths"], cells, strict=True):
        for h in p["hops"]:
            via = f" (via {', '.join(h['via'])})" if h["via"] else ""
            assert f"{h['from']} →({h['strength']}) {h['to']}{via}" in cell
    assert screen.text.count("(via ") == sum(
        bool(h["via"]) for p in view["paths"] for h in p["hops"]
    )


@pytest.mark.parametrize(("mode", "width"), MODES)
@pytest.mark.parametrize("conditions", [["insomnia"], ["insomnia", "anxiety"], ["fibromyalgia"]])
def test_treat_reads_back_with_the_evidence_for_each_condition(
    real: KnowledgeBase, conditions: list[str], mode: str, width: int
) -> None:
    view = treat_view(real, conditions)
    screen = render(treat_text, view, mode, width)
    assert check_screen(screen) == []
    title = "Ranked by conditions targeted, then evidence"
    evidence = screen.tee.cells(title, "best evidence")
    targets = screen.tee.cells(title, "targets")
    for row, cell, aimed in zip(view["interventions"], evidence, targets, strict=True):
        for m in row["matched"]:
            kind = m["best_evidence"] or "—"
            assert (kind if len(conditions) == 1 else f"{m['id']}: {kind}") in cell
            via = f" (via {', '.join(m['via'])})" if m["via"] else ""
            assert f"{m['id']}{via}" in aimed
    marked = sum(bool(m["via"]) for r in view["interventions"] for m in r["matched"])
    assert screen.text.count("(via ") == marked
