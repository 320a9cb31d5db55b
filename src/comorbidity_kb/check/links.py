"""Integrity rules about the graph's shape: links join two different conditions once, each
direction once, and the condition hierarchy has no cycle."""

from __future__ import annotations

from comorbidity_kb import rules
from comorbidity_kb.check.context import Context
from comorbidity_kb.check.diagnostics import display_path
from comorbidity_kb.model import Link


def check_links(ctx: Context) -> None:
    """self-link, link-id, direction-endpoints and duplicate-item, file by file."""
    for link in ctx.entities():
        if isinstance(link, Link):
            _check_link(ctx, link)


def _check_link(ctx: Context, link: Link) -> None:
    a, b = link.conditions
    if a == b:
        message = f"link from '{a}' to itself; a link joins two different conditions"
        ctx.report(link, ("conditions",), message, rules.SELF_LINK)
        return
    if link.id != f"{a}--{b}":
        message = (
            f"a link's id is its conditions joined by '--': expected '{a}--{b}' "
            f"(and the file {a}--{b}.yaml)"
        )
        ctx.report(link, ("id",), message, rules.LINK_ID)
    seen: set[tuple[str, str]] = set()
    for i, d in enumerate(link.directions):
        if {d.source, d.target} != {a, b} or d.source == d.target:
            message = (
                f"direction {d.source} → {d.target} is not between this link's conditions "
                f"({a}, {b})"
            )
            ctx.report(link, ("directions", i), message, rules.DIRECTION_ENDPOINTS)
        elif (d.source, d.target) in seen:
            message = f"direction {d.source} → {d.target} is given twice; merge the two entries"
            ctx.report(link, ("directions", i), message, rules.DIRECTION_ENDPOINTS)
        seen.add((d.source, d.target))
        if len(set(d.mechanisms)) != len(d.mechanisms):
            message = "a mechanism is listed twice"
            ctx.report(link, ("directions", i, "mechanisms"), message, rules.DUPLICATE_ITEM)


def check_duplicate_links(ctx: Context) -> None:
    """duplicate-link: two files for one unordered pair, reported on each."""
    by_pair: dict[frozenset[str], list[Link]] = {}
    for link in ctx.entities():
        if isinstance(link, Link) and len(set(link.conditions)) == 2:
            by_pair.setdefault(frozenset(link.conditions), []).append(link)
    for pair, links in by_pair.items():
        for link in links if len(links) > 1 else []:
            others = ", ".join(display_path(ctx.read.path_of(o)) for o in links if o is not link)
            message = (
                f"the pair {' and '.join(sorted(pair))} also has the link file {others}; "
                "put both directions in one file"
            )
            ctx.report(link, ("conditions",), message, rules.DUPLICATE_LINK)


def check_parent_cycles(ctx: Context) -> None:
    """parent-cycle: a condition that is its own ancestor, reported once per cycle."""
    reported: set[str] = set()
    conditions = ctx.conditions
    for own in ctx.own("conditions"):
        chain = [own.id]
        current = conditions[own.id]
        while current.parent and current.parent in conditions:
            if current.parent in chain:
                cycle = [*chain[chain.index(current.parent) :], current.parent]
                if not reported.intersection(cycle):
                    message = (
                        f"subtype cycle: {' → '.join(cycle)}; a condition cannot be its own "
                        "ancestor"
                    )
                    # on a member of the cycle, not on a condition that only leads into it
                    member = conditions[cycle[0]]
                    ctx.report(member, ("parent",), message, rules.PARENT_CYCLE)
                    reported.update(cycle)
                break
            chain.append(current.parent)
            current = conditions[current.parent]
