"""``kb graph``: the conditions, the links between them and the subtype edges, as a view.

The view carries every name a picture needs, so the formats that draw it
(:mod:`comorbidity_kb.formats.mermaid`, :mod:`comorbidity_kb.formats.dot`) never look
anything up.
"""

from __future__ import annotations

from collections import deque

from comorbidity_kb.kb.knowledge import KnowledgeBase
from comorbidity_kb.views.common import View, label


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
                        "mechanism_names": [label(kb, m) for m in d.mechanisms],
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
