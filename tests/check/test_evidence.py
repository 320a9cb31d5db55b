"""The evidence rules (check/evidence.py): grading, verified support, DOIs."""

from __future__ import annotations

from pathlib import Path

from tests.check.folders import found, write
from tests.conftest import VALID

RISK = (
    "id: caffeine\nname: Caffeine\ndescription: x\nraises_risk_of:\n  - condition: insomnia\n"
    "    evidence:\n"
)
WEB = (
    "id: web-2\ntype: web-article\ntitle: T\nurl: https://example.org/x\nyear: 2020\n"
    "verified: false\nnote: could not confirm\n"
)
JOURNAL = "id: j-2\ntype: journal-article\ntitle: T\nyear: 2020\ncontainer: J\nverified: true\n"
UNVERIFIED_JOURNAL = (
    "id: j-3\ntype: journal-article\ntitle: T\nyear: 2020\ncontainer: J\nverified: false\n"
    "note: not seen\n"
)


def item(citation: str, kind: str, stance: str = "") -> str:
    extra = f", stance: {stance}" if stance else ""
    return f"      - {{citation: {citation}, locator: a, kind: {kind}{extra}}}\n"


def test_a_journal_article_graded_popular_article(valid_kb: Path) -> None:
    text = (VALID / "links" / "insomnia--anxiety.yaml").read_text(encoding="utf-8")
    text = text.replace("kind: meta-analysis", "kind: popular-article")
    # graded so, the direction no longer earns 'strong': keep the grade it does earn
    text = text.replace("strength: strong", "strength: weak")
    write(valid_kb, {"links/insomnia--anxiety.yaml": text})
    assert found(valid_kb) == [
        (
            "links/insomnia--anxiety.yaml",
            13,
            15,
            "warning",
            "evidence-kind-mismatch",
            "'hertenstein-2019' is a journal article but is graded popular-article",
        )
    ]


def test_an_unknown_citation_does_not_stop_the_grading_of_the_next_items(valid_kb: Path) -> None:
    items = item("nosuch", "cohort") + item("blog-post", "cohort") + item("dressle-2022", "cohort")
    write(valid_kb, {"risk-factors/caffeine.yaml": RISK + items})
    tail = "; a source is one kind of source"
    assert found(valid_kb) == [
        (
            "risk-factors/caffeine.yaml",
            7,
            20,
            "error",
            "unknown-citation",
            "no citation 'nosuch'; add citations/nosuch.yaml to the data folder or fix the id",
        ),
        (
            "risk-factors/caffeine.yaml",
            8,
            49,
            "warning",
            "evidence-kind-mismatch",
            f"'blog-post' is graded cohort here but popular-article in cbt-i{tail}",
        ),
        (
            "risk-factors/caffeine.yaml",
            9,
            52,
            "warning",
            "evidence-kind-mismatch",
            f"'dressle-2022' is graded cohort here but meta-analysis in hpa-axis-cortisol{tail}",
        ),
    ]


def test_a_web_article_graded_as_research_and_a_journal_without_doi(valid_kb: Path) -> None:
    items = (
        item("blog-post", "popular-article")
        + item("web-2", "cohort")
        + item("j-2", "cohort", "contradicts")
    )
    write(
        valid_kb,
        {
            "citations/web-2.yaml": WEB,
            "citations/j-2.yaml": JOURNAL,
            "risk-factors/caffeine.yaml": RISK + items,
        },
    )
    assert found(valid_kb) == [
        (
            "risk-factors/caffeine.yaml",
            8,
            45,
            "warning",
            "evidence-kind-mismatch",
            "'web-2' is a web article but is graded cohort; grade what the source is, not what "
            "it reports",
        ),
        (
            "risk-factors/caffeine.yaml",
            9,
            20,
            "warning",
            "journal-without-doi",
            "journal citation 'j-2' has no DOI: add it, or set verified: false with a note",
        ),
    ]


def test_a_web_article_graded_expert_opinion_is_fine(valid_kb: Path) -> None:
    items = item("blog-post", "popular-article") + item("web-2", "expert-opinion")
    write(valid_kb, {"citations/web-2.yaml": WEB, "risk-factors/caffeine.yaml": RISK + items})
    assert found(valid_kb) == []


def test_an_unverified_journal_without_doi_is_fine(valid_kb: Path) -> None:
    items = item("blog-post", "popular-article") + item("j-3", "cohort")
    write(
        valid_kb,
        {"citations/j-3.yaml": UNVERIFIED_JOURNAL, "risk-factors/caffeine.yaml": RISK + items},
    )
    assert found(valid_kb) == []


def test_a_claim_supported_only_by_unverified_sources(valid_kb: Path) -> None:
    items = item("web-2", "popular-article") + item("dressle-2022", "meta-analysis", "contradicts")
    write(valid_kb, {"citations/web-2.yaml": WEB, "risk-factors/caffeine.yaml": RISK + items})
    assert found(valid_kb) == [
        (
            "risk-factors/caffeine.yaml",
            6,
            5,
            "warning",
            "unverified-only",
            "this claim rests only on unverified citations; add a verified source that supports it",
        )
    ]


def test_one_verified_supporting_source_is_enough(valid_kb: Path) -> None:
    items = item("web-2", "popular-article") + item("blog-post", "popular-article")
    write(valid_kb, {"citations/web-2.yaml": WEB, "risk-factors/caffeine.yaml": RISK + items})
    assert found(valid_kb) == []


def test_a_claim_no_source_supports_is_not_unverified_only(valid_kb: Path) -> None:
    # Only an unverified source, and it merely qualifies the claim: nothing rests on it.
    write(
        valid_kb,
        {
            "citations/web-2.yaml": WEB,
            "risk-factors/caffeine.yaml": RISK + item("web-2", "popular-article", "qualifies"),
            "interventions/cbt-i.yaml": (VALID / "interventions" / "cbt-i.yaml").read_text(),
        },
    )
    assert found(valid_kb) == []
