"""``kb validate``: every file read, every problem found, sorted by file and position.

Structural problems (types, unknown and missing fields) come from the read stage and are
explained here (:mod:`.explain`); the integrity and quality rules need every entity at
once (:mod:`.identity`, :mod:`.links`, :mod:`.evidence`, :mod:`.names`). Each rule has a
stable id (:mod:`comorbidity_kb.rules`); docs/validation.md lists them with a fix.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from comorbidity_kb import rules
from comorbidity_kb.check import evidence, findings, identity, links, names
from comorbidity_kb.check.context import Context, Lookups
from comorbidity_kb.check.diagnostics import Diagnostic, Severity, display_path
from comorbidity_kb.check.explain import structural_diagnostics
from comorbidity_kb.model import MODELS
from comorbidity_kb.read.source import ReadResult, positioned, read_data

# Every rule that needs the whole folder, in the order they run (the output is sorted).
CHECKS: tuple[Callable[[Context], None], ...] = (
    identity.check_ids,
    identity.check_references,
    links.check_links,
    links.check_duplicate_links,
    links.check_parent_cycles,
    evidence.check_evidence_kinds,
    evidence.check_sources,
    findings.check_findings,
    findings.check_strengths,
    names.check_unused,
    names.check_names,
)


@dataclass
class Report:
    """The outcome of validating a folder: the problems, sorted, and how many files were read."""

    diagnostics: list[Diagnostic]
    files: int

    @property
    def errors(self) -> int:
        return sum(d.severity is Severity.ERROR for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return len(self.diagnostics) - self.errors


def read_diagnostics(read: ReadResult) -> list[tuple[Path, Diagnostic]]:
    """The problems the read stage met, each with its file: files it could not read,
    values a model rejected."""
    out = [
        (
            p.path,
            Diagnostic(
                display_path(p.path),
                p.position.line,
                p.position.column,
                rules.severity_of(p.rule),
                p.message,
                p.rule,
            ),
        )
        for p in read.problems
    ]
    for rejected in read.rejected:
        doc = positioned(rejected.path)
        found = structural_diagnostics(doc, MODELS[rejected.kind], rejected.error)
        out += [(rejected.path, d) for d in found]
    return out


@dataclass
class Checked:
    """Every diagnostic about the files read, each with its file; and each citation's first
    grading, which checking only some files later needs (:class:`.context.Lookups`)."""

    found: list[tuple[Path, Diagnostic]]
    graded: dict[str, tuple[str, str]]


def check_files(read: ReadResult, lookups: Lookups | None = None) -> Checked:
    """Every diagnostic about the files of ``read`` (checked against ``lookups``, the whole
    knowledge base, when they are only some of its files). Never raises on bad content."""
    ctx = Context(read, lookups)
    for run in CHECKS:
        run(ctx)
    return Checked(read_diagnostics(read) + ctx.located(), ctx.graded)


def check(read: ReadResult) -> Report:
    """Every diagnostic about what ``read`` found, sorted. Never raises on bad content."""
    diagnostics = [d for _, d in check_files(read).found]
    diagnostics.sort(key=Diagnostic.sort_key)
    return Report(diagnostics, read.files)


def validate_path(root: Path, jobs: int | None = None) -> Report:
    """Read ``root`` and run every rule. Never raises on bad content.

    ``jobs``: processes to parse files with (default: one a CPU, for large folders).
    """
    return check(read_data(root, jobs))


__all__ = [
    "CHECKS",
    "Checked",
    "Lookups",
    "Report",
    "check",
    "check_files",
    "read_diagnostics",
    "validate_path",
]
