"""How conditions relate: ``kb links``, ``kb path`` and ``kb treat`` as JSON-ready views."""

from __future__ import annotations

from comorbidity_kb.kb.knowledge import Hop, KnowledgeBase
from comorbidity_kb.model import EvidenceKind, Intervention
from comorbidity_kb.views.common import View, best_kind, direction_view, evidence_view, ref


def _hop_view(kb: KnowledgeBase, hop: Hop, node: str) -> View:
    """One step of a path, leaving ``node`` (``via`` names the broader condition it uses)."""
    d = hop.direction
    return {
        "from": node,
        "to": d.target,
        "link": hop.link.id,
        "via": d.source if d.source != node else None,
        "effect": str(d.effect),
        "strength": str(d.strength),
        "mechanisms": [ref(kb, m) for m in d.mechanisms],
        "best_evidence": best_kind(d.evidence),
    }


def path_nodes(path: list[Hop], start: str) -> list[str]:
    """The condition ids a path visits, start first."""
    return [start, *(h.direction.target for h in path)]


def paths_view(kb: KnowledgeBase, a: str, b: str, max_hops: int, limit: int = 10) -> list[View]:
    """The shortest paths from ``a`` to ``b``, each as its nodes and hops."""
    out = []
    for path in kb.paths(a, b, max_hops=max_hops, limit=limit):
        nodes = path_nodes(path, a)
        out.append(
            {
                "nodes": nodes,
                "hops": [_hop_view(kb, h, nodes[i]) for i, h in enumerate(path)],
            }
        )
    return out


def shared_mechanisms(kb: KnowledgeBase, a: str, b: str) -> list[View]:
    """Mechanisms named on links of both conditions (or of their broader conditions)."""

    def named(condition: str) -> set[str]:
        return {m for c in kb.lineage(condition) for m in kb.mechanisms_of(c)}

    return [ref(kb, m) for m in sorted(named(a) & named(b))]


def links_view(kb: KnowledgeBase, a: str, b: str, max_hops: int = 3) -> View:
    """What ``kb links A B`` answers: directions (direct, then inherited), shared mechanisms,
    and, where no direct link exists, the shortest paths both ways.

    Shape: ``{"a", "b", "direct", "directions": [...], "shared_mechanisms": [...],
    "paths": [[id, ...], ...], "path_details": [...]}``; an inherited direction has
    ``via_link`` naming the link (stated for a broader condition) it comes from.
    """
    directions: list[View] = []
    direct = kb.link_between(a, b)
    for hop in kb.inherited_directions(a, b):
        is_direct = hop.link is direct
        directions.append(direction_view(kb, hop.direction, None if is_direct else hop.link.id))
    details = []
    if direct is None:
        details = paths_view(kb, a, b, max_hops) + paths_view(kb, b, a, max_hops)
        details.sort(key=lambda p: (len(p["nodes"]), p["nodes"]))
    return {
        "a": a,
        "b": b,
        "direct": direct is not None,
        "link": direct.id if direct else None,
        "directions": directions,
        "shared_mechanisms": shared_mechanisms(kb, a, b),
        "paths": [p["nodes"] for p in details],
        "path_details": details,
    }


def path_view(kb: KnowledgeBase, a: str, b: str, max_hops: int) -> View:
    """What ``kb path A B`` answers: chains of link directions from A to B, shortest first."""
    return {"from": a, "to": b, "max_hops": max_hops, "paths": paths_view(kb, a, b, max_hops)}


def _matched(kb: KnowledgeBase, i: Intervention, wanted: list[str]) -> list[str]:
    """Which of the wanted conditions an intervention targets, itself or via a broader one."""
    targets = {t.condition for t in i.targets}
    return [c for c in wanted if targets & set(kb.lineage(c))]


def treat_view(kb: KnowledgeBase, conditions: list[str]) -> View:
    """Interventions ranked by how many of ``conditions`` they target, then by evidence.

    The articles' point is to treat a pair together: an intervention that targets both
    ranks above one that targets either. Ties go to stronger evidence, then to the id.
    """
    rows: list[View] = []
    lineages = {x for c in conditions for x in kb.lineage(c)}
    for i in kb.interventions_for(lineages):
        matched = _matched(kb, i, conditions)
        if not matched:
            continue
        items = i.evidence + [e for t in i.targets for e in t.evidence]
        best = best_kind(items)
        rows.append(
            {
                "id": i.id,
                "name": i.name,
                "type": str(i.kind),
                "matched": matched,
                "score": len(matched),
                "targets": [ref(kb, t.condition) for t in i.targets],
                "goal": i.goal,
                "drawbacks": i.drawbacks,
                "best_evidence": best,
                "evidence": [
                    evidence_view(kb, e)
                    for t in i.targets
                    if t.condition in {x for c in matched for x in kb.lineage(c)}
                    for e in t.evidence
                ],
            }
        )
    rank = {str(k): k.rank for k in EvidenceKind}
    rows.sort(key=lambda r: (-r["score"], rank.get(r["best_evidence"] or "", 99), r["id"]))
    return {"conditions": conditions, "interventions": rows}
