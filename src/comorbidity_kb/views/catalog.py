"""Browsing the knowledge base: ``kb search``, ``kb list`` and ``kb stats`` as views."""

from __future__ import annotations

from collections import Counter

from comorbidity_kb.kb.knowledge import KnowledgeBase
from comorbidity_kb.kinds import SINGULAR
from comorbidity_kb.model import (
    Citation,
    Condition,
    Entity,
    Evidence,
    EvidenceKind,
    Intervention,
    Link,
    Mechanism,
    RiskFactor,
    Stance,
    kind_of,
    normalise,
)
from comorbidity_kb.model.claims import claims_of
from comorbidity_kb.model.grading import support
from comorbidity_kb.views.common import (
    View,
    best_kind,
    citation_label,
    label,
    nearest_target,
    via_of,
)

# Score of a hit by where the text matched; a fuzzy name match scores up to 80.
EXACT, PREFIX, WORD, SUBSTRING, DESCRIPTION = 100, 95, 90, 85, 60


def _fields(e: Entity) -> tuple[list[str], str]:
    """An entity's names (name, aliases, id) and its description."""
    if isinstance(e, Citation):
        return [e.title, e.id], e.note or ""
    if isinstance(e, Link):
        return [e.id], e.description or " ".join(d.description for d in e.directions)
    return [e.name, *e.aliases, e.id], e.description


def _score(query: str, names: list[str], description: str) -> tuple[int, str]:
    best, field = 0, ""
    for n in map(normalise, names):
        if n == query:
            return EXACT, "name"
        score = (
            PREFIX
            if n.startswith(query)
            else WORD
            if query in n.split()
            else SUBSTRING
            if query in n
            else 0
        )
        if score > best:
            best, field = score, "name"
    if not best and query in normalise(description):
        best, field = DESCRIPTION, "description"
    return best, field


def search_view(kb: KnowledgeBase, text: str, kind: str | None = None, limit: int = 20) -> View:
    """Hits over names, aliases and descriptions of every kind, best first.

    Exact, prefix, word and substring matches on names outrank matches in descriptions;
    failing those, a fuzzy match on names (rapidfuzz) catches typos. Ties sort by id.
    """
    query = normalise(text)
    pool = [e for e in kb.entities.values() if kind is None or kind_of(e) == kind]
    hits: list[View] = []
    for e in pool:
        names, description = _fields(e)
        score, field = _score(query, names, description)
        if score:
            hits.append(_hit(kb, e, score, field))
    if len(hits) < limit:
        from rapidfuzz import fuzz, process

        seen = {h["id"] for h in hits}
        choices = {e.id: " | ".join(_fields(e)[0]).casefold() for e in pool if e.id not in seen}
        for _, fuzzy_score, entity_id in process.extract(
            query, choices, scorer=fuzz.partial_ratio, limit=limit, score_cutoff=75
        ):
            hits.append(_hit(kb, kb.entities[entity_id], int(fuzzy_score * 0.8), "fuzzy"))
    hits.sort(key=lambda h: (-h["score"], h["id"]))
    return {"query": text, "kind": kind, "hits": hits[:limit]}


def _hit(kb: KnowledgeBase, e: Entity, score: int, field: str) -> View:
    return {
        "id": e.id,
        "kind": SINGULAR[kind_of(e)],
        "name": label(kb, e.id),
        "score": score,
        "matched": field,
    }


def list_view(
    kb: KnowledgeBase,
    kind: str,
    *,
    type_: str | None = None,
    condition: str | None = None,
    unverified: bool = False,
) -> View:
    """Every entity of one kind, sorted by id, narrowed by the filters that fit that kind.

    ``type_``: a condition's category, a mechanism's, intervention's or citation's type.
    ``condition``: links of, interventions for, risk factors of, or mechanisms on links of
    that condition (broader conditions included). ``unverified``: citations not verified.
    """
    lineage = set(kb.lineage(condition)) if condition else set()
    items: list[View] = []
    for e in sorted(kb.by_kind[kind].values(), key=lambda x: x.id):
        if not _keep(kb, e, type_, lineage, unverified):
            continue
        items.append(_row(kb, e) | (_seen_from(kb, e, condition) if condition else {}))
    return {
        "kind": kind,
        "filters": {"type": type_, "for": condition, "unverified": unverified},
        "items": items,
    }


def _keep(
    kb: KnowledgeBase, e: Entity, type_: str | None, lineage: set[str], unverified: bool
) -> bool:
    if type_ is not None:
        value = getattr(e, "category", None) or getattr(e, "kind", None) or getattr(e, "type", None)
        if str(value) != type_:
            return False
    if lineage:
        if isinstance(e, Link):
            return bool(lineage & set(e.conditions))
        if isinstance(e, Intervention):
            return bool(lineage & {t.condition for t in e.targets})
        if isinstance(e, RiskFactor):
            return bool(lineage & {t.condition for t in e.raises_risk_of})
        if isinstance(e, Mechanism):
            return any(e.id in kb.mechanisms_of(c) for c in lineage)
        if isinstance(e, Condition):
            return e.id in lineage or e.parent in lineage
    return not (unverified and isinstance(e, Citation) and e.verified)


