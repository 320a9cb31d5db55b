"""The KnowledgeBase as a library: lookups, inheritance, paths — on real and tiny data."""

from __future__ import annotations

import pytest

from comorbidity_kb import load_kb
from comorbidity_kb.kb.knowledge import KnowledgeBase
from comorbidity_kb.model import Condition
from tests.conftest import DATA, VALID


@pytest.fixture(scope="module")
def real() -> KnowledgeBase:
    return load_kb(DATA, cache=False)


@pytest.fixture(scope="module")
def tiny() -> KnowledgeBase:
    return load_kb(VALID, cache=False)


def test_find_entity_by_id_name_alias_any_case(tiny: KnowledgeBase) -> None:
    for name in ("insomnia", "Insomnia", "  INSOMNIA ", "sleeplessness"):
        found = tiny.find_entity(name)
        assert found is not None and found.id == "insomnia", name
    assert tiny.find_entity("cbt-i") is tiny.find_entity("CBT-I")
    assert tiny.find_entity("nothing such") is None


def test_find_entity_respects_kind(tiny: KnowledgeBase) -> None:
    assert tiny.find_entity("insomnia", "mechanisms") is None
    cortisol = tiny.find_entity("cortisol", "mechanisms")
    assert cortisol is not None and cortisol.id == "hpa-axis-cortisol"
    assert tiny.find_entity("cortisol", "conditions") is None


def test_ancestors_and_children(real: KnowledgeBase) -> None:
    assert real.ancestors("insomnia") == ["sleep-disturbance"]
    assert real.ancestors("sleep-disturbance") == []
    assert set(real.children("chronic-pain")) == {
        "fibromyalgia",
        "osteoarthritis",
        "chronic-low-back-pain",
    }


def test_ancestors_stop_at_a_cycle() -> None:
    a = Condition(id="a", name="A", category="sleep", description="x", parent="b")
    b = Condition(id="b", name="B", category="sleep", description="x", parent="a")
    kb = KnowledgeBase([a, b])
    assert kb.ancestors("a") == ["b"]  # no infinite loop; the validator reports the cycle


def test_direct_and_inherited_directions(real: KnowledgeBase) -> None:
    direct = real.inherited_directions("insomnia", "anxiety")
    assert (direct[0].direction.source, direct[0].direction.target) == ("insomnia", "anxiety")
    via = real.inherited_directions("insomnia", "chronic-pain")
    assert via and all(h.link.id == "sleep-disturbance--chronic-pain" for h in via)
    assert real.link_between("insomnia", "chronic-pain") is None


def test_paths_are_shortest_first_and_simple(real: KnowledgeBase) -> None:
    paths = real.paths("chronic-pain", "depression", max_hops=3)
    assert paths
    lengths = [len(p) for p in paths]
    assert lengths == sorted(lengths)
    for p in paths:
        nodes = ["chronic-pain", *(h.direction.target for h in p)]
        assert len(nodes) == len(set(nodes)), "a path never revisits a condition"
        assert nodes[-1] == "depression"


def test_paths_inherit_only_on_the_source_side(tiny: KnowledgeBase) -> None:
    # insomnia is a sleep disturbance, and sleep disturbance worsens pain
    assert [h.link.id for h in tiny.paths("insomnia", "chronic-pain")[0]] == [
        "sleep-disturbance--chronic-pain"
    ]
    # but nothing leads *into* insomnia from pain just because of its parent
    assert tiny.paths("chronic-pain", "insomnia") == []


def test_max_hops_bounds_paths(real: KnowledgeBase) -> None:
    assert all(len(p) <= 1 for p in real.paths("chronic-pain", "depression", max_hops=1))


def test_referrers_say_what_cites_what(tiny: KnowledgeBase) -> None:
    assert tiny.referrers("hertenstein-2019") == {"insomnia--anxiety"}
    assert "cbt-i" in tiny.referrers("hpa-axis-cortisol")


def test_duplicate_ids_keep_the_first(tiny: KnowledgeBase) -> None:
    first = tiny.conditions["anxiety"]
    other = Condition(id="anxiety", name="Other", category="mood", description="x")
    kb = KnowledgeBase([first, other])
    assert kb.get("anxiety") is first


def test_descendants_and_paths_that_stay_off_the_hierarchy(real: KnowledgeBase) -> None:
    assert real.descendants("sleep-disturbance") == [
        "insomnia",
        "sleep-deprivation",
        "sleep-fragmentation",
    ]
    assert real.descendants("insomnia") == []
    for path in real.paths("insomnia", "chronic-pain", max_hops=3):
        middle = {h.direction.target for h in path[:-1]}
        assert not middle & {"sleep-disturbance", "fibromyalgia", "osteoarthritis"}
