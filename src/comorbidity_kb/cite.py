"""Citation export: choose citations, write them as text, BibTeX, CSL-JSON or RIS.

The formats are those reference managers and publishing tools import as they are: Zotero
and pandoc read CSL-JSON, LaTeX reads BibTeX, every reference manager reads RIS, and text is
a reference list formatted by a CSL processor (see :mod:`comorbidity_kb.csl`).

Order is deterministic: citations named by id come in the order given (repeats dropped);
otherwise they are sorted by id. Text is the exception: a style that sorts its reference list
(APA sorts by author and year) is obeyed. The note of an unverified citation goes with it in
every format; the notes of verified citations are curators' remarks and are not exported.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import Any

from comorbidity_kb import query
from comorbidity_kb.csl import DEFAULT_STYLE, csl_json, render_text, unverified_note
from comorbidity_kb.graph import KnowledgeBase, kind_of
from comorbidity_kb.model import KIND_SINGULAR, Author, Citation, CitationType

FORMATS = ("text", "bibtex", "csl-json", "ris")


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
        found = kb.find_entity(entity)
        if found is None:
            raise NothingToCite(query.not_found_message(kb, entity))
        chosen = [kb.citations[i] for i in query.citations_behind(kb, found)]
        if not chosen:
            raise NothingToCite(f"no citation backs the claims about '{found.id}'")
    elif ids:
        chosen = []
        for name in dict.fromkeys(ids):
            citation = kb.find_entity(name, kind="citations")
            if not isinstance(citation, Citation):
                raise NothingToCite(unknown_citation(kb, name))
            if citation not in chosen:
                chosen.append(citation)
    else:
        chosen = sorted(kb.citations.values(), key=lambda c: c.id)
        if not chosen:
            raise NothingToCite("the knowledge base has no citations")
    if verified_only:
        chosen = [c for c in chosen if c.verified]
        if not chosen:
            raise NothingToCite("every citation chosen is unverified (see --verified-only)")
    return chosen


def unknown_citation(kb: KnowledgeBase, name: str) -> str:
    """Why ``name`` is not a citation, with the closest citation ids."""
    other = kb.find_entity(name)
    if other is not None:
        kind = KIND_SINGULAR[kind_of(other)]
        return (
            f"'{name}' is a {kind}, not a citation; "
            f"`kb cite --for {other.id}` writes the citations behind it"
        )
    close = [s for s in query.suggestions(kb, name, limit=20) if s in kb.citations][:3]
    if not close:
        return query.not_found_message(kb, name)
    return f"no citation called '{name}'; did you mean {' or '.join(repr(c) for c in close)}?"


# -- writing --------------------------------------------------------------------------------
def render(citations: list[Citation], fmt: str, style: str = DEFAULT_STYLE) -> str:
    """``citations`` in format ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "text":
        return render_text(citations, style)
    if fmt == "bibtex":
        return bibtex(citations)
    if fmt == "csl-json":
        return csl_json(citations)
    if fmt == "ris":
        return ris(citations)
    raise ValueError(f"unknown format '{fmt}'; use one of {', '.join(FORMATS)}")


def split_pages(pages: str) -> tuple[str, str | None]:
    """'96-105' -> ('96', '105'); a single page or article number stays whole."""
    match = re.fullmatch(r"([^\s\-–]+)\s*[-–]+\s*([^\s\-–]+)", pages)
    return (match[1], match[2]) if match else (pages, None)


def year_of(c: Citation) -> str | None:
    year = c.year or (c.date.year if c.date else None)
    return str(year) if year else None


# -- BibTeX ---------------------------------------------------------------------------------
BIBTEX_TYPE = {
    CitationType.JOURNAL_ARTICLE: "article",
    CitationType.WEB_ARTICLE: "misc",
    CitationType.BOOK: "book",
    CitationType.REPORT: "techreport",
}
# Where the container and the publisher go in each entry type.
BIBTEX_CONTAINER = {"article": "journal", "misc": "howpublished", "book": "series"}
BIBTEX_PUBLISHER = {"techreport": "institution"}
# Identifiers and dates are read verbatim (biblatex's doi and url fields are verbatim).
VERBATIM = {"doi", "pmid", "pmcid", "url", "date", "urldate"}
# latexcodec escapes & % # _ (and non-ASCII, for an ASCII file); these it leaves alone, or
# (~) writes as a bare control word that would swallow the space after it.
LATEX_SPECIAL = re.compile(r"[\\{}$^~]")
LATEX_ESCAPE = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}


