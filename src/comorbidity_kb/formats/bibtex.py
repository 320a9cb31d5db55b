"""Citations as BibTeX (UTF-8, read by biber and modern BibTeX), written through pybtex."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any

from comorbidity_kb.formats.record import split_pages, unverified_note, year_of
from comorbidity_kb.model import Author, Citation, CitationType

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


def brace_capitals(title: str, encode: Callable[[str], str]) -> str:
    """``title`` encoded, each run of words whose capitals must stay (acronyms, names) in
    one pair of braces, as Zotero does: BibTeX styles lower-case titles. The first letter
    of a title keeps its case anyway."""
    words = re.split(r"(\s+)", title)  # words at even places, spaces between
    keep = [
        i % 2 == 0 and any(ch.isupper() for ch in (w[1:] if i == 0 else w))
        for i, w in enumerate(words)
    ]
    out = []
    for i, word in enumerate(words):
        text = encode(word)
        if keep[i] and (i == 0 or not keep[i - 2]):
            text = "{" + text
        if keep[i] and (i + 2 >= len(words) or not keep[i + 2]):
            text += "}"
        out.append(text)
    return "".join(out)


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
