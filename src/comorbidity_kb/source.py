"""Reading a data folder into models: where the knowledge base is, and what is wrong in it.

Files → :mod:`load` (YAML with positions) → pydantic models → :class:`KnowledgeBase`.
Every problem becomes a :class:`Diagnostic` with ``file:line:col``; nothing raises.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from comorbidity_kb.diagnostics import Diagnostic, Severity, display_path
from comorbidity_kb.load import LoadError, YamlDocument, load_yaml
from comorbidity_kb.locate import DataNotFound, resolve_data_dir
from comorbidity_kb.model import (
    DOI_PATTERN,
    ID_PATTERN,
    LINK_ID_PATTERN,
    MODELS,
    PMCID_PATTERN,
    PMID_PATTERN,
    URL_PATTERN,
    Entity,
)

SUFFIXES = (".yaml", ".yml")


@dataclass
class ReadResult:
    """Everything read from a folder: entities, their documents, and the problems found."""

    root: Path
    entities: list[Entity] = field(default_factory=list)
    paths: dict[int, Path] = field(default_factory=dict)  # id(entity) → its file
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    # ids of files that exist but failed validation: references to them are not "unknown"
    broken: dict[str, str] = field(default_factory=dict)

    def path_of(self, entity: Entity) -> Path:
        """The file an entity was read from."""
        return self.paths[id(entity)]

    def document_of(self, entity: Entity) -> YamlDocument:
        """The YAML document an entity was read from, with the positions diagnostics need.

        The file is read again on each call: keeping every file's positions costs about
        9 KB an entity (most of the memory at 100,000 entities), and only files with a
        diagnostic need them; the validator asks once per flagged file.
        """
        return _positioned(self.paths[id(entity)])


def entity_files(root: Path, result: ReadResult) -> list[tuple[str, Path]]:
    """The entity files below ``root`` by kind, sorted; strays become warnings."""
    files: list[tuple[str, Path]] = []
    resolved_root = root.resolve()
    for child in sorted(root.iterdir()):
        if child.name.startswith("."):
            continue
        if child.name in MODELS and not child.is_dir():
            result.diagnostics.append(
                _whole_file(
                    child,
                    f"'{child.name}' must be a folder of entity files, not a file",
                    "file-not-regular",
                    Severity.ERROR,
                )
            )
            continue
        if child.name in MODELS and not child.resolve().is_relative_to(resolved_root):
            result.diagnostics.append(
                _whole_file(
                    child,
                    f"the folder is a link to {child.resolve()}, outside the data "
                    "folder; copy it in instead",
                    "file-outside-root",
                    Severity.ERROR,
                )
            )
            continue
        if child.name not in MODELS:
            if child.is_dir() or child.suffix in SUFFIXES:
                result.diagnostics.append(
                    _whole_file(
                        child,
                        f"'{child.name}' is not a kind folder; kinds are: {', '.join(MODELS)}",
                        "stray-file",
                        Severity.WARNING,
                    )
                )
            continue
        # scandir: whether an entry is a link comes with the listing, not one lstat a file
        with os.scandir(child) as scan:
            entries = sorted(scan, key=lambda e: e.name)
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = child / entry.name
            if not entry.name.endswith(SUFFIXES):
                result.diagnostics.append(
                    _whole_file(
                        path,
                        "not read: entity files end in .yaml or .yml",
                        "stray-file",
                        Severity.WARNING,
                    )
                )
                continue
            link = entry.is_symlink()
            target = _link_target(path) if link else path
            if target is None:
                result.diagnostics.append(
                    _whole_file(
                        path,
                        "cannot read the file: it is a symbolic link that loops back on itself; "
                        "remove it",
                        "file-unreadable",
                        Severity.ERROR,
                    )
                )
                continue
            if link and not target.is_relative_to(resolved_root):
                result.diagnostics.append(
                    _whole_file(
                        path,
                        f"a link to {target}, outside the data folder; copy the file in instead",
                        "file-outside-root",
                        Severity.ERROR,
                    )
                )
                continue
            files.append((child.name, path))
    return files


def _link_target(path: Path) -> Path | None:
    """Where a symbolic link finally points, or None when the links go round in a loop."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):  # a loop: RuntimeError before Python 3.13, OSError since
        return None


def _whole_file(path: Path, message: str, rule: str, severity: Severity) -> Diagnostic:
    return Diagnostic(display_path(path), 1, 1, severity, message, rule)


