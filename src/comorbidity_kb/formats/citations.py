"""Citation export: the same citations as text, BibTeX, CSL-JSON or RIS.

The formats are those reference managers and publishing tools import as they are: Zotero
and pandoc read CSL-JSON, LaTeX reads BibTeX, every reference manager reads RIS, and text is
a reference list formatted by a CSL processor (:mod:`.csl`). An unverified
citation says so after its title in every format, with a note for readers; the notes in the
data are curators' remarks and are never exported.
"""

from __future__ import annotations

from comorbidity_kb.formats.csl import DEFAULT_STYLE, csl_json, render_text
from comorbidity_kb.model import Citation

FORMATS = ("text", "bibtex", "csl-json", "ris")


def render(citations: list[Citation], fmt: str, style: str = DEFAULT_STYLE) -> str:
    """``citations`` in format ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "text":
        return render_text(citations, style)
    if fmt == "bibtex":
        from comorbidity_kb.formats.bibtex import bibtex

        return bibtex(citations)
    if fmt == "csl-json":
        return csl_json(citations)
    if fmt == "ris":
        from comorbidity_kb.formats.ris import ris

        return ris(citations)
    raise ValueError(f"unknown format '{fmt}'; use one of {', '.join(FORMATS)}")
