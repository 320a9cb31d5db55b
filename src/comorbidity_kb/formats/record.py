"""What every citation format reads the same way: page ranges, the year, names, the title and
note of an unverified record."""

from __future__ import annotations

import re

from comorbidity_kb.model import Author, Citation

# What an unverified record carries in every format, in words for the reader of a reference
# list, never the curators' note (which says how the record was checked, in our own terms).
UNVERIFIED_TITLE = "[Unverified reference]"
UNVERIFIED_NOTE = (
    "Unverified reference: the record could not be confirmed against a published work; "
    "its details may be wrong."
)


# A word that opens a subtitle or a new sentence inside a title.
SUBTITLE = re.compile(r"([:?!]\s+)([^\W\d_])")


def split_pages(pages: str) -> tuple[str, str | None]:
    """'96-105' -> ('96', '105'); a single page or article number stays whole."""
    match = re.fullmatch(r"([^\s\-–]+)\s*[-–]+\s*([^\s\-–]+)", pages)
    return (match[1], match[2]) if match else (pages, None)


def year_of(c: Citation) -> str | None:
    year = c.year or (c.date.year if c.date else None)
    return str(year) if year else None


def title_of(c: Citation) -> str:
    """The exported title: a subtitle opens with a capital, and an unverified record says so.

    The data keeps titles as PubMed does ("The association of sleep and pain: an update");
    APA, Chicago and CSL's own convention capitalise the first word after a colon (or a
    question or exclamation mark), and so does pandoc when it reads BibTeX: exporting it so
    gives the same reference through every route. APA and Chicago
    print neither a note nor an annotation field, but they print the title; a bracketed
    description after it is APA's own way of saying what a source is.
    """
    title = SUBTITLE.sub(lambda m: m[1] + m[2].upper(), c.title)
    return title if c.verified else f"{title} {UNVERIFIED_TITLE}"


def exported_note(c: Citation) -> str | None:
    """The note exported with a citation: for an unverified one, what that means to a reader.

    The notes in the data are curators' remarks (how a record was checked, which article
    listed it); they are for `kb show`, not for a paper's reference list.
    """
    return None if c.verified else UNVERIFIED_NOTE


def particle(a: Author) -> tuple[str | None, str | None]:
    """A family name's particle and the rest: 'van der Kolk' -> ('van der', 'Kolk').

    The particle is the lower-case words that open the family name, as BibTeX reads a "von"
    part; it is split only for a person with a given name (a family name alone is one unit
    in every format, as BibTeX reads a braced name).
    """
    if not a.family or not a.given:
        return None, a.family
    words = a.family.split(" ")
    lead = 0
    while lead < len(words) - 1 and words[lead][:1].islower():
        lead += 1
    return (" ".join(words[:lead]) or None), " ".join(words[lead:])


def kept_case(title: str) -> list[tuple[str, bool]]:
    """The title in runs of words, each marked True where its case must be kept as written.

    Kept are words with capitals (acronyms, names, a title-case source's words) and a
    lower-case word after a full stop, which sentence case would capitalise ("vs. placebo").
    The first word of a title or of a subtitle (after a colon, question or exclamation mark)
    is left to the style. BibTeX braces the kept runs and CSL-JSON marks them ``nocase``, so
    a style that changes case changes the same words through either route.
    """
    words = re.split(r"(\s+)", title)  # words at even places, spaces between

    def opens(i: int) -> bool:
        return i == 0 or words[i - 2].endswith((":", "?", "!"))

    def kept(i: int, word: str) -> bool:
        if i % 2:
            return False
        after_stop = i >= 2 and words[i - 2].endswith(".") and word[:1].islower()
        return any(ch.isupper() for ch in (word[1:] if opens(i) else word)) or after_stop

    runs: list[tuple[str, bool]] = []
    for i, word in enumerate(words):
        keep = kept(i, word) or (
            i % 2 == 1
            and 0 < i < len(words) - 1
            and kept(i - 1, words[i - 1])
            and kept(i + 1, words[i + 1])
        )
        if runs and runs[-1][1] == keep:
            runs[-1] = (runs[-1][0] + word, keep)
        else:
            runs.append((word, keep))
    return runs
