"""Small records the tests build in code: a citation with only the fields a test names."""

from __future__ import annotations

from typing import Any

from comorbidity_kb.model import Citation


def citation(**fields: Any) -> Citation:
    """A verified journal article 'x-2020' titled 'T', with ``fields`` over those."""
    base: dict[str, Any] = {
        "id": "x-2020",
        "type": "journal-article",
        "title": "T",
        "verified": True,
    }
    return Citation.model_validate(base | fields)
