"""``kb graph``: the links between conditions as Mermaid, Graphviz DOT or JSON.

One edge per link; a link whose two directions both hold is drawn with arrows at both
ends. Edge labels name the mechanisms; subtype ("is a") edges are dashed.
"""

from __future__ import annotations

from collections import deque

from comorbidity_kb.graph import KnowledgeBase
from comorbidity_kb.query import View, label

STRENGTH_WIDTH = {"strong": 3.0, "moderate": 2.0, "weak": 1.0, "unclear": 1.0}
CATEGORY_COLOUR = {
    "sleep": "#cfe2f3",
    "anxiety": "#fce5cd",
    "mood": "#d9d2e9",
    "pain": "#f4cccc",
    "other": "#eeeeee",
}


def focus_ids(kb: KnowledgeBase, focus: str | None, depth: int) -> list[str]:
    """Conditions within ``depth`` links (either way, subtypes included) of ``focus``."""
    if focus is None:
        return sorted(kb.conditions)
    seen = {focus: 0}
    queue = deque([focus])
    while queue:
        node = queue.popleft()
        if seen[node] >= depth:
            continue
        neighbours = {c for link in kb.links_of(node) for c in link.conditions}
        neighbours |= set(kb.children(node))
        parent = kb.conditions[node].parent if node in kb.conditions else None
        if parent:
            neighbours.add(parent)
        for n in sorted(neighbours - seen.keys()):
            seen[n] = seen[node] + 1
            queue.append(n)
    return sorted(seen)


def graph_view(kb: KnowledgeBase, focus: str | None = None, depth: int = 1) -> View:
    """Nodes, link edges and subtype edges (the ``--format json`` shape)."""
    nodes = focus_ids(kb, focus, depth)
    keep = set(nodes)
    edges = []
    for link in sorted(kb.links.values(), key=lambda x: x.id):
        if not set(link.conditions) <= keep:
            continue
        edges.append(
            {
                "link": link.id,
                "source": link.conditions[0],
                "target": link.conditions[1],
                "bidirectional": link.bidirectional,
                "directions": [
                    {
                        "from": d.source,
                        "to": d.target,
                        "effect": str(d.effect),
                        "strength": str(d.strength),
                        "mechanisms": list(d.mechanisms),
                    }
                    for d in link.directions
                ],
            }
        )
    subtypes = [
        {"child": c, "parent": kb.conditions[c].parent}
        for c in nodes
        if c in kb.conditions and kb.conditions[c].parent in keep
    ]
    return {
        "focus": focus,
        "depth": depth if focus else None,
        "nodes": [
            {
                "id": n,
                "name": label(kb, n),
                "category": str(kb.conditions[n].category) if n in kb.conditions else None,
            }
            for n in nodes
        ],
        "edges": edges,
        "subtypes": subtypes,
    }


def _edge_label(kb: KnowledgeBase, edge: View) -> str:
    names: list[str] = []
    for d in edge["directions"]:
        names += [label(kb, m) for m in d["mechanisms"] if label(kb, m) not in names]
    return ", ".join(names)


def _oriented(edge: View) -> tuple[str, str]:
    """Draw a one-way link in the direction that holds."""
    if edge["bidirectional"]:
        return edge["source"], edge["target"]
    d = edge["directions"][0]
    return d["from"], d["to"]


def _mermaid_id(entity_id: str) -> str:
    return entity_id.replace("-", "_")


def _mermaid_text(text: str) -> str:
    return text.replace('"', "#quot;")


def to_mermaid(kb: KnowledgeBase, view: View) -> str:
    """A Mermaid flowchart that GitHub renders as is."""
    lines = ["flowchart LR"]
    for n in view["nodes"]:
        lines.append(f'    {_mermaid_id(n["id"])}["{_mermaid_text(n["name"])}"]')
    for e in view["edges"]:
        a, b = _oriented(e)
        arrow = "<-->" if e["bidirectional"] else "-->"
        text = _edge_label(kb, e)
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


def _dot_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _wrapped(names: str, width: int = 32) -> str:
    """A DOT label with one line per ``width`` characters, so long labels do not stretch."""
    import textwrap

    return "\\n".join(textwrap.wrap(_dot_text(names), width)) if names else ""


def to_dot(kb: KnowledgeBase, view: View) -> str:
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
        a, b = _oriented(e)
        width = max(STRENGTH_WIDTH.get(d["strength"], 1.0) for d in e["directions"])
        attrs = [f'label="{_wrapped(_edge_label(kb, e))}"', f"penwidth={width}"]
        if e["bidirectional"]:
            attrs.append("dir=both")
        lines.append(f'    "{a}" -> "{b}" [{", ".join(attrs)}];')
    for s in view["subtypes"]:
        lines.append(
            f'    "{s["child"]}" -> "{s["parent"]}" [style=dashed, label="is a", arrowhead=empty];'
        )
    lines.append("}")
    return "\n".join(lines) + "\n"
