"""The name rules (check/names.py): nothing unused, no name that means two things."""

from __future__ import annotations

from pathlib import Path

from tests.check.folders import found, write
from tests.conftest import VALID


def ambiguous(name: str, others: str) -> str:
    return (
        f"'{name}' names both this and {others}; `kb show {name}` cannot tell them apart: "
        "rename one, or drop the alias"
    )


def test_an_alias_that_is_another_conditions_name(valid_kb: Path) -> None:
    text = (
        "id: wakefulness\nname: Wakefulness\naliases: [Insomnia]\ncategory: sleep\ndescription: x\n"
    )
    write(valid_kb, {"conditions/wakefulness.yaml": text})
    assert found(valid_kb) == [
        # at insomnia's name (its key), not its id: the name is what collides first
        (
            "conditions/insomnia.yaml",
            2,
            1,
            "warning",
            "ambiguous-name",
            ambiguous("insomnia", "'wakefulness'"),
        ),
        (
            "conditions/wakefulness.yaml",
            3,
            11,
            "warning",
            "ambiguous-name",
            ambiguous("insomnia", "'insomnia'"),
        ),
    ]


def test_an_id_a_link_id_and_three_holders_of_one_name(valid_kb: Path) -> None:
    # The ids are written on line 2, so a report "at the id" is told apart from the top.
    link = (VALID / "links" / "insomnia--anxiety.yaml").read_text(encoding="utf-8")
    link = link.replace(
        "id: insomnia--anxiety\nconditions: [insomnia, anxiety]\n",
        "conditions: [insomnia, anxiety]\nid: insomnia--anxiety\n",
    )
    write(
        valid_kb,
        {
            "conditions/calm.yaml": "name: Calmness\nid: calm\ncategory: mood\ndescription: x\n",
            "conditions/quiet.yaml": (
                "id: quiet\nname: Quiet\naliases: [still, Calm, insomnia--anxiety]\n"
                "category: mood\ndescription: x\n"
            ),
            "conditions/serene.yaml": (
                "id: serene\nname: Serene\naliases: [CALM]\ncategory: mood\ndescription: x\n"
            ),
            "links/insomnia--anxiety.yaml": link,
        },
    )
    assert found(valid_kb) == [
        (
            "conditions/calm.yaml",
            2,
            1,
            "warning",
            "ambiguous-name",
            ambiguous("calm", "'quiet' and 'serene'"),
        ),
        (
            "conditions/quiet.yaml",
            3,
            18,
            "warning",
            "ambiguous-name",
            ambiguous("calm", "'calm' and 'serene'"),
        ),
        (
            "conditions/quiet.yaml",
            3,
            24,
            "warning",
            "ambiguous-name",
            ambiguous("insomnia--anxiety", "'insomnia--anxiety'"),
        ),
        (
            "conditions/serene.yaml",
            3,
            11,
            "warning",
            "ambiguous-name",
            ambiguous("calm", "'calm' and 'quiet'"),
        ),
        (
            "links/insomnia--anxiety.yaml",
            2,
            1,
            "warning",
            "ambiguous-name",
            ambiguous("insomnia--anxiety", "'quiet'"),
        ),
    ]


def test_a_citation_title_is_no_name_and_unused_things_are_reported(valid_kb: Path) -> None:
    citation = (
        "id: anxiety-2\ntype: web-article\ntitle: Anxiety\nurl: https://e.org\nyear: 2020\n"
        "verified: true\n"
    )
    mechanism = (
        "id: worry\nname: Worry\nkind: cognitive\ndescription: x\n"
        "evidence:\n  - {citation: dressle-2022, locator: a, kind: meta-analysis}\n"
    )
    write(valid_kb, {"citations/anxiety-2.yaml": citation, "mechanisms/worry.yaml": mechanism})
    assert found(valid_kb) == [
        (
            "citations/anxiety-2.yaml",
            1,
            5,
            "warning",
            "orphan-citation",
            "citation 'anxiety-2' is cited by nothing; use it as evidence or remove it",
        ),
        (
            "mechanisms/worry.yaml",
            1,
            5,
            "warning",
            "orphan-mechanism",
            "mechanism 'worry' mediates no link direction and no intervention acts on it",
        ),
    ]
