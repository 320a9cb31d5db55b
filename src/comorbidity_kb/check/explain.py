"""Pydantic's errors, explained for a curator: which rule, where in the file, how to fix.

A file whose values its model rejects comes from the read stage with pydantic's error; each
error becomes one :class:`Diagnostic` at the key or value it concerns, with a hint
(the closest allowed field, the shape an id or DOI must have, the type that was meant).
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from comorbidity_kb import rules
from comorbidity_kb.check.diagnostics import Diagnostic, Severity, display_path
from comorbidity_kb.model.fields import (
    DOI_PATTERN,
    ID_PATTERN,
    LINK_ID_PATTERN,
    PMCID_PATTERN,
    PMID_PATTERN,
    URL_PATTERN,
)
from comorbidity_kb.read.yaml_load import YamlDocument
from comorbidity_kb.suggest import did_you_mean

_ID_HELP = (
    "must be lowercase kebab-case (a-z, 0-9 and single hyphens), e.g. chronic-pain; "
    "a link's id is its two condition ids joined by '--', e.g. insomnia--anxiety"
)
_PATTERN_HELP = {
    ID_PATTERN: (rules.BAD_ID, "is not an id: ids are " + _ID_HELP.removeprefix("must be ")),
    LINK_ID_PATTERN: (rules.BAD_ID, _ID_HELP),
    DOI_PATTERN: (
        rules.BAD_DOI,
        "is not a DOI: write the bare DOI, 10.NNNN/suffix, without https://doi.org/",
    ),
    PMID_PATTERN: (rules.BAD_PMID, "is not a PMID: digits only, e.g. 21300408"),
    PMCID_PATTERN: (rules.BAD_PMCID, "is not a PMCID: PMC followed by digits, e.g. PMC3277880"),
    URL_PATTERN: (rules.BAD_URL, "is not a URL: it must start with http:// or https://"),
}
_EVIDENCE_FIELDS = {"evidence"}


def _field_models(annotation: Any) -> list[type[BaseModel]]:
    """The pydantic models inside an annotation such as ``list[Evidence] | None``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    for arg in typing.get_args(annotation):
        found += _field_models(arg)
    return found


def _model_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model class that holds the last element of ``loc`` (for 'did you mean')."""
    current: type[BaseModel] | None = model
    for part in loc[:-1]:
        if current is None:
            return None
        if isinstance(part, int):
            continue
        info = next(
            (f for n, f in current.model_fields.items() if n == part or f.alias == part), None
        )
        if info is None:
            return None
        models = _field_models(info.annotation)
        current = models[0] if models else None
    return current


def _field_names(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]


def _yaml_type(value: object) -> str:
    """How a curator would name what they wrote: a list, a mapping, a number, …"""
    names = {
        list: "a list",
        dict: "a mapping",
        str: "text",
        bool: "true/false",
        int: "a number",
        float: "a number",
        type(None): "nothing (null)",
    }
    if isinstance(value, dt.date):
        return "a date"
    return names.get(type(value), type(value).__name__)


def _dotted(loc: tuple[str | int, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _clean_loc(loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
    # pydantic adds the name of a union member or validator to the location; drop those.
    return tuple(p for p in loc if isinstance(p, int) or not re.search(r"[\[\]]", p))


def structural_diagnostics(
    doc: YamlDocument, model: type[BaseModel], exc: ValidationError
) -> list[Diagnostic]:
    """One diagnostic per pydantic error, at the key or value it concerns, with a hint."""
    out: list[Diagnostic] = []
    path = display_path(doc.path)
    for err in exc.errors(include_url=False):
        loc = _clean_loc(tuple(err["loc"]))
        key, rule, message = _explain(err, loc, model)
        pos = doc.locate(loc[:-1] if key is None else loc, key=bool(key))
        out.append(Diagnostic(path, pos.line, pos.column, Severity.ERROR, message, rule))
    return out


def _explain(
    err: Any, loc: tuple[str | int, ...], model: type[BaseModel]
) -> tuple[bool | None, str, str]:
    """(at the key? — None: at the mapping that lacks it —, rule, message) of one error."""
    name = str(loc[-1]) if loc and isinstance(loc[-1], str) else ""
    where = _dotted(loc)
    kind = err["type"]
    msg = str(err["msg"]).removeprefix("Value error, ")
    pattern = err.get("ctx", {}).get("pattern")
    if kind == "extra_forbidden":
        owner = _model_at(model, loc)
        known = _field_names(owner) if owner else []
        hint = did_you_mean(name, known) or (f"; allowed here: {', '.join(known)}" if known else "")
        return True, rules.UNKNOWN_FIELD, f"unknown field '{where}'{hint}"
    if kind == "missing":
        if name in _EVIDENCE_FIELDS:
            message = (
                f"missing required field '{where}': every claim needs evidence "
                "(citation, locator, kind)"
            )
            return None, rules.MISSING_EVIDENCE, message
        return None, rules.MISSING_FIELD, f"missing required field '{where}'"
    if kind == "too_short" and name in _EVIDENCE_FIELDS:
        message = f"'{where}' is empty: every claim needs at least one evidence item"
        return False, rules.MISSING_EVIDENCE, message
    if kind == "string_pattern_mismatch" and pattern in _PATTERN_HELP:
        rule, help_text = _PATTERN_HELP[pattern]
        return False, rule, f"{where} '{err.get('input')}' {help_text}"
    if "xref" in where and kind == "value_error":
        return False, rules.BAD_CURIE, f"{where}: {msg}"
    if kind.endswith("_type") or kind.endswith("_parsing") or kind == "model_type":
        return False, rules.WRONG_TYPE, _wrong_type(where, msg, kind, err.get("input"))
    return False, rules.BAD_VALUE, f"{where}: {msg}"


def _wrong_type(where: str, msg: str, kind: str, value: object) -> str:
    text = f"{where}: {msg} (got {_yaml_type(value)})"
    if isinstance(value, (int, float, bool, dt.date)) and "str" in kind:
        text += "; quote it if it is meant as text"
    return text
