"""The model of a source: a citation, with its authors and bibliographic record.

``verified: false`` marks a record that could not be confirmed as listed; it must then say
why in ``note``.
"""

# No `from __future__ import annotations`: see comorbidity_kb.model.entities.
import datetime as dt
from collections.abc import Iterator
from enum import StrEnum
from typing import Annotated

from pydantic import (
    ConfigDict,
    Field,
    StrictBool,
    ValidationInfo,
    field_validator,
    model_validator,
)

from comorbidity_kb.model.base import Reference, Strict
from comorbidity_kb.model.fields import (
    DOI_PATTERN,
    PMCID_PATTERN,
    URL_PATTERN,
    EntityId,
    NumberText,
    PmidText,
    Text,
    TextDate,
    Year,
)


class CitationType(StrEnum):
    JOURNAL_ARTICLE = "journal-article"
    WEB_ARTICLE = "web-article"
    BOOK = "book"
    REPORT = "report"


class Author(Strict):
    """A person (family and given names) or an organisation (literal)."""

    family: Text | None = None
    given: Text | None = None
    literal: Text | None = None

    @model_validator(mode="after")
    def _one_form(self) -> "Author":
        if self.literal is None and self.family is None:
            raise ValueError("an author needs 'family' (with 'given') or 'literal'")
        if self.literal is not None and (self.family or self.given):
            raise ValueError("an author has either 'literal' or 'family'/'given', not both")
        return self

    def display(self) -> str:
        """The name as a reader sees it: 'Family, Given' or the literal."""
        if self.literal:
            return self.literal
        return f"{self.family}, {self.given}" if self.given else str(self.family)


class Citation(Strict):
    """A source. ``verified: false`` marks a record that could not be confirmed as listed."""

    model_config = ConfigDict(populate_by_name=True)

    id: EntityId
    type: CitationType
    title: Text
    authors: list[Author] = []
    # Strict: the JSON Schema says integer and boolean, so "2011", 1 and "no" are errors
    # here too (lax pydantic took "2011" as 2011, 1 as true and "no" as false).
    year: Year | None = None
    date: TextDate | None = None
    container: Text | None = Field(default=None, description="Journal or site name.")
    volume: NumberText | None = None
    issue: NumberText | None = None
    pages: NumberText | None = None
    doi: Annotated[str, Field(pattern=DOI_PATTERN)] | None = None
    pmid: PmidText | None = None
    pmcid: Annotated[str, Field(pattern=PMCID_PATTERN)] | None = None
    url: Annotated[str, Field(pattern=URL_PATTERN)] | None = None
    publisher: Text | None = None
    accessed: TextDate | None = None
    note: str | None = None
    verified: StrictBool
    references_: list[EntityId] = Field(
        default=[],
        alias="references",
        description="Citation ids this source itself lists as its references.",
    )

    def references(self) -> Iterator["Reference"]:
        for i, cited in enumerate(self.references_):
            yield Reference(("references", i), cited, "citations")

    @field_validator("verified")
    @classmethod
    def _unverified_has_note(cls, verified: bool, info: ValidationInfo) -> bool:
        if not verified and not info.data.get("note"):
            raise ValueError(
                "an unverified citation needs a 'note' saying what could not be confirmed"
            )
        return verified

    @field_validator("date")
    @classmethod
    def _date_matches_year(cls, value: dt.date | None, info: ValidationInfo) -> dt.date | None:
        year = info.data.get("year")
        if value and year and value.year != year:
            raise ValueError(f"'date' {value} disagrees with 'year' {year}")
        return value
