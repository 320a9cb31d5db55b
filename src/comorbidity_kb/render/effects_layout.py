"""``kb effects``: a text forest plot of the numbers about one condition.

One panel per kind of measure (ratios share a log scale, with 1 as no effect; differences
and correlations a linear one, with 0), one row per finding: the point estimate ``●``, its
95% interval ``├──┤`` and the line of no effect ``│``. Under each row, its source and
design. The same lines in a pipe, without colour.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from comorbidity_kb.render.pieces import (
    MEASURE_ABBREVIATION,
    counts_text,
    interval,
    number,
    via_text,
)
from comorbidity_kb.render.writer import View, Writer

LABEL = 36  # characters for the row's label
PLOT = 30  # characters for the plot itself

PANELS = {
    "odds-ratio": "Ratios (odds, risk, hazard): log scale, │ = 1, no effect",
    "risk-ratio": "Ratios (odds, risk, hazard): log scale, │ = 1, no effect",
    "hazard-ratio": "Ratios (odds, risk, hazard): log scale, │ = 1, no effect",
    "smd": "Standardised mean differences (SMD, Hedges' g): │ = 0, no effect",
    "hedges-g": "Standardised mean differences (SMD, Hedges' g): │ = 0, no effect",
    "correlation": "Correlations (r): │ = 0, no association",
    "proportion": "Proportions",
}


def effects_text(view: View, out: Writer) -> None:
    """Panels of findings, each row with its interval drawn against no effect."""
    out.heading(f"Effect sizes: {view['condition']['name']}", view["condition"]["id"])
    if not view["rows"]:
        out.para("No finding with a number is recorded for this condition yet.")
        return
    panels: dict[str, list[View]] = {}
    for row in view["rows"]:
        f = row["evidence"]["finding"]
        title = PANELS.get(f["measure"]) or f"Mean differences ({f['unit']}): │ = 0, no effect"
        panels.setdefault(title, []).append(row)
    for title, rows in panels.items():
        axis, drawn = _panel(rows)
        out.plot(title, axis, drawn)


def _panel(rows: Sequence[View]) -> tuple[str, list[tuple[str, str]]]:
    """The axis line, and each row's (drawn line, details) on that axis."""
    findings = [r["evidence"]["finding"] for r in rows]
    log = findings[0]["measure"] in ("odds-ratio", "risk-ratio", "hazard-ratio")
    null = 1.0 if log else 0.0 if findings[0]["measure"] != "proportion" else None
    numbers = [n for f in findings for n in [f["value"], *(f["ci"] or [])]]
    place = _scale([*numbers, *([null] if null is not None else [])], log)
    drawn = []
    for row, f in zip(rows, findings, strict=True):
        e = row["evidence"]
        details = [_number(f), e["label"], e["kind"]]
        if row["via"]:
            details.insert(1, via_text(row["via"]).strip())
        if e["stance"] != "supports":
            details.append(e["stance"])
        details += counts_text(f)
        if f["population"]:
            details.append(f["population"])
        drawn.append((f"{_fit(row['label'], LABEL)} {_bar(place, f, null)}", ", ".join(details)))
    return " " * (LABEL + 1) + _axis(place, numbers, null), drawn


def _scale(numbers: Sequence[float], log: bool) -> Callable[[float], int]:
    """value → column of the plot, over the range of every number shown."""
    points = [math.log(n) for n in numbers] if log else list(numbers)
    low, high = min(points), max(points)
    if high - low < 1e-9:
        low, high = low - 1, high + 1
    span = high - low

    def place(value: float) -> int:
        point = math.log(value) if log else value
        return round((point - low) / span * (PLOT - 1))

    return place


def _axis(place: Callable[[int | float], int], numbers: Sequence[float], null: float | None) -> str:
    """The two ends of the scale and no effect, each under its column."""
    chars = [" "] * (PLOT + 6)
    marks = sorted({min(numbers), max(numbers), *([null] if null is not None else [])})
    for value in marks:
        text = number(round(value, 2))
        start = min(max(place(value) - len(text) // 2, 0), len(chars) - len(text))
        if all(c == " " for c in chars[max(start - 1, 0) : start + len(text) + 1]):
            chars[start : start + len(text)] = text
    return "".join(chars).rstrip()


def _bar(place: Callable[[float], int], f: View, null: float | None) -> str:
    chars = [" "] * PLOT
    if null is not None:
        chars[place(null)] = "│"
    if f["ci"]:
        low, high = place(f["ci"][0]), place(f["ci"][1])
        for column in range(low, high + 1):
            chars[column] = "─"
        chars[low], chars[high] = "├", "┤"
    chars[place(f["value"])] = "●"
    return "".join(chars)


def _number(f: View) -> str:
    """'OR 3.23 (95% CI 1.52–6.85)', 'MD -19 minutes'."""
    text = f"{MEASURE_ABBREVIATION[f['measure']]} {number(f['value'])}"
    if f["unit"]:
        text += f" {f['unit']}"
    return text + (f" (95% CI {interval(*f['ci'])})" if f["ci"] else "")


def _fit(text: str, width: int) -> str:
    return text.ljust(width) if len(text) <= width else text[: width - 1] + "…"
