"""What strength a claim's evidence earns (docs/evidence-grading.md, informed by GRADE).

Only supporting evidence from sources that exist counts. From the top:

- ``strong``: a verified journal article graded meta-analysis or systematic review, with a
  pooled finding whose 95% interval excludes no effect, and no verified journal article
  contradicting the claim;
- ``moderate``: a verified journal article that tests the claim (a meta-analysis, a
  systematic review, a cohort study or an experiment) or a guideline;
- ``weak``: any other verified journal article (a narrative review, an expert opinion);
- ``reported``: anything else: a blog post or popular article alone, or an unverified
  record.

``unclear`` is never earned and always allowed: it claims nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from comorbidity_kb.model.citation import Citation, CitationType
from comorbidity_kb.model.entities import Strength
from comorbidity_kb.model.evidence import Evidence, EvidenceKind, Stance

POOLED_KINDS = frozenset({EvidenceKind.META_ANALYSIS, EvidenceKind.SYSTEMATIC_REVIEW})
TESTING_KINDS = POOLED_KINDS | {EvidenceKind.COHORT, EvidenceKind.EXPERIMENT}


@dataclass(frozen=True, slots=True)
class Support:
    """What a claim rests on: the strength it earns and the facts that decide it."""

    earned: Strength
    peer_reviewed: bool  # at least one verified journal article supports it
    pooled: bool  # at least one of those gives a pooled estimate (a number, any interval)
    blog_only: bool  # every supporting source is a popular article


def _peer_reviewed(citation: Citation | None) -> bool:
    return (
        citation is not None and citation.verified and citation.type is CitationType.JOURNAL_ARTICLE
    )


def support(items: Iterable[Evidence], citations: Mapping[str, Citation]) -> Support:
    """The strength ``items`` earn, given the citations they name."""
    items = list(items)
    backing = [e for e in items if e.stance is Stance.SUPPORTS and e.citation in citations]
    reviewed = [e for e in backing if _peer_reviewed(citations[e.citation])]
    contradicted = any(
        e.stance is Stance.CONTRADICTS and _peer_reviewed(citations.get(e.citation)) for e in items
    )
    pooled = [e for e in reviewed if e.finding is not None and e.finding.pooled]
    decisive = [
        e
        for e in pooled
        if e.kind in POOLED_KINDS and e.finding is not None and e.finding.excludes_no_effect()
    ]
    if decisive and not contradicted:
        earned = Strength.STRONG
    elif any(e.kind in TESTING_KINDS or e.kind is EvidenceKind.GUIDELINE for e in reviewed):
        earned = Strength.MODERATE
    elif reviewed:
        earned = Strength.WEAK
    else:
        earned = Strength.REPORTED
    blog_only = bool(backing) and all(e.kind is EvidenceKind.POPULAR_ARTICLE for e in backing)
    return Support(earned, bool(reviewed), bool(pooled), blog_only)


def is_earned(strength: Strength, earned: Strength) -> bool:
    """True when ``strength`` claims no more than the evidence earns."""
    return strength is Strength.UNCLEAR or strength.rank >= earned.rank
