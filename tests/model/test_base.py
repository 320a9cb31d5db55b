"""What every model shares: unknown keys are errors, and entities cannot be changed."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from comorbidity_kb.model import Condition

CONDITION = {"id": "x", "name": "X", "category": "sleep", "description": "An example."}


def test_an_unknown_key_is_an_error_not_lost_data() -> None:
    with pytest.raises(ValidationError, match="symptom"):
        Condition.model_validate({**CONDITION, "symptom": ["a"]})


def test_entities_are_frozen() -> None:
    condition = Condition.model_validate(CONDITION)
    with pytest.raises(ValidationError):
        condition.name = "Y"  # type: ignore[misc]
