"""The query commands: show, links (and its alias mechanisms), path, treat, search, list,
graph and stats. Each opens the knowledge base, computes a view, and renders it."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from comorbidity_kb.cli.app import (
    DataOption,
    JsonOption,
    Kind,
    KindFilterOption,
    MaxHopsOption,
    app,
    fail,
)
from comorbidity_kb.cli.lookup import condition_or_fail, find_or_fail, open_kb, two_conditions
from comorbidity_kb.kb.cache import survives_damaged_store


@app.command()
@survives_damaged_store
def show(
    name: Annotated[str, typer.Argument(help="An id, name or alias (any case).")],
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one entity: a condition's links, mechanisms, treatments, risk factors, sources."""
    from comorbidity_kb.render import show_layout, writer
    from comorbidity_kb.views import show as show_views

    kb = open_kb(data)
    entity = find_or_fail(kb, name)
    writer.emit(show_views.show_view(kb, entity), as_json, show_layout.show_text)


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
    from comorbidity_kb.render import relations_layout, writer
    from comorbidity_kb.views import relations

    kb = open_kb(data)
    first, second = two_conditions(kb, a, b)
    writer.emit(
        relations.links_view(kb, first, second, max_hops), as_json, relations_layout.links_text
    )


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
    from comorbidity_kb.render import relations_layout, writer
    from comorbidity_kb.views import relations

    kb = open_kb(data)
    first, second = two_conditions(kb, a, b)
    view = relations.path_view(kb, first, second, max_hops)
    writer.emit(view, as_json, relations_layout.path_text)
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
    from comorbidity_kb.render import relations_layout, writer
    from comorbidity_kb.views import relations

    kb = open_kb(data)
    ids = list(dict.fromkeys(condition_or_fail(kb, c) for c in conditions))
    view = relations.treat_view(kb, ids)
    writer.emit(view, as_json, relations_layout.treat_text)
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
    from comorbidity_kb.render import catalog_layout, writer
    from comorbidity_kb.views import catalog

    if not text.strip():
        fail("give some text to search for", 2)
    kb = open_kb(data)
    view = catalog.search_view(kb, text, kind.value if kind else None, limit)
    writer.emit(view, as_json, catalog_layout.search_text)
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
    from comorbidity_kb.render import catalog_layout, writer
    from comorbidity_kb.views import catalog

    kb = open_kb(data)
    condition = condition_or_fail(kb, for_) if for_ else None
    if kind.value == "citations" and condition:
        fail("--for does not apply to citations; try `kb cite --for ...`", 2)
    view = catalog.list_view(
        kb, kind.value, type_=type_, condition=condition, unverified=unverified
    )
    writer.emit(view, as_json, catalog_layout.list_text)


@app.command()
@survives_damaged_store
def effects(
    condition: Annotated[str, typer.Argument(help="A condition (id, name or alias).")],
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Effect sizes about a condition, side by side with their 95% intervals (a forest plot):
    the findings behind its links both ways and behind the treatments aimed at it."""
    from comorbidity_kb.render import effects_layout, writer
    from comorbidity_kb.views.effects import effects_view

    kb = open_kb(data)
    view = effects_view(kb, condition_or_fail(kb, condition))
    writer.emit(view, as_json, effects_layout.effects_text)
    if not view["rows"]:
        raise typer.Exit(1)


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
    from comorbidity_kb.render import writer
    from comorbidity_kb.views import diagram

    kb = open_kb(data)
    centre = condition_or_fail(kb, focus) if focus else None
    view = diagram.graph_view(kb, centre, depth)
    if output is GraphFormat.json:
        writer.print_json(view)
    elif output is GraphFormat.dot:
        from comorbidity_kb.formats.dot import to_dot

        writer.print_text(to_dot(view))
    else:
        from comorbidity_kb.formats.mermaid import to_mermaid

        writer.print_text(to_mermaid(view))


@app.command()
@survives_damaged_store
def stats(
    weakest: Annotated[int, typer.Option("--weakest", min=0, help="How many weak claims.")] = 10,
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Counts per kind, the evidence profile, and the claims with the weakest evidence."""
    from comorbidity_kb.render import catalog_layout, writer
    from comorbidity_kb.views import catalog

    kb = open_kb(data)
    writer.emit(catalog.stats_view(kb, weakest), as_json, catalog_layout.stats_text)
