"""`kb validate`: every rule fires at the right file:line, in any knowledge base, no traceback."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from comorbidity_kb.check.validate import validate_path
from tests.conftest import DATA, FIXTURES, ROOT, VALID, Run

INVALID = FIXTURES / "invalid"
CASES = sorted(p.name for p in INVALID.iterdir() if p.is_dir())


def overlay(case: str, base: Path, target: Path) -> tuple[str, int, str, str]:
    """Copy ``base`` to ``target``, drop the case's files in, return what it expects."""
    shutil.copytree(base, target)
    for src in (INVALID / case).rglob("*"):
        if src.is_file() and src.name != "expect":
            dest = target / src.relative_to(INVALID / case)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dest)
    path, line, severity, rule = (INVALID / case / "expect").read_text().strip().rsplit(":", 3)
    return path, int(line), severity, rule


def test_there_is_a_broken_input_for_every_rule() -> None:
    assert len(CASES) >= 25
    rules = {(INVALID / c / "expect").read_text().strip().rsplit(":", 1)[1] for c in CASES}
    assert len(rules) >= 25


@pytest.mark.parametrize("base", [VALID, DATA], ids=["fixture-kb", "data-copy"])
@pytest.mark.parametrize("case", CASES)
def test_each_fault_is_reported_at_its_line(case: str, base: Path, tmp_path: Path, kb: Run) -> None:
    root = tmp_path / "kb"
    path, line, severity, rule = overlay(case, base, root)
    result = kb("validate", str(root), "--format", "json", "--strict")
    assert result.code == 1, result
    report = json.loads(result.out)
    hits = [d for d in report["diagnostics"] if d["rule"] == rule]
    assert hits, f"no {rule} in {report['diagnostics']}"
    where = [
        (
            Path(d["path"]).relative_to(root).as_posix()
            if Path(d["path"]).is_absolute()
            else Path(d["path"]).as_posix().split("kb/", 1)[-1],
            d["line"],
            d["severity"],
        )
        for d in hits
    ]
    assert (path, line, severity) in where, where


def test_warnings_alone_exit_zero_without_strict(tmp_path: Path, kb: Run) -> None:
    root = tmp_path / "kb"
    overlay("orphan-citation", VALID, root)
    result = kb("validate", str(root))
    assert result.code == 0, result
    assert "warning:" in result.out and "[orphan-citation]" in result.out
    assert "0 errors, 1 warning" in result.out


def test_text_format_is_path_line_col_severity_message_rule(tmp_path: Path, kb: Run) -> None:
    root = tmp_path / "kb"
    overlay("unknown-field", VALID, root)
    result = kb("validate", str(root))
    assert result.code == 1
    line = next(x for x in result.out.splitlines() if "[unknown-field]" in x)
    assert line.endswith("error: unknown field 'symptom'; did you mean 'symptoms'? [unknown-field]")
    assert line.split(":")[1:3] == ["5", "1"]
    assert result.out.splitlines()[-1] == "13 files checked: 1 error, 0 warnings"


def test_unknown_reference_suggests_the_close_id(tmp_path: Path) -> None:
    root = tmp_path / "kb"
    overlay("unknown-reference", VALID, root)
    messages = [d.message for d in validate_path(root).diagnostics]
    assert "no condition 'insomnai'; did you mean 'insomnia'?" in messages


def test_github_format_annotates_files(tmp_path: Path, kb: Run) -> None:
    root = tmp_path / "kb"
    overlay("self-link", VALID, root)
    result = kb("validate", str(root), "--format", "github")
    assert result.code == 1
    assert any(
        x.startswith("::error file=") and ",line=2," in x and "title=self-link::" in x
        for x in result.out.splitlines()
    ), result.out


def test_every_problem_in_one_run(tmp_path: Path) -> None:
    root = tmp_path / "kb"
    shutil.copytree(VALID, root)
    for case in ("unknown-field", "self-link", "bad-doi", "yaml-syntax"):
        for src in (INVALID / case).rglob("*.yaml"):
            dest = root / src.relative_to(INVALID / case)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dest)
    rules = {d.rule for d in validate_path(root).diagnostics}
    assert {"unknown-field", "self-link", "bad-doi", "yaml-syntax"} <= rules


def test_oversized_file_is_refused_quickly(tmp_path: Path) -> None:
    root = tmp_path / "kb"
    shutil.copytree(VALID, root)
    big = root / "conditions" / "huge.yaml"
    big.write_text("id: huge\ndescription: " + "x" * 2_000_000 + "\n")
    diagnostics = validate_path(root).diagnostics
    assert any(d.rule == "file-too-large" and d.path.endswith("huge.yaml") for d in diagnostics)


def test_symlink_out_of_the_data_folder_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "kb"
    shutil.copytree(VALID, root)
    outside = tmp_path / "elsewhere.yaml"
    shutil.copyfile(VALID / "conditions" / "anxiety.yaml", outside)
    (root / "conditions" / "elsewhere.yaml").symlink_to(outside)
    diagnostics = validate_path(root).diagnostics
    assert any(d.rule == "file-outside-root" for d in diagnostics)


def test_missing_folder_is_misuse(kb: Run, tmp_path: Path) -> None:
    result = kb("validate", str(tmp_path / "nowhere"))
    assert result.code == 2
    assert "not a knowledge base" in result.err


def test_bad_format_option_is_misuse(kb: Run) -> None:
    assert kb("validate", str(VALID), "--format", "xml").code == 2


def test_real_data_is_clean_even_strict(kb: Run) -> None:
    result = kb("validate", str(DATA), "--strict")
    assert result.code == 0, result.out[-3000:]


@pytest.mark.parametrize("case", ["yaml-unsafe-tag", "yaml-too-large", "file-not-text"])
def test_hostile_input_never_prints_a_traceback(case: str, tmp_path: Path) -> None:
    root = tmp_path / "kb"
    overlay(case, VALID, root)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run(
        [sys.executable, "-m", "comorbidity_kb", "validate", str(root)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr


def test_a_broken_file_does_not_cascade_into_unknown_references(tmp_path: Path) -> None:
    root = tmp_path / "kb"
    shutil.copytree(VALID, root)
    path = root / "conditions" / "insomnia.yaml"
    path.write_text(path.read_text().replace("category: sleep", "category: sleeping"))
    diagnostics = validate_path(root).diagnostics
    assert [d.rule for d in diagnostics] == ["bad-value"]
    assert diagnostics[0].path.endswith("insomnia.yaml")


def test_a_kind_folder_that_is_a_file_is_an_error_not_a_crash(tmp_path: Path, kb: Run) -> None:
    root = tmp_path / "kb"
    shutil.copytree(VALID, root)
    shutil.rmtree(root / "risk-factors")
    (root / "risk-factors").write_text("oops\n")
    result = kb("validate", str(root), "--format", "json")
    assert result.code == 1
    rules = {d["rule"] for d in json.loads(result.out)["diagnostics"]}
    assert "file-not-regular" in rules


def test_a_kind_folder_linked_from_outside_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "kb"
    shutil.copytree(VALID, root)
    outside = tmp_path / "elsewhere"
    shutil.move(root / "risk-factors", outside)
    (root / "risk-factors").symlink_to(outside)
    diagnostics = validate_path(root).diagnostics
    hit = [d for d in diagnostics if d.rule == "file-outside-root"]
    assert hit and hit[0].path.endswith("risk-factors")  # named as the link, not its target
