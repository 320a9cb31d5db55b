"""The graph-shape rules (check/links.py): each fires once, where it should, and says why."""

from __future__ import annotations

from pathlib import Path

from comorbidity_kb.check.diagnostics import display_path
from tests.check.folders import found, write

EVIDENCE = '      - {citation: hertenstein-2019, locator: "abstract", kind: meta-analysis}\n'


def direction(source: str, target: str, mechanisms: str = "") -> str:
    extra = f"    mechanisms: [{mechanisms}]\n" if mechanisms else ""
    return (
        f"  - from: {source}\n    to: {target}\n    effect: worsens\n    strength: weak\n"
        f"    description: x\n{extra}    evidence:\n{EVIDENCE}"
    )


def link(link_id: str, a: str, b: str, *directions: str) -> str:
    return f"id: {link_id}\nconditions: [{a}, {b}]\ndirections:\n" + "".join(directions)


def condition(condition_id: str, parent: str | None = None) -> str:
    text = f"id: {condition_id}\nname: {condition_id}\ncategory: sleep\ndescription: x\n"
    return text + (f"parent: {parent}\n" if parent else "")


def test_a_direction_given_twice_is_reported_on_the_second(valid_kb: Path) -> None:
    both = direction("insomnia", "anxiety", "hpa-axis-cortisol") + direction("insomnia", "anxiety")
    write(
        valid_kb,
        {"links/insomnia--anxiety.yaml": link("insomnia--anxiety", "insomnia", "anxiety", both)},
    )
    assert found(valid_kb) == [
        (
            "links/insomnia--anxiety.yaml",
            12,
            5,
            "error",
            "direction-endpoints",
            "direction insomnia → anxiety is given twice; merge the two entries",
        )
    ]


def test_the_two_opposite_directions_are_not_a_repeat(valid_kb: Path) -> None:
    # The fixture's insomnia--anxiety holds both directions: nothing to report.
    assert found(valid_kb) == []


def test_a_link_to_itself_is_one_self_link_and_nothing_else(valid_kb: Path) -> None:
    write(
        valid_kb,
        {
            "links/anxiety--anxiety.yaml": link(
                "anxiety--anxiety", "anxiety", "anxiety", direction("anxiety", "anxiety")
            )
        },
    )
    assert found(valid_kb) == [
        (
            "links/anxiety--anxiety.yaml",
            2,
            13,
            "error",
            "self-link",
            "link from 'anxiety' to itself; a link joins two different conditions",
        )
    ]


def test_link_id_endpoints_and_a_repeated_mechanism(valid_kb: Path) -> None:
    text = link(
        "anxiety--pain",
        "anxiety",
        "chronic-pain",
        direction("anxiety", "insomnia"),
        direction("chronic-pain", "anxiety", "hpa-axis-cortisol, hpa-axis-cortisol"),
    )
    write(valid_kb, {"links/anxiety--chronic-pain.yaml": text})
    name = "links/anxiety--chronic-pain.yaml"
    assert found(valid_kb) == [
        (
            name,
            1,
            5,
            "error",
            "id-mismatch",
            "id 'anxiety--pain' differs from the file name 'anxiety--chronic-pain': rename the "
            "file to anxiety--pain.yaml or fix the id",
        ),
        (
            name,
            1,
            5,
            "error",
            "link-id",
            "a link's id is its conditions joined by '--': expected 'anxiety--chronic-pain' "
            "(and the file anxiety--chronic-pain.yaml)",
        ),
        (
            name,
            4,
            5,
            "error",
            "direction-endpoints",
            "direction anxiety → insomnia is not between this link's conditions "
            "(anxiety, chronic-pain)",
        ),
        (name, 16, 17, "warning", "duplicate-item", "a mechanism is listed twice"),
    ]


def test_distinct_mechanisms_are_not_a_repeat(valid_kb: Path) -> None:
    text = link(
        "anxiety--chronic-pain",
        "anxiety",
        "chronic-pain",
        direction("anxiety", "chronic-pain", "hpa-axis-cortisol, worry"),
    )
    worry = (valid_kb / "mechanisms" / "hpa-axis-cortisol.yaml").read_text(encoding="utf-8")
    worry = worry.replace("id: hpa-axis-cortisol", "id: worry").replace(
        "name: HPA axis and cortisol", "name: Worry"
    )
    worry = worry.replace("  - {name: cortisol, type: molecule, xref: CHEBI:17650}\n", "")
    worry = worry.replace("involves:\n", "")
    write(valid_kb, {"links/anxiety--chronic-pain.yaml": text, "mechanisms/worry.yaml": worry})
    assert found(valid_kb) == []


