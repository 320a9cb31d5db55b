"""What every export reads the same way: the exported title, the note, name particles."""

from __future__ import annotations

import pytest

from comorbidity_kb.formats.record import (
    UNVERIFIED_NOTE,
    exported_note,
    particle,
    title_of,
)
from comorbidity_kb.model import Author, Citation


def citation(title: str, verified: bool = True, note: str | None = None) -> Citation:
    return Citation(id="x", type="journal-article", title=title, verified=verified, note=note)


@pytest.mark.parametrize(
    ("title", "exported"),
    [
        ("Sleep and pain: an update", "Sleep and pain: An update"),
        ("How do they relate? insights from trials", "How do they relate? Insights from trials"),
        ("Caffeine: sleep and sleepiness", "Caffeine: Sleep and sleepiness"),
        ("Über den Schlaf: Träume", "Über den Schlaf: Träume"),
        ("Ratio 3:1 of 2: 5 doses", "Ratio 3:1 of 2: 5 doses"),  # no letter, nothing to raise
        (
            "[Untitled article on the sleep-pain cycle]",
            "[Untitled article on the sleep-pain cycle]",
        ),
    ],
)
def test_a_subtitle_opens_with_a_capital(title: str, exported: str) -> None:
    assert title_of(citation(title)) == exported


def test_an_unverified_record_says_so_in_its_title_and_a_note_for_readers() -> None:
    curators = "Recorded exactly as reference 3 of article 000 lists it."
    c = citation("Prevalence of insomnia", verified=False, note=curators)
    assert title_of(c) == "Prevalence of insomnia [Unverified reference]"
    assert exported_note(c) == UNVERIFIED_NOTE and "article 000" not in UNVERIFIED_NOTE
    verified = citation("Prevalence of insomnia", note="Checked against PubMed.")
    assert exported_note(verified) is None and title_of(verified) == "Prevalence of insomnia"


@pytest.mark.parametrize(
    ("family", "given", "split"),
    [
        ("van der Kolk", "Bessel", ("van der", "Kolk")),
        ("de la Fuente", "José", ("de la", "Fuente")),
        ("Herrero Babiloni", "A.", (None, "Herrero Babiloni")),
        ("van Gogh", None, (None, "van Gogh")),  # a family name alone is one unit
        ("von", "X.", (None, "von")),  # nothing would be left of the family name
    ],
)
def test_particles_are_the_lower_case_words_opening_a_family_name(
    family: str, given: str | None, split: tuple[str | None, str]
) -> None:
    assert particle(Author(family=family, given=given)) == split
