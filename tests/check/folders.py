"""Helpers the rule tests share: write files into a knowledge base, read back what
`kb validate` finds there (path relative to the folder, line, column, severity, rule,
message)."""

from __future__ import annotations

from pathlib import Path

from comorbidity_kb.check.validate import validate_path

Found = tuple[str, int, int, str, str, str]


def write(root: Path, files: dict[str, str]) -> None:
    """Write each file (a path below ``root``) with its text."""
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")


def found(root: Path) -> list[Found]:
    """Every diagnostic of the folder, as a tuple easy to compare."""
    return [
        (Path(d.path).relative_to(root).as_posix(), d.line, d.column, d.severity, d.rule, d.message)
        for d in validate_path(root).diagnostics
    ]
