"""`kb validate` and `kb schema` through the CLI: exit codes, formats and where output goes."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from comorbidity_kb.read.parallel import max_jobs
from tests.conftest import Run


@pytest.fixture
def here(valid_kb: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The valid copy, as the working folder (paths in diagnostics are relative to it)."""
    monkeypatch.chdir(valid_kb)
    return valid_kb


def break_one(root: Path) -> None:
    (root / "conditions" / "broken.yaml").write_text("id: [x\n", encoding="utf-8")


def test_a_valid_folder_passes(kb: Run, here: Path) -> None:
    result = kb("validate", str(here))
    assert (result.code, result.out, result.err) == (0, "12 files checked: no problems\n", "")


def test_an_error_fails_with_its_diagnostic_and_summary(kb: Run, here: Path) -> None:
    break_one(here)
    result = kb("validate", str(here))
    assert result.code == 1
    assert result.out == (
        "conditions/broken.yaml:2:1: error: YAML syntax: did not find expected ',' or ']'"
        " [yaml-syntax]\n"
        "13 files checked: 1 error, 0 warnings\n"
    )


def test_json_is_one_document(kb: Run, here: Path) -> None:
    break_one(here)
    result = kb("validate", str(here), "--format", "json")
    assert result.code == 1
    document = json.loads(result.out)
    assert (document["files"], document["errors"], document["warnings"]) == (13, 1, 0)
    (only,) = document["diagnostics"]
    assert (only["path"], only["rule"], only["severity"]) == (
        "conditions/broken.yaml",
        "yaml-syntax",
        "error",
    )


def test_github_annotations_go_to_stdout_and_the_summary_to_stderr(kb: Run, here: Path) -> None:
    break_one(here)
    result = kb("validate", str(here), "-f", "github")
    assert result.code == 1
    assert result.out == (
        "::error file=conditions/broken.yaml,line=2,col=1,title=yaml-syntax::"
        "YAML syntax: did not find expected ',' or ']'\n"
    )
    assert result.err == "13 files checked: 1 error, 0 warnings\n"


def test_a_warning_fails_only_when_strict(kb: Run, here: Path) -> None:
    (here / "conditions" / "notes.txt").write_text("stray", encoding="utf-8")
    lenient = kb("validate", str(here))
    assert lenient.code == 0
    assert "[stray-file]" in lenient.out
    assert lenient.out.endswith("12 files checked: 0 errors, 1 warning\n")
    assert kb("validate", str(here), "--strict").code == 1


def test_without_a_path_validate_uses_the_environment(kb: Run, here: Path) -> None:
    result = kb("validate", env={"KB_DATA": str(here)})
    assert (result.code, result.out) == (0, "12 files checked: no problems\n")


def test_a_folder_that_is_no_knowledge_base_is_misuse(kb: Run, tmp_path: Path) -> None:
    result = kb("validate", str(tmp_path))
    assert result.code == 2
    assert result.err == (
        f"kb: {tmp_path} is not a knowledge base: it needs folders such as "
        f"{tmp_path / 'conditions'}\n"
    )


@pytest.mark.parametrize("jobs", ["0", str(max_jobs() + 1)])
def test_jobs_out_of_bounds_are_misuse(kb: Run, here: Path, jobs: str) -> None:
    result = kb("validate", str(here), "--jobs", jobs)
    assert result.code == 2
    assert "--jobs" in result.err
    assert result.out == ""


def test_jobs_within_bounds_give_the_same_answer(kb: Run, here: Path) -> None:
    result = kb("validate", str(here), "-j", "1")
    assert (result.code, result.out) == (0, "12 files checked: no problems\n")


def test_schema_prints_the_json_schema_of_a_kind(kb: Run) -> None:
    result = kb("schema", "risk-factors")
    assert result.code == 0, result
    schema = json.loads(result.out)
    assert {"id", "name", "raises_risk_of"} <= set(schema["properties"])
    assert "id" in schema["required"]


def test_schema_of_an_unknown_kind_is_misuse(kb: Run) -> None:
    result = kb("schema", "risk-factor")
    assert result.code == 2
    assert result.out == ""
    assert "risk-factors" in result.err  # the choices are listed


def test_no_cache_checks_afresh_and_writes_nothing(
    kb: Run, here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from comorbidity_kb.kb import cache

    monkeypatch.setattr(cache, "_clock", lambda: time.time() + 3600)  # every file has aged
    break_one(here)
    fresh = kb("validate", str(here), "--no-cache")
    assert fresh.code == 1 and "broken.yaml:2:1" in fresh.out
    assert list(cache.cache_dir().iterdir()) == []
    cached = kb("validate", str(here))
    assert (cached.code, cached.out) == (fresh.code, fresh.out)
    assert list(cache.cache_dir().iterdir()) != []  # written for the next run
    again = kb("validate", str(here))
    assert (again.code, again.out) == (fresh.code, fresh.out)
