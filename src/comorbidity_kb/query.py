"""Answers to questions, as plain JSON-ready views.

Each function takes the :class:`KnowledgeBase` and returns a dict whose shape is the
documented ``--json`` output of its command (docs/cli.md). Renderers only format these
views; they never compute.
"""

from __future__ import annotations

from typing import Any

from comorbidity_kb.graph import Hop, KnowledgeBase, kind_of
from comorbidity_kb.model import (
    KIND_SINGULAR,
    Citation,
    Condition,
    Direction,
    Entity,
    Evidence,
    EvidenceKind,
    Intervention,
    Link,
    Mechanism,
    RiskFactor,
)

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
    }


def best_kind(items: list[Evidence]) -> str | None:
    """The strongest kind of supporting evidence in a list (meta-analysis beats a blog)."""
    kinds = [e.kind for e in items if e.stance == "supports"] or [e.kind for e in items]
    return str(min(kinds, key=lambda k: k.rank)) if kinds else None


def direction_view(kb: KnowledgeBase, d: Direction, via_link: str | None = None) -> View:
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
    }
    if via_link is not None:
        view["via_link"] = via_link
    return view


def suggestions(kb: KnowledgeBase, text: str, limit: int = 3) -> list[str]:
    """Up to ``limit`` ids whose name or alias is closest to ``text``."""
    from rapidfuzz import fuzz, process

    names = kb.names()
    matches = process.extract(
        text.casefold(), list(names), scorer=fuzz.WRatio, limit=limit * 3, score_cutoff=60
    )
    out: list[str] = []
    best = matches[0][1] if matches else 0
    for name, score, _ in matches:
        if score < best - 8:  # only the close ones: a long tail of near-misses helps nobody
            break
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
    elif isinstance(entity, Mechanism):
        items += entity.evidence
    elif isinstance(entity, Intervention):
        items += entity.evidence + [e for t in entity.targets for e in t.evidence]
    elif isinstance(entity, RiskFactor):
        items += [e for t in entity.raises_risk_of for e in t.evidence]
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


# -- kb show --------------------------------------------------------------------------------
def link_summary(kb: KnowledgeBase, link: Link, about: str, via: str | None) -> View:
    """A link as seen from one of its conditions (``about``, or its ancestor ``via``)."""
    anchor = via or about
    other = next((c for c in link.conditions if c != anchor), anchor)
    return {
        "link": link.id,
        "other": ref(kb, other),
        "bidirectional": link.bidirectional,
        "via": via,
        "directions": [direction_view(kb, d) for d in link.directions],
    }


def show_view(kb: KnowledgeBase, entity: Entity) -> View:
    """What ``kb show`` prints about any entity (its ``--json`` shape)."""
    kind = kind_of(entity)
    view: View = {"kind": KIND_SINGULAR[kind], "id": entity.id}
    if isinstance(entity, Condition):
        view |= _condition(kb, entity)
    elif isinstance(entity, Mechanism):
        view |= {
            "name": entity.name,
            "aliases": entity.aliases,
            "type": str(entity.kind),
            "description": entity.description,
            "involves": [
                {"name": p.name, "type": str(p.type), "xref": p.xref} for p in entity.involves
            ],
            "mediates": [
                {
                    "link": h.link.id,
                    "from": ref(kb, h.direction.source),
                    "to": ref(kb, h.direction.target),
                    "effect": str(h.direction.effect),
                }
                for h in kb.directions_mediated_by(entity.id)
            ],
            "targeted_by": [ref(kb, i.id) for i in kb.interventions_acting_on(entity.id)],
            "evidence": [evidence_view(kb, e) for e in entity.evidence],
        }
    elif isinstance(entity, Link):
        view |= {
            "name": " ↔ ".join(label(kb, c) for c in entity.conditions)
            if entity.bidirectional
            else " → ".join(label(kb, c) for c in entity.conditions),
            "conditions": [ref(kb, c) for c in entity.conditions],
            "bidirectional": entity.bidirectional,
            "description": entity.description,
            "directions": [direction_view(kb, d) for d in entity.directions],
        }
    elif isinstance(entity, Intervention):
        view |= intervention_view(kb, entity) | {
            "description": entity.description,
            "aliases": entity.aliases,
            "components": entity.components,
            "acts_on": [ref(kb, m) for m in entity.acts_on],
            "xrefs": entity.xrefs,
            "evidence": [evidence_view(kb, e) for e in entity.evidence],
        }
    elif isinstance(entity, RiskFactor):
        view |= {
            "name": entity.name,
            "aliases": entity.aliases,
            "description": entity.description,
            "raises_risk_of": [
                ref(kb, t.condition) | {"evidence": [evidence_view(kb, e) for e in t.evidence]}
                for t in entity.raises_risk_of
            ],
            "xrefs": entity.xrefs,
        }
    elif isinstance(entity, Citation):
        view |= citation_view(kb, entity)
    if not isinstance(entity, Citation):
        view["sources"] = sources_view(kb, evidence_behind(kb, entity))
    return view


def _condition(kb: KnowledgeBase, c: Condition) -> View:
    links = [link_summary(kb, link, c.id, None) for link in kb.links_of(c.id)]
    for ancestor in kb.ancestors(c.id):
        links += [link_summary(kb, link, c.id, ancestor) for link in kb.links_of(ancestor)]
    lineage = set(kb.lineage(c.id))
    return {
        "name": c.name,
        "aliases": c.aliases,
        "category": str(c.category),
        "description": c.description,
        "symptoms": c.symptoms,
        "parent": ref(kb, c.parent) if c.parent else None,
        "subtypes": [ref(kb, x) for x in kb.children(c.id)],
        "xrefs": c.xrefs,
        "links": links,
        "interventions": [intervention_view(kb, i) for i in kb.interventions_for(lineage)],
        "risk_factors": [ref(kb, r.id) for r in kb.risk_factors_for(lineage)],
    }


def intervention_view(kb: KnowledgeBase, i: Intervention) -> View:
    """An intervention's summary: what it is, what it targets, goal, drawbacks, evidence kind."""
    items = i.evidence + [e for t in i.targets for e in t.evidence]
    return {
        "id": i.id,
        "name": i.name,
        "type": str(i.kind),
        "targets": [
            ref(kb, t.condition) | {"best_evidence": best_kind(t.evidence)} for t in i.targets
        ],
        "goal": i.goal,
        "drawbacks": i.drawbacks,
        "best_evidence": best_kind(items),
    }


def citation_view(kb: KnowledgeBase, c: Citation) -> View:
    """A citation's record and what cites it."""
    return {
        "name": c.title,
        "label": citation_label(c),
        "type": str(c.type),
        "authors": [a.display() for a in c.authors],
        "year": c.year,
        "date": c.date.isoformat() if c.date else None,
        "container": c.container,
        "volume": c.volume,
        "issue": c.issue,
        "pages": c.pages,
        "doi": c.doi,
        "pmid": c.pmid,
        "url": c.url,
        "verified": c.verified,
        "note": c.note,
        "references": [ref(kb, r) for r in c.references_],
        "cited_by": [ref(kb, x) for x in sorted(kb.referrers(c.id))],
    }
