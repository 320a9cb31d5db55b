"""The shared field types: CURIEs, ids, years, bibliographic numbers and dates."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from pydantic import TypeAdapter, ValidationError

from comorbidity_kb.model.fields import (
    CURIE_PATTERN,
    DOI_PATTERN,
    ID_PATTERN,
    LINK_ID_PATTERN,
    PMID_PATTERN,
    Curie,
    EntityId,
    NumberText,
    PmidText,
    TextDate,
    Year,
    check_curie,
)


@pytest.mark.parametrize(
    "curie",
    ["MONDO:0013600", "DOID:9", "ICD10CM:G47.0", "ICD10CM:F41", "MESH:D007319", "NCIT:C2921"],
)
def test_a_well_formed_curie_passes_unchanged(curie: str) -> None:
    assert check_curie(curie) == curie
    assert TypeAdapter(Curie).validate_python(curie) == curie
    assert re.fullmatch(CURIE_PATTERN, curie)


def test_a_value_without_a_colon_is_not_a_curie() -> None:
    with pytest.raises(ValueError, match="'MONDO0013600' is not a CURIE: write it as PREFIX:ID"):
        check_curie("MONDO0013600")


def test_an_unknown_prefix_lists_the_known_ones() -> None:
    with pytest.raises(ValueError, match=r"unknown xref prefix 'OMIM'; known prefixes: MONDO, "):
        check_curie("OMIM:123456")


@pytest.mark.parametrize("curie", ["MONDO:13600", "HP:00001234", "ICD10CM:g47", "MESH:X007319"])
def test_a_malformed_local_id_is_refused(curie: str) -> None:
    prefix = curie.partition(":")[0]
    with pytest.raises(ValueError, match=f"does not have the shape of a {prefix} id"):
        check_curie(curie)
    assert not re.fullmatch(CURIE_PATTERN, curie)
    with pytest.raises(ValidationError):
        TypeAdapter(Curie).validate_python(curie)


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("insomnia", True),
        ("cbt-i", True),
        ("a1-b2", True),
        ("Insomnia", False),
        ("-x", False),
        ("x-", False),
        ("a--b", False),
        ("", False),
    ],
)
def test_entity_ids_are_lower_case_words_joined_by_single_hyphens(value: str, ok: bool) -> None:
    assert bool(re.fullmatch(ID_PATTERN, value)) is ok
    if ok:
        assert TypeAdapter(EntityId).validate_python(value) == value
    else:
        with pytest.raises(ValidationError):
            TypeAdapter(EntityId).validate_python(value)


def test_a_link_id_is_two_ids_joined_by_a_double_hyphen() -> None:
    assert re.fullmatch(LINK_ID_PATTERN, "insomnia--anxiety")
    assert not re.fullmatch(LINK_ID_PATTERN, "insomnia-anxiety")
    assert not re.fullmatch(LINK_ID_PATTERN, "insomnia---anxiety")


def test_doi_and_pmid_patterns() -> None:
    assert re.fullmatch(DOI_PATTERN, "10.1016/j.smrv.2010.01.001")
    assert not re.fullmatch(DOI_PATTERN, "doi:10.1016/x")
    assert re.fullmatch(PMID_PATTERN, "20080044")
    assert not re.fullmatch(PMID_PATTERN, "0123")


@pytest.mark.parametrize(("value", "year"), [(2011, 2011), (2011.0, 2011), (1800, 1800)])
def test_a_year_is_a_whole_number_in_range(value: object, year: int) -> None:
    assert TypeAdapter(Year).validate_python(value) == year


@pytest.mark.parametrize("value", ["2011", True, 2011.5, 1799, 2101])
def test_a_year_refuses_text_booleans_fractions_and_out_of_range(value: object) -> None:
    with pytest.raises(ValidationError):
        TypeAdapter(Year).validate_python(value)


def test_a_year_given_as_text_says_a_whole_number_is_wanted() -> None:
    with pytest.raises(ValidationError, match="Input should be a whole number"):
        TypeAdapter(Year).validate_python("2011")


@pytest.mark.parametrize(("value", "text"), [(135, "135"), (135.0, "135"), ("e12710", "e12710")])
def test_a_bibliographic_number_is_kept_as_text(value: object, text: str) -> None:
    assert TypeAdapter(NumberText).validate_python(value) == text


@pytest.mark.parametrize("value", ["", True, 1.5])
def test_a_bibliographic_number_refuses_empty_booleans_and_fractions(value: object) -> None:
    with pytest.raises(ValidationError):
        TypeAdapter(NumberText).validate_python(value)


def test_a_pmid_is_text_and_must_look_like_one() -> None:
    assert TypeAdapter(PmidText).validate_python(20080044) == "20080044"
    with pytest.raises(ValidationError):
        TypeAdapter(PmidText).validate_python(0)
    with pytest.raises(ValidationError):
        TypeAdapter(PmidText).validate_python("PMID20080044")


def test_a_date_is_written_not_a_number() -> None:
    adapter = TypeAdapter(TextDate)
    assert adapter.validate_python("2022-03-01") == dt.date(2022, 3, 1)
    with pytest.raises(ValidationError, match="Input should be a date, written YYYY-MM-DD"):
        adapter.validate_python(0)
    with pytest.raises(ValidationError):
        adapter.validate_python("2022-13-01")