def _bibtex_writer() -> Any:
    from pybtex.database.output.bibtex import Writer

    class SafeWriter(Writer):  # type: ignore[misc]
        """pybtex's writer, escaping every special character and keeping capitals."""

        def _encode(self, text: str) -> str:
            escaped = LATEX_SPECIAL.sub(lambda m: LATEX_ESCAPE[m[0]], text)
            encoded = str(super()._encode(escaped))
            # A control word at the end would eat the space that follows: end it with {}.
            return encoded + "{}" if re.search(r"\\[A-Za-z]+$", encoded) else encoded

        def _write_field(self, stream: io.StringIO, type: str, value: str) -> None:
            if type in VERBATIM:
                text = value.replace("{", "%7B").replace("}", "%7D") if type == "url" else value
            elif type == "title":
                text = self._protect(value)
            else:
                text = self._encode(value)
            stream.write(f",\n    {type} = {self.quote(text)}")

        def _protect(self, title: str) -> str:
            # BibTeX styles lower-case titles: brace each word whose capitals must stay
            # (acronyms, names), as Zotero does. The first letter of a title keeps its case.
            words = re.split(r"(\s+)", title)  # words at even places, spaces between
            keep = [
                any(ch.isupper() for ch in (w[1:] if i == 0 else w)) for i, w in enumerate(words)
            ]
            out = []
            for i, word in enumerate(words):
                text = self._encode(word)
                if i % 2 == 0 and keep[i] and (i == 0 or not keep[i - 2]):
                    text = "{" + text  # a run of such words shares one pair of braces
                if i % 2 == 0 and keep[i] and (i + 2 >= len(words) or not keep[i + 2]):
                    text += "}"
                out.append(text)
            return "".join(out)

        def _write_persons(self, stream: io.StringIO, persons: list[Any], role: str) -> None:
            # pybtex would encode the joined names again; each name is encoded already.
            names = " and ".join(self._format_name(stream, p) for p in persons)
            stream.write(f",\n    {role} = {self.quote(names)}")

        def _format_name(self, stream: io.StringIO, person: Any) -> str:
            family = self._encode(person.get_part_as_text("last"))
            given = self._encode(person.get_part_as_text("first"))
            # A name without a given part is one unit ("World Health Organization"):
            # braces stop BibTeX splitting it into first and last names.
            if not given or re.search(r"\band\b", family, re.IGNORECASE):
                family = f"{{{family}}}"
            return f"{family}, {given}" if given else family

    return SafeWriter(encoding="UTF-8")


def bibtex_fields(c: Citation) -> dict[str, str]:
    """The BibTeX fields of a citation, as plain text (the writer escapes them)."""
    entry_type = BIBTEX_TYPE[c.type]
    start, end = split_pages(c.pages) if c.pages else ("", None)
    fields = {
        "title": c.title,
        BIBTEX_CONTAINER.get(entry_type, "series"): c.container,
        "year": year_of(c),
        "date": c.date.isoformat() if c.date else None,
        "volume": c.volume,
        "number": c.issue,
        "pages": f"{start}--{end}" if end else c.pages,
        BIBTEX_PUBLISHER.get(entry_type, "publisher"): c.publisher,
        "doi": c.doi,
        "pmid": c.pmid,
        "pmcid": c.pmcid,
        "url": c.url,
        "urldate": c.accessed.isoformat() if c.accessed else None,
        "note": unverified_note(c),
    }
    return {key: value for key, value in fields.items() if value}


def bibtex(citations: list[Citation]) -> str:
    """A .bib file in UTF-8 (biber and modern BibTeX read it): keys are citation ids."""
    from pybtex.database import BibliographyData, Entry, Person

    def person(a: Author) -> Any:
        return Person(first=a.given or "", last=a.literal or a.family or "")

    data = BibliographyData()
    for c in citations:
        persons = {"author": [person(a) for a in c.authors]} if c.authors else {}
        data.add_entry(c.id, Entry(BIBTEX_TYPE[c.type], bibtex_fields(c), persons))
    stream = io.StringIO()
    _bibtex_writer().write_stream(data, stream)
    return stream.getvalue()


# -- RIS ------------------------------------------------------------------------------------
RIS_TYPE = {
    CitationType.JOURNAL_ARTICLE: "JOUR",
    CitationType.WEB_ARTICLE: "ELEC",
    CitationType.BOOK: "BOOK",
    CitationType.REPORT: "RPRT",
}


def ris_fields(c: Citation) -> list[tuple[str, str]]:
    """The RIS tags of a citation, in order (TY first; ER is added by :func:`ris`)."""
    start, end = split_pages(c.pages) if c.pages else (None, None)
    tags: list[tuple[str, str | None]] = [("TY", RIS_TYPE[c.type]), ("ID", c.id)]
    tags += [("AU", a.literal or ", ".join(filter(None, (a.family, a.given)))) for a in c.authors]
    tags += [
        ("TI", c.title),
        ("T2", c.container),
        ("PY", year_of(c)),
        ("DA", c.date.strftime("%Y/%m/%d/") if c.date else None),
        ("VL", c.volume),
        ("IS", c.issue),
        ("SP", start),
        ("EP", end),
        ("PB", c.publisher),
        ("DO", c.doi),
        ("AN", c.pmid),
        ("C2", c.pmcid),
        ("UR", c.url),
        ("Y2", c.accessed.strftime("%Y/%m/%d/") if c.accessed else None),
        ("N1", unverified_note(c)),
    ]
    # A RIS value is one line.
    return [(tag, " ".join(value.split())) for tag, value in tags if value]


def ris(citations: list[Citation]) -> str:
    """A .ris file: one record per citation, ``ID`` holding the citation id."""
    records = [
        "".join(f"{tag}  - {value}\n" for tag, value in ris_fields(c)) + "ER  - \n"
        for c in citations
    ]
    return "\n".join(records)
