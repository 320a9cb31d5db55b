"""The text layouts of ``kb links``, ``kb path`` and ``kb treat``."""

from __future__ import annotations

from collections.abc import Sequence

from comorbidity_kb.render.pieces import finding_text, names, via_text
from comorbidity_kb.render.writer import View, Writer


def links_text(view: View, out: Writer) -> None:
    """Both directions with mechanisms and evidence; shared mechanisms; paths when indirect."""
    out.heading(
        f"{view['a']} and {view['b']}", "direct link" if view["direct"] else "no direct link"
    )
    direct = [d for d in view["directions"] if not d["via"]]
    inherited = [d for d in view["directions"] if d["via"]]
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
    out.field(f"{d['from']} → {d['to']}{via_text(d['via'])}", f"{d['effect']}, {d['strength']}")
    out.para(d["description"])
    if d["mechanisms"]:
        out.field("Mechanisms", names(d["mechanisms"]))
    out.table(
        "Evidence",
        ("source", "kind", "stance", "locator", "finding", "note"),
        [
            (
                e["label"] + ("" if e["verified"] else " (unverified)"),
                e["kind"],
                e["stance"],
                e["locator"],
                finding_text(e["finding"]) or "—",
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
            steps.append(f"{h['from']} →({h['strength']}) {h['to']}{via_text(h['via'])}")
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
                f"{i['score']}/{len(view['conditions'])}: "
                + ", ".join(m["id"] + via_text(m["via"]) for m in i["matched"]),
                i["type"],
                _evidence_per_aim(i["matched"], len(view["conditions"])),
                "; ".join(i["drawbacks"]) or "—",
                i["goal"],
            )
            for i in view["interventions"]
        ],
    )


def _evidence_per_aim(matched: Sequence[View], asked: int) -> str:
    """The best evidence for each condition asked about ('insomnia: review; anxiety: …'),
    or just the kind when only one condition was asked about."""
    if asked == 1:
        return matched[0]["best_evidence"] or "—"
    return "; ".join(f"{m['id']}: {m['best_evidence'] or '—'}" for m in matched)
