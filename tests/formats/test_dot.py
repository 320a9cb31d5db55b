"""kb graph --format dot: one edge per link direction, with its own strength (as width and
in its label) and its own mechanisms; rendered by Graphviz, each label is a box on its own
edge, no other line runs through it, and nothing overlaps."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from typing import Any

import pytest

from comorbidity_kb.formats.diagram_style import STRENGTH_WIDTH
from comorbidity_kb.formats.dot import to_dot
from comorbidity_kb.kb.build import load_fresh
from comorbidity_kb.kb.knowledge import KnowledgeBase
from comorbidity_kb.views.diagram import graph_view
from tests.conftest import DATA
from tests.formats.pictures import Box, Line, bezier, collisions

STATEMENT = re.compile(r'^    "([^"]+)"(?: -> "([^"]+)")? \[(.*)\];$')
ATTRIBUTE = re.compile(r'(\w+)=("(?:[^"\\]|\\.)*"|[^,\s]+)')


@pytest.fixture(scope="module")
def real() -> KnowledgeBase:
    return load_fresh(DATA)[0]


def parsed(dot: str) -> tuple[dict[str, dict[str, str]], list[tuple[str, str, dict[str, str]]]]:
    """The nodes (by name) and edges of the DOT text, with their attributes."""
    nodes, edges = {}, []
    for line in dot.splitlines():
        m = STATEMENT.match(line)
        if m:
            attrs = {k: v.strip('"') for k, v in ATTRIBUTE.findall(m[3])}
            if m[2] is None:
                nodes[m[1]] = attrs
            else:
                edges.append((m[1], m[2], attrs))
    return nodes, edges


def drawn_directions(dot: str) -> list[tuple[str, str, str, float]]:
    """(from, to, label text, width) of every direction, read from its two edges."""
    nodes, edges = parsed(dot)
    into = {b: (a, attrs) for a, b, attrs in edges if b.startswith("direction ")}
    out = []
    for a, b, attrs in edges:
        if a.startswith("direction "):
            source, first = into[a]
            assert first["arrowhead"] == "none" and first["penwidth"] == attrs["penwidth"]
            out.append((source, b, nodes[a]["label"], float(attrs["penwidth"])))
    return out


def test_each_direction_is_its_own_edge_with_its_own_strength_and_mechanisms(
    real: KnowledgeBase,
) -> None:
    view = graph_view(real)
    drawn = drawn_directions(to_dot(view))
    directions = [d for e in view["edges"] for d in e["directions"]]
    assert len(drawn) == len(directions)
    for (a, b, label, width), d in zip(drawn, directions, strict=True):
        assert (a, b) == (d["from"], d["to"])
        assert width == STRENGTH_WIDTH[d["strength"]]
        first, *rest = label.split("\\n")
        assert first == f"({d['strength']})"
        assert " ".join(rest) == ", ".join(d["mechanism_names"])  # words whole, in order
    assert "dir=both" not in to_dot(view)


def test_the_issues_two_way_link_shows_each_direction(real: KnowledgeBase) -> None:
    drawn = {(a, b): (label, w) for a, b, label, w in drawn_directions(to_dot(graph_view(real)))}
    there, back = drawn[("insomnia", "depression")], drawn[("depression", "insomnia")]
    assert there == ("(strong)", 3.0)  # no mechanism is named for this direction
    assert back == ("(moderate)\\nRumination", 2.0)


def rendered(dot: str) -> dict[str, Any]:
    path = shutil.which("dot")
    if path is None:
        pytest.skip("Graphviz's dot is not installed (make graphviz installs it where it can)")
    out = subprocess.run([path, "-Tjson"], input=dot, capture_output=True, text=True, check=True)
    graph: dict[str, Any] = json.loads(out.stdout)
    return graph


def text_box(ops: list[dict[str, Any]]) -> Box | None:
    """The box an edge's own text takes ("is a"), from Graphviz's drawing operations."""
    boxes, size = [], 14.0
    for op in ops:
        if op["op"] == "F":
            size = float(op["size"])
        elif op["op"] == "T":
            (x, y), width = op["pt"], float(op["width"])
            left = {"c": x - width / 2, "l": x, "r": x - width}[op["align"]]
            boxes.append((left, y - 0.2 * size, left + width, y + 0.7 * size))
    if not boxes:
        return None
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


@pytest.mark.parametrize("focus", [None, "insomnia", "chronic-pain", "depression", "anxiety"])
def test_graphviz_draws_every_label_on_its_edge_and_nothing_collides(
    real: KnowledgeBase, focus: str | None
) -> None:
    view = graph_view(real, focus, 1)
    graph = rendered(to_dot(view))
    names = {o["_gvid"]: o["name"] for o in graph["objects"]}
    boxes = {}
    for o in graph["objects"]:
        x, y = (float(v) for v in o["pos"].split(","))
        w, h = float(o["width"]) * 36, float(o["height"]) * 36  # half the size, in points
        boxes[o["name"]] = (x - w, y - h, x + w, y + h)
    lines = []
    for e in graph["edges"]:
        ends = (names[e["tail"]], names[e["head"]])
        spline = [p.split(",") for p in e["pos"].split() if not p.startswith(("e,", "s,"))]
        points = bezier([(float(x), float(y)) for x, y in spline])
        lines.append(Line(ends, points, text_box(e.get("_ldraw_", []))))
    directions = sum(len(e["directions"]) for e in view["edges"])
    assert len(lines) == 2 * (directions + len(view["subtypes"]))
    assert collisions(lines, boxes) == []
