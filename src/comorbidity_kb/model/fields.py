"""The field types every model shares: ids, identifiers, CURIEs and bibliographic numbers.

Patterns live here once: the models use them, and the reader's error messages look them up
to explain a mismatch (see :mod:`comorbidity_kb.check.explain`).
"""

import datetime as dt
import re
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
LINK_ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*--[a-z0-9]+(?:-[a-z0-9]+)*$"
DOI_PATTERN = r"^10\.\d{4,9}/\S+$"
PMID_PATTERN = r"^[1-9]\d{0,8}$"
PMCID_PATTERN = r"^PMC\d+$"
URL_PATTERN = r"^https?://\S+$"

# Local-id shape of every xref prefix we accept (see docs/data-model.md).
CURIE_SHAPES: dict[str, str] = {
    "MONDO": r"\d{7}",
    "DOID": r"\d+",
    "HP": r"\d{7}",
    "ICD10CM": r"[A-Z]\d{2}(?:\.[0-9A-Z]{1,4})?",
    "ICD11": r"[0-9A-Z]{4}(?:\.[0-9A-Z]{1,2})?(?:/[0-9A-Z.]+)?",
    "MESH": r"[CD]\d{6}(?:\d{3})?",
    "UBERON": r"\d{7}",
    "CHEBI": r"\d+",
    "GO": r"\d{7}",
    "MAXO": r"\d{7}",
    "NCIT": r"C\d+",
    "SNOMEDCT": r"\d{6,18}",
}


def check_curie(value: str) -> str:
    """Return ``value`` if it is a CURIE with a known prefix and a well-formed local id."""
    prefix, sep, local = value.partition(":")
    if not sep:
        raise ValueError(f"'{value}' is not a CURIE: write it as PREFIX:ID, e.g. MONDO:0013600")
    if prefix not in CURIE_SHAPES:
        known = ", ".join(CURIE_SHAPES)
        raise ValueError(f"unknown xref prefix '{prefix}'; known prefixes: {known}")
    if not re.fullmatch(CURIE_SHAPES[prefix], local):
        raise ValueError(
            f"'{value}' does not have the shape of a {prefix} id ({prefix}:{CURIE_SHAPES[prefix]})"
        )
    return value


CURIE_PATTERN = "^(?:" + "|".join(f"{p}:{shape}" for p, shape in CURIE_SHAPES.items()) + ")$"
Curie = Annotated[
    str,
    AfterValidator(check_curie),
    WithJsonSchema({"type": "string", "pattern": CURIE_PATTERN}),
]
EntityId = Annotated[str, Field(pattern=ID_PATTERN)]
Text = Annotated[str, Field(min_length=1)]


def _number_as_text(value: object) -> object:
    # YAML reads `volume: 135` as an int; bibliographic numbers are text (e.g. "1-3", "e12710").
    # 135.0 is an integer to JSON Schema too, so it is one here.
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _whole_number(value: object) -> object:
    # Strict where the JSON Schema is: "2011" and true are not integers; 2011.0 is.
    if isinstance(value, bool | str):
        raise PydanticCustomError("int_type", "Input should be a whole number")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


Year = Annotated[
    int,
    BeforeValidator(_whole_number),
    Field(ge=1800, le=2100),
    WithJsonSchema({"maximum": 2100, "minimum": 1800, "type": "integer"}),
]


NumberText = Annotated[
    str,
    BeforeValidator(_number_as_text),
    Field(min_length=1),
    WithJsonSchema({"anyOf": [{"type": "string", "minLength": 1}, {"type": "integer"}]}),
]
PmidText = Annotated[
    str,
    BeforeValidator(_number_as_text),
    Field(pattern=PMID_PATTERN),
    WithJsonSchema({"anyOf": [{"type": "string", "pattern": PMID_PATTERN}, {"type": "integer"}]}),
]


def _date_not_number(value: object) -> object:
    # pydantic reads a number as a Unix time (`date: 0` was 1970-01-01); the schema says text.
    if isinstance(value, int | float):
        raise PydanticCustomError("date_type", "Input should be a date, written YYYY-MM-DD")
    return value


TextDate = Annotated[dt.date, BeforeValidator(_date_not_number)]
