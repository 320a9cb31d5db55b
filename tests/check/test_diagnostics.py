"""Diagnostics as text, JSON and GitHub annotations: exact shapes, safe characters."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from comorbidity_kb.check.diagnostics import (
    Diagnostic,
    Severity,
    display_path,
    printable,
    summary_line,
    to_json,
)


def diag(
    path: str = "data/conditions/x.yaml",
    line: int = 3,
    column: int = 5,
    severity: Severity = Severity.ERROR,
    message: str = "bad value",
    rule: str = "bad-value",
) -> Diagnostic:
    return Diagnostic(path, line, column, severity, message, rule)


def test_text_is_the_shape_editors_jump_to() -> None:
    assert diag().as_text() == "data/conditions/x.yaml:3:5: error: bad value [bad-value]"
    warning = diag(severity=Severity.WARNING, rule="stray-file")
    assert warning.as_text() == "data/conditions/x.yaml:3:5: warning: bad value [stray-file]"


def test_github_annotation_escapes_properties_and_message() -> None:
    d = diag(path="a:b,c%.yaml", message="50% off\nnext line")
    assert d.as_github() == (
        "::error file=a%3Ab%2Cc%25.yaml,line=3,col=5,title=bad-value::50%25 off\\nnext line"
    )


def test_github_annotation_of_an_unknown_position_points_at_the_start() -> None:
    d = diag(line=0, column=0, severity=Severity.WARNING)
    assert (
        d.as_github()
        == "::warning file=data/conditions/x.yaml,line=1,col=1,title=bad-value::bad value"
    )


def test_control_characters_are_escaped_in_path_and_message() -> None:
    d = diag(path="x\x1b[2J.yaml", message="a\tb\x07")
    assert d.path == "x\\x1b[2J.yaml"
    assert d.message == "a\\tb\\x07"
    assert "\x1b" not in d.as_text() and "\x07" not in d.as_github()


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain ü", "plain ü"),
        ("bad\udcffname", "bad\\xffname"),
        ("lone \ud800", "lone \\ud800"),
        ("del\x7f", "del\\x7f"),
        ("c1\x85", "c1\\x85"),
        ("line\nbreak", "line\\nbreak"),
    ],
)
def test_printable(text: str, shown: str) -> None:
    assert printable(text) == shown


def test_as_dict_and_json_have_the_documented_shape() -> None:
    ds = [diag(), diag(severity=Severity.WARNING, rule="stray-file", message="ü")]
    assert ds[0].as_dict() == {
        "path": "data/conditions/x.yaml",
        "line": 3,
        "column": 5,
        "severity": "error",
        "message": "bad value",
        "rule": "bad-value",
    }
    document = json.loads(to_json(ds, 7))
    assert document["files"] == 7
    assert (document["errors"], document["warnings"]) == (1, 1)
    assert [d["rule"] for d in document["diagnostics"]] == ["bad-value", "stray-file"]
    assert "ü" in to_json(ds, 7)  # not escaped as \u00fc
    assert json.loads(to_json([], 0)) == {"files": 0, "errors": 0, "warnings": 0, "diagnostics": []}


@pytest.mark.parametrize(
    ("severities", "line"),
    [
        ([], "4 files checked: no problems"),
        ([Severity.ERROR], "4 files checked: 1 error, 0 warnings"),
        ([Severity.WARNING], "4 files checked: 0 errors, 1 warning"),
        (
            [Severity.ERROR, Severity.ERROR, Severity.WARNING],
            "4 files checked: 2 errors, 1 warning",
        ),
    ],
)
def test_summary_line(severities: list[Severity], line: str) -> None:
    assert summary_line([diag(severity=s) for s in severities], 4) == line


def test_sort_key_orders_by_file_then_position() -> None:
    ds = [diag(path="b", line=1), diag(path="a", line=9), diag(path="a", line=2, column=7)]
    assert [(d.path, d.line) for d in sorted(ds, key=Diagnostic.sort_key)] == [
        ("a", 2),
        ("a", 9),
        ("b", 1),
    ]


def test_display_path_is_relative_below_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert display_path(tmp_path / "data" / "x.yaml") == "data/x.yaml"
    assert display_path("data/x.yaml") == "data/x.yaml"
    outside = tmp_path.parent / "elsewhere.yaml"
    assert display_path(outside) == str(outside)
    assert display_path(tmp_path / "bad\udcff.yaml") == "bad\\xff.yaml"
