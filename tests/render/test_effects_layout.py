"""The text forest plot: each estimate and interval drawn where its numbers say."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from comorbidity_kb.render.effects_layout import LABEL, PLOT, effects_text

View = dict[str, Any]


class Capture:
    """A Writer that keeps what a layout writes."""

    def __init__(self) -> None:
        self.panels: dict[str, list[str]] = {}
        self.text: list[str] = []

    def heading(self, text: str, sub: str = "") -> None:
        self.text.append(text)

    def para(self, text: str, style: str = "") -> None:
        self.text.append(text)

    def field(self, name: str, value: str) -> None:
        self.text.append(f"{name}: {value}")

    def table(self, title: str, columns: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        raise AssertionError("the forest plot draws no table")

    def blank(self) -> None:
        pass

    def plot(self, title: str, axis: str, rows: Sequence[tuple[str, str]]) -> None:
        self.panels[title] = [axis]
        for drawing, details in rows:
            self.panels[title] += [drawing, details]


def row(label: str, measure: str, value: float, ci: list[float] | None) -> View:
    finding = {
        "measure": measure,
        "value": value,
        "ci": ci,
        "studies": 6,
        "participants": None,
        "unit": "minutes" if measure == "mean-difference" else None,
        "pooled": True,
        "population": None,
    }
    evidence = {"label": "Someone 2020", "kind": "meta-analysis", "stance": "supports"}
    return {
        "group": "direction",
        "label": label,
        "via": [],
        "strength": "strong",
        "evidence": evidence | {"finding": finding},
    }


def plot_columns(line: str) -> dict[str, int]:
    """Where each glyph sits within the plot area of a row."""
    area = line[LABEL + 1 : LABEL + 1 + PLOT]
    return {glyph: area.index(glyph) for glyph in "│├┤●" if glyph in area}


def test_ratios_share_a_log_scale_with_no_effect_marked() -> None:
    view = {
        "condition": {"id": "insomnia", "name": "Insomnia"},
        "rows": [
            row("insomnia → anxiety", "odds-ratio", 2.0, [1.52, 6.85]),
            row("insomnia → depression", "hazard-ratio", 0.5, [0.25, 1.0]),
        ],
    }
    out = Capture()
    effects_text(view, out)
    ((title, lines),) = out.panels.items()
    assert "log scale" in title
    first, second = lines[1], lines[3]
    assert first.startswith("insomnia → anxiety")
    assert lines[2].startswith("OR 2 (95% CI 1.52–6.85), Someone 2020, meta-analysis, 6 studies")
    one = plot_columns(first)
    # 1 (no effect) lies left of the interval; the estimate inside it
    assert one["│"] < one["├"] < one["●"] < one["┤"] == PLOT - 1
    two = plot_columns(second)
    assert two["├"] == 0 and two["●"] < two["┤"]
    # one axis per panel: no effect is in the same column on every row
    assert one["│"] == two["┤"]  # the second interval ends at exactly 1
    # a log scale: 2 and 0.5 sit the same distance either side of 1 (a linear one would
    # put 2 twice as far)
    assert abs((one["●"] - one["│"]) - (one["│"] - two["●"])) <= 1


def test_measures_that_cannot_share_an_axis_get_their_own_panel() -> None:
    view = {
        "condition": {"id": "insomnia", "name": "Insomnia"},
        "rows": [
            row("a → b", "odds-ratio", 2.0, [1.5, 3.0]),
            row("cbt-i → insomnia", "mean-difference", -19.0, [-25.0, -13.0]),
            row("c → d", "smd", 0.4, None),
        ],
    }
    out = Capture()
    effects_text(view, out)
    assert len(out.panels) == 3
    md = next(lines for title, lines in out.panels.items() if "minutes" in title)
    assert md[2].startswith("MD -19 minutes (95% CI -25 to -13)")


def test_nothing_to_plot_says_so() -> None:
    out = Capture()
    effects_text({"condition": {"id": "x", "name": "X"}, "rows": []}, out)
    assert not out.panels and any("No finding" in t for t in out.text)
