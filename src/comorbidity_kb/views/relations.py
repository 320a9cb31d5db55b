"""How conditions relate: ``kb links``, ``kb path`` and ``kb treat`` as JSON-ready views."""

from __future__ import annotations

from comorbidity_kb.kb.knowledge import Hop, KnowledgeBase
from comorbidity_kb.model import EvidenceKind, Intervention, Target
from comorbidity_kb.views.common import (
    View,
    best_kind,
    direction_view,
    evidence_view,
    nearest_target,
    ref,
    via_of,
)


def _hop_view(kb: KnowledgeBase, hop: Hop, node: str) -> View:
    """One step of a path, leaving ``node`` (``via`` names the broader condition it uses)."""
    d = hop.direction
    return {
        "from": node,
        "to": d.target,
        "link": hop.link.id,
        "via": via_of([d.source], {node}),
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


def shared_mechanisms(kb: KnowledgeBase, hops: list[Hop]) -> list[View]:
    """ "Mechanisms both take part in": those named on the directions between the two
    conditions (their own link, and links stated for a broader condition of either), each
    once, in the order the directions come. A mechanism of a link to a third condition is
    not one of them, even when both conditions have such a link."""
    return [ref(kb, m) for m in dict.fromkeys(m for h in hops for m in h.direction.mechanisms)]


def links_view(kb: KnowledgeBase, a: str, b: str, max_hops: int = 3) -> View:
    """What ``kb links A B`` answers: directions (direct, then inherited), shared mechanisms,
    and, where no direct link exists, the shortest paths both ways.

    Shape: ``{"a", "b", "direct", "directions": [...], "shared_mechanisms": [...],
    "paths": [[id, ...], ...], "path_details": [...]}``; each direction names its ``link``,
    and ``via`` the broader conditions that link is stated for ([] for the pair's own).
    """
    directions: list[View] = []
    direct = kb.link_between(a, b)
    hops = kb.inherited_directions(a, b)
    for hop in hops:
        d = hop.direction
        directions.append(
            {"link": hop.link.id} | direction_view(kb, d, via_of([d.source, d.target], {a, b}))
        )
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
        "shared_mechanisms": shared_mechanisms(kb, hops),
        "paths": [p["nodes"] for p in details],
        "path_details": details,
    }


def path_view(kb: KnowledgeBase, a: str, b: str, max_hops: int) -> View:
    """What ``kb path A B`` answers: chains of link directions from A to B, shortest first."""
    return {"from": a, "to": b, "max_hops": max_hops, "paths": paths_view(kb, a, b, max_hops)}


def _aims(kb: KnowledgeBase, i: Intervention, wanted: list[str]) -> list[tuple[View, Target]]:
    """The wanted conditions an intervention targets, each with the target that concerns it
    (its own, or ``via`` a broader condition's) and that target's best evidence."""
    out = []
    for c in wanted:
        target = nearest_target(kb, i.targets, c)
        if target is not None:
            aim = {
                "via": via_of([target.condition], {c}),
                "best_evidence": best_kind(target.evidence),
            }
            out.append((ref(kb, c) | aim, target))
    return out


def treat_view(kb: KnowledgeBase, conditions: list[str]) -> View:
    """Interventions ranked by how many of ``conditions`` they target, then by evidence.

    The articles' point is to treat a pair together: an intervention that targets both
    ranks above one that targets either. Ties go to stronger evidence for those conditions
    (the evidence of the targets that concern them, not of everything the intervention
    targets), then to the id.
    """
    rows: list[View] = []
    lineages = {x for c in conditions for x in kb.lineage(c)}
    for i in kb.interventions_for(lineages):
        aims = _aims(kb, i, conditions)
        if not aims:
            continue
        targets: list[Target] = []  # two conditions may be aimed at through the same target
        for _, t in aims:
            if all(t is not x for x in targets):
                targets.append(t)
        items = [e for t in targets for e in t.evidence]
        rows.append(
            {
                "id": i.id,
                "name": i.name,
                "type": str(i.kind),
                "matched": [aim for aim, _ in aims],
                "score": len(aims),
                "targets": [ref(kb, t.condition) for t in i.targets],
                "goal": i.goal,
                "drawbacks": i.drawbacks,
                "best_evidence": best_kind(items),
                "evidence": [evidence_view(kb, e) for e in items],
            }
        )
    rank = {str(k): k.rank for k in EvidenceKind}
    rows.sort(key=lambda r: (-r["score"], rank.get(r["best_evidence"] or "", 99), r["id"]))
    return {"conditions": conditions, "interventions": rows}
