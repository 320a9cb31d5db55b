"""What the diagram formats share: one edge per direction, widths by strength, labels."""

from __future__ import annotations

import pytest

from comorbidity_kb.formats.diagram_style import (
    CATEGORY_COLOUR,
    STRENGTH_WIDTH,
    View,
    direction_edges,
    mechanisms_label,
    width,
)
from comorbidity_kb.model import ConditionCategory, Strength


def test_every_direction_of_every_link_is_an_edge_in_order() -> None:
    view: View = {
        "edges": [
            {"directions": [{"n": 1}, {"n": 2}]},
            {"directions": []},
            {"directions": [{"n": 3}]},
        ]
    }
    assert direction_edges(view) == [{"n": 1}, {"n": 2}, {"n": 3}]
    assert direction_edges({"edges": []}) == []


@pytest.mark.parametrize(
    ("strength", "expected"),
    [("strong", 3.0), ("moderate", 2.0), ("weak", 1.0), ("reported", 1.0), ("bogus", 1.0)],
)
def test_the_width_follows_the_strength(strength: str, expected: float) -> None:
    assert width({"strength": strength}) == expected


def test_every_strength_and_category_has_a_style() -> None:
    assert set(STRENGTH_WIDTH) == {s.value for s in Strength}
    assert set(CATEGORY_COLOUR) == {c.value for c in ConditionCategory}


def test_the_mechanisms_label_keeps_their_order() -> None:
    assert mechanisms_label({"mechanism_names": ["HPA axis", "Arousal"]}) == "HPA axis, Arousal"
    assert mechanisms_label({"mechanism_names": []}) == ""
