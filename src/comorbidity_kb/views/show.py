"""``kb show``: everything the knowledge base says about one entity, as a view."""

from __future__ import annotations

from comorbidity_kb.kb.knowledge import KnowledgeBase
from comorbidity_kb.kinds import SINGULAR
from comorbidity_kb.model import (
    Citation,
    Condition,
    Entity,
    Intervention,
    Link,
    Mechanism,
    RiskFactor,
    Target,
    kind_of,
)
from comorbidity_kb.views.common import (
    View,
    best_kind,
    citation_label,
    direction_view,
    evidence_behind,
    evidence_view,
    label,
    nearest_target,
    ref,
    sources_view,
    via_of,
)


# -- kb show --------------------------------------------------------------------------------
def link_summary(kb: KnowledgeBase, link: Link, about: str, via: str | None) -> View:
    """A link as seen from one of its conditions (``about``, or its ancestor ``via``)."""
    anchor = via or about
    other = next((c for c in link.conditions if c != anchor), anchor)
    return {
        "link": link.id,
        "other": ref(kb, other),
        "bidirectional": link.bidirectional,
        "via": [via] if via else [],
        "directions": [direction_view(kb, d) for d in link.directions],
    }


def show_view(kb: KnowledgeBase, entity: Entity) -> View:
    """What ``kb show`` prints about any entity (its ``--json`` shape)."""
    kind = kind_of(entity)
    view: View = {"kind": SINGULAR[kind], "id": entity.id}
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
        "interventions": [targeting(kb, i, c.id) for i in kb.interventions_for(lineage)],
        "risk_factors": [
            ref(kb, r.id) | {"via": _via_target(kb, r.raises_risk_of, c.id)}
            for r in kb.risk_factors_for(lineage)
        ],
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


def _via_target(kb: KnowledgeBase, targets: list[Target], condition: str) -> list[str]:
    """The broader condition a target list reaches ``condition`` through, if any."""
    target = nearest_target(kb, targets, condition)
    return via_of([target.condition] if target else [], {condition})


def targeting(kb: KnowledgeBase, i: Intervention, condition: str) -> View:
    """An intervention as a condition's page lists it: ``via`` the broader condition it is
    aimed at, if not at this one, and ``best_evidence`` for that aim alone (not the best over
    everything it targets)."""
    target = nearest_target(kb, i.targets, condition)
    aim = [target.condition] if target else []
    return intervention_view(kb, i) | {
        "via": via_of(aim, {condition}),
        "best_evidence": best_kind(target.evidence) if target else None,
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
