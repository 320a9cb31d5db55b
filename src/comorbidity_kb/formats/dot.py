"""``kb graph --format dot``: Graphviz DOT of a graph view (``| dot -Tsvg > graph.svg``)."""

from __future__ import annotations

import textwrap

from comorbidity_kb.formats.diagram_style import (
    CATEGORY_COLOUR,
    STRENGTH_WIDTH,
    View,
    edge_label,
    oriented,
)


def _dot_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _wrapped(names: str, width: int = 32) -> str:
    """A DOT label with one line per ``width`` characters, so long labels do not stretch."""

    return "\\n".join(textwrap.wrap(_dot_text(names), width)) if names else ""


def to_dot(view: View) -> str:
    """Graphviz DOT: ``kb graph --format dot | dot -Tsvg > graph.svg``."""
    lines = [
        "digraph comorbidity {",
        "    graph [rankdir=TB, fontname=Helvetica, nodesep=0.5, ranksep=0.9];",
        '    node [shape=box, style="rounded,filled", fontname=Helvetica];',
        "    edge [fontname=Helvetica, fontsize=9];",
    ]
    for n in view["nodes"]:
        colour = CATEGORY_COLOUR.get(n["category"] or "other", "#eeeeee")
        lines.append(f'    "{n["id"]}" [label="{_dot_text(n["name"])}", fillcolor="{colour}"];')
    for e in view["edges"]:
        a, b = oriented(e)
        width = max(STRENGTH_WIDTH.get(d["strength"], 1.0) for d in e["directions"])
        attrs = [f'label="{_wrapped(edge_label(e))}"', f"penwidth={width}"]
        if e["bidirectional"]:
            attrs.append("dir=both")
        lines.append(f'    "{a}" -> "{b}" [{", ".join(attrs)}];')
    for s in view["subtypes"]:
        lines.append(
            f'    "{s["child"]}" -> "{s["parent"]}" [style=dashed, label="is a", arrowhead=empty];'
        )
    lines.append("}")
    return "\n".join(lines) + "\n"
