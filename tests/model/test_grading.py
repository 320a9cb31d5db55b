"""The grading rule of docs/evidence-grading.md: what strength a claim's evidence earns."""

from __future__ import annotations

import pytest

from comorbidity_kb.model import Citation, Evidence, Strength
from comorbidity_kb.model.grading import is_earned, support

CITATIONS = {
    "paper": Citation.model_validate(
        {"id": "paper", "type": "journal-article", "title": "A paper", "verified": True}
    ),
    "unchecked": Citation.model_validate(
        {
            "id": "unchecked",
            "type": "journal-article",
            "title": "A paper nobody could find",
            "verified": False,
            "note": "not found",
        }
    ),
    "blog": Citation.model_validate(
        {"id": "blog", "type": "web-article", "title": "A post", "verified": True}
    ),
}
POOLED = {"measure": "odds-ratio", "value": 2.6, "ci": [1.98, 3.42], "studies": 21, "pooled": True}


def item(citation: str, kind: str, stance: str = "supports", finding: object = None) -> Evidence:
    data: dict[str, object] = {
        "citation": citation,
        "locator": "abstract",
        "kind": kind,
        "stance": stance,
    }
    if finding is not None:
        data["finding"] = finding
    return Evidence.model_validate(data)


@pytest.mark.parametrize(
    ("items", "earned"),
    [
        ([item("paper", "meta-analysis", finding=POOLED)], Strength.STRONG),
        ([item("paper", "systematic-review", finding=POOLED)], Strength.STRONG),
        # no interval, an interval across no effect, or not pooled: not strong
        ([item("paper", "meta-analysis", finding={**POOLED, "ci": None})], Strength.MODERATE),
        ([item("paper", "meta-analysis", finding={**POOLED, "ci": [0.8, 3.4]})], Strength.MODERATE),
        ([item("paper", "meta-analysis", finding={**POOLED, "pooled": False})], Strength.MODERATE),
        # a pooled number from a narrative review does not make it strong
        ([item("paper", "review", finding=POOLED)], Strength.WEAK),
        ([item("paper", "cohort")], Strength.MODERATE),
        ([item("paper", "experiment")], Strength.MODERATE),
        ([item("paper", "guideline")], Strength.MODERATE),
        ([item("paper", "review")], Strength.WEAK),
        ([item("paper", "expert-opinion")], Strength.WEAK),
        ([item("blog", "popular-article")], Strength.REPORTED),
        ([item("unchecked", "meta-analysis", finding=POOLED)], Strength.REPORTED),
        ([item("ghost", "meta-analysis", finding=POOLED)], Strength.REPORTED),
        # only supporting items count
        ([item("paper", "meta-analysis", "qualifies", POOLED)], Strength.REPORTED),
        # a peer-reviewed contradiction caps a pooled estimate at moderate
        (
            [
                item("paper", "meta-analysis", finding=POOLED),
                item("paper", "cohort", "contradicts"),
            ],
            Strength.MODERATE,
        ),
        # a blog contradicting does not
        (
            [
                item("paper", "meta-analysis", finding=POOLED),
                item("blog", "popular-article", "contradicts"),
            ],
            Strength.STRONG,
        ),
    ],
)
def test_what_evidence_earns(items: list[Evidence], earned: Strength) -> None:
    assert support(items, CITATIONS).earned is earned


def test_support_counts_blogs_peer_review_and_pooled_estimates() -> None:
    blog = support([item("blog", "popular-article")], CITATIONS)
    assert (blog.blog_only, blog.peer_reviewed, blog.pooled) == (True, False, False)
    both = support([item("blog", "popular-article"), item("paper", "review")], CITATIONS)
    assert (both.blog_only, both.peer_reviewed, both.pooled) == (False, True, False)
    wide = {**POOLED, "ci": [0.5, 3.0]}
    pooled = support([item("paper", "meta-analysis", finding=wide)], CITATIONS)
    assert (pooled.peer_reviewed, pooled.pooled, pooled.earned) == (True, True, Strength.MODERATE)


@pytest.mark.parametrize(
    ("strength", "earned", "ok"),
    [
        (Strength.STRONG, Strength.STRONG, True),
        (Strength.STRONG, Strength.MODERATE, False),
        (Strength.MODERATE, Strength.STRONG, True),
        (Strength.WEAK, Strength.REPORTED, False),
        (Strength.REPORTED, Strength.REPORTED, True),
        (Strength.UNCLEAR, Strength.REPORTED, True),
    ],
)
def test_a_strength_may_claim_less_never_more(
    strength: Strength, earned: Strength, ok: bool
) -> None:
    assert is_earned(strength, earned) is ok
