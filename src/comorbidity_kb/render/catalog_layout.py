"""The text layouts of ``kb search``, ``kb list`` and ``kb stats``."""

from __future__ import annotations

from collections.abc import Callable

from comorbidity_kb.render.pieces import via_text
from comorbidity_kb.render.writer import View, Writer


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
            r["id"] + via_text(r.get("via", [])),
            "yes" if r["bidirectional"] else "no",
            ", ".join(f"{k}: {v}" for k, v in r["strengths"].items()),
        ),
    ),
    "interventions": (
        ("id", "type", "best evidence", "targets"),
        lambda r: (
            r["id"] + via_text(r.get("via", [])),
            r["type"],
            r["best_evidence"] or "—",
            ", ".join(r["targets"]),
        ),
    ),
    "risk-factors": (
        ("id", "name", "raises the risk of"),
        lambda r: (r["id"] + via_text(r.get("via", [])), r["name"], ", ".join(r["raises_risk_of"])),
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
    rests = view["claims_by_support"]
    out.table(
        "What the claims rest on",
        ("support", "claims"),
        [
            ("a blog or popular article alone", str(rests["blog_only"])),
            ("at least one peer-reviewed source", str(rests["peer_reviewed"])),
            ("a pooled estimate (a number from a meta-analysis)", str(rests["pooled_estimate"])),
        ],
    )
    out.table(
        "Weakest claims (the first to strengthen)",
        ("best evidence", "sources", "entity", "claim"),
        [
            (w["best_evidence"] or "none", str(w["sources"]), w["id"], w["claim"])
            for w in view["weakest_claims"]
        ],
    )
