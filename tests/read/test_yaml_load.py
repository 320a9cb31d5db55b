"""The YAML loader: safe, position-keeping, bounded on hostile input."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from comorbidity_kb.read.yaml_load import LoadError, Position, load_yaml, parse_yaml

P = Path("x.yaml")


def error(text: str) -> LoadError:
    with pytest.raises(LoadError) as info:
        parse_yaml(P, text)
    return info.value


def test_values_keep_their_line_and_column() -> None:
    doc = parse_yaml(P, "id: x\nlist:\n  - a\n  - {k: 2}\n")
    assert doc.data == {"id": "x", "list": ["a", {"k": 2}]}
    assert doc.values[("id",)] == Position(1, 5)
    assert doc.keys[("list",)] == Position(2, 1)
    assert doc.values[("list", 1, "k")] == Position(4, 9)
    # An unknown path falls back to its nearest known ancestor.
    assert doc.locate(("list", 1, "missing")) == Position(4, 5)


def test_plain_yaml_types_are_read_as_yaml_defines_them() -> None:
    doc = parse_yaml(P, "d: 2026-01-21\nn: ~\ni: 12\nq: '12'\nb: true\nf: 1.5\n")
    assert doc.data == {
        "d": dt.date(2026, 1, 21),
        "n": None,
        "i": 12,
        "q": "12",
        "b": True,
        "f": 1.5,
    }


def test_aliases_within_budget_are_allowed() -> None:
    doc = parse_yaml(P, "a: &x [1, 2]\nb: *x\n")
    assert doc.data == {"a": [1, 2], "b": [1, 2]}


@pytest.mark.parametrize(
    ("text", "rule", "line"),
    [
        ("a: 1\na: 2\n", "duplicate-key", 2),
        ("a:\n  b: 1\n  b: 1\n", "duplicate-key", 3),
        ("a: !!python/object/apply:os.system ['true']\n", "yaml-unsafe-tag", 1),
        ("a: !!python/name:os.system\n", "yaml-unsafe-tag", 1),
        ("a: !local x\n", "yaml-unsafe-tag", 1),
        ("a: &x [*x]\n", "yaml-alias", 1),
        ("a: *nowhere\n", "yaml-alias", 1),
        ("a: 1\n---\nb: 2\n", "yaml-multiple-documents", 2),
        ("", "file-empty", 1),
        ("# only a comment\n", "file-empty", 1),
        ("- a\n", "yaml-not-mapping", 1),
        ("just text\n", "yaml-not-mapping", 1),
        ("a: [1, 2\n", "yaml-syntax", 2),
        ("a:\tb\n  c: d\n", "yaml-syntax", 2),
        ("? [a]\n: 1\n", "yaml-syntax", 1),
        ("a: 2026-13-45\n", "yaml-syntax", 1),
    ],
)
def test_bad_yaml_is_an_error_with_a_line(text: str, rule: str, line: int) -> None:
    err = error(text)
    assert err.rule == rule, err.message
    assert err.position.line == line


def test_billion_laughs_is_refused_fast() -> None:
    text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    for i in range(1, 10):
        text += f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]\n"
    start = time.perf_counter()
    assert error(text).rule == "yaml-too-large"
    assert time.perf_counter() - start < 5  # a generous bound: the point is it does not hang


@pytest.mark.parametrize("depth", [65, 1_000, 100_000])
def test_deep_nesting_is_refused_not_a_crash(depth: int) -> None:
    # libyaml's own composer overflows the C stack on this; our builder stops at MAX_DEPTH.
    assert error("a: " + "[" * depth + "]" * depth).rule == "yaml-too-deep"


@pytest.mark.parametrize("levels", [70, 1_100, 5_000])
@pytest.mark.parametrize("positions", [True, False])
def test_too_deep_is_reported_where_our_limit_is_met(levels: int, positions: bool) -> None:
    # libyaml 0.2.6+ stops at 1,000 levels on its own, as a syntax error, before our builder
    # sees level 65: whatever the build, the rule and the line are ours (line 65 here: the
    # mapping on line 1, then one list a line).
    text = "a:\n" + "".join("  " * i + "-\n" for i in range(1, levels))
    with pytest.raises(LoadError) as info:
        parse_yaml(Path("deep.yaml"), text, positions=positions)
    assert (info.value.rule, info.value.position.line) == ("yaml-too-deep", 65)


def test_encoding_errors_point_at_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(b"id: x\nname: caf\xe9\n")
    with pytest.raises(LoadError) as info:
        load_yaml(path)
    assert info.value.rule == "file-encoding"
    assert info.value.position == Position(2, 10)


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes("\ufeffid: x\nname: Zoë\n".encode())
    assert load_yaml(path).data == {"id": "x", "name": "Zoë"}


def test_size_cap(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("a: " + "x" * 2000 + "\n")
    with pytest.raises(LoadError) as info:
        load_yaml(path, max_bytes=1000)
    assert info.value.rule == "file-too-large"


def test_directory_named_like_a_file(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").mkdir()
    with pytest.raises(LoadError) as info:
        load_yaml(tmp_path / "x.yaml")
    assert info.value.rule == "file-not-regular"


BOMB = (
    "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    + "".join(
        f"{c}: &{c} [" + ", ".join([f"*{p}"] * 10) + "]\n"
        for p, c in zip("abcd", "bcde", strict=True)
    )
    + "f: [*e, *e, *e]\n"
)
TOO_LARGE = (
    "the file expands to more than 200,000 values; if it uses aliases (*name), they "
    "multiply: write the values out or split the file"
)


@pytest.mark.parametrize("positions", [True, False])
@pytest.mark.parametrize(
    ("text", "rule", "message", "line", "column"),
    [
        (
            "# only a comment\n",
            "file-empty",
            "the file is empty; write the entity's fields, starting with id:",
            1,
            1,
        ),
        (
            "- a\n- b\n",
            "yaml-not-mapping",
            "the top level is a list; an entity file is a mapping of field: value lines",
            1,
            1,
        ),
        (
            "just text\n",
            "yaml-not-mapping",
            "the top level is a single value ('just text'); an entity file is a mapping of "
            "field: value lines",
            1,
            1,
        ),
        (
            "id: x\nname: a\nname: b\n",
            "duplicate-key",
            "key 'name' appears twice in the same mapping (first at line 2); keep one (YAML "
            "would silently drop the other)",
            3,
            1,
        ),
        (
            "? [a, b]\n: c\n",
            "yaml-syntax",
            "a mapping key must be a plain value, not a list or mapping",
            1,
            3,
        ),
        (
            "id: x\n---\nid: y\n",
            "yaml-multiple-documents",
            "a second YAML document (---) in one file; put one entity in each file",
            2,
            1,
        ),
        (BOMB, "yaml-too-large", TOO_LARGE, 6, 5),
        ("id: [unclosed\n", "yaml-syntax", "YAML syntax: did not find expected ',' or ']'", 2, 1),
    ],
)
def test_every_refusal_says_which_file_what_and_where(
    positions: bool, text: str, rule: str, message: str, line: int, column: int
) -> None:
    # Both builders give the same words: the fast one hands anything doubtful to the
    # positional one, which words it.
    path = Path("dir") / "x.yaml"
    with pytest.raises(LoadError) as info:
        parse_yaml(path, text, positions=positions)
    found = info.value
    assert (found.path, found.rule, found.message) == (path, rule, message)
    assert (found.position.line, found.position.column) == (line, column)
    assert str(found) == message


def test_the_document_and_every_nested_key_have_positions() -> None:
    doc = parse_yaml(P, "id: x\nouter:\n  inner:\n    - {k: v}\n")
    assert doc.path == P
    assert doc.values[()] == Position(1, 1)
    assert doc.keys[("outer",)] == Position(2, 1)
    assert doc.keys[("outer", "inner")] == Position(3, 3)
    assert doc.keys[("outer", "inner", 0, "k")] == Position(4, 8)
    assert doc.values[("outer", "inner", 0, "k")] == Position(4, 11)


@pytest.mark.parametrize("positions", [True, False])
def test_exactly_the_value_limit_is_read_and_one_more_is_refused(positions: bool) -> None:
    # The mapping, the key and the list are 3 values: 199,997 items make 200,000.
    def text(items: int) -> str:
        return "a: [" + ", ".join(["x"] * items) + "]\n"

    assert len(parse_yaml(P, text(199_997), positions=positions).data["a"]) == 199_997
    with pytest.raises(LoadError) as info:
        parse_yaml(P, text(199_998), positions=positions)
    assert info.value.rule == "yaml-too-large"
