"""What the two diagram formats share: colours by category, line widths by strength, and
which way an edge points."""

from __future__ import annotations

from typing import Any

View = dict[str, Any]

STRENGTH_WIDTH = {"strong": 3.0, "moderate": 2.0, "weak": 1.0, "unclear": 1.0}
CATEGORY_COLOUR = {
    "sleep": "#cfe2f3",
    "anxiety": "#fce5cd",
    "mood": "#d9d2e9",
    "pain": "#f4cccc",
    "other": "#eeeeee",
}


def edge_label(edge: View) -> str:
    """The mechanisms an edge's directions name, each once, in order."""
    names: list[str] = []
    for d in edge["directions"]:
        names += [m for m in d["mechanism_names"] if m not in names]
    return ", ".join(names)


def oriented(edge: View) -> tuple[str, str]:
    """Draw a one-way link in the direction that holds."""
    if edge["bidirectional"]:
        return edge["source"], edge["target"]
    d = edge["directions"][0]
    return d["from"], d["to"]
