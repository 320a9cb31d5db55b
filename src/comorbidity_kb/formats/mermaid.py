"""``kb graph --format mermaid``: a Mermaid flowchart of a graph view, which GitHub renders.

One edge per link; a link whose two directions both hold has arrows at both ends. Edge labels
name the mechanisms; subtype ("is a") edges are dashed.
"""

from __future__ import annotations

from comorbidity_kb.formats.diagram_style import CATEGORY_COLOUR, View, edge_label, oriented


def _mermaid_id(entity_id: str) -> str:
    return entity_id.replace("-", "_")


def _mermaid_text(text: str) -> str:
    return text.replace('"', "#quot;")


def to_mermaid(view: View) -> str:
    """A Mermaid flowchart that GitHub renders as is."""
    lines = ["flowchart LR"]
    for n in view["nodes"]:
        lines.append(f'    {_mermaid_id(n["id"])}["{_mermaid_text(n["name"])}"]')
    for e in view["edges"]:
        a, b = oriented(e)
        arrow = "<-->" if e["bidirectional"] else "-->"
        text = edge_label(e)
        middle = f'|"{_mermaid_text(text)}"|' if text else ""
        lines.append(f"    {_mermaid_id(a)} {arrow}{middle} {_mermaid_id(b)}")
    for s in view["subtypes"]:
        lines.append(f"    {_mermaid_id(s['child'])} -. is a .-> {_mermaid_id(s['parent'])}")
    for category, colour in CATEGORY_COLOUR.items():
        members = [_mermaid_id(n["id"]) for n in view["nodes"] if n["category"] == category]
        if members:
            lines.append(f"    classDef {category} fill:{colour},stroke:#555")
            lines.append(f"    class {','.join(members)} {category}")
    return "\n".join(lines) + "\n"
