"""JSON Schema of each kind's files, for editors (yaml-language-server) and other checkers."""

from __future__ import annotations

import json
from typing import Any

from comorbidity_kb.model import MODELS

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema that one file of ``kind`` (a data folder name) must satisfy."""
    model = MODELS[kind]
    schema = model.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": f"https://comorbidity-kb.invalid/schema/{kind}.json",
        **schema,
        "title": f"comorbidity-kb {kind[:-1] if kind.endswith('s') else kind} file",
    }


def json_schema_text(kind: str) -> str:
    """:func:`json_schema` as indented JSON text."""
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False)
