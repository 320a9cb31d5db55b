"""Pieces every text layout shares: lists of names, evidence cells, direction tables."""

from __future__ import annotations

from collections.abc import Sequence

from comorbidity_kb.render.writer import View, Writer


def names(items: Sequence[View]) -> str:
    """'HPA axis, Rumination' from a list of refs."""
    return ", ".join(i["name"] for i in items) or "—"


# How a measure is written beside its number.
MEASURE_ABBREVIATION = {
    "odds-ratio": "OR",
    "risk-ratio": "RR",
    "hazard-ratio": "HR",
    "correlation": "r",
    "smd": "SMD",
    "hedges-g": "g",
    "mean-difference": "MD",
    "proportion": "proportion",
}


def number(value: float) -> str:
    """A number as the source writes it: 3.23, 0.5, -19 (no trailing zeros, no exponent)."""
    return f"{value:.6f}".rstrip("0").rstrip(".")


def interval(low: float, high: float) -> str:
    """'1.52–6.85', or '-22 to -16' where a dash would read as a minus."""
    sep = " to " if low < 0 or high < 0 else "–"
    return f"{number(low)}{sep}{number(high)}"


def finding_text(f: View | None) -> str:
    """'OR 3.23, 95% CI 1.52–6.85, 6 studies, pooled' from a finding view ('' for none)."""
    if not f:
        return ""
    parts = [f"{MEASURE_ABBREVIATION[f['measure']]} {number(f['value'])}"]
    if f["unit"]:
        parts[0] += f" {f['unit']}"
    if f["ci"]:
        parts.append(f"95% CI {interval(*f['ci'])}")
    return ", ".join(parts + counts_text(f))


def counts_text(f: View) -> list[str]:
    """'6 studies', '1,162 people'; said of the whole review where that is what they count."""
    parts = []
    if f["studies"]:
        parts.append(f"{f['studies']} {'study' if f['studies'] == 1 else 'studies'}")
    if f["participants"]:
        parts.append(f"{f['participants']:,} people")
    if parts and f.get("counts") == "review":
        parts = [f"in a review of {' and '.join(parts)}"]
    return parts


def key_finding_cell(d: View) -> str:
    """A direction's key finding with its source: 'OR 3.23, 95% CI …, 6 studies (Hertenstein…)'."""
    e = d.get("key_finding")
    return f"{finding_text(e['finding'])} ({e['label']})" if e else "—"


def via_text(via: Sequence[str]) -> str:
    """' (via sleep-disturbance)': the one way every layout marks what is inherited from a
    broader condition (the views' ``"via"``); '' for what is stated for the condition itself."""
    return f" (via {', '.join(via)})" if via else ""


def evidence_cell(items: Sequence[View]) -> str:
    """'Baglioni et al. 2011 (meta-analysis); …' with unverified sources flagged."""
    parts = []
    for e in items:
        flag = "" if e["verified"] else ", unverified"
        stance = "" if e["stance"] == "supports" else f", {e['stance']}"
        number_part = f": {finding_text(e['finding'])}" if e.get("finding") else ""
        parts.append(f"{e['label']} ({e['kind']}{stance}{flag}) {e['locator']}{number_part}")
    return "; ".join(parts)


def directions_table(out: Writer, title: str, directions: Sequence[View]) -> None:
    """One row per direction: from → to, effect, strength, mechanisms, evidence."""
    rows = [
        (
            f"{d['from']} → {d['to']}{via_text(d.get('via', []))}",
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
