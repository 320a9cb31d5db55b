"""The indexes (kb/index.py) and the questions of the KnowledgeBase that go through them:
hierarchy, who acts on what, link lookups, successors and paths."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from comorbidity_kb.kb.index import INDEXES, index_entities, pair_key
from comorbidity_kb.kb.knowledge import Hop, KnowledgeBase
from comorbidity_kb.model import Condition, Entity, Intervention, Link, Mechanism, RiskFactor

EVIDENCE: list[dict[str, Any]] = [{"citation": "c-1", "locator": "p. 1", "kind": "cohort"}]


def condition(cid: str, parent: str | None = None, aliases: tuple[str, ...] = ()) -> Condition:
    return Condition(
        id=cid,
        name=cid.replace("-", " ").title(),
        category="sleep",
        description="x",
        parent=parent,
        aliases=list(aliases),
    )


def link(
    a: str, b: str, *directions: tuple[str, str], mechanisms: tuple[str, ...] = (), lid: str = ""
) -> Link:
    return Link.model_validate(
        {
            "id": lid or f"{a}--{b}",
            "conditions": [a, b],
            "directions": [
                {
                    "from": s,
                    "to": t,
                    "effect": "worsens",
                    "strength": "weak",
                    "description": "x",
                    "mechanisms": list(mechanisms),
                    "evidence": EVIDENCE,
                }
                for s, t in directions
            ],
        }
    )


def mechanism(mid: str, name: str = "", aliases: tuple[str, ...] = ()) -> Mechanism:
    return Mechanism.model_validate(
        {
            "id": mid,
            "name": name or mid.title(),
            "aliases": list(aliases),
            "kind": "cognitive",
            "description": "x",
            "involves": [{"name": "Cortisol", "type": "molecule"}],
            "evidence": EVIDENCE,
        }
    )


def intervention(iid: str, targets: tuple[str, ...], acts_on: tuple[str, ...]) -> Intervention:
    return Intervention.model_validate(
        {
            "id": iid,
            "name": iid.upper(),
            "kind": "psychotherapy",
            "description": "x",
            "goal": "g",
            "targets": [{"condition": c, "evidence": EVIDENCE} for c in targets],
            "acts_on": list(acts_on),
            "evidence": EVIDENCE,
        }
    )


def risk_factor(rid: str, raises: tuple[str, ...]) -> RiskFactor:
    return RiskFactor.model_validate(
        {
            "id": rid,
            "name": rid.title(),
            "description": "x",
            "raises_risk_of": [{"condition": c, "evidence": EVIDENCE} for c in raises],
        }
    )


def ends(hops: list[Hop]) -> list[tuple[str, str, str]]:
    return [(h.link.id, h.direction.source, h.direction.target) for h in hops]


def test_pair_key_is_the_sorted_pair_joined_by_a_space() -> None:
    assert pair_key("insomnia", "anxiety") == "anxiety insomnia"
    assert pair_key("anxiety", "insomnia") == "anxiety insomnia"


def test_every_index_is_built_and_sorted() -> None:
    entities: list[Entity] = [
        condition("b-sub", parent="a-top"),
        condition("a-top"),
        condition("a-sub", parent="a-top"),
        mechanism("worry", aliases=("Rumination",)),
        link("a-top", "b-sub", ("a-top", "b-sub"), mechanisms=("worry",)),
        intervention("z-therapy", ("b-sub", "a-top"), ("worry",)),
        intervention("y-therapy", ("b-sub",), ("worry",)),
        risk_factor("coffee", ("a-sub",)),
    ]
    parts = index_entities(entities)
    assert set(parts.indexes) == set(INDEXES)
    idx = parts.indexes
    assert idx["children"] == {"a-top": ["a-sub", "b-sub"]}
    assert idx["links_of"] == {"a-top": ["a-top--b-sub"], "b-sub": ["a-top--b-sub"]}
    assert idx["link_between"] == {"a-top b-sub": ["a-top--b-sub"]}
    assert idx["mediated_by"] == {"worry": ["a-top--b-sub"]}
    assert idx["targeted_by"] == {"b-sub": ["y-therapy", "z-therapy"], "a-top": ["z-therapy"]}
    assert idx["acted_on_by"] == {"worry": ["y-therapy", "z-therapy"]}
    assert idx["raised_by"] == {"a-sub": ["coffee"]}
    assert idx["participants"] == {"cortisol": ["worry"]}
    assert idx["names"]["rumination"] == ["worry"]
    assert idx["names"]["a top"] == ["a-top"]
    assert idx["referrers"]["worry"] == ["a-top--b-sub", "y-therapy", "z-therapy"]
    assert parts.by_kind["conditions"].keys() == {"b-sub", "a-top", "a-sub"}
    assert list(parts.entities) == [e.id for e in entities]


def test_a_pair_in_two_link_files_keeps_the_first_read() -> None:
    first = link("insomnia", "anxiety", ("insomnia", "anxiety"))
    second = link("anxiety", "insomnia", ("anxiety", "insomnia"))
    kb = KnowledgeBase([condition("insomnia"), condition("anxiety"), first, second])
    assert kb.parts.indexes["link_between"] == {"anxiety insomnia": ["insomnia--anxiety"]}
    assert kb.link_between("anxiety", "insomnia") is first
    assert kb.link_between("insomnia", "anxiety") is first
    assert kb.link_between("insomnia", "nowhere") is None


def test_ancestors_go_past_the_grandparent() -> None:
    kb = KnowledgeBase(
        [
            condition("leaf", parent="middle"),
            condition("middle", parent="top"),
            condition("top", parent="root"),
            condition("root"),
        ]
    )
    assert kb.ancestors("leaf") == ["middle", "top", "root"]
    assert kb.lineage("leaf") == ["leaf", "middle", "top", "root"]
    assert kb.ancestors("middle") == ["top", "root"]
    assert kb.ancestors("root") == []
    assert kb.ancestors("nowhere") == []
    assert kb.children("middle") == ["leaf"]
    assert kb.children("leaf") == []


def test_ancestors_stop_at_a_longer_cycle_and_at_an_unknown_parent() -> None:
    kb = KnowledgeBase(
        [condition("a", parent="b"), condition("b", parent="c"), condition("c", parent="b")]
    )
    assert kb.ancestors("a") == ["b", "c"]
    assert kb.ancestors("b") == ["c"]
    unknown = KnowledgeBase([condition("a", parent="b")])
    assert unknown.ancestors("a") == ["b"]


def test_interventions_acting_on_a_mechanism() -> None:
    kb = KnowledgeBase(
        [
            mechanism("worry"),
            mechanism("arousal"),
            intervention("z-therapy", ("insomnia",), ("worry", "arousal")),
            intervention("a-therapy", ("insomnia",), ("worry",)),
            intervention("m-therapy", ("insomnia",), ()),
        ]
    )
    assert [i.id for i in kb.interventions_acting_on("worry")] == ["a-therapy", "z-therapy"]
    assert [i.id for i in kb.interventions_acting_on("arousal")] == ["z-therapy"]
    assert kb.interventions_acting_on("nothing") == []


def test_interventions_and_risk_factors_for_conditions() -> None:
    kb = KnowledgeBase(
        [
            intervention("z-therapy", ("insomnia", "anxiety"), ()),
            intervention("a-therapy", ("anxiety",), ()),
            risk_factor("coffee", ("insomnia",)),
            risk_factor("alcohol", ("insomnia", "anxiety")),
        ]
    )
    assert [i.id for i in kb.interventions_for(["insomnia"])] == ["z-therapy"]
    assert [i.id for i in kb.interventions_for(["insomnia", "anxiety"])] == [
        "a-therapy",
        "z-therapy",
    ]
    assert [r.id for r in kb.risk_factors_for(["insomnia"])] == ["alcohol", "coffee"]
    assert [r.id for r in kb.risk_factors_for(["anxiety"])] == ["alcohol"]
    assert kb.interventions_for([]) == [] and kb.risk_factors_for(["pain"]) == []


def test_directions_mediated_by_name_only_the_directions_that_name_it() -> None:
    both = link("a", "b", ("a", "b"), ("b", "a"), mechanisms=("worry",))
    kb = KnowledgeBase([both, link("c", "d", ("c", "d"), mechanisms=("arousal",))])
    assert ends(kb.directions_mediated_by("worry")) == [("a--b", "a", "b"), ("a--b", "b", "a")]
    assert ends(kb.directions_mediated_by("arousal")) == [("c--d", "c", "d")]
    assert kb.directions_mediated_by("nothing") == []
    assert kb.mechanisms_of("c") == {"arousal"}


def test_direction_needs_both_ends_to_match() -> None:
    # A direction whose ends are not the link's (the validator reports it) answers nothing.
    odd = link("insomnia", "anxiety", ("insomnia", "insomnia"))
    kb = KnowledgeBase([odd])
    assert kb.direction("insomnia", "anxiety") is None
    assert kb.direction("anxiety", "insomnia") is None
    fine = KnowledgeBase([link("insomnia", "anxiety", ("anxiety", "insomnia"))])
    hop = fine.direction("anxiety", "insomnia")
    assert hop is not None and (hop.direction.source, hop.direction.target) == (
        "anxiety",
        "insomnia",
    )
    assert fine.direction("insomnia", "anxiety") is None
    assert fine.direction("insomnia", "pain") is None


def subtype_world() -> KnowledgeBase:
    # insomnia is a sleep disturbance; pain and sleep disturbance feed each other.
    return KnowledgeBase(
        [
            condition("sleep-disturbance"),
            condition("insomnia", parent="sleep-disturbance"),
            condition("chronic-pain"),
            condition("anxiety"),
            link(
                "sleep-disturbance",
                "chronic-pain",
                ("chronic-pain", "sleep-disturbance"),
                ("sleep-disturbance", "chronic-pain"),
            ),
            link("insomnia", "anxiety", ("anxiety", "insomnia")),
        ]
    )


def test_a_subtype_inherits_outgoing_directions_only() -> None:
    kb = subtype_world()
    # Not chronic-pain → sleep-disturbance (it leaves pain), nor anxiety → insomnia.
    assert ends(kb.successors("insomnia")) == [
        ("sleep-disturbance--chronic-pain", "sleep-disturbance", "chronic-pain")
    ]
    assert ends(kb.successors("chronic-pain")) == [
        ("sleep-disturbance--chronic-pain", "chronic-pain", "sleep-disturbance")
    ]
    assert ends(kb.successors("anxiety")) == [("insomnia--anxiety", "anxiety", "insomnia")]
    # insomnia reaches its own parent only the long way round, through pain
    assert [ends(p) for p in kb.paths("insomnia", "sleep-disturbance")] == [
        [
            ("sleep-disturbance--chronic-pain", "sleep-disturbance", "chronic-pain"),
            ("sleep-disturbance--chronic-pain", "chronic-pain", "sleep-disturbance"),
        ]
    ]
    assert [ends(p) for p in kb.paths("anxiety", "chronic-pain")] == [
        [
            ("insomnia--anxiety", "anxiety", "insomnia"),
            ("sleep-disturbance--chronic-pain", "sleep-disturbance", "chronic-pain"),
        ]
    ]


def test_a_parents_direction_into_the_subtype_is_not_a_successor() -> None:
    kb = KnowledgeBase(
        [
            condition("sleep-disturbance"),
            condition("insomnia", parent="sleep-disturbance"),
            condition("chronic-pain"),
            link("sleep-disturbance", "insomnia", ("sleep-disturbance", "insomnia")),
            link("insomnia", "chronic-pain", ("insomnia", "chronic-pain")),
        ]
    )
    assert ends(kb.successors("insomnia")) == [
        ("insomnia--chronic-pain", "insomnia", "chronic-pain")
    ]


def test_the_nearest_source_wins_a_target() -> None:
    kb = KnowledgeBase(
        [
            condition("sleep-disturbance"),
            condition("insomnia", parent="sleep-disturbance"),
            condition("chronic-pain"),
            link("sleep-disturbance", "chronic-pain", ("sleep-disturbance", "chronic-pain")),
            link("insomnia", "chronic-pain", ("insomnia", "chronic-pain")),
        ]
    )
    assert ends(kb.successors("insomnia")) == [
        ("insomnia--chronic-pain", "insomnia", "chronic-pain")
    ]
    assert [h.link.id for h in kb.inherited_directions("insomnia", "chronic-pain")] == [
        "insomnia--chronic-pain",
        "sleep-disturbance--chronic-pain",
    ]


def chain(n: int) -> KnowledgeBase:
    ids = [f"c{i}" for i in range(n)]
    entities: list[Entity] = [condition(c) for c in ids]
    entities += [link(a, b, (a, b)) for a, b in pairwise(ids)]
    return KnowledgeBase(entities)


def test_paths_are_at_most_three_hops_by_default() -> None:
    kb = chain(5)
    assert [len(p) for p in kb.paths("c0", "c3")] == [3]
    assert kb.paths("c0", "c4") == []
    assert [len(p) for p in kb.paths("c0", "c4", max_hops=4)] == [4]
    assert kb.paths("c0", "c2", max_hops=1) == []
    assert kb.paths("c2", "c2") == []
    assert kb.paths("c3", "c0") == []


def test_paths_stop_at_twenty_by_default() -> None:
    middles = [f"m{i:02d}" for i in range(25)]
    entities: list[Entity] = [condition("a"), condition("b"), *(condition(m) for m in middles)]
    for m in middles:
        entities += [link("a", m, ("a", m)), link(m, "b", (m, "b"))]
    kb = KnowledgeBase(entities)
    paths = kb.paths("a", "b")
    assert [p[0].direction.target for p in paths] == middles[:20]
    assert len(kb.paths("a", "b", limit=25)) == 25
    assert len(kb.paths("a", "b", limit=3)) == 3


def test_paths_never_revisit_a_condition() -> None:
    kb = KnowledgeBase(
        [
            condition("a"),
            condition("b"),
            condition("c"),
            link("a", "b", ("a", "b"), ("b", "a")),
            link("b", "c", ("b", "c")),
        ]
    )
    assert [ends(p) for p in kb.paths("a", "c", max_hops=5)] == [
        [("a--b", "a", "b"), ("b--c", "b", "c")]
    ]


def test_find_entity_prefers_an_exact_id_then_conditions() -> None:
    kb = KnowledgeBase(
        [
            mechanism("worry"),
            mechanism("arousal", aliases=("worry",)),
            condition("worry-disorder", aliases=("worry", "rumination")),
            mechanism("rumination-loop", name="Rumination"),
            mechanism("b-mech", name="Shared"),
            mechanism("a-mech", name="Shared"),
        ]
    )

    def found(name: str, kind: str | None = None) -> str | None:
        entity = kb.find_entity(name, kind)
        return None if entity is None else entity.id

    assert found("worry") == "worry"  # the exact id beats a condition's alias
    assert found("worry", "mechanisms") == "worry"  # and another mechanism's alias
    assert found("worry", "conditions") == "worry-disorder"
    assert found("rumination") == "worry-disorder"  # conditions first among equal names
    assert found("rumination", "mechanisms") == "rumination-loop"
    assert found("shared") == "a-mech"  # then by id
    assert found("cortisol") == "a-mech"  # a participant finds its mechanism
    assert found("cortisol", "conditions") is None
    assert found("nothing") is None
