"""Which citations `kb cite` writes: named ones in order, those behind an entity, or all."""

from __future__ import annotations

from pathlib import Path

import pytest

from comorbidity_kb.kb.build import load_fresh
from comorbidity_kb.kb.knowledge import KnowledgeBase
from comorbidity_kb.views.cite import NothingToCite, select, unknown_citation


@pytest.fixture
def kb(valid_kb: Path) -> KnowledgeBase:
    return load_fresh(valid_kb)[0]


def ids(
    kb: KnowledgeBase, *args: str, entity: str | None = None, verified: bool = False
) -> list[str]:
    return [c.id for c in select(kb, args, entity, verified)]


def test_every_citation_sorted_by_id_by_default(kb: KnowledgeBase) -> None:
    assert ids(kb) == ["blog-post", "dressle-2022", "hertenstein-2019"]


def test_named_citations_come_in_the_order_given_each_once(kb: KnowledgeBase) -> None:
    assert ids(kb, "hertenstein-2019", "blog-post", "hertenstein-2019") == [
        "hertenstein-2019",
        "blog-post",
    ]


def test_a_citation_may_be_named_by_its_exact_title(kb: KnowledgeBase) -> None:
    assert ids(kb, "Sleep & worry: a test post") == ["blog-post"]
    # the id and the title of one citation are one citation
    assert ids(kb, "blog-post", "Sleep & worry: a test post") == ["blog-post"]


def test_the_citations_behind_an_entity(kb: KnowledgeBase) -> None:
    assert ids(kb, entity="hpa-axis-cortisol") == ["dressle-2022"]
    assert ids(kb, entity="caffeine") == ["blog-post"]
    assert ids(kb, entity="dressle-2022") == ["dressle-2022"]  # a citation: itself


def test_an_unknown_entity_is_refused_with_suggestions(kb: KnowledgeBase) -> None:
    with pytest.raises(NothingToCite, match=r"^nothing called 'insomina'; did you mean 'insomnia'"):
        select(kb, entity="insomina")


def test_an_entity_without_evidence_has_nothing_to_cite(valid_kb: Path) -> None:
    (valid_kb / "conditions" / "lonely.yaml").write_text(
        "id: lonely\nname: Lonely\ncategory: other\ndescription: Linked to nothing.\n",
        encoding="utf-8",
    )
    with pytest.raises(NothingToCite) as caught:
        select(load_fresh(valid_kb)[0], entity="lonely")
    assert str(caught.value) == "no citation backs the claims about 'lonely'"


def test_a_name_of_another_kind_says_what_it_is(kb: KnowledgeBase) -> None:
    with pytest.raises(NothingToCite) as caught:
        select(kb, ["insomnia"])
    assert str(caught.value) == (
        "'insomnia' is a condition, not a citation; "
        "`kb cite --for insomnia` writes the citations behind it"
    )
    assert unknown_citation(kb, "caffeine").startswith("'caffeine' is a risk factor, not a")


def test_a_misspelt_citation_suggests_citations_only(kb: KnowledgeBase) -> None:
    assert unknown_citation(kb, "dresle-2022") == (
        "no citation called 'dresle-2022'; did you mean 'dressle-2022'?"
    )


def test_nothing_close_falls_back_to_the_general_message(kb: KnowledgeBase) -> None:
    assert unknown_citation(kb, "qqqqqqqq") == (
        "nothing called 'qqqqqqqq'; try `kb search` or `kb list conditions`"
    )


def test_verified_only_drops_the_unverified_and_fails_when_none_is_left(
    valid_kb: Path,
) -> None:
    path = valid_kb / "citations" / "blog-post.yaml"
    text = path.read_text(encoding="utf-8").replace("verified: true", "verified: false")
    path.write_text(text, encoding="utf-8")
    kb = load_fresh(valid_kb)[0]
    assert ids(kb, verified=True) == ["dressle-2022", "hertenstein-2019"]
    assert ids(kb) == ["blog-post", "dressle-2022", "hertenstein-2019"]
    with pytest.raises(NothingToCite) as caught:
        select(kb, ["blog-post"], verified_only=True)
    assert str(caught.value) == "every citation chosen is unverified (see --verified-only)"


def test_a_knowledge_base_without_citations_has_nothing_to_cite(tmp_path: Path) -> None:
    (tmp_path / "conditions").mkdir()
    with pytest.raises(NothingToCite, match=r"^the knowledge base has no citations$"):
        select(load_fresh(tmp_path)[0])
