"""``kb graph --format dot``: Graphviz DOT of a graph view (``| dot -Tsvg > graph.svg``).

One edge per link direction: a two-way link is two edges, each as thick as its own strength
and labelled with its strength and its own mechanisms. The label is a small box on its edge
(the line runs into it and out of it), so it cannot be read as another edge's and Graphviz
routes every other line around it. Subtype ("is a") edges are dashed.
"""

from __future__ import annotations

import textwrap

from comorbidity_kb.formats.diagram_style import (
    CATEGORY_COLOUR,
    View,
    direction_edges,
    mechanisms_label,
    width,
)

LABEL_STYLE = (
    'shape=box, style="rounded,filled", fillcolor=white, color="#bbbbbb", fontsize=9, '
    'margin="0.06,0.03"'
)


def _dot_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _label(direction: View, wrap: int = 30) -> str:
    """'(strong)' over the mechanisms, one line per ``wrap`` characters (DOT's \\n breaks),
    broken between words only."""
    names = textwrap.wrap(mechanisms_label(direction), wrap, break_on_hyphens=False)
    return "\\n".join(_dot_text(line) for line in [f"({direction['strength']})", *names])


def to_dot(view: View) -> str:
    """Graphviz DOT: ``kb graph --format dot | dot -Tsvg > graph.svg``."""
    lines = [
        "digraph comorbidity {",
        "    graph [rankdir=TB, fontname=Helvetica, nodesep=0.6, ranksep=1.1];",
        '    node [shape=box, style="rounded,filled", fontname=Helvetica];',
        "    edge [fontname=Helvetica, fontsize=9];",
    ]
    for n in view["nodes"]:
        colour = CATEGORY_COLOUR.get(n["category"] or "other", "#eeeeee")
        lines.append(f'    "{n["id"]}" [label="{_dot_text(n["name"])}", fillcolor="{colour}"];')
    for n, d in enumerate(direction_edges(view)):
        label, pen = f"direction {n}", f"penwidth={width(d)}"  # no condition id has a space
        lines.append(f'    "{label}" [{LABEL_STYLE}, label="{_label(d)}"];')
        lines.append(f'    "{d["from"]}" -> "{label}" [arrowhead=none, {pen}];')
        lines.append(f'    "{label}" -> "{d["to"]}" [{pen}];')
    for n, s in enumerate(view["subtypes"]):
        # "is a" is a small box of its own, as a direction's label is: Graphviz routes
        # other lines around a box, not around an edge's text.
        label = f"subtype {n}"
        lines.append(f'    "{label}" [{LABEL_STYLE}, label="is a"];')
        lines.append(f'    "{s["child"]}" -> "{label}" [style=dashed, arrowhead=none];')
        lines.append(f'    "{label}" -> "{s["parent"]}" [style=dashed, arrowhead=empty];')
    lines.append("}")
    return "\n".join(lines) + "\n"
