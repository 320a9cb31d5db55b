"""Citations as BibTeX (UTF-8, read by biber and modern BibTeX), written through pybtex.

Every field is one biber's data model knows for its entry type (``biber --validate-datamodel``
reports none): a PMID is ``eprinttype = {pubmed}`` with ``eprint`` (biblatex prints
"PMID: ..."; pandoc links it), a PMCID an ``addendum``; a web article is an ``@online`` whose
site is its ``organization`` (the one field ``@online`` has for it, which pandoc reads as
the publisher), with its full ``date``. A family name's particle ("van der Kolk") is BibTeX's
"von" part, and ``options = {useprefix=true}`` makes biblatex and pandoc keep it in front,
as CSL's non-dropping particle does.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any

from comorbidity_kb.formats.record import (
    exported_note,
    kept_case,
    particle,
    split_pages,
    title_of,
    year_of,
)
from comorbidity_kb.model import Author, Citation, CitationType

BIBTEX_TYPE = {
    CitationType.JOURNAL_ARTICLE: "article",
    CitationType.WEB_ARTICLE: "online",
    CitationType.BOOK: "book",
    CitationType.REPORT: "techreport",
}
# Where the container and the publisher go in each entry type.
BIBTEX_CONTAINER = {"article": "journal", "online": "organization", "book": "series"}
BIBTEX_PUBLISHER = {"techreport": "institution"}
# Between the names of an organization list (written "{A} and {B}").
ORGANIZATIONS = "\n"
# Identifiers and dates are read verbatim (biblatex's doi and url fields are verbatim).
VERBATIM = {"doi", "eprint", "eprinttype", "url", "date", "urldate", "options"}
# latexcodec escapes & % # _ (and non-ASCII, for an ASCII file); these it leaves alone, or
# (~) writes as a bare control word that would swallow the space after it. A brace of the
# text is written as a command, never as \{ or \}: BibTeX and biber count braces even after
# a backslash, so one unbalanced brace in a title made the whole .bib unreadable.
LATEX_SPECIAL = re.compile(r"[\\{}$^~]")
LATEX_ESCAPE = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "$": r"\$",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}


def brace_capitals(title: str, encode: Callable[[str], str]) -> str:
    """``title`` encoded, each run of words whose case must stay in one pair of braces, as
    Zotero does: BibTeX styles lower-case titles, and pandoc sentence-cases them (which
    words: :func:`~comorbidity_kb.formats.record.kept_case`)."""
    return "".join(
        "{" + encode(text) + "}" if keep else encode(text) for text, keep in kept_case(title)
    )


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
                # A verbatim field has no escapes: a brace in a DOI or URL is percent-encoded.
                text = value.replace("{", "%7B").replace("}", "%7D")
            elif type == "title":
                text = self._protect(value)
            elif type == "organization":  # a list: each name one unit, in braces
                text = " and ".join(f"{{{self._encode(n)}}}" for n in value.split(ORGANIZATIONS))
            else:
                text = self._encode(value)
            stream.write(f",\n    {type} = {self.quote(text)}")

        def _protect(self, title: str) -> str:
            return brace_capitals(title, self._encode)

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
    site = BIBTEX_CONTAINER.get(entry_type, "series")
    fields = {
        "title": title_of(c),
        site: c.container,
        "year": year_of(c),
        "date": c.date.isoformat() if c.date else None,
        "volume": c.volume,
        "number": c.issue,
        "pages": f"{start}--{end}" if end else c.pages,
        BIBTEX_PUBLISHER.get(entry_type, "publisher"): c.publisher,
        "doi": c.doi,
        "eprinttype": "pubmed" if c.pmid else None,
        "eprint": c.pmid,
        "addendum": f"PMCID: {c.pmcid}" if c.pmcid else None,
        "url": c.url,
        "urldate": c.accessed.isoformat() if c.accessed else None,
        "note": exported_note(c),
        "options": "useprefix=true" if any(particle(a)[0] for a in c.authors) else None,
    }
    if entry_type == "online":
        # @online has no publisher: the site, and whoever runs it, are its organizations.
        names = [n for n in (c.container, c.publisher) if n]
        fields[site], fields["publisher"] = ORGANIZATIONS.join(names), None
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
