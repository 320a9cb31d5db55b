"""``kb graph --format mermaid``: a Mermaid flowchart of a graph view, which GitHub renders.

One edge per link direction: a two-way link is two arrows, each as thick as its own strength
(``linkStyle``) and labelled with its strength and its own mechanisms. As in the DOT output,
the label is a small box on its edge, which the line runs into and out of, and the lines
are straight, so no label can be read as another edge's. Labels are broken into short lines
here, so that Mermaid, which wraps a label wider than 200 pixels on its own, never breaks
one mid-word. Subtype ("is a") edges are dotted.
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


def _mermaid_id(entity_id: str) -> str:
    return entity_id.replace("-", "_")


def _mermaid_text(text: str) -> str:
    return text.replace("&", "#amp;").replace('"', "#quot;").replace("<", "#lt;")


def _label(direction: View, wrap: int = 22) -> str:
    """'(strong)' over the mechanisms, one line per ``wrap`` characters (``<br>`` breaks)."""
    lines = [
        f"({direction['strength']})",
        *textwrap.wrap(mechanisms_label(direction), wrap, break_on_hyphens=False),
    ]
    return "<br>".join(_mermaid_text(line) for line in lines)


def to_mermaid(view: View) -> str:
    """A Mermaid flowchart that GitHub renders as is."""
    # Straight lines: a curve may swing away from the label box it should run through.
    lines = ['%%{init: {"flowchart": {"curve": "linear"}}}%%', "flowchart LR"]
    for n in view["nodes"]:
        lines.append(f'    {_mermaid_id(n["id"])}["{_mermaid_text(n["name"])}"]')
    directions = direction_edges(view)
    for n, d in enumerate(directions):
        # No condition id has two hyphens in a row, so none is called label__n here.
        a, b, label = _mermaid_id(d["from"]), _mermaid_id(d["to"]), f"label__{n}"
        lines.append(f'    {a} --- {label}("{_label(d)}") --> {b}')
    for s in view["subtypes"]:
        lines.append(f"    {_mermaid_id(s['child'])} -. is a .-> {_mermaid_id(s['parent'])}")
    # Links are numbered in the order they are declared: two per direction come first.
    for i, d in enumerate(directions):
        lines.append(f"    linkStyle {2 * i},{2 * i + 1} stroke-width:{width(d):g}px")
    if directions:
        lines.append("    classDef label fill:#fff,stroke:#bbb,font-size:11px")
        lines.append(f"    class {','.join(f'label__{n}' for n in range(len(directions)))} label")
    for category, colour in CATEGORY_COLOUR.items():
        members = [_mermaid_id(n["id"]) for n in view["nodes"] if n["category"] == category]
        if members:
            lines.append(f"    classDef {category} fill:{colour},stroke:#555")
            lines.append(f"    class {','.join(members)} {category}")
    return "\n".join(lines) + "\n"
