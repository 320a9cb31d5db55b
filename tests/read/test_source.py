"""Reading a folder into models: entities, files that could not be read, files their model
rejected, and control characters found wherever they hide."""

from __future__ import annotations

from pathlib import Path

from comorbidity_kb import rules
from comorbidity_kb.model import Citation, Condition
from comorbidity_kb.read.files import FileProblem
from comorbidity_kb.read.source import (
    ReadResult,
    control_character,
    parse_entity_file,
    positioned,
    read_data,
)
from comorbidity_kb.read.yaml_text import Position


def test_the_valid_fixture_reads_whole(valid_kb: Path) -> None:
    result = read_data(valid_kb, jobs=1)
    assert result.files == 12
    assert result.problems == [] and result.rejected == []
    assert result.left_out == 0
    assert result.broken == {}
    assert sorted(e.id for e in result.entities) == [
        "anxiety",
        "blog-post",
        "caffeine",
        "cbt-i",
        "chronic-pain",
        "dressle-2022",
        "hertenstein-2019",
        "hpa-axis-cortisol",
        "insomnia",
        "insomnia--anxiety",
        "sleep-disturbance",
        "sleep-disturbance--chronic-pain",
    ]
    insomnia = next(e for e in result.entities if e.id == "insomnia")
    assert isinstance(insomnia, Condition)
    assert result.path_of(insomnia) == valid_kb / "conditions" / "insomnia.yaml"


def test_a_file_its_model_rejects_is_kept_with_the_error(valid_kb: Path) -> None:
    bad = valid_kb / "citations" / "bad-one.yaml"
    bad.write_text("id: bad-one\ntype: thesis\ntitle: T\nverified: true\n", encoding="utf-8")
    result = read_data(valid_kb, jobs=1)
    assert result.files == 13
    assert [(r.path, r.kind) for r in result.rejected] == [(bad, "citations")]
    assert result.rejected[0].error.errors()[0]["loc"] == ("type",)
    assert result.broken == {"bad-one": "citations"}
    assert result.left_out == 1
    assert "bad-one" not in {e.id for e in result.entities}


def test_a_file_that_cannot_be_parsed_is_a_problem_and_left_out(valid_kb: Path) -> None:
    bad = valid_kb / "conditions" / "broken.yaml"
    bad.write_text("id: [unclosed\n", encoding="utf-8")
    result = read_data(valid_kb, jobs=1)
    assert [(p.path, p.rule) for p in result.problems] == [(bad, rules.YAML_SYNTAX)]
    assert result.left_out == 1
    assert result.broken == {}  # a file that never parsed is not "broken" by its model


def test_a_warning_is_not_counted_as_left_out(valid_kb: Path) -> None:
    stray = valid_kb / "conditions" / "notes.txt"
    stray.write_text("a stray file", encoding="utf-8")
    result = read_data(valid_kb, jobs=1)
    assert [(p.path, p.rule) for p in result.problems] == [(stray, rules.STRAY_FILE)]
    assert result.files == 12
    assert result.left_out == 0
    error = ReadResult(valid_kb, problems=[FileProblem(stray, "x", rules.FILE_UNREADABLE)])
    assert error.left_out == 1


def test_a_clean_file_parses_to_its_values(valid_kb: Path) -> None:
    data = parse_entity_file(valid_kb / "citations" / "dressle-2022.yaml")
    assert isinstance(data, dict)
    assert data["id"] == "dressle-2022"
    assert data["volume"] == "62"
    assert Citation.model_validate(data).year == 2022


def test_a_control_character_is_a_problem_pointing_at_its_value(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text('id: x\nsymptoms:\n  - fine\n  - "bad \\e[2J"\n', encoding="utf-8")
    problem = parse_entity_file(path)
    assert isinstance(problem, FileProblem)
    assert problem.rule == rules.CONTROL_CHARACTER
    assert problem.message == (
        "symptoms[1]: control character ESC (U+001B) in the text; "
        "remove it (only tabs and line breaks are allowed)"
    )
    assert problem.position == Position(4, 5)


def test_a_control_character_at_the_top_level_and_in_a_key_is_found(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text('"ke\\x01y": 1\n', encoding="utf-8")
    problem = parse_entity_file(path)
    assert isinstance(problem, FileProblem)
    assert problem.message.startswith("ke\x01y: control character (U+0001) in the text")


def test_control_character_walks_keys_lists_and_text() -> None:
    assert control_character("plain\ttext\n") is None
    assert control_character({"a": ["x", {"b": "y\x7f"}]}) == (("a", 1, "b"), "\x7f")
    assert control_character({"a\x1b": "x"}) == (("a\x1b",), "\x1b")
    assert control_character(["\x85"]) == ((0,), "\x85")
    assert control_character("\x00") == ((), "\x00")
    assert control_character(12) is None
    assert control_character({1.5: "ok"}) is None


def test_a_file_gone_since_it_was_read_is_positioned_at_the_top(tmp_path: Path) -> None:
    document = positioned(tmp_path / "gone.yaml")
    assert document.path == tmp_path / "gone.yaml"
    assert document.data == {}
