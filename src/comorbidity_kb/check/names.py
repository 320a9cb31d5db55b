"""Quality rules about names and use: nothing unused, no name that means two things."""

from __future__ import annotations

from comorbidity_kb import rules
from comorbidity_kb.check.context import Context
from comorbidity_kb.model import Citation, Entity, Link, normalise
from comorbidity_kb.model.claims import YamlPath


def check_unused(ctx: Context) -> None:
    """orphan-citation and orphan-mechanism: entities that nothing points at."""
    for citation in ctx.own("citations"):
        if citation.id not in ctx.referenced:
            message = (
                f"citation '{citation.id}' is cited by nothing; use it as evidence or remove it"
            )
            ctx.report(citation, ("id",), message, rules.ORPHAN_CITATION)
    for mechanism in ctx.own("mechanisms"):
        if mechanism.id not in ctx.referenced:
            message = (
                f"mechanism '{mechanism.id}' mediates no link direction and no intervention "
                "acts on it"
            )
            ctx.report(mechanism, ("id",), message, rules.ORPHAN_MECHANISM)


def check_names(ctx: Context) -> None:
    """ambiguous-name: a name, alias or id (citations aside) that two entities answer to."""
    for name, ids in sorted(ctx.names().items()):
        named = sorted(i for i in ids if not isinstance(ctx.by_id[i], Citation))
        for entity_id in named if len(named) > 1 else []:
            entity = ctx.by_id[entity_id]
            others = " and ".join(f"'{o}'" for o in named if o != entity_id)
            message = (
                f"'{name}' names both this and {others}; `kb show {name}` cannot tell them "
                "apart: rename one, or drop the alias"
            )
            ctx.report(entity, name_path(entity, name), message, rules.AMBIGUOUS_NAME, key=True)


def name_path(entity: Entity, name: str) -> YamlPath:
    """Where in a file a (normalised) name is written: name, an alias, or the id."""
    if isinstance(entity, Link | Citation):
        return ("id",)
    if normalise(entity.name) == name:
        return ("name",)
    for i, alias in enumerate(entity.aliases):
        if normalise(alias) == name:
            return ("aliases", i)
    return ("id",)
