"""The text layout of ``kb show``: one entity, laid out for a reader of its kind.

Each function takes the view (its ``--json`` shape) and a
:class:`~comorbidity_kb.render.writer.Writer`; it arranges, it never computes.
"""

from __future__ import annotations

from collections.abc import Callable

from comorbidity_kb.render.pieces import (
    directions_table,
    evidence_cell,
    key_finding_cell,
    names,
    sources_table,
    via_text,
)
from comorbidity_kb.render.writer import View, Writer


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
    out.blank()
    rows = []
    for link in view["links"]:
        for d in link["directions"]:
            rows.append(
                (
                    f"{d['from']} → {d['to']}{via_text(link['via'])}",
                    d["effect"],
                    d["strength"],
                    d["best_evidence"] or "—",
                    key_finding_cell(d),
                    names(d["mechanisms"]),
                )
            )
    columns = ("direction", "effect", "strength", "best evidence", "key finding", "mechanisms")
    out.table("Links", columns, rows)
    out.table(
        "Interventions that target it",
        ("intervention", "type", "goal", "best evidence"),
        [
            (i["name"] + via_text(i["via"]), i["type"], i["goal"], i["best_evidence"] or "—")
            for i in view["interventions"]
        ],
    )
    if view["risk_factors"]:
        risks = [r["name"] + via_text(r["via"]) for r in view["risk_factors"]]
        out.field("Risk factors", ", ".join(risks))
        out.blank()


def _show_mechanism(view: View, out: Writer) -> None:
    out.field("Type", view["type"])
    if view["aliases"]:
        out.field("Also called", ", ".join(view["aliases"]))
    out.blank()
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
        out.blank()
    out.table(
        "Evidence",
        ("source", "kind", "locator", "note"),
        [(e["label"], e["kind"], e["locator"], e["note"] or "") for e in view["evidence"]],
    )


def _show_link(view: View, out: Writer) -> None:
    out.field("Bidirectional", "yes" if view["bidirectional"] else "no")
    out.blank()
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
    out.blank()
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
