"""``kb validate`` and ``kb schema``: checking the files, and the schema they follow."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from comorbidity_kb.cli.app import Kind, app, fail


class ReportFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


def _bounded_jobs(value: int | None) -> int | None:
    from comorbidity_kb.read.parallel import max_jobs

    if value is not None and value > max_jobs():
        raise typer.BadParameter(f"at most {max_jobs()} here (64, and 4 a CPU)")
    return value


@app.command()
def validate(
    path: Annotated[
        Path | None,
        typer.Argument(help="Data folder (default: as for --data).", show_default=False),
    ] = None,
    output: Annotated[ReportFormat, typer.Option("--format", "-f", help="Output format.")] = (
        ReportFormat.text
    ),
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            callback=_bounded_jobs,
            help="Processes to parse files with (default: one a CPU, from 2,000 files); "
            "at most 64, and 4 a CPU.",
            show_default=False,
        ),
    ] = None,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Read and check every file afresh; neither use nor write the cache "
            "(which otherwise re-checks only what changed).",
        ),
    ] = False,
) -> None:
    """Check every file: structure, references, evidence. Exit 1 on errors."""
    from comorbidity_kb.check import diagnostics as diag
    from comorbidity_kb.check.validate import validate_path
    from comorbidity_kb.kb.revalidate import validate_cached
    from comorbidity_kb.read.locate import DataNotFound, resolve_data_dir

    try:
        root = resolve_data_dir(path)
    except DataNotFound as exc:
        fail(str(exc), 2)
    report = validate_path(root, jobs) if no_cache else validate_cached(root, jobs)
    if output is ReportFormat.json:
        print(diag.to_json(report.diagnostics, report.files))
    else:
        for d in report.diagnostics:
            print(d.as_github() if output is ReportFormat.github else d.as_text())
        print(
            diag.summary_line(report.diagnostics, report.files),
            file=sys.stderr if output is ReportFormat.github else sys.stdout,
        )
    if report.errors or (strict and report.warnings):
        raise typer.Exit(1)


@app.command()
def schema(kind: Annotated[Kind, typer.Argument(help="Which kind of file.")]) -> None:
    """Print the JSON Schema of one kind's YAML files (for editors and other checkers)."""
    from comorbidity_kb.model.schema import json_schema_text

    print(json_schema_text(kind.value))
