"""The RIS export: one tagged record per citation, TY first and ER last, each value one line."""

from __future__ import annotations

import pytest

from comorbidity_kb.formats.record import UNVERIFIED_NOTE
from comorbidity_kb.formats.ris import RIS_TYPE, ris, ris_fields
from comorbidity_kb.model import CitationType
from tests.records import citation as make


def test_a_journal_article_has_every_tag_in_order() -> None:
    c = make(
        id="dressle-2022",
        title="HPA axis activity in chronic insomnia: a systematic review",
        authors=[{"family": "Dressle", "given": "R. J."}, {"literal": "Sleep Group"}],
        year=2022,
        container="Sleep Medicine Reviews",
        volume="62",
        issue=3,
        pages="96-105",
        publisher="Elsevier",
        doi="10.1016/j.smrv.2022.101588",
        pmid="35091194",
        pmcid="PMC123",
        url="https://example.org/a",
        accessed="2024-01-02",
    )
    assert ris_fields(c) == [
        ("TY", "JOUR"),
        ("ID", "dressle-2022"),
        ("AU", "Dressle, R. J."),
        ("AU", "Sleep Group"),
        ("TI", "HPA axis activity in chronic insomnia: A systematic review"),
        ("T2", "Sleep Medicine Reviews"),
        ("PY", "2022"),
        ("VL", "62"),
        ("IS", "3"),
        ("SP", "96"),
        ("EP", "105"),
        ("PB", "Elsevier"),
        ("DO", "10.1016/j.smrv.2022.101588"),
        ("AN", "35091194"),
        ("C2", "PMC123"),
        ("UR", "https://example.org/a"),
        ("Y2", "2024/01/02/"),
    ]


@pytest.mark.parametrize(
    ("kind", "tag"),
    [("journal-article", "JOUR"), ("web-article", "ELEC"), ("book", "BOOK"), ("report", "RPRT")],
)
def test_each_type_has_its_ris_type(kind: str, tag: str) -> None:
    assert ris_fields(make(type=kind))[0] == ("TY", tag)


def test_every_citation_type_is_mapped() -> None:
    assert set(RIS_TYPE) == set(CitationType)


def test_a_minimal_record_leaves_out_empty_tags() -> None:
    assert ris_fields(make()) == [("TY", "JOUR"), ("ID", "x-2020"), ("TI", "T")]


def test_a_single_page_has_no_end_and_a_date_gives_the_year() -> None:
    tags = dict(ris_fields(make(pages="e12710", date="2021-06-30")))
    assert tags["SP"] == "e12710"
    assert "EP" not in tags
    assert tags["PY"] == "2021"
    assert tags["DA"] == "2021/06/30/"


def test_an_author_with_a_family_name_alone_has_no_trailing_comma() -> None:
    assert ("AU", "Smith") in ris_fields(make(authors=[{"family": "Smith"}]))


def test_an_unverified_record_says_so_and_keeps_the_curators_note_out() -> None:
    tags = dict(ris_fields(make(verified=False, note="Listed by ref 3 only.")))
    assert tags["TI"] == "T [Unverified reference]"
    assert tags["N1"] == " ".join(UNVERIFIED_NOTE.split())
    assert "Listed by ref 3" not in ris([make(verified=False, note="Listed by ref 3 only.")])


def test_a_value_over_several_lines_becomes_one_line() -> None:
    tags = dict(ris_fields(make(title="A title\nover   two\tlines", container="  Journal\n")))
    assert tags["TI"] == "A title over two lines"
    assert tags["T2"] == "Journal"


def test_the_file_is_records_ending_in_er_separated_by_a_blank_line() -> None:
    text = ris([make(id="a-2001"), make(id="b-2002", type="book")])
    assert text == (
        "TY  - JOUR\nID  - a-2001\nTI  - T\nER  - \n\nTY  - BOOK\nID  - b-2002\nTI  - T\nER  - \n"
    )


def test_no_citations_make_an_empty_file() -> None:
    assert ris([]) == ""
