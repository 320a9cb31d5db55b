"""kb search, list and stats as text, through the real writers (rich at 80 and 120 columns,
with and without colour, and plain as in a pipe), read back whole."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from comorbidity_kb.kb.build import load_fresh
from comorbidity_kb.kb.knowledge import KnowledgeBase
from comorbidity_kb.kinds import FOLDERS
from comorbidity_kb.render.catalog_layout import list_text, search_text, stats_text
from comorbidity_kb.views.catalog import list_view, search_view, stats_view
from tests.conftest import DATA
from tests.render.screen import check_screen, render

MODES = [("colour", 80), ("colour", 120), ("no-color", 80), ("no-color", 120), ("piped", 0)]


@pytest.fixture(scope="module")
def real() -> KnowledgeBase:
    return load_fresh(DATA)[0]


CASES: list[tuple[str, Callable[[Any, Any], None], Callable[[KnowledgeBase], Any]]] = [
    ("search", search_text, lambda kb: search_view(kb, "sleep")),
    ("stats", stats_text, lambda kb: stats_view(kb)),
    *[(f"list {k}", list_text, lambda kb, k=k: list_view(kb, k)) for k in FOLDERS],
    *[
        (f"list {k} --for {c}", list_text, lambda kb, k=k, c=c: list_view(kb, k, condition=c))
        for k in ("links", "interventions", "risk-factors")
        for c in ("insomnia", "sleep-deprivation", "fibromyalgia")
    ],
]


@pytest.mark.parametrize(("mode", "width"), MODES)
@pytest.mark.parametrize(("name", "layout", "view"), CASES, ids=[c[0] for c in CASES])
def test_catalog_tables_read_back_whole(
    real: KnowledgeBase,
    name: str,
    layout: Callable[[Any, Any], None],
    view: Callable[[KnowledgeBase], Any],
    mode: str,
    width: int,
) -> None:
    shown = view(real)
    screen = render(layout, shown, mode, width)
    assert screen.tee.tables or shown.get("items") == [], name
    assert check_screen(screen) == []
    # a row listed for a condition through a broader one says so
    assert screen.text.count("(via ") == sum(bool(r.get("via")) for r in shown.get("items", []))
