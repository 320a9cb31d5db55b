"""What every citation format reads the same way: page ranges, the year, the exported note."""

from __future__ import annotations

import re

from comorbidity_kb.model import Citation


def split_pages(pages: str) -> tuple[str, str | None]:
    """'96-105' -> ('96', '105'); a single page or article number stays whole."""
    match = re.fullmatch(r"([^\s\-–]+)\s*[-–]+\s*([^\s\-–]+)", pages)
    return (match[1], match[2]) if match else (pages, None)


def year_of(c: Citation) -> str | None:
    year = c.year or (c.date.year if c.date else None)
    return str(year) if year else None


def unverified_note(c: Citation) -> str | None:
    """The note exported with a citation: only an unverified one's, saying so.

    The notes of verified citations are curators' remarks (how a record was checked), not
    part of the reference; BibTeX styles would print them in a paper's bibliography.
    """
    return None if c.verified or not c.note else f"Unverified: {c.note}"
