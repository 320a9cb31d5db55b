"""Text layouts of every view: what a person reads at a terminal or in a pipe.

Each function takes a view from the library (its ``--json`` shape) and a
:class:`~comorbidity_kb.render.Writer`; it arranges, it never computes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from comorbidity_kb.render import View, Writer

# -- shared pieces ----------------------------------------------------------------------
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
            f"{d['from']} → {d['to']}" + (f" (via {d['via_link']})" if d.get("via_link") else ""),
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
    out.blank()
    rows = []
    for link in view["links"]:
        for d in link["directions"]:
            via = f" (via {link['via']})" if link["via"] else ""
            rows.append(
                (
                    f"{d['from']} → {d['to']}{via}",
                    d["effect"],
                    d["strength"],
                    names(d["mechanisms"]),
                    d["best_evidence"] or "—",
                )
            )
    out.table("Links", ("direction", "effect", "strength", "best evidence", "mechanisms"), rows)
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


# -- kb links / path / treat ------------------------------------------------------------------
def links_text(view: View, out: Writer) -> None:
    """Both directions with mechanisms and evidence; shared mechanisms; paths when indirect."""
    out.heading(
        f"{view['a']} and {view['b']}", "direct link" if view["direct"] else "no direct link"
    )
    direct = [d for d in view["directions"] if not d.get("via_link")]
    inherited = [d for d in view["directions"] if d.get("via_link")]
    for d in direct:
        _direction_block(d, out)
    if inherited:
        out.para(
            "Through broader conditions (a link stated for a broader condition also concerns "
            "its subtypes):",
            "italic",
        )
        for d in inherited:
            _direction_block(d, out)
    if not view["directions"]:
        out.para(f"No link between {view['a']} and {view['b']} is recorded.")
    if view["shared_mechanisms"]:
        out.field("Mechanisms both take part in", names(view["shared_mechanisms"]))
        out.blank()
    if view["path_details"]:
        _paths_table(out, "Shortest paths", view["path_details"])


def _direction_block(d: View, out: Writer) -> None:
    via = f"  (via {d['via_link']})" if d.get("via_link") else ""
    out.field(f"{d['from']} → {d['to']}{via}", f"{d['effect']}, {d['strength']}")
    out.para(d["description"])
    if d["mechanisms"]:
        out.field("Mechanisms", names(d["mechanisms"]))
    out.table(
        "Evidence",
        ("source", "kind", "stance", "locator", "note"),
        [
            (
                e["label"] + ("" if e["verified"] else " (unverified)"),
                e["kind"],
                e["stance"],
                e["locator"],
                e["note"] or "",
            )
            for e in d["evidence"]
        ],
    )


def _paths_table(out: Writer, title: str, paths: Sequence[View]) -> None:
    rows = []
    for p in paths:
        steps = []
        for h in p["hops"]:
            via = f" [via {h['via']}]" if h["via"] else ""
            steps.append(f"{h['from']} →({h['strength']}){via} {h['to']}")
        mechanisms = " | ".join(names(h["mechanisms"]) for h in p["hops"])
        rows.append((str(len(p["hops"])), "; ".join(steps), mechanisms))
    out.table(title, ("hops", "path", "mechanisms per hop"), rows)


def path_text(view: View, out: Writer) -> None:
    """Chains of links from one condition to another, shortest first."""
    out.heading(f"Paths from {view['from']} to {view['to']}", f"at most {view['max_hops']} hops")
    if not view["paths"]:
        out.para(f"No path of at most {view['max_hops']} hops; try --max-hops with a larger N.")
        return
    _paths_table(out, "Paths", view["paths"])


def treat_text(view: View, out: Writer) -> None:
    """Interventions ranked by how many of the conditions they target."""
    out.heading("Interventions for " + " + ".join(view["conditions"]))
    if not view["interventions"]:
        out.para("No intervention in the knowledge base targets these conditions.")
        return
    out.table(
        "Ranked by conditions targeted, then evidence",
        ("intervention", "targets", "type", "best evidence", "drawbacks", "goal"),
        [
            (
                i["name"],
                f"{i['score']}/{len(view['conditions'])}: {', '.join(i['matched'])}",
                i["type"],
                i["best_evidence"] or "—",
                "; ".join(i["drawbacks"]) or "—",
                i["goal"],
            )
            for i in view["interventions"]
        ],
    )


# -- kb search / list / stats -------------------------------------------------------------
def search_text(view: View, out: Writer) -> None:
    """Ranked hits."""
    if not view["hits"]:
        out.para(f"Nothing matches '{view['query']}'.")
        return
    out.table(
        f"Results for '{view['query']}'",
        ("score", "kind", "id", "name"),
        [(str(h["score"]), h["kind"], h["id"], h["name"]) for h in view["hits"]],
    )


_LIST_COLUMNS: dict[str, tuple[tuple[str, ...], Callable[[View], tuple[str, ...]]]] = {
    "conditions": (
        ("id", "category", "parent", "name"),
        lambda r: (r["id"], r["category"], r["parent"] or "—", r["name"]),
    ),
    "mechanisms": (
        ("id", "type", "best evidence", "name"),
        lambda r: (r["id"], r["type"], r["best_evidence"] or "—", r["name"]),
    ),
    "links": (
        ("id", "bidirectional", "strengths"),
        lambda r: (
            r["id"],
            "yes" if r["bidirectional"] else "no",
            ", ".join(f"{k}: {v}" for k, v in r["strengths"].items()),
        ),
    ),
    "interventions": (
        ("id", "type", "best evidence", "targets"),
        lambda r: (r["id"], r["type"], r["best_evidence"] or "—", ", ".join(r["targets"])),
    ),
    "risk-factors": (
        ("id", "name", "raises the risk of"),
        lambda r: (r["id"], r["name"], ", ".join(r["raises_risk_of"])),
    ),
    "citations": (
        ("id", "verified", "type", "reference"),
        lambda r: (r["id"], "yes" if r["verified"] else "NO", r["type"], r["label"]),
    ),
}


def list_text(view: View, out: Writer) -> None:
    """One row per entity, columns fitting the kind."""
    columns, row = _LIST_COLUMNS[view["kind"]]
    if not view["items"]:
        out.para(f"No {view['kind']} match.")
        return
    out.table(f"{view['kind']} ({len(view['items'])})", columns, [row(r) for r in view["items"]])


def stats_text(view: View, out: Writer) -> None:
    """Counts, the evidence profile, and the weakest claims."""
    out.heading("Knowledge base statistics")
    out.table("Entities", ("kind", "count"), [(k, str(v)) for k, v in view["counts"].items()])
    out.field("Bidirectional links", str(view["bidirectional_links"]))
    out.field("Unverified citations", ", ".join(view["unverified_citations"]) or "none")
    out.blank()
    out.table(
        f"Claims by their best supporting evidence ({view['claims']} claims)",
        ("best evidence", "claims"),
        [(k, str(v)) for k, v in view["claims_by_best_evidence"].items()],
    )
    out.table(
        "Weakest claims (the first to strengthen)",
        ("best evidence", "sources", "entity", "claim"),
        [
            (w["best_evidence"] or "none", str(w["sources"]), w["id"], w["claim"])
            for w in view["weakest_claims"]
        ],
    )
