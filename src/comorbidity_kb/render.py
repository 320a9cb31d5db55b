"""Output: JSON for scripts, rich tables on a terminal, plain text in a pipe or with NO_COLOR.

Renderers format views from :mod:`comorbidity_kb.query`; they never compute. Each renderer
writes through a small :class:`Writer` (headings, paragraphs, tables), which has a rich
backend and a plain one, so every command is written once and looks right in both places.
This is the only module that imports rich (a ruff rule enforces it), and only on a terminal.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Callable, Sequence
from typing import Any, Protocol

View = dict[str, Any]


class Writer(Protocol):
    def heading(self, text: str, sub: str = "") -> None: ...
    def para(self, text: str, style: str = "") -> None: ...
    def field(self, name: str, value: str) -> None: ...
    def table(self, title: str, columns: Sequence[str], rows: Sequence[Sequence[str]]) -> None: ...


def use_rich() -> bool:
    """Rich output only on a terminal, and never with NO_COLOR or TERM=dumb."""
    return (
        sys.stdout.isatty()
        and not os.environ.get("NO_COLOR")
        and os.environ.get("TERM", "") != "dumb"
    )


class PlainWriter:
    """Plain text with no escape codes: aligned columns, stable for diffing and grep."""

    def __init__(self) -> None:
        self.width = shutil.get_terminal_size((100, 24)).columns

    def heading(self, text: str, sub: str = "") -> None:
        print(f"{text}{f'  ({sub})' if sub else ''}")
        print("=" * min(len(text), self.width))

    def para(self, text: str, style: str = "") -> None:
        print(text)
        print()

    def field(self, name: str, value: str) -> None:
        print(f"{name}: {value}")

    def table(self, title: str, columns: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        if not rows:
            return
        print(f"{title}:")
        cells = [list(columns), *[[str(c) for c in r] for r in rows]]
        widths = [max(len(r[i]) for r in cells) for i in range(len(columns) - 1)]
        for r in cells:
            lead = "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False))
            print(f"  {lead}  {r[-1]}".rstrip() if widths else f"  {r[-1]}")
        print()


class RichWriter:
    """rich tables and styled headings for a person at a terminal."""

    def __init__(self) -> None:
        from rich.console import Console

        self.console = Console(highlight=False)

    def heading(self, text: str, sub: str = "") -> None:
        from rich.text import Text

        line = Text(text, style="bold cyan")
        if sub:
            line.append(f"  {sub}", style="dim")
        self.console.print(line)

    def para(self, text: str, style: str = "") -> None:
        from rich.text import Text

        self.console.print(Text(text, style=style or ""))
        self.console.print()

    def field(self, name: str, value: str) -> None:
        from rich.text import Text

        self.console.print(Text.assemble((f"{name}: ", "bold"), value))

    def table(self, title: str, columns: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        from rich.table import Table

        if not rows:
            return
        table = Table(
            title=title, title_justify="left", title_style="bold", show_lines=False, expand=False
        )
        for c in columns:
            table.add_column(c, overflow="fold")
        for r in rows:
            table.add_row(*(str(c) for c in r))
        self.console.print(table)
        self.console.print()


def writer() -> Writer:
    """The writer that fits where stdout goes."""
    return RichWriter() if use_rich() else PlainWriter()


def emit(view: Any, as_json: bool, text: Callable[[Any, Writer], None]) -> None:
    """Print ``view`` as JSON, or through the text renderer ``text``."""
    if as_json:
        print(json.dumps(view, indent=2, ensure_ascii=False))
    else:
        text(view, writer())


# -- shared pieces ---------------------------------------------------------------------------
ARROW = {True: "↔", False: "→"}


def names(items: Sequence[View]) -> str:
    """'HPA axis, Rumination' from a list of refs."""
    return ", ".join(i["name"] for i in items) or "—"


def evidence_cell(items: Sequence[View]) -> str:
    """'Baglioni et al. 2011 (meta-analysis); …' with unverified sources flagged."""
    parts = []
    for e in items:
        flag = "" if e["verified"] else ", unverified"
        stance = "" if e["stance"] == "supports" else f", {e['stance']}"
        parts.append(f"{e['label']} ({e['kind']}{stance}{flag}) {e['locator']}")
    return "; ".join(parts)


def directions_table(out: Writer, title: str, directions: Sequence[View]) -> None:
    """One row per direction: from → to, effect, strength, mechanisms, evidence."""
    rows = [
        (
            f"{d['from']} → {d['to']}"
            + (f" (via {d['inherited_from']})" if d.get("inherited_from") else ""),
            d["effect"],
            d["strength"],
            names(d["mechanisms"]),
            evidence_cell(d["evidence"]),
        )
        for d in directions
    ]
    out.table(title, ("direction", "effect", "strength", "mechanisms", "evidence"), rows)


def sources_table(out: Writer, sources: Sequence[View]) -> None:
    """The citations behind an entity with the kinds of evidence each gives."""
    rows = [
        (s["id"], s["label"], ", ".join(s["kinds"]), "yes" if s["verified"] else "NO")
        for s in sources
    ]
    out.table("Sources", ("citation", "reference", "evidence kind", "verified"), rows)


# -- kb show --------------------------------------------------------------------------------
def show_text(view: View, out: Writer) -> None:
    """Any entity, laid out for a reader of that kind."""
    out.heading(view.get("name") or view["id"], f"{view['kind']} · {view['id']}")
    if view.get("description"):
        out.para(view["description"])
    render = _SHOW.get(view["kind"])
    if render:
        render(view, out)
    if view.get("sources"):
        sources_table(out, view["sources"])


def _show_condition(view: View, out: Writer) -> None:
    if view["aliases"]:
        out.field("Also called", ", ".join(view["aliases"]))
    out.field("Category", view["category"])
    if view["parent"]:
        out.field("A kind of", view["parent"]["name"])
    if view["subtypes"]:
        out.field("Subtypes", names(view["subtypes"]))
    if view["symptoms"]:
        out.field("Symptoms", "; ".join(view["symptoms"]))
    if view["xrefs"]:
        out.field("Identifiers", ", ".join(view["xrefs"]))
    print()
    rows = []
    for link in view["links"]:
        for d in link["directions"]:
            via = f" (via {link['inherited_from']})" if link["inherited_from"] else ""
            rows.append(
                (
                    f"{d['from']} → {d['to']}{via}",
                    d["effect"],
                    d["strength"],
                    names(d["mechanisms"]),
                    d["best_evidence"] or "—",
                )
            )
    out.table("Links", ("direction", "effect", "strength", "mechanisms", "best evidence"), rows)
    out.table(
        "Interventions that target it",
        ("intervention", "type", "goal", "best evidence"),
        [
            (i["name"], i["type"], i["goal"], i["best_evidence"] or "—")
            for i in view["interventions"]
        ],
    )
    if view["risk_factors"]:
        out.field("Risk factors", names(view["risk_factors"]))
        print()


def _show_mechanism(view: View, out: Writer) -> None:
    out.field("Type", view["type"])
    if view["aliases"]:
        out.field("Also called", ", ".join(view["aliases"]))
    print()
    out.table(
        "Involves",
        ("name", "type", "identifier"),
        [(p["name"], p["type"], p["xref"] or "—") for p in view["involves"]],
    )
    out.table(
        "Mediates",
        ("link direction", "effect"),
        [(f"{m['from']['name']} → {m['to']['name']}", m["effect"]) for m in view["mediates"]],
    )
    if view["targeted_by"]:
        out.field("Interventions acting on it", names(view["targeted_by"]))
        print()
    out.table(
        "Evidence",
        ("source", "kind", "locator", "note"),
        [(e["label"], e["kind"], e["locator"], e["note"] or "") for e in view["evidence"]],
    )


def _show_link(view: View, out: Writer) -> None:
    out.field("Bidirectional", "yes" if view["bidirectional"] else "no")
    print()
    directions_table(out, "Directions", view["directions"])


def _show_intervention(view: View, out: Writer) -> None:
    out.field("Type", view["type"])
    if view["aliases"]:
        out.field("Also called", ", ".join(view["aliases"]))
    out.field("Goal", view["goal"])
    if view["components"]:
        out.field("Components", "; ".join(view["components"]))
    if view["drawbacks"]:
        out.field("Drawbacks", "; ".join(view["drawbacks"]))
    if view["acts_on"]:
        out.field("Acts on", names(view["acts_on"]))
    print()
    out.table(
        "Targets",
        ("condition", "best evidence"),
        [(t["name"], t["best_evidence"] or "—") for t in view["targets"]],
    )


def _show_risk_factor(view: View, out: Writer) -> None:
    out.table(
        "Raises the risk of",
        ("condition", "evidence"),
        [(t["name"], evidence_cell(t["evidence"])) for t in view["raises_risk_of"]],
    )


def _show_citation(view: View, out: Writer) -> None:
    out.field("Reference", view["label"])
    if view["authors"]:
        out.field("Authors", "; ".join(view["authors"]))
    for key in (
        "type",
        "container",
        "year",
        "date",
        "volume",
        "issue",
        "pages",
        "doi",
        "pmid",
        "url",
    ):
        if view.get(key):
            out.field(
                key.capitalize() if key not in ("doi", "pmid", "url") else key.upper(),
                str(view[key]),
            )
    out.field("Verified", "yes" if view["verified"] else "NO")
    if view["note"]:
        out.field("Note", view["note"])
    if view["references"]:
        out.field("Its references", ", ".join(r["id"] for r in view["references"]))
    if view["cited_by"]:
        out.field("Cited by", ", ".join(r["id"] for r in view["cited_by"]))


_SHOW: dict[str, Callable[[View, Writer], None]] = {
    "condition": _show_condition,
    "mechanism": _show_mechanism,
    "link": _show_link,
    "intervention": _show_intervention,
    "risk factor": _show_risk_factor,
    "citation": _show_citation,
}
