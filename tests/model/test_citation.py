"""The citation model: authors in one form, unverified records explained, dates and years agree."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from comorbidity_kb.model.base import Reference
from comorbidity_kb.model.citation import Author, CitationType
from tests.records import citation as make


def test_a_full_record_reads_into_its_fields() -> None:
    c = make(
        authors=[{"family": "Dressle", "given": "R. J."}],
        year=2022,
        volume=62,
        pages="101588",
        pmid=35091194,
        doi="10.1016/j.smrv.2022.101588",
        references=["a-2001", "b-2002"],
    )
    assert c.type is CitationType.JOURNAL_ARTICLE
    assert c.volume == "62"
    assert c.pmid == "35091194"
    assert c.authors[0].display() == "Dressle, R. J."
    assert list(c.references()) == [
        Reference(("references", 0), "a-2001", "citations"),
        Reference(("references", 1), "b-2002", "citations"),
    ]


def test_without_references_a_citation_points_nowhere() -> None:
    assert list(make().references()) == []


@pytest.mark.parametrize(
    ("author", "shown"),
    [
        ({"family": "Smith", "given": "M. T."}, "Smith, M. T."),
        ({"family": "Smith"}, "Smith"),
        ({"literal": "World Health Organization"}, "World Health Organization"),
    ],
)
def test_an_author_is_displayed_as_a_reader_sees_it(author: dict[str, str], shown: str) -> None:
    assert Author.model_validate(author).display() == shown


def test_an_author_needs_a_family_name_or_a_literal() -> None:
    with pytest.raises(ValidationError, match="an author needs 'family'"):
        Author.model_validate({"given": "Ann"})


@pytest.mark.parametrize("extra", [{"family": "Smith"}, {"given": "Ann"}])
def test_an_author_is_never_both_literal_and_a_person(extra: dict[str, str]) -> None:
    with pytest.raises(ValidationError, match="either 'literal' or 'family'/'given', not both"):
        Author.model_validate({"literal": "WHO"} | extra)


def test_an_unverified_citation_must_say_why() -> None:
    with pytest.raises(ValidationError, match="an unverified citation needs a 'note'"):
        make(verified=False)
    with pytest.raises(ValidationError, match="needs a 'note'"):
        make(verified=False, note="")
    assert make(verified=False, note="not found in PubMed").verified is False


@pytest.mark.parametrize("verified", ["no", 0, 1, "true"])
def test_verified_is_a_real_boolean(verified: object) -> None:
    with pytest.raises(ValidationError):
        make(verified=verified)


def test_a_date_must_agree_with_the_year() -> None:
    assert make(year=2024, date="2024-03-05").date == dt.date(2024, 3, 5)
    with pytest.raises(ValidationError, match="'date' 2023-03-05 disagrees with 'year' 2024"):
        make(year=2024, date="2023-03-05")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("doi", "doi:10.1/x"),
        ("pmcid", "12345"),
        ("url", "www.example.org"),
        ("id", "Bad_Id"),
        ("type", "thesis"),
        ("title", ""),
        ("year", "2020"),
        ("unknown", "x"),
    ],
)
def test_a_malformed_field_is_refused(field: str, value: str) -> None:
    with pytest.raises(ValidationError) as caught:
        make(**{field: value})
    assert caught.value.errors()[0]["loc"][0] == field


def test_a_citation_is_frozen() -> None:
    c = make()
    with pytest.raises(ValidationError):
        c.title = "other"  # type: ignore[misc]
    assert c.title == "T"
