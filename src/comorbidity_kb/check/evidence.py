"""Quality rules about evidence: a source graded as what it is, the same way everywhere;
claims that rest on verified sources; journal articles with a DOI."""

from __future__ import annotations

from comorbidity_kb import rules
from comorbidity_kb.check.context import Context
from comorbidity_kb.model import Citation, CitationType, Entity, Evidence, EvidenceKind, Stance
from comorbidity_kb.model.claims import YamlPath, claims_of

# Kinds that say a source is research: a web article is never one of them.
RESEARCH = frozenset(EvidenceKind) - {EvidenceKind.POPULAR_ARTICLE, EvidenceKind.EXPERT_OPINION}


def check_evidence_kinds(ctx: Context) -> None:
    """evidence-kind-mismatch: one source graded two ways, or graded as what it is not."""
    first = ctx.graded  # filled here, in file order (or known, when only some files are read)
    for entity in ctx.entities():
        for claim in claims_of(entity):
            for i, item in enumerate(claim.evidence):
                citation = ctx.citations.get(item.citation)
                if citation is None:
                    continue
                seen = first.setdefault(item.citation, (str(item.kind), entity.id))
                message = _grading_problem(item, citation, seen)
                if message:
                    where = (*claim.path, i, "kind")
                    ctx.report(entity, where, message, rules.EVIDENCE_KIND_MISMATCH)


def _grading_problem(item: Evidence, citation: Citation, seen: tuple[str, str]) -> str | None:
    if seen[0] != item.kind:
        return (
            f"'{item.citation}' is graded {item.kind} here but {seen[0]} in {seen[1]}; a "
            "source is one kind of source"
        )
    if citation.type is CitationType.WEB_ARTICLE and item.kind in RESEARCH:
        return (
            f"'{item.citation}' is a web article but is graded {item.kind}; grade what the "
            "source is, not what it reports"
        )
    if citation.type is CitationType.JOURNAL_ARTICLE and item.kind is EvidenceKind.POPULAR_ARTICLE:
        return f"'{item.citation}' is a journal article but is graded popular-article"
    return None


def check_sources(ctx: Context) -> None:
    """unverified-only (a claim no verified source supports) and journal-without-doi."""
    for entity in ctx.entities():
        for claim in claims_of(entity):
            _check_claim(ctx, entity, claim.path, claim.evidence)


def _check_claim(ctx: Context, entity: Entity, path: YamlPath, items: list[Evidence]) -> None:
    cited = [ctx.citations.get(e.citation) for e in items]
    supporting = [
        c
        for e, c in zip(items, cited, strict=True)
        if c is not None and e.stance is Stance.SUPPORTS
    ]
    if supporting and not any(c.verified for c in supporting):
        message = (
            "this claim rests only on unverified citations; add a verified source that supports it"
        )
        ctx.report(entity, path, message, rules.UNVERIFIED_ONLY, key=True)
    for i, citation in enumerate(cited):
        if (
            citation is not None
            and citation.type is CitationType.JOURNAL_ARTICLE
            and citation.verified
            and not citation.doi
        ):
            message = (
                f"journal citation '{citation.id}' has no DOI: add it, or set verified: false "
                "with a note"
            )
            ctx.report(entity, (*path, i, "citation"), message, rules.JOURNAL_WITHOUT_DOI)
