"""Values that used to be taken silently: `kb validate` agrees with its own JSON Schema,
rejects control characters, and its GitHub annotations name the right file."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest
import yaml

from tests.conftest import ROOT, Run

BLOG = "citations/blog-post.yaml"


def _with(valid_kb: Path, field: str, value: str) -> Path:
    path = valid_kb / BLOG
    lines = [ln for ln in path.read_text().splitlines() if not ln.startswith(f"{field}:")]
    path.write_text("\n".join([*lines, f"{field}: {value}"]) + "\n")
    return path


def _schema_accepts(kb: Run, path: Path) -> bool:
    schema = json.loads(kb("schema", "citations").out)
    data = yaml.safe_load(path.read_text())
    # a YAML date is what the schema's "format: date" string stands for
    data = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in data.items()}
    return not list(jsonschema.Draft202012Validator(schema).iter_errors(data))


CASES = [
    ("verified", '"no"'),
    ("verified", "1"),
    ("verified", "0"),
    ("verified", '"true"'),
    ("year", '"2024"'),
    ("year", "2024.0"),
    ("accessed", "0"),
    ("accessed", "20240305"),
    ("volume", "true"),
    ("volume", "12.5"),
    ("year", "2024.5"),
    ("year", "true"),
    ("verified", "true"),  # and what both accept
    ("year", "2024"),
    ("volume", "12"),
    ("volume", "12.0"),
    ("date", '"2024-03-05"'),
]


@pytest.mark.parametrize(("field", "value"), CASES)
def test_validate_and_the_schema_give_one_verdict(
    valid_kb: Path, kb: Run, field: str, value: str
) -> None:
    path = _with(valid_kb, field, value)
    result = kb("validate", str(valid_kb))
    assert "internal error" not in result.err
    schema_ok = _schema_accepts(kb, path)
    assert (result.code == 0) == schema_ok, (field, value, result)


CONTROLS = {
    "ESC": r"\e[2J\e[31m",
    "BEL": r"\a",
    "NUL": r"\0",
    "DEL": r"\x7f",
    "CR": r"\r",
    "CSI": r"\x9b",
    "BS": r"\b",
    "VT": r"\v",
}


@pytest.mark.parametrize("name", CONTROLS)
@pytest.mark.parametrize("field", ["name", "description", "aliases"])
def test_control_characters_are_an_error(valid_kb: Path, kb: Run, name: str, field: str) -> None:
    path = valid_kb / "conditions" / "insomnia.yaml"
    text = f'"Insomnia{CONTROLS[name]} disorder"'
    lines = [ln for ln in path.read_text().splitlines() if not ln.startswith(f"{field}:")]
    path.write_text("\n".join([*lines, f"{field}: {f'[{text}]' if field == 'aliases' else text}"]))
    result = kb("validate", str(valid_kb))
    assert result.code == 1, result
    assert "[control-character]" in result.out
    shown = kb("show", "insomnia", "--data", str(valid_kb))
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", shown.out + shown.err)


def test_tabs_and_line_breaks_are_text(valid_kb: Path, kb: Run) -> None:
    path = valid_kb / "conditions" / "insomnia.yaml"
    path.write_text(
        path.read_text().replace(
            "description:", 'description: "Two\\tcolumns\\nand lines."\nold_description:'
        )
    )
    text = path.read_text().splitlines()
    path.write_text("\n".join(ln for ln in text if not ln.startswith("old_description")) + "\n")
    result = kb("validate", str(valid_kb))
    assert "control-character" not in result.out, result


@pytest.mark.parametrize("name", ["a,b.yaml", "a:b.yaml", "100%.yaml", "a%2Cb.yaml"])
def test_github_annotations_escape_the_file_property(valid_kb: Path, kb: Run, name: str) -> None:
    shutil.copyfile(valid_kb / "conditions" / "insomnia.yaml", valid_kb / "conditions" / name)
    result = kb("validate", str(valid_kb), "--format", "github")
    lines = [ln for ln in result.out.splitlines() if ln.startswith("::")]
    assert lines
    for line in lines:
        properties = line[2:].split("::", 1)[0].split(" ", 1)[1]
        values = dict(p.split("=", 1) for p in properties.split(","))  # as GitHub splits them
        assert set(values) == {"file", "line", "col", "title"}, line
        file = values["file"]
        for escaped, char in (("%3A", ":"), ("%2C", ","), ("%0A", "\n"), ("%0D", "\r")):
            file = file.replace(escaped, char)
        file = file.replace("%25", "%")
        assert file.endswith(f"conditions/{name}") or file.endswith("conditions/insomnia.yaml")
    assert any(f"conditions/{name}" in _unescape(ln) for ln in lines)


def _unescape(line: str) -> str:
    for escaped, char in (("%3A", ":"), ("%2C", ","), ("%0A", "\n"), ("%0D", "\r"), ("%25", "%")):
        line = line.replace(escaped, char)
    return line


def test_the_pre_commit_hook_runs_when_a_data_file_is_only_deleted() -> None:
    hooks: list[dict[str, Any]] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    (hook,) = hooks
    # pre-commit matches `files` against the files a commit adds or changes, not the ones it
    # deletes: without always_run, a commit that only deletes a cited file skips the check.
    assert hook["always_run"] is True
    assert hook["pass_filenames"] is False
