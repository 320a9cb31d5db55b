"""Reading a file's text safely and the scalar vocabulary (read/yaml_text.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from comorbidity_kb.read import yaml_text
from comorbidity_kb.read.yaml_load import load_yaml, parse_yaml
from comorbidity_kb.read.yaml_text import (
    MAX_FILE_BYTES,
    LoadError,
    Position,
    ScalarRefused,
    YamlDocument,
    decode,
    read_bytes,
    tag_message,
)

P = Path("x.yaml")


def refusal(text: str, *, positions: bool = True) -> tuple[str, str, Position]:
    with pytest.raises(LoadError) as info:
        parse_yaml(P, text, positions=positions)
    return info.value.rule, info.value.message, info.value.position


def sized(path: Path, size: int) -> Path:
    """A valid entity file of exactly ``size`` bytes (padded with a YAML comment)."""
    head = b"id: x\n#"
    path.write_bytes(head + b"x" * (size - len(head) - 1) + b"\n")
    assert path.stat().st_size == size
    return path


def test_a_file_of_exactly_the_cap_is_read(tmp_path: Path) -> None:
    path = sized(tmp_path / "x.yaml", MAX_FILE_BYTES)
    assert len(read_bytes(path)) == MAX_FILE_BYTES
    assert load_yaml(path).data == {"id": "x"}
    assert load_yaml(path, positions=False).data == {"id": "x"}


def test_one_byte_over_the_cap_is_refused(tmp_path: Path) -> None:
    path = sized(tmp_path / "x.yaml", MAX_FILE_BYTES + 1)
    with pytest.raises(LoadError) as info:
        load_yaml(path)
    assert info.value.rule == "file-too-large"
    assert info.value.path == path
    assert info.value.position == Position(1, 1)
    assert info.value.message == (
        "the file is 1,000,001 bytes, over the 1,000,000-byte limit for one entity; "
        "an entity file should be a few kilobytes"
    )


def test_a_smaller_cap_is_honoured_at_its_boundary(tmp_path: Path) -> None:
    path = sized(tmp_path / "x.yaml", 40)
    assert read_bytes(path, 40) == path.read_bytes()
    with pytest.raises(LoadError) as info:
        read_bytes(path, 39)
    assert info.value.rule == "file-too-large"
    assert info.value.message.startswith("the file is 40 bytes, over the 39-byte limit")


def test_a_folder_named_like_a_file_is_not_regular(tmp_path: Path) -> None:
    folder = tmp_path / "x.yaml"
    folder.mkdir()
    with pytest.raises(LoadError) as info:
        read_bytes(folder)
    assert (info.value.rule, info.value.message) == (
        "file-not-regular",
        "not a regular file (a directory named like a YAML file?); rename or remove it",
    )


def test_an_unreadable_path_is_reported_not_raised(tmp_path: Path) -> None:
    path = tmp_path / ("x" * 300 + ".yaml")  # too long a name for the file system
    with pytest.raises(LoadError) as info:
        read_bytes(path)
    assert info.value.rule == "file-unreadable"
    assert info.value.message == "cannot read the file: File name too long"


def test_nul_bytes_mean_binary() -> None:
    with pytest.raises(LoadError) as info:
        decode(P, b"id: x\x00\n")
    assert (info.value.rule, info.value.message, info.value.position) == (
        "file-not-text",
        "the file is binary (it contains NUL bytes), not YAML text",
        Position(1, 1),
    )


def test_bad_utf8_is_placed_at_its_byte() -> None:
    with pytest.raises(LoadError) as info:
        decode(P, b"id: x\nname: caf\xe9\n")
    assert (info.value.rule, info.value.message, info.value.position) == (
        "file-encoding",
        "byte 0xe9 is not UTF-8; save the file as UTF-8",
        Position(2, 10),
    )
    with pytest.raises(LoadError) as first:
        decode(P, b"\xff")
    assert first.value.position == Position(1, 1)


def test_a_byte_order_mark_is_dropped() -> None:
    assert decode(P, "\ufeffid: x\n".encode()) == "id: x\n"


def test_tag_message_speaks_yaml() -> None:
    assert tag_message("tag:yaml.org,2002:python/none") == (
        "the tag !!python/none is not allowed: only plain YAML values (text, numbers, dates, "
        "true/false, lists, mappings) are read; remove the tag"
    )


@pytest.mark.parametrize("positions", [True, False])
def test_scalars_are_read_by_yamls_own_rules(positions: bool) -> None:
    text = (
        "a: ! 12\nb: !!str 12\nc: !!int '12'\nd: !!null x\ne: 0x1f\nf: 2024-02-03\n"
        "g: '2024-02-03'\nh: ~\ni: yes\nj: .inf\nk: plain text\nl: 'quoted'\nm: !!float 1\n"
        "n: 2024-02-03 10:00:00\n"
    )
    assert parse_yaml(P, text, positions=positions).data == {
        "a": 12,
        "b": "12",
        "c": 12,
        "d": None,
        "e": 31,
        "f": dt.date(2024, 2, 3),
        "g": "2024-02-03",
        "h": None,
        "i": True,
        "j": float("inf"),
        "k": "plain text",
        "l": "quoted",
        "m": 1.0,
        "n": dt.datetime(2024, 2, 3, 10, 0),
    }


@pytest.mark.parametrize("positions", [True, False])
@pytest.mark.parametrize(
    ("text", "rule", "message", "where"),
    [
        ("a: !!bool x\n", "yaml-syntax", "'x' is not a valid bool", Position(1, 4)),
        ("a: !!timestamp x\n", "yaml-syntax", "'x' is not a valid timestamp", Position(1, 4)),
        ("a: !!int\n", "yaml-syntax", "'' is not a valid int", Position(1, 4)),
        (
            "a: !!float x\n",
            "yaml-syntax",
            "'x' is not a valid float: could not convert string to float: 'x'",
            Position(1, 4),
        ),
        (
            "id: x\n<<: {b: 1}\n",
            "yaml-syntax",
            "'<<' has a special meaning in YAML (merge keys and '=' are not read); write the "
            "keys out in full, or quote it if it is meant as text",
            Position(2, 1),
        ),
        (
            "a: !!binary aGk=\n",
            "yaml-unsafe-tag",
            "the tag !!binary is not allowed: only plain YAML values (text, numbers, dates, "
            "true/false, lists, mappings) are read; remove the tag",
            Position(1, 4),
        ),
    ],
)
def test_scalars_that_are_not_plain_data_are_refused(
    text: str, rule: str, message: str, where: Position, positions: bool
) -> None:
    assert refusal(text, positions=positions) == (rule, message, where)


def test_a_quoted_merge_key_is_text() -> None:
    assert parse_yaml(P, "'<<': 1\n'=': 2\n").data == {"<<": 1, "=": 2}


def test_positions_far_down_and_far_right_are_exact() -> None:
    text = "".join(f"k{i}: {i}\n" for i in range(600)) + "far: " + " " * 130 + "[1]\n"
    doc = parse_yaml(P, text)
    assert doc.values[("k0",)] == Position(1, 5)
    assert doc.keys[("k499",)] == Position(500, 1)
    assert doc.values[("k499",)] == Position(500, 7)
    assert doc.keys[("k500",)] == Position(501, 1)
    assert doc.values[("k500",)] == Position(501, 7)
    assert doc.keys[("far",)] == Position(601, 1)
    assert doc.values[("far",)] == Position(601, 136)
    assert doc.values[("far", 0)] == Position(601, 137)
    wide = parse_yaml(P, "a: " + " " * 115 + "[1, 2, 3]\n")
    assert wide.values[("a", 0)] == Position(1, 120)
    assert wide.values[("a", 1)] == Position(1, 123)


def test_locate_falls_back_from_key_to_value_to_ancestor() -> None:
    doc = YamlDocument(
        P,
        {},
        values={(): Position(1, 1), ("a",): Position(2, 4), ("a", 0): Position(3, 5)},
        keys={("a",): Position(2, 1)},
    )
    assert doc.locate(("a",)) == Position(2, 4)
    assert doc.locate(("a",), key=True) == Position(2, 1)
    assert doc.locate(("a", 0), key=True) == Position(3, 5)  # no key: its value
    assert doc.locate(("a", 0, "b", 1)) == Position(3, 5)
    assert doc.locate(("a", 0, "b", 1), key=True) == Position(3, 5)
    assert doc.locate(("z",)) == Position(1, 1)
    empty = YamlDocument(P, {})
    assert empty.locate(("a", "b")) == Position(1, 1)
    assert empty.locate((), key=True) == Position(1, 1)


def test_a_load_error_defaults_to_the_top_of_the_file() -> None:
    error = LoadError(P, "why", "yaml-syntax")
    assert (error.path, error.message, error.rule, error.position) == (
        P,
        "why",
        "yaml-syntax",
        Position(1, 1),
    )
    assert str(error) == "why"
    placed = LoadError(P, "why", "yaml-syntax", Position(3, 4))
    assert placed.position == Position(3, 4)


def test_a_refused_scalar_carries_its_message_and_rule() -> None:
    refused = ScalarRefused("'x' is not a valid bool", "yaml-syntax")
    assert (str(refused), refused.message, refused.rule) == (
        "'x' is not a valid bool",
        "'x' is not a valid bool",
        "yaml-syntax",
    )


@pytest.fixture
def no_shared_positions() -> None:
    """Positions near the top of a file are shared through a table: start it empty, so
    every position below is made here, not found from an earlier test."""
    yaml_text._POSITIONS.clear()


@pytest.mark.usefixtures("no_shared_positions")
def test_positions_are_one_based_whether_shared_or_not() -> None:
    text = "a: 1\nb:\n  - [x, y]\n" + "c: " + " " * 116 + "z\n"
    doc = parse_yaml(P, text)
    assert doc.values == {
        (): Position(1, 1),
        ("a",): Position(1, 4),
        ("b",): Position(3, 3),
        ("b", 0): Position(3, 5),
        ("b", 0, 0): Position(3, 6),
        ("b", 0, 1): Position(3, 9),
        ("c",): Position(4, 120),
    }
    assert parse_yaml(P, text).values == doc.values  # the second time from the table
    assert yaml_text.position(doc_mark(499, 119)) == Position(500, 120)
    assert yaml_text.position(doc_mark(499, 118)) == Position(500, 119)
    assert yaml_text.position(doc_mark(498, 119)) == Position(499, 120)
    assert yaml_text.position(doc_mark(3, 4)) == Position(4, 5)
    assert yaml_text.position(doc_mark(3, 4)) is yaml_text.position(doc_mark(3, 4))
    assert (498, 119) in yaml_text._POSITIONS and (3, 4) in yaml_text._POSITIONS
    assert yaml_text.position(doc_mark(500, 0)) == Position(501, 1)
    assert yaml_text.position(doc_mark(0, 120)) == Position(1, 121)
    assert (500, 0) not in yaml_text._POSITIONS and (0, 120) not in yaml_text._POSITIONS


class doc_mark:
    def __init__(self, line: int, column: int) -> None:
        self.line, self.column = line, column


def test_errors_name_their_file(tmp_path: Path) -> None:
    binary = tmp_path / "b.yaml"
    binary.write_bytes(b"\x00")
    latin = tmp_path / "l.yaml"
    latin.write_bytes(b"a: 1\nb: 2\nc: caf\xe9\n")
    first = tmp_path / "f.yaml"
    first.write_bytes(b"\ncaf\xe9\n")
    folder = tmp_path / "d.yaml"
    folder.mkdir()
    for path, rule, where in [
        (binary, "file-not-text", Position(1, 1)),
        (latin, "file-encoding", Position(3, 7)),
        (first, "file-encoding", Position(2, 4)),
        (folder, "file-not-regular", Position(1, 1)),
        (tmp_path / ("x" * 300), "file-unreadable", Position(1, 1)),
    ]:
        with pytest.raises(LoadError) as info:
            load_yaml(path)
        assert (info.value.path, info.value.rule, info.value.position) == (path, rule, where)
    broken = tmp_path / "s.yaml"
    broken.write_text("a: [1\n", encoding="utf-8")
    with pytest.raises(LoadError) as syntax:
        load_yaml(broken, positions=False)
    assert (syntax.value.path, syntax.value.rule) == (broken, "yaml-syntax")


def test_load_yaml_without_positions_records_none(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("id: x\nlist: [1]\n", encoding="utf-8")
    fast = load_yaml(path, positions=False)
    assert (fast.data, fast.values, fast.keys, fast.path) == (
        {"id": "x", "list": [1]},
        {},
        {},
        path,
    )
    slow = load_yaml(path)
    assert slow.values[("list", 0)] == Position(2, 8)
