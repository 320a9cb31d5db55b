"""The pieces every view is made of: names for ids, evidence items, directions, and
'did you mean' for a name nobody has.

Each view is a plain JSON-ready dict whose shape is the documented ``--json`` output of its
command (docs/cli.md). Renderers and formats only lay views out; they never compute.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import Any

from comorbidity_kb.kb.knowledge import Hop, KnowledgeBase
from comorbidity_kb.model import (
    Citation,
    Condition,
    Direction,
    Entity,
    Evidence,
    EvidenceKind,
    Finding,
    Link,
    Target,
)
from comorbidity_kb.model.claims import claims_of
from comorbidity_kb.suggest import closest

View = dict[str, Any]


# -- small pieces -------------------------------------------------------------------------
def label(kb: KnowledgeBase, entity_id: str) -> str:
    """A human name for an id (its name, or its title for a citation), else the id."""
    entity = kb.get(entity_id)
    if entity is None or isinstance(entity, Link):
        return entity_id
    return entity.title if isinstance(entity, Citation) else entity.name


def ref(kb: KnowledgeBase, entity_id: str) -> View:
    """``{"id": ..., "name": ...}`` for any id."""
    return {"id": entity_id, "name": label(kb, entity_id)}


def citation_label(c: Citation) -> str:
    """A short author-year label: 'Baglioni et al. 2011', 'Heartfelt Connections n.d.'."""
    year = str(c.year) if c.year else "n.d."
    if not c.authors:
        who = c.container or c.publisher or _short_title(c.title)
    else:
        first = c.authors[0].literal or c.authors[0].family or ""
        who = first + (
            " et al."
            if len(c.authors) > 2
            else f" & {c.authors[1].literal or c.authors[1].family}"
            if len(c.authors) == 2
            else ""
        )
    return f"{who} {year}"


def _short_title(title: str, words: int = 5) -> str:
    """The first few words of a title, as APA puts a title where the author would be."""
    parts = title.split()
    return title if len(parts) <= words else " ".join(parts[:words]).rstrip(",:;") + " …"


def evidence_view(kb: KnowledgeBase, e: Evidence) -> View:
    """One evidence item, with the citation's short label and whether it is verified."""
    citation = kb.citations.get(e.citation)
    return {
        "citation": e.citation,
        "label": citation_label(citation) if citation else e.citation,
        "locator": e.locator,
        "kind": str(e.kind),
        "stance": str(e.stance),
        "note": e.note,
        "verified": citation.verified if citation else False,
        "finding": finding_view(e.finding) if e.finding else None,
    }


def finding_view(f: Finding) -> View:
    """A finding as JSON: every field, ``ci`` as [low, high] or null."""
    return {
        "measure": str(f.measure),
        "value": f.value,
        "ci": list(f.ci) if f.ci else None,
        "studies": f.studies,
        "participants": f.participants,
        "counts": str(f.counts),
        "unit": f.unit,
        "pooled": f.pooled,
        "population": f.population,
    }


def key_finding(kb: KnowledgeBase, items: list[Evidence]) -> View | None:
    """The finding a reader should see first: of the supporting items that carry one, a
    pooled estimate before a single study, then the strongest kind of source."""
    found = [e for e in items if e.finding is not None and e.stance == "supports"]
    if not found:
        return None
    best = min(found, key=lambda e: (not e.finding.pooled if e.finding else True, e.kind.rank))
    return evidence_view(kb, best)


def best_kind(items: list[Evidence]) -> str | None:
    """The strongest kind of supporting evidence in a list (meta-analysis beats a blog)."""
    kinds = [e.kind for e in items if e.stance == "supports"] or [e.kind for e in items]
    return str(min(kinds, key=lambda k: k.rank)) if kinds else None


def via_of(stated: Iterable[str], asked: Collection[str]) -> list[str]:
    """How every view marks what is inherited (its ``"via"``): the broader conditions a
    link or a target names in place of the conditions ``asked`` about, in its own order;
    [] when it names them themselves. A link stated for sleep disturbance concerns insomnia
    too, "via sleep-disturbance"."""
    return [c for c in stated if c not in asked]


def nearest_target(kb: KnowledgeBase, targets: Sequence[Target], condition: str) -> Target | None:
    """The target that concerns ``condition``: its own, else that of the nearest broader one."""
    lineage = kb.lineage(condition)
    found = [t for t in targets if t.condition in lineage]
    return min(found, key=lambda t: lineage.index(t.condition)) if found else None