def read_data(root: Path, jobs: int | None = None) -> ReadResult:
    """Read and model-validate every entity file under ``root``. Never raises on bad content.

    Files are parsed in ``jobs`` processes when there are many (default: one a CPU);
    their plain values come back (cheap to pass between processes, unlike models) and are
    model-validated here, while the workers parse the next ones.
    """
    from comorbidity_kb.parallel import map_in_order

    result = ReadResult(root)
    files = entity_files(root, result)
    parsed = map_in_order(parse_entity_file, [path for _, path in files], jobs)
    for (kind, path), data in zip(files, parsed, strict=True):
        result.files += 1
        if isinstance(data, Diagnostic):
            result.diagnostics.append(data)
            continue
        model = MODELS[kind]
        try:
            entity = typing.cast(Entity, model.model_validate(data))
        except ValidationError as exc:
            result.diagnostics += structural_diagnostics(_positioned(path), model, exc)
            result.broken.setdefault(path.stem, kind)  # it exists: references to it are known
            continue
        result.entities.append(entity)
        result.paths[id(entity)] = path
    return result


def parse_entity_file(path: Path) -> dict[str, Any] | Diagnostic:
    """A file's values, parsed without positions (about twice as fast), or why it failed."""
    try:
        return load_yaml(path, positions=False).data
    except LoadError as exc:
        where = (exc.position.line, exc.position.column)
        return Diagnostic(display_path(path), *where, Severity.ERROR, exc.message, exc.rule)


def _positioned(path: Path) -> YamlDocument:
    """A file read again, with the positions of its keys and values."""
    try:
        return load_yaml(path)
    except LoadError:  # changed since it was read: point at the top of the file
        return YamlDocument(path, {})


# -- pydantic errors → diagnostics for people ---------------------------------------------

_ID_HELP = (
    "must be lowercase kebab-case (a-z, 0-9 and single hyphens), e.g. chronic-pain; "
    "a link's id is its two condition ids joined by '--', e.g. insomnia--anxiety"
)
_PATTERN_HELP = {
    ID_PATTERN: ("bad-id", "is not an id: ids " + _ID_HELP.removeprefix("must be ")),
    LINK_ID_PATTERN: ("bad-id", _ID_HELP),
    DOI_PATTERN: (
        "bad-doi",
        "is not a DOI: write the bare DOI, 10.NNNN/suffix, without https://doi.org/",
    ),
    PMID_PATTERN: ("bad-pmid", "is not a PMID: digits only, e.g. 21300408"),
    PMCID_PATTERN: ("bad-pmcid", "is not a PMCID: PMC followed by digits, e.g. PMC3277880"),
    URL_PATTERN: ("bad-url", "is not a URL: it must start with http:// or https://"),
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
        name = str(loc[-1]) if loc and isinstance(loc[-1], str) else ""
        where = _dotted(loc)
        kind = err["type"]
        msg = str(err["msg"]).removeprefix("Value error, ")
        if kind == "extra_forbidden":
            owner = _model_at(model, loc)
            known = _field_names(owner) if owner else []
            close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
            hint = (
                f"; did you mean '{close[0]}'?"
                if close
                else (f"; allowed here: {', '.join(known)}" if known else "")
            )
            pos, rule = doc.locate(loc, key=True), "unknown-field"
            msg = f"unknown field '{where}'{hint}"
        elif kind == "missing":
            pos = doc.locate(loc[:-1])
            rule = "missing-evidence" if name in _EVIDENCE_FIELDS else "missing-field"
            msg = f"missing required field '{where}'"
            if rule == "missing-evidence":
                msg += ": every claim needs evidence (citation, locator, kind)"
        elif kind == "too_short" and name in _EVIDENCE_FIELDS:
            pos, rule = doc.locate(loc), "missing-evidence"
            msg = f"'{where}' is empty: every claim needs at least one evidence item"
        elif (
            kind == "string_pattern_mismatch" and err.get("ctx", {}).get("pattern") in _PATTERN_HELP
        ):
            rule, help_text = _PATTERN_HELP[err["ctx"]["pattern"]]
            pos = doc.locate(loc)
            msg = f"{where} '{err.get('input')}' {help_text}"
        elif "xref" in where and kind == "value_error":
            pos, rule = doc.locate(loc), "bad-curie"
            msg = f"{where}: {msg}"
        elif kind in ("enum", "literal_error"):
            pos, rule = doc.locate(loc), "bad-value"
            msg = f"{where}: {msg}"
        elif kind.endswith("_type") or kind.endswith("_parsing") or kind == "model_type":
            pos, rule = doc.locate(loc), "wrong-type"
            value = err.get("input")
            msg = f"{where}: {msg} (got {_yaml_type(value)})"
            if isinstance(value, (int, float, bool, dt.date)) and "str" in kind:
                msg += "; quote it if it is meant as text"
        else:
            pos, rule = doc.locate(loc), "bad-value"
            msg = f"{where}: {msg}"
        out.append(Diagnostic(path, pos.line, pos.column, Severity.ERROR, msg, rule))
    return out


__all__ = ["DataNotFound", "ReadResult", "read_data", "resolve_data_dir", "structural_diagnostics"]
