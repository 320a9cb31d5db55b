"""The ``kb`` command: parse arguments, call the library, hand the result to a renderer.

Only typer is imported at module level. Everything else (YAML, rich, the validators) is
imported inside the command that needs it, so ``kb --help`` and ``kb show`` start fast.
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

if TYPE_CHECKING:
    from comorbidity_kb.graph import KnowledgeBase

DISCLAIMER = (
    "comorbidity-kb informs; it does not diagnose or prescribe. Talk to a clinician about "
    "your own health."
)

app = typer.Typer(
    name="kb",
    help=(
        "Query and check an evidence-backed knowledge base of how sleep problems, anxiety, "
        f"depression and chronic pain feed each other.\n\n{DISCLAIMER}"
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# -- options defined once, reused by every command ------------------------------------------
DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        help="Knowledge base folder (default: $KB_DATA, ./data, or the packaged copy).",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (documented in docs/cli.md).")]


class Kind(StrEnum):
    conditions = "conditions"
    mechanisms = "mechanisms"
    links = "links"
    interventions = "interventions"
    risk_factors = "risk-factors"
    citations = "citations"


class ReportFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


def fail(message: str, code: int = 1) -> NoReturn:
    """Print ``message`` on stderr and exit with ``code`` (1 failed, 2 misuse)."""
    print(f"kb: {message}", file=sys.stderr)
    raise typer.Exit(code)


def open_kb(data: Path | None) -> KnowledgeBase:
    """The knowledge base the user means, from the cache when it is fresh."""
    from comorbidity_kb.cache import load_kb_cached
    from comorbidity_kb.source import DataNotFound, resolve_data_dir

    try:
        root = resolve_data_dir(data)
    except DataNotFound as exc:
        fail(str(exc), 2 if data is not None else 1)
    kb, problems = load_kb_cached(root)
    if problems:
        print(
            f"kb: warning: {problems} problem(s) in {root}; run `kb validate {root}` "
            "(entities with errors are left out)",
            file=sys.stderr,
        )
    return kb


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        print(f"kb (comorbidity-kb) {version('comorbidity-kb')}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Query and check an evidence-backed knowledge base of comorbid conditions."""


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
) -> None:
    """Check every file: structure, references, evidence. Exit 1 on errors."""
    from comorbidity_kb import diagnostics as diag
    from comorbidity_kb.source import DataNotFound, resolve_data_dir
    from comorbidity_kb.validate import validate_path

    try:
        root = resolve_data_dir(path)
    except DataNotFound as exc:
        fail(str(exc), 2)
    report = validate_path(root)
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
    from comorbidity_kb.schema import json_schema_text

    print(json_schema_text(kind.value))


@app.command()
def show(
    name: Annotated[str, typer.Argument(help="An id, name or alias (any case).")],
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one entity: a condition's links, mechanisms, treatments, risk factors, sources."""
    from comorbidity_kb import query, render

    kb = open_kb(data)
    entity = kb.find_entity(name)
    if entity is None:
        fail(query.not_found_message(kb, name))
    view = query.show_view(kb, entity)
    render.emit(view, as_json, render.show_text)


def main() -> None:
    """Entry point of the ``kb`` console script: no input ever ends in a traceback."""
    try:
        app()
    except KeyboardInterrupt:
        print("kb: interrupted", file=sys.stderr)
        sys.exit(130)
    except Exception as exc:  # a bug, not bad input: say so briefly, keep the trace optional
        if os.environ.get("KB_DEBUG"):
            raise
        print(
            f"kb: internal error: {type(exc).__name__}: {exc} (set KB_DEBUG=1 for details; "
            "please report it)",
            file=sys.stderr,
        )
        sys.exit(1)
