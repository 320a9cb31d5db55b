"""Integrity rules about ids: each file's id is its name, unique, and every reference lands
on an entity of the kind it needs."""

from __future__ import annotations

from comorbidity_kb import rules
from comorbidity_kb.check.context import Context
from comorbidity_kb.check.diagnostics import display_path
from comorbidity_kb.kinds import SINGULAR
from comorbidity_kb.model import Entity, kind_of
from comorbidity_kb.suggest import did_you_mean


def check_ids(ctx: Context) -> None:
    """id-mismatch (the id is not the file's name) and duplicate-id (on the second file)."""
    first: dict[str, Entity] = {}
    for entity in ctx.entities():
        stem = ctx.read.path_of(entity).stem
        if entity.id != stem:
            ctx.report(
                entity,
                ("id",),
                f"id '{entity.id}' differs from the file name '{stem}': rename the file to "
                f"{entity.id}.yaml or fix the id",
                rules.ID_MISMATCH,
            )
        if entity.id not in first:
            first[entity.id] = entity
            continue
        other = display_path(ctx.read.path_of(first[entity.id]))
        ctx.report(
            entity,
            ("id",),
            f"id '{entity.id}' is already used by {other}; ids are unique across all kinds",
            rules.DUPLICATE_ID,
        )


def check_references(ctx: Context) -> None:
    """unknown-reference, unknown-citation (with the closest id) and wrong-kind."""
    broken = ctx.read.broken
    hints: dict[tuple[str, str], str] = {}  # one question per distinct unknown id and kind
    for entity in ctx.entities():
        for ref in entity.references():
            target = ctx.by_id.get(ref.target)
            wanted = SINGULAR[ref.kind]
            if target is None:
                if broken.get(ref.target) == ref.kind:
                    continue  # the file exists but failed validation; it is reported there
                if (ref.target, ref.kind) not in hints:
                    hints[ref.target, ref.kind] = did_you_mean(ref.target, ctx.pool(ref.kind)) or (
                        f"; add {ref.kind}/{ref.target}.yaml to the data folder or fix the id"
                    )
                hint = hints[ref.target, ref.kind]
                rule = (
                    rules.UNKNOWN_CITATION if ref.kind == "citations" else rules.UNKNOWN_REFERENCE
                )
                ctx.report(entity, ref.path, f"no {wanted} '{ref.target}'{hint}", rule)
            elif kind_of(target) != ref.kind:
                ctx.report(
                    entity,
                    ref.path,
                    f"'{ref.target}' is a {SINGULAR[kind_of(target)]}, but a {wanted} is "
                    "expected here",
                    rules.WRONG_KIND,
                )
