"""``kb cite``: which citations to export (written by :mod:`comorbidity_kb.formats`).

The formats are those reference managers and publishing tools import as they are: Zotero
and pandoc read CSL-JSON, LaTeX reads BibTeX, every reference manager reads RIS, and text is
a reference list formatted by a CSL processor (see :mod:`comorbidity_kb.formats.csl`).

Order is deterministic: citations named by id come in the order given (repeats dropped);
otherwise they are sorted by id. Text is the exception: a style that sorts its reference list
(APA sorts by author and year) is obeyed. An unverified citation says so
after its title in every format, with a note for readers; the notes in the data are curators'
remarks and are never exported.
"""

from __future__ import annotations

from collections.abc import Sequence

from comorbidity_kb.kb.knowledge import KnowledgeBase
from comorbidity_kb.kinds import SINGULAR
from comorbidity_kb.model import Citation, kind_of
from comorbidity_kb.views.common import citations_behind, not_found_message, suggestions


class NothingToCite(LookupError):
    """The selection failed: an unknown id or entity, or no citation left to write."""


# -- choosing -------------------------------------------------------------------------------
def select(
    kb: KnowledgeBase,
    ids: Sequence[str] = (),
    entity: str | None = None,
    verified_only: bool = False,
) -> list[Citation]:
    """The citations to export: those named, those behind ``entity``, or every one.

    Ids may also be exact titles. Raises :class:`NothingToCite` with a message for the user.
    """
    if entity is not None:
        chosen = _behind(kb, entity)
    elif ids:
        chosen = _named(kb, ids)
    else:
        chosen = sorted(kb.citations.values(), key=lambda c: c.id)
        if not chosen:
            raise NothingToCite("the knowledge base has no citations")
    if verified_only:
        chosen = [c for c in chosen if c.verified]
        if not chosen:
            raise NothingToCite("every citation chosen is unverified (see --verified-only)")
    return chosen


def _behind(kb: KnowledgeBase, entity: str) -> list[Citation]:
    """The citations behind the claims about the entity called ``entity``."""
    found = kb.find_entity(entity)
    if found is None:
        raise NothingToCite(not_found_message(kb, entity))
    chosen = [kb.citations[i] for i in citations_behind(kb, found)]
    if not chosen:
        raise NothingToCite(f"no citation backs the claims about '{found.id}'")
    return chosen


def _named(kb: KnowledgeBase, ids: Sequence[str]) -> list[Citation]:
    """The citations named (by id or exact title), in the order given, each once."""
    chosen: list[Citation] = []
    for name in dict.fromkeys(ids):
        citation = kb.find_entity(name, kind="citations")
        if not isinstance(citation, Citation):
            raise NothingToCite(unknown_citation(kb, name))
        if citation not in chosen:
            chosen.append(citation)
    return chosen


def unknown_citation(kb: KnowledgeBase, name: str) -> str:
    """Why ``name`` is not a citation, with the closest citation ids."""
    other = kb.find_entity(name)
    if other is not None:
        kind = SINGULAR[kind_of(other)]
        return (
            f"'{name}' is a {kind}, not a citation; "
            f"`kb cite --for {other.id}` writes the citations behind it"
        )
    close = [s for s in suggestions(kb, name, limit=20) if s in kb.citations][:3]
    if not close:
        return not_found_message(kb, name)
    return f"no citation called '{name}'; did you mean {' or '.join(repr(c) for c in close)}?"
