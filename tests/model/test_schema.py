"""`kb schema KIND`: a valid JSON Schema that accepts every file of that kind in data/."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest

from comorbidity_kb.kinds import FOLDERS as KINDS
from comorbidity_kb.read.yaml_load import load_yaml
from tests.conftest import DATA, VALID, Run


def as_json(value: Any) -> Any:
    """YAML values as a JSON document would hold them (dates become ISO text)."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@pytest.mark.parametrize("kind", KINDS)
def test_schema_is_valid_and_accepts_every_file(kind: str, kb: Run) -> None:
    result = kb("schema", kind)
    assert result.code == 0
    schema = json.loads(result.out)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=jsonschema.FormatChecker())
    files = sorted((DATA / kind).glob("*.yaml")) + sorted((VALID / kind).glob("*.yaml"))
    assert files
    for path in files:
        errors = [e.message for e in validator.iter_errors(as_json(load_yaml(path).data))]
        assert not errors, f"{path}: {errors}"


def test_schema_rejects_what_the_model_rejects(kb: Run) -> None:
    schema = json.loads(kb("schema", "conditions").out)
    bad = {"id": "Not Kebab", "name": "x", "category": "sleep", "description": "x", "extra": 1}
    messages = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(bad)]
    assert any("Additional properties" in m for m in messages)
    assert any("does not match" in m for m in messages)


def test_unknown_kind_is_misuse(kb: Run) -> None:
    result = kb("schema", "symptoms")
    assert result.code == 2


def test_schema_files_match_the_models() -> None:
    # docs/schema/*.json are what editors point at; they must not drift from the models.
    from comorbidity_kb.model.schema import json_schema_text

    for kind in KINDS:
        shipped = Path(__file__).resolve().parents[2] / "docs" / "schema" / f"{kind}.json"
        assert shipped.read_text() == json_schema_text(kind) + "\n", f"regenerate {shipped}"
