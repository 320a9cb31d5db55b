"""``kb effects``: every number the knowledge base holds about one condition, side by side.

The rows are the findings behind the condition's directions (both ways, its own links and
those of broader conditions) and behind the treatments aimed at it, each with its interval,
its source and its design, for a forest plot (:mod:`comorbidity_kb.render.effects_layout`).
"""

from __future__ import annotations

from comorbidity_kb.kb.knowledge import KnowledgeBase
from comorbidity_kb.model import Evidence
from comorbidity_kb.views.common import View, evidence_view, ref


def effects_view(kb: KnowledgeBase, condition: str) -> View:
    """The findings about ``condition``: ``{"condition", "rows": [...]}``.

    A row: ``{"group": "direction" | "treatment", "label", "about", "via" (the broader
    conditions it is stated for, [] when for this one), "strength", "evidence"}``, where
    ``evidence`` is an evidence item (``finding`` always set). Rows are sorted by group,
    then label, then source.
    """
    rows: list[View] = []
    lineage = kb.lineage(condition)
    for anchor in lineage:
        via = [anchor] if anchor != condition else []
        for link in kb.links_of(anchor):
            for d in link.directions:
                label = f"{d.source} → {d.target}"
                rows += _rows(kb, "direction", label, link.id, via, str(d.strength), d.evidence)
    for intervention in kb.interventions_for(lineage):
        for target in intervention.targets:
            if target.condition in lineage:
                via = [target.condition] if target.condition != condition else []
                label = f"{intervention.id} → {target.condition}"
                rows += _rows(kb, "treatment", label, intervention.id, via, None, target.evidence)
    rows.sort(key=lambda r: (r["group"] != "direction", r["label"], r["evidence"]["label"]))
    return {"condition": ref(kb, condition), "rows": rows}


def _rows(
    kb: KnowledgeBase,
    group: str,
    label: str,
    about: str,
    via: list[str],
    strength: str | None,
    items: list[Evidence],
) -> list[View]:
    return [
        {
            "group": group,
            "label": label,
            "about": about,
            "via": via,
            "strength": strength,
            "evidence": evidence_view(kb, e),
        }
        for e in items
        if e.finding is not None
    ]
