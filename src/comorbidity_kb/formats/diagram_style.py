"""What the two diagram formats share: colours by category, line widths by strength, and one
edge per link direction, labelled with that direction's own strength and mechanisms."""

from __future__ import annotations

from typing import Any

View = dict[str, Any]

STRENGTH_WIDTH = {"strong": 3.0, "moderate": 2.0, "weak": 1.0, "reported": 1.0, "unclear": 1.0}
CATEGORY_COLOUR = {
    "sleep": "#cfe2f3",
    "anxiety": "#fce5cd",
    "mood": "#d9d2e9",
    "pain": "#f4cccc",
    "other": "#eeeeee",
}


def direction_edges(view: View) -> list[View]:
    """Every direction of every link in the view, in order: each is drawn as its own edge.

    A two-way link is two edges, each with its own strength and mechanisms: drawing the pair
    as one edge would show the stronger direction's weight and both directions' mechanisms
    on a line that says neither.
    """
    return [d for edge in view["edges"] for d in edge["directions"]]


def width(direction: View) -> float:
    """The line width of a direction's edge, by its strength."""
    return STRENGTH_WIDTH.get(direction["strength"], 1.0)


def mechanisms_label(direction: View) -> str:
    """The mechanisms a direction names, in order."""
    return ", ".join(direction["mechanism_names"])
