"""The id rules (check/identity.py): file names, unique ids, references of the right kind."""

from __future__ import annotations

from pathlib import Path

from comorbidity_kb.check.diagnostics import display_path
from tests.check.folders import found, write


def condition(condition_id: str, extra: str = "") -> str:
    name = condition_id.capitalize()
    return f"id: {condition_id}\nname: {name}\ncategory: sleep\ndescription: x\n{extra}"


def test_a_second_file_with_a_used_id_is_a_duplicate_and_a_mismatch(valid_kb: Path) -> None:
    write(valid_kb, {"conditions/other.yaml": condition("anxiety")})
    first = display_path(valid_kb / "conditions" / "anxiety.yaml")
    assert found(valid_kb) == [
        (
            "conditions/other.yaml",
            1,
            5,
            "error",
            "duplicate-id",
            f"id 'anxiety' is already used by {first}; ids are unique across all kinds",
        ),
        (
            "conditions/other.yaml",
            1,
            5,
            "error",
            "id-mismatch",
            "id 'anxiety' differs from the file name 'other': rename the file to anxiety.yaml "
            "or fix the id",
        ),
    ]


def test_ids_are_unique_across_kinds(valid_kb: Path) -> None:
    mechanism = (
        "id: insomnia\nname: Insomnia mechanism\nkind: neuroendocrine\ndescription: x\n"
        "evidence:\n  - {citation: dressle-2022, locator: a, kind: meta-analysis}\n"
    )
    write(valid_kb, {"mechanisms/insomnia.yaml": mechanism})
    first = display_path(valid_kb / "conditions" / "insomnia.yaml")
    assert found(valid_kb) == [
        (
            "mechanisms/insomnia.yaml",
            1,
            5,
            "error",
            "duplicate-id",
            f"id 'insomnia' is already used by {first}; ids are unique across all kinds",
        )
    ]


def test_a_reference_to_a_broken_file_is_left_to_that_file(valid_kb: Path) -> None:
    # sub's parent exists but fails validation: only the file's own error is reported for
    # it, and sub's *next* reference (an unknown citation) is still checked.
    extra = "parent: broken\nevidence:\n  - {citation: nosuch-2020, locator: a, kind: cohort}\n"
    write(
        valid_kb,
        {
            "conditions/sub.yaml": condition("sub", extra),
            "conditions/broken.yaml": condition("broken").replace("sleep", "sleeping"),
        },
    )
    assert found(valid_kb) == [
        (
            "conditions/broken.yaml",
            3,
            11,
            "error",
            "bad-value",
            "category: Input should be 'sleep', 'mood', 'anxiety', 'pain' or 'other'",
        ),
        (
            "conditions/sub.yaml",
            7,
            16,
            "error",
            "unknown-citation",
            "no citation 'nosuch-2020'; add citations/nosuch-2020.yaml to the data folder or "
            "fix the id",
        ),
    ]


def test_a_broken_file_of_another_kind_does_not_excuse_a_reference(valid_kb: Path) -> None:
    write(
        valid_kb,
        {
            "conditions/sub.yaml": condition("sub", "parent: broken\n"),
            "citations/broken.yaml": "id: broken\ntype: journal-article\n",
        },
    )
    assert found(valid_kb) == [
        ("citations/broken.yaml", 1, 1, "error", "missing-field", "missing required field 'title'"),
        (
            "citations/broken.yaml",
            1,
            1,
            "error",
            "missing-field",
            "missing required field 'verified'",
        ),
        (
            "conditions/sub.yaml",
            5,
            9,
            "error",
            "unknown-reference",
            "no condition 'broken'; add conditions/broken.yaml to the data folder or fix the id",
        ),
    ]


def test_a_reference_to_the_wrong_kind(valid_kb: Path) -> None:
    write(valid_kb, {"conditions/sub.yaml": condition("sub", "parent: hpa-axis-cortisol\n")})
    assert found(valid_kb) == [
        (
            "conditions/sub.yaml",
            5,
            9,
            "error",
            "wrong-kind",
            "'hpa-axis-cortisol' is a mechanism, but a condition is expected here",
        )
    ]


def test_an_unknown_citation_suggests_the_closest(valid_kb: Path) -> None:
    extra = "evidence:\n  - {citation: dressle-2023, locator: a, kind: cohort}\n"
    write(valid_kb, {"conditions/sub.yaml": condition("sub", extra)})
    assert found(valid_kb) == [
        (
            "conditions/sub.yaml",
            6,
            16,
            "error",
            "unknown-citation",
            "no citation 'dressle-2023'; did you mean 'dressle-2022'?",
        )
    ]


def test_an_unknown_condition_suggests_the_closest(valid_kb: Path) -> None:
    write(valid_kb, {"conditions/sub.yaml": condition("sub", "parent: anxeity\n")})
    assert found(valid_kb) == [
        (
            "conditions/sub.yaml",
            5,
            9,
            "error",
            "unknown-reference",
            "no condition 'anxeity'; did you mean 'anxiety'?",
        )
    ]