def test_a_pair_in_two_files_is_reported_on_each(valid_kb: Path) -> None:
    text = link("anxiety--insomnia", "anxiety", "insomnia", direction("anxiety", "insomnia"))
    write(valid_kb, {"links/anxiety--insomnia.yaml": text})
    one = display_path(valid_kb / "links" / "insomnia--anxiety.yaml")
    other = display_path(valid_kb / "links" / "anxiety--insomnia.yaml")
    tail = "; put both directions in one file"
    assert found(valid_kb) == [
        (
            "links/anxiety--insomnia.yaml",
            2,
            13,
            "error",
            "duplicate-link",
            f"the pair anxiety and insomnia also has the link file {one}{tail}",
        ),
        (
            "links/insomnia--anxiety.yaml",
            2,
            13,
            "error",
            "duplicate-link",
            f"the pair anxiety and insomnia also has the link file {other}{tail}",
        ),
    ]


def test_a_cycle_is_reported_once_even_with_a_tail_into_it(valid_kb: Path) -> None:
    write(
        valid_kb,
        {
            "conditions/cyc-a.yaml": condition("cyc-a", "cyc-b"),
            "conditions/cyc-b.yaml": condition("cyc-b", "cyc-a"),
            "conditions/cyc-c.yaml": condition("cyc-c", "cyc-a"),
        },
    )
    assert found(valid_kb) == [
        (
            "conditions/cyc-a.yaml",
            5,
            9,
            "error",
            "parent-cycle",
            "subtype cycle: cyc-a → cyc-b → cyc-a; a condition cannot be its own ancestor",
        )
    ]


def test_a_cycle_entered_from_a_tail_names_only_the_cycle(valid_kb: Path) -> None:
    # cyc-a is read first and leads into the cycle cyc-b → cyc-c → cyc-b: the message names
    # the cycle alone, once, on a file of the cycle (where the fix is), not on cyc-a's.
    write(
        valid_kb,
        {
            "conditions/cyc-a.yaml": condition("cyc-a", "cyc-b"),
            "conditions/cyc-b.yaml": condition("cyc-b", "cyc-c"),
            "conditions/cyc-c.yaml": condition("cyc-c", "cyc-b"),
        },
    )
    assert [
        (path, line, column, rule, message)
        for path, line, column, _, rule, message in found(valid_kb)
    ] == [
        (
            "conditions/cyc-b.yaml",
            5,
            9,
            "parent-cycle",
            "subtype cycle: cyc-b → cyc-c → cyc-b; a condition cannot be its own ancestor",
        )
    ]


def test_a_condition_that_is_its_own_parent(valid_kb: Path) -> None:
    write(valid_kb, {"conditions/cyc-z.yaml": condition("cyc-z", "cyc-z")})
    assert found(valid_kb) == [
        (
            "conditions/cyc-z.yaml",
            5,
            9,
            "error",
            "parent-cycle",
            "subtype cycle: cyc-z → cyc-z; a condition cannot be its own ancestor",
        )
    ]


def test_a_long_chain_without_a_cycle_is_fine(valid_kb: Path) -> None:
    # deeper → deep → insomnia → sleep-disturbance: three parents up, no cycle.
    write(
        valid_kb,
        {
            "conditions/deep.yaml": condition("deep", "insomnia"),
            "conditions/deeper.yaml": condition("deeper", "deep"),
        },
    )
    assert found(valid_kb) == []


def test_two_separate_cycles_are_both_reported(valid_kb: Path) -> None:
    write(
        valid_kb,
        {
            "conditions/cyc-a.yaml": condition("cyc-a", "cyc-b"),
            "conditions/cyc-b.yaml": condition("cyc-b", "cyc-a"),
            "conditions/cyc-y.yaml": condition("cyc-y", "cyc-z"),
            "conditions/cyc-z.yaml": condition("cyc-z", "cyc-y"),
        },
    )
    tail = "; a condition cannot be its own ancestor"
    assert found(valid_kb) == [
        (
            "conditions/cyc-a.yaml",
            5,
            9,
            "error",
            "parent-cycle",
            f"subtype cycle: cyc-a → cyc-b → cyc-a{tail}",
        ),
        (
            "conditions/cyc-y.yaml",
            5,
            9,
            "error",
            "parent-cycle",
            f"subtype cycle: cyc-y → cyc-z → cyc-y{tail}",
        ),
    ]


def test_a_pair_in_three_files_names_both_others(valid_kb: Path) -> None:
    text = link("anxiety--insomnia", "anxiety", "insomnia", direction("anxiety", "insomnia"))
    write(valid_kb, {"links/anxiety--insomnia.yaml": text, "links/other.yaml": text})
    one = display_path(valid_kb / "links" / "insomnia--anxiety.yaml")
    other = display_path(valid_kb / "links" / "other.yaml")
    messages = [
        message
        for name, _, _, _, rule, message in found(valid_kb)
        if rule == "duplicate-link" and name == "links/anxiety--insomnia.yaml"
    ]
    assert messages == [
        f"the pair anxiety and insomnia also has the link file {one}, {other}; put both "
        "directions in one file"
    ]
