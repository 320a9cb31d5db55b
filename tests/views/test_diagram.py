"""`kb graph`'s view: the conditions near a focus, their link edges and subtype edges."""

from __future__ import annotations

from pathlib import Path

import pytest

from comorbidity_kb.kb.build import load_fresh
from comorbidity_kb.kb.knowledge import KnowledgeBase
from comorbidity_kb.views.diagram import focus_ids, graph_view

ALL = ["anxiety", "chronic-pain", "insomnia", "sleep-disturbance"]


@pytest.fixture
def kb(valid_kb: Path) -> KnowledgeBase:
    return load_fresh(valid_kb)[0]


def test_without_a_focus_every_condition_is_a_node(kb: KnowledgeBase) -> None:
    assert focus_ids(kb, None, 0) == ALL


def test_depth_counts_links_and_subtype_steps_either_way(kb: KnowledgeBase) -> None:
    assert focus_ids(kb, "insomnia", 0) == ["insomnia"]
    # insomnia: linked to anxiety, and a subtype of sleep-disturbance
    assert focus_ids(kb, "insomnia", 1) == ["anxiety", "insomnia", "sleep-disturbance"]
    # sleep-disturbance: linked to chronic-pain
    assert focus_ids(kb, "insomnia", 2) == ALL
    assert focus_ids(kb, "chronic-pain", 1) == ["chronic-pain", "sleep-disturbance"]
    # a parent finds its children
    assert focus_ids(kb, "sleep-disturbance", 1) == [
        "chronic-pain",
        "insomnia",
        "sleep-disturbance",
    ]


def test_the_whole_graph_view(kb: KnowledgeBase) -> None:
    view = graph_view(kb)
    assert view["focus"] is None and view["depth"] is None
    assert view["nodes"] == [
        {"id": "anxiety", "name": "Anxiety", "category": "anxiety"},
        {"id": "chronic-pain", "name": "Chronic pain", "category": "pain"},
        {"id": "insomnia", "name": "Insomnia", "category": "sleep"},
        {"id": "sleep-disturbance", "name": "Sleep disturbance", "category": "sleep"},
    ]
    assert view["subtypes"] == [{"child": "insomnia", "parent": "sleep-disturbance"}]
    assert [e["link"] for e in view["edges"]] == [
        "insomnia--anxiety",
        "sleep-disturbance--chronic-pain",
    ]
    first = view["edges"][0]
    assert (first["source"], first["target"], first["bidirectional"]) == (
        "insomnia",
        "anxiety",
        True,
    )
    assert first["directions"] == [
        {
            "from": "insomnia",
            "to": "anxiety",
            "effect": "increases-risk",
            "strength": "strong",
            "mechanisms": ["hpa-axis-cortisol"],
            "mechanism_names": ["HPA axis and cortisol"],
        },
        {
            "from": "anxiety",
            "to": "insomnia",
            "effect": "worsens",
            "strength": "reported",
            "mechanisms": [],
            "mechanism_names": [],
        },
    ]
    assert view["edges"][1]["bidirectional"] is False


def test_a_focused_view_keeps_only_edges_between_its_nodes(kb: KnowledgeBase) -> None:
    view = graph_view(kb, "chronic-pain", 1)
    assert view["focus"] == "chronic-pain" and view["depth"] == 1
    assert [n["id"] for n in view["nodes"]] == ["chronic-pain", "sleep-disturbance"]
    assert [e["link"] for e in view["edges"]] == ["sleep-disturbance--chronic-pain"]
    assert view["subtypes"] == []  # insomnia, the child, is two steps away


def test_a_focus_of_depth_zero_is_one_node_without_edges(kb: KnowledgeBase) -> None:
    view = graph_view(kb, "anxiety", 0)
    assert view["nodes"] == [{"id": "anxiety", "name": "Anxiety", "category": "anxiety"}]
    assert view["edges"] == [] and view["subtypes"] == []
    assert view["depth"] == 0