def _row(kb: KnowledgeBase, e: Entity) -> View:
    row: View = {"id": e.id, "name": label(kb, e.id)}
    if isinstance(e, Condition):
        row |= {"category": str(e.category), "parent": e.parent}
    elif isinstance(e, Mechanism):
        row |= {"type": str(e.kind), "best_evidence": best_kind(e.evidence)}
    elif isinstance(e, Link):
        arrow = "↔" if e.bidirectional else "→"
        row |= {
            "name": f" {arrow} ".join(e.conditions),
            "bidirectional": e.bidirectional,
            "strengths": {f"{d.source}->{d.target}": str(d.strength) for d in e.directions},
        }
    elif isinstance(e, Intervention):
        row |= {
            "type": str(e.kind),
            "targets": [t.condition for t in e.targets],
            "best_evidence": best_kind(e.evidence + [x for t in e.targets for x in t.evidence]),
        }
    elif isinstance(e, RiskFactor):
        row |= {"raises_risk_of": [t.condition for t in e.raises_risk_of]}
    elif isinstance(e, Citation):
        row |= {
            "label": citation_label(e),
            "type": str(e.type),
            "year": e.year,
            "verified": e.verified,
        }
    return row


def _seen_from(kb: KnowledgeBase, e: Entity, condition: str) -> View:
    """What a row listed ``--for`` a condition says of it: ``via`` the broader condition a
    link, an intervention or a risk factor concerns it through, and an intervention's best
    evidence for it (not over everything it targets)."""
    if isinstance(e, Link):
        lineage = kb.lineage(condition)
        return {"via": via_of([c for c in e.conditions if c in lineage], {condition})}
    if isinstance(e, Intervention | RiskFactor):
        targets = e.targets if isinstance(e, Intervention) else e.raises_risk_of
        target = nearest_target(kb, targets, condition)
        aim = [target.condition] if target else []
        seen: View = {"via": via_of(aim, {condition})}
        if isinstance(e, Intervention):
            seen["best_evidence"] = best_kind(target.evidence) if target else None
        return seen
    return {}


def claims(kb: KnowledgeBase) -> list[tuple[str, str, list[Evidence]]]:
    """Every claim with its evidence: (entity id, what is claimed, evidence), one per
    evidence list of every entity (:func:`comorbidity_kb.model.claims.claims_of`)."""
    return [
        (entity.id, claim.statement, claim.evidence)
        for entity in kb.entities.values()
        for claim in claims_of(entity)
    ]


def stats_view(kb: KnowledgeBase, weakest: int = 10) -> View:
    """Counts per kind, evidence by kind, and the claims resting on the weakest evidence."""
    all_claims = claims(kb)
    by_best: Counter[str] = Counter()
    graded: list[View] = []
    rank = {str(k): k.rank for k in EvidenceKind}
    for entity_id, claim, evidence in all_claims:
        supporting = [e for e in evidence if e.stance is Stance.SUPPORTS]
        best = best_kind(supporting) if supporting else None
        by_best[best or "none"] += 1
        graded.append(
            {
                "id": entity_id,
                "claim": claim,
                "best_evidence": best,
                "sources": len({e.citation for e in supporting}),
            }
        )
    graded.sort(
        key=lambda g: (-rank.get(g["best_evidence"] or "", 99), g["sources"], g["id"], g["claim"])
    )
    evidence_items = Counter(str(e.kind) for _, _, ev in all_claims for e in ev)
    return {
        "counts": {kind: len(items) for kind, items in kb.by_kind.items()},
        "bidirectional_links": sum(link.bidirectional for link in kb.links.values()),
        "unverified_citations": sorted(c.id for c in kb.citations.values() if not c.verified),
        "claims": len(all_claims),
        "claims_by_best_evidence": {k: by_best[k] for k in [*rank, "none"] if by_best[k]},
        "evidence_items_by_kind": {k: evidence_items[k] for k in rank if evidence_items[k]},
        "claims_by_support": support_counts(kb, all_claims),
        "weakest_claims": graded[:weakest],
    }


def support_counts(kb: KnowledgeBase, all_claims: list[tuple[str, str, list[Evidence]]]) -> View:
    """How many claims rest on a blog alone, on at least one peer-reviewed source, and on
    a pooled estimate from one (docs/evidence-grading.md)."""
    found = [support(evidence, kb.citations) for _, _, evidence in all_claims]
    return {
        "blog_only": sum(s.blog_only for s in found),
        "peer_reviewed": sum(s.peer_reviewed for s in found),
        "pooled_estimate": sum(s.pooled for s in found),
    }
