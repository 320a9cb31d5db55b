"""kb show's text, through the real writers (rich at 80 and 120 columns, with and without
colour, and plain as in a pipe), read back from the screen and checked against the view."""

from __future__ import annotations

import pytest

from comorbidity_kb.kb.build import load_fresh
from comorbidity_kb.kb.knowledge import KnowledgeBase
from comorbidity_kb.render.pieces import names
from comorbidity_kb.render.show_layout import show_text
from comorbidity_kb.views.common import View
from comorbidity_kb.views.show import show_view
from tests.conftest import DATA
from tests.render.screen import Screen, check_screen, render

MODES = [("colour", 80), ("colour", 120), ("no-color", 80), ("no-color", 120), ("piped", 0)]
ENTITIES = [
    "insomnia",
    "chronic-pain",
    "fibromyalgia",
    "sleep-deprivation",
    "cbt-i",
    "hpa-axis-cortisol",
    "insomnia--anxiety",
    "caffeine",
    "perlis-2001",
]


@pytest.fixture(scope="module")
def real() -> KnowledgeBase:
    return load_fresh(DATA)[0]


def shown(real: KnowledgeBase, entity: str, mode: str, width: int) -> tuple[View, Screen]:
    found = real.get(entity)
    assert found is not None
    view = show_view(real, found)
    return view, render(show_text, view, mode, width)


def rows_by_header(screen: Screen, title: str) -> list[dict[str, str]]:
    table = screen.tee.table_titled(title)
    return [dict(zip(table.columns, row, strict=True)) for row in table.rows]


def via_marks(view: View) -> int:
    """How many things the view marks as inherited, each of which the text must mark."""
    links = sum(len(link["directions"]) for link in view.get("links", []) if link["via"])
    aimed = view.get("interventions", []) + view.get("risk_factors", [])
    return links + sum(1 for i in aimed if i["via"])


@pytest.mark.parametrize(("mode", "width"), MODES)
@pytest.mark.parametrize("entity", ENTITIES)
def test_every_table_reads_back_whole(
    real: KnowledgeBase, entity: str, mode: str, width: int
) -> None:
    view, screen = shown(real, entity, mode, width)
    assert check_screen(screen) == []
    assert screen.text.count("(via ") == via_marks(view)


@pytest.mark.parametrize(("mode", "width"), MODES)
def test_a_conditions_links_are_under_their_own_headers(
    real: KnowledgeBase, mode: str, width: int
) -> None:
    view, screen = shown(real, "insomnia", mode, width)
    rows = rows_by_header(screen, "Links")
    directions = [(link, d) for link in view["links"] for d in link["directions"]]
    assert len(rows) == len(directions)
    for row, (link, d) in zip(rows, directions, strict=True):
        via = f" (via {', '.join(link['via'])})" if link["via"] else ""
        assert row["direction"] == f"{d['from']} → {d['to']}{via}"
        assert row["effect"] == d["effect"]
        assert row["strength"] == d["strength"]
        assert row["best evidence"] == (d["best_evidence"] or "—")
        assert row["mechanisms"] == names(d["mechanisms"])


@pytest.mark.parametrize(("mode", "width"), MODES)
def test_a_conditions_interventions_carry_their_own_evidence_and_via(
    real: KnowledgeBase, mode: str, width: int
) -> None:
    view, screen = shown(real, "insomnia", mode, width)
    rows = rows_by_header(screen, "Interventions that target it")
    assert len(rows) == len(view["interventions"])
    for row, i in zip(rows, view["interventions"], strict=True):
        via = f" (via {', '.join(i['via'])})" if i["via"] else ""
        assert row["intervention"] == i["name"] + via
        assert row["best evidence"] == (i["best_evidence"] or "—")
        assert row["goal"] == i["goal"]
