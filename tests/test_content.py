"""The content's promises that a schema cannot check."""

from __future__ import annotations

import itertools
import re

import pytest

from comorbidity_kb.kb.build import load_fresh
from comorbidity_kb.kb.knowledge import KnowledgeBase
from comorbidity_kb.model import CitationType, Stance
from tests.conftest import DATA, ROOT

CORE = ("insomnia", "anxiety", "depression", "chronic-pain")
AUDIT = ROOT / "docs" / "content-audit.md"


def explained_gaps() -> dict[tuple[str, str], str]:
    """The pairs docs/content-audit.md lists as having no quantified finding, with why."""
    text = AUDIT.read_text(encoding="utf-8")
    section = text.split("## Directions without a quantified finding", 1)
    if len(section) < 2:
        return {}
    body = section[1].split("\n## ", 1)[0]
    return {
        (a, b): reason.strip()
        for a, b, reason in re.findall(r"^- `([a-z-]+) → ([a-z-]+)`: (.+)$", body, re.M)
    }


def family(kb: KnowledgeBase, condition: str) -> set[str]:
    """A condition, its broader conditions and its direct subtypes."""
    return {*kb.lineage(condition), *kb.children(condition)}


def quantified(kb: KnowledgeBase, a: str, b: str) -> bool:
    """Does some direction from a's family to b's carry a peer-reviewed finding?"""
    for source, target in itertools.product(family(kb, a), family(kb, b)):
        hop = kb.direction(source, target)
        if hop is None:
            continue
        for e in hop.direction.evidence:
            citation = kb.citations.get(e.citation)
            if (
                e.finding is not None
                and e.stance is Stance.SUPPORTS
                and citation is not None
                and citation.verified
                and citation.type is CitationType.JOURNAL_ARTICLE
            ):
                return True
    return False


@pytest.mark.parametrize(("a", "b"), list(itertools.permutations(CORE, 2)))
def test_every_core_direction_is_quantified_or_explained(a: str, b: str) -> None:
    kb = load_fresh(DATA)[0]
    gaps = explained_gaps()
    if quantified(kb, a, b):
        assert (a, b) not in gaps, f"{a} → {b} has a finding now: drop it from the audit's list"
    else:
        assert gaps.get((a, b)), (
            f"{a} → {b} has no quantified peer-reviewed finding; add one, or say why none "
            "exists under '## Directions without a quantified finding' in docs/content-audit.md"
        )
