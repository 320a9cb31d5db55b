"""Citations as RIS, the tagged format every reference manager imports.

A PMID goes in ``AN`` (accession number) and a PMCID in ``C2``, where EndNote's RIS puts them
for a journal article; docs/cli.md says what other readers make of them.
"""

from __future__ import annotations

from comorbidity_kb.formats.record import exported_note, split_pages, title_of, year_of
from comorbidity_kb.model import Citation, CitationType

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
        ("TI", title_of(c)),
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
        ("N1", exported_note(c)),
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
