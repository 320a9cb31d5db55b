"""The positional YAML builder (read/yaml_positional.py): where everything is, and every
limit at its exact boundary, worded for a curator. The fast builder must agree."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from comorbidity_kb.read.yaml_load import parse_yaml
from comorbidity_kb.read.yaml_positional import build_document
from comorbidity_kb.read.yaml_text import MAX_DEPTH, MAX_NODES, LoadError, Position

P = Path("x.yaml")
BOTH = pytest.mark.parametrize("positions", [True, False], ids=["positional", "fast"])


def refusal(text: str, positions: bool = True) -> tuple[str, str, Position]:
    with pytest.raises(LoadError) as info:
        parse_yaml(P, text, positions=positions)
    assert info.value.path == P
    return info.value.rule, info.value.message, info.value.position


def data(text: str, positions: bool = True) -> Any:
    return parse_yaml(P, text, positions=positions).data


def nested(levels: int) -> str:
    """A mapping holding ``levels`` nested lists: ``levels + 1`` open containers."""
    return "a: " + "[" * levels + "]" * levels + "\n"


@BOTH
def test_nesting_up_to_the_limit_is_read(positions: bool) -> None:
    value = data(nested(MAX_DEPTH - 1), positions)
    depth = 0
    current = value["a"]
    while current:
        current, depth = current[0], depth + 1
    assert depth == MAX_DEPTH - 2


@BOTH
def test_one_level_more_is_too_deep(positions: bool) -> None:
    assert refusal(nested(MAX_DEPTH), positions) == (
        "yaml-too-deep",
        f"nesting deeper than {MAX_DEPTH} levels; no entity needs that",
        Position(1, 4 + MAX_DEPTH - 1),
    )


def flat(items: int, extra: str = "") -> str:
    """A mapping with one list of ``items`` numbers: ``items + 3`` values, plus ``extra``."""
    return "a: [" + ", ".join(["1"] * items) + "]\n" + extra


@BOTH
def test_exactly_max_nodes_values_are_read(positions: bool) -> None:
    assert len(data(flat(MAX_NODES - 3), positions)["a"]) == MAX_NODES - 3


@BOTH
def test_one_value_more_is_too_large(positions: bool) -> None:
    rule, message, where = refusal(flat(MAX_NODES - 3, "b: 1\n"), positions)
    assert (rule, where) == ("yaml-too-large", Position(2, 1))
    assert message == (
        "the file expands to more than 200,000 values; if it uses aliases (*name), they "
        "multiply: write the values out or split the file"
    )


@BOTH
def test_an_alias_counts_every_value_it_repeats(positions: bool) -> None:
    # root 1, key a 1, list 1 + k items, key b 1, alias of the list k + 1: 2k + 5 values
    k = (MAX_NODES - 5) // 2  # 99,997: 199,999 values
    text = "a: &x [" + ", ".join(["1"] * k) + "]\nb: *x\n"
    assert data(text, positions)["b"] == [1] * k
    rule, _, where = refusal(text + "c: [1]\n", positions)  # key c, then its list: 200,001
    assert (rule, where) == ("yaml-too-large", Position(3, 4))
    exactly = text.replace("b: *x", "b: [*x]")  # one list more: exactly 200,000
    assert data(exactly, positions)["b"] == [[1] * k]
    rule, _, where = refusal(text.replace("b: *x", "b: [*x, 1]"), positions)
    assert (rule, where) == ("yaml-too-large", Position(2, 9))


def test_an_alias_of_an_alias_counts_the_whole_expansion() -> None:
    text = "a: &a [1, 2]\nb: &b [*a, *a]\nc: [*b, *b]\n"
    assert data(text) == {"a": [1, 2], "b": [[1, 2], [1, 2]], "c": [[[1, 2], [1, 2]]] * 2}
    assert data(text, positions=False) == data(text)


@BOTH
@pytest.mark.parametrize(
    ("text", "rule", "message", "where"),
    [
        (
            "a: 1\na: 2\n",
            "duplicate-key",
            "key 'a' appears twice in the same mapping (first at line 1); keep one (YAML would "
            "silently drop the other)",
            Position(2, 1),
        ),
        (
            "a:\n  b: [1]\n  c: 1\n  b: 2\n",
            "duplicate-key",
            "key 'b' appears twice in the same mapping (first at line 2); keep one (YAML would "
            "silently drop the other)",
            Position(4, 3),
        ),
        (
            "a: &x [*x]\n",
            "yaml-alias",
            "alias *x refers to a value that contains it; remove the cycle",
            Position(1, 8),
        ),
        (
            "a: *nowhere\n",
            "yaml-alias",
            "alias *nowhere has no anchor &nowhere before it",
            Position(1, 4),
        ),
        (
            "a: 1\n---\nb: 2\n",
            "yaml-multiple-documents",
            "a second YAML document (---) in one file; put one entity in each file",
            Position(2, 1),
        ),
        (
            "a: 1\n? [a]\n: 1\n",
            "yaml-syntax",
            "a mapping key must be a plain value, not a list or mapping",
            Position(2, 3),
        ),
        (
            "? {a: 1}\n: 1\n",
            "yaml-syntax",
            "a mapping key must be a plain value, not a list or mapping",
            Position(1, 3),
        ),
        (
            "a: !!set {b}\n",
            "yaml-unsafe-tag",
            "the tag !!set is not allowed: only plain YAML values (text, numbers, dates, "
            "true/false, lists, mappings) are read; remove the tag",
            Position(1, 4),
        ),
        (
            "a:\n  - !!omap [b: 1]\n",
            "yaml-unsafe-tag",
            "the tag !!omap is not allowed: only plain YAML values (text, numbers, dates, "
            "true/false, lists, mappings) are read; remove the tag",
            Position(2, 5),
        ),
        (
            "a: [1, 2\n",
            "yaml-syntax",
            "YAML syntax: did not find expected ',' or ']'",
            Position(2, 1),
        ),
        ("a: 'x\n", "yaml-syntax", "YAML syntax: found unexpected end of stream", Position(2, 1)),
        (
            "a: 1\nb: !!bool maybe\n",
            "yaml-syntax",
            "'maybe' is not a valid bool",
            Position(2, 4),
        ),
    ],
)
def test_refusals_are_worded_and_placed(
    text: str, rule: str, message: str, where: Position, positions: bool
) -> None:
    assert refusal(text, positions) == (rule, message, where)


def test_every_key_and_value_has_its_position() -> None:
    text = "id: x\nlist:\n  - a\n  - {k: 2, m: [b]}\nmap:\n  n: &v 1\n  o: *v\n"
    root, doc = build_document(P, text)
    assert root == {"id": "x", "list": ["a", {"k": 2, "m": ["b"]}], "map": {"n": 1, "o": 1}}
    assert doc.values == {
        (): Position(1, 1),
        ("id",): Position(1, 5),
        ("list",): Position(3, 3),
        ("list", 0): Position(3, 5),
        ("list", 1): Position(4, 5),
        ("list", 1, "k"): Position(4, 9),
        ("list", 1, "m"): Position(4, 15),
        ("list", 1, "m", 0): Position(4, 16),
        ("map",): Position(6, 3),
        ("map", "n"): Position(6, 6),
        ("map", "o"): Position(7, 6),
    }
    assert doc.keys == {
        ("id",): Position(1, 1),
        ("list",): Position(2, 1),
        ("list", 1, "k"): Position(4, 6),
        ("list", 1, "m"): Position(4, 12),
        ("map",): Position(5, 1),
        ("map", "n"): Position(6, 3),
        ("map", "o"): Position(7, 3),
    }
    assert doc.path == P and doc.data == {}


@BOTH
def test_keys_are_text_and_anchors_can_be_redefined(positions: bool) -> None:
    text = "1: a\n~: b\ntrue: c\nx: &v [1]\ny: &v [2]\nz: *v\n"
    assert data(text, positions) == {
        "1": "a",
        "None": "b",
        "True": "c",
        "x": [1],
        "y": [2],
        "z": [2],
    }


@BOTH
def test_an_anchor_is_usable_once_its_container_is_closed(positions: bool) -> None:
    text = "a: &m {b: [1, 2]}\nc: *m\nd: [&s 3, *s]\n"
    assert data(text, positions) == {"a": {"b": [1, 2]}, "c": {"b": [1, 2]}, "d": [3, 3]}


@BOTH
def test_an_explicit_map_and_seq_tag_are_plain_data(positions: bool) -> None:
    assert data("a: !!map {b: 1}\nc: !!seq [1]\n", positions) == {"a": {"b": 1}, "c": [1]}


@BOTH
def test_an_explicit_document_start_is_one_document(positions: bool) -> None:
    assert data("---\na: 1\n...\n", positions) == {"a": 1}


@BOTH
def test_an_aliased_scalar_counts_one_value(positions: bool) -> None:
    # root, key a, its scalar, key b, the list: 5 values, then one a repeated alias
    n = MAX_NODES - 5
    text = "a: &s 1\nb: [" + ", ".join(["*s"] * n) + "]\n"
    assert len(data(text, positions)["b"]) == n
    rule, _, where = refusal(text.replace("[*s", "[*s, *s"), positions)
    assert (rule, where) == ("yaml-too-large", Position(2, 5 + 4 * n))


def test_the_top_is_where_the_mapping_starts() -> None:
    _, doc = build_document(P, "# a comment\n\nid: x\n")
    assert doc.values[()] == Position(3, 1)
    assert doc.locate(("missing",)) == Position(3, 1)