def direction_view(kb: KnowledgeBase, d: Direction, via: list[str] | None = None) -> View:
    """One direction of a link (the ``directions`` items of ``kb links --json``)."""
    view: View = {
        "from": d.source,
        "to": d.target,
        "effect": str(d.effect),
        "strength": str(d.strength),
        "description": d.description,
        "mechanisms": [ref(kb, m) for m in d.mechanisms],
        "evidence": [evidence_view(kb, e) for e in d.evidence],
        "best_evidence": best_kind(d.evidence),
        "key_finding": key_finding(kb, d.evidence),
    }
    if via is not None:
        view["via"] = via
    return view


def suggestions(kb: KnowledgeBase, text: str, limit: int = 3) -> list[str]:
    """Up to ``limit`` ids whose name or alias is closest to ``text``."""
    names = kb.names()
    out: list[str] = []
    for name in closest(text.casefold(), list(names), limit=limit):
        for entity_id in sorted(names[name]):
            if entity_id not in out:
                out.append(entity_id)
    return out[:limit]


def not_found_message(kb: KnowledgeBase, text: str) -> str:
    """'no entity called X; did you mean …?' with up to three suggestions."""
    close = suggestions(kb, text)
    hint = (
        f"; did you mean {' or '.join(repr(c) for c in close)}?"
        if close
        else ("; try `kb search` or `kb list conditions`")
    )
    return f"nothing called '{text}'{hint}"


# -- evidence behind an entity ------------------------------------------------------------
def evidence_behind(kb: KnowledgeBase, entity: Entity) -> list[Evidence]:
    """Every evidence item behind what ``kb show`` says of ``entity``.

    For a condition: its own evidence, its links (and those it inherits from broader
    conditions), the mechanisms on those links, the interventions that target it and the
    risk factors that raise it. For a link: its directions and their mechanisms.
    """
    items: list[Evidence] = []
    if isinstance(entity, Condition):
        items += entity.evidence
        for hop in condition_hops(kb, entity.id):
            items += hop.direction.evidence
            items += [
                e
                for m in hop.direction.mechanisms
                if m in kb.mechanisms
                for e in kb.mechanisms[m].evidence
            ]
        # the same interventions and risk factors kb show lists: aimed at it or a broader one
        lineage = set(kb.lineage(entity.id))
        for i in kb.interventions_for(lineage):
            items += [e for t in i.targets if t.condition in lineage for e in t.evidence]
        for r in kb.risk_factors_for(lineage):
            items += [e for t in r.raises_risk_of if t.condition in lineage for e in t.evidence]
    elif isinstance(entity, Link):
        for d in entity.directions:
            items += d.evidence
            items += [
                e for m in d.mechanisms if m in kb.mechanisms for e in kb.mechanisms[m].evidence
            ]
    else:
        items += [e for claim in claims_of(entity) for e in claim.evidence]
    return items


def citations_behind(kb: KnowledgeBase, entity: Entity) -> list[str]:
    """Sorted ids of the citations behind an entity's claims (a citation: itself)."""
    if isinstance(entity, Citation):
        return [entity.id]
    return sorted({e.citation for e in evidence_behind(kb, entity) if e.citation in kb.citations})


def sources_view(kb: KnowledgeBase, items: list[Evidence]) -> list[View]:
    """The citations behind a list of evidence, each with the kinds of evidence it gives."""
    kinds: dict[str, set[str]] = {}
    for e in items:
        kinds.setdefault(e.citation, set()).add(str(e.kind))
    out = []
    for cid in sorted(kinds):
        c = kb.citations.get(cid)
        out.append(
            {
                "id": cid,
                "label": citation_label(c) if c else cid,
                "title": c.title if c else None,
                "kinds": sorted(kinds[cid], key=lambda k: EvidenceKind(k).rank),
                "verified": c.verified if c else False,
            }
        )
    return out


def condition_hops(kb: KnowledgeBase, condition_id: str) -> list[Hop]:
    """The directions of a condition's own links, then those of its broader conditions."""
    hops = []
    for cid in kb.lineage(condition_id):
        for link in kb.links_of(cid):
            hops += [Hop(link, d) for d in link.directions]
    return hops
