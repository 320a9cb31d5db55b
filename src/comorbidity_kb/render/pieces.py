"""Pieces every text layout shares: lists of names, evidence cells, direction tables."""

from __future__ import annotations

from collections.abc import Sequence

from comorbidity_kb.render.writer import View, Writer


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
