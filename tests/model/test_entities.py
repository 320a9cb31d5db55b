"""Single-file rules the models enforce (cross-file rules are in test_validate.py)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from comorbidity_kb.model import Author, Citation, Condition
from comorbidity_kb.model.fields import check_curie


@pytest.mark.parametrize(
    "curie",
    [
        "MONDO:0013600",
        "DOID:2030",
        "HP:0100785",
        "ICD10CM:G47.0",
        "ICD10CM:F32",
        "MESH:D007319",
        "MESH:C000657245",
        "UBERON:0001898",
        "CHEBI:17650",
        "GO:0042747",
        "MAXO:0000883",
        "NCIT:C28286",
        "SNOMEDCT:193462001",
        "ICD11:7A00",
    ],
)
def test_good_curies(curie: str) -> None:
    assert check_curie(curie) == curie


@pytest.mark.parametrize(
    ("curie", "why"),
    [
        ("MONDO:13600", "shape"),
        ("mondo:0013600", "unknown"),
        ("OMIM:123456", "unknown"),
        ("MESH:X007319", "shape"),
        ("HP0100785", "not a CURIE"),
        ("NCIT:28286", "shape"),
        ("ICD10CM:G4", "shape"),
    ],
)
def test_bad_curies(curie: str, why: str) -> None:
    with pytest.raises(ValueError, match=why):
        check_curie(curie)


def citation(**fields: object) -> Citation:
    base: dict[str, object] = {
        "id": "x-2020",
        "type": "journal-article",
        "title": "T",
        "verified": True,
    }
    return Citation.model_validate(base | fields)


def test_bibliographic_numbers_may_be_written_as_numbers() -> None:
    c = citation(volume=135, issue="1-3", pages="10-19", pmid=21300408)
    assert (c.volume, c.pmid) == ("135", "21300408")


def test_unverified_citation_needs_a_note() -> None:
    with pytest.raises(ValidationError, match="needs a 'note'"):
        citation(verified=False)
    assert citation(verified=False, note="not found").verified is False


def test_date_and_year_must_agree() -> None:
    with pytest.raises(ValidationError, match="disagrees"):
        citation(year=2025, date="2026-01-21")


@pytest.mark.parametrize("doi", ["https://doi.org/10.1/x", "10.1/x", "doi:10.1000/x", "10.1000/"])
def test_dois_are_bare(doi: str) -> None:
    with pytest.raises(ValidationError):
        citation(doi=doi)


def test_author_is_a_person_or_an_organisation() -> None:
    assert Author(family="Müller", given="Zoë").display() == "Müller, Zoë"
    assert Author(literal="World Health Organization").display() == "World Health Organization"
    with pytest.raises(ValidationError):
        Author(given="Only")
    with pytest.raises(ValidationError):
        Author(literal="X", family="Y")


def test_unknown_fields_are_rejected() -> None:
    with pytest.raises(ValidationError, match="Extra inputs"):
        Condition.model_validate(
            {"id": "a", "name": "A", "category": "sleep", "description": "x", "severity": "high"}
        )


def test_links_derive_bidirectionality() -> None:
    from comorbidity_kb.model import Link

    ev = [{"citation": "c", "locator": "s", "kind": "review"}]
    one = {
        "from": "a",
        "to": "b",
        "effect": "worsens",
        "strength": "weak",
        "description": "x",
        "evidence": ev,
    }
    link = Link.model_validate({"id": "a--b", "conditions": ["a", "b"], "directions": [one]})
    assert not link.bidirectional
    two = {**one, "from": "b", "to": "a"}
    assert Link.model_validate(
        {"id": "a--b", "conditions": ["a", "b"], "directions": [one, two]}
    ).bidirectional
