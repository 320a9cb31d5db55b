"""Reading a data folder into models: every file found, parsed, and validated by its model.

Files → :mod:`.files` (which files) → :mod:`.yaml_load` (values) → the pydantic model of
the file's kind. Nothing raises on bad content: a file that cannot be read is a
:class:`~.files.FileProblem`, one its model rejects is kept with pydantic's error for the
check stage to explain (:mod:`comorbidity_kb.check.explain`).
"""

from __future__ import annotations

import contextlib
import re
import typing
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from comorbidity_kb import rules
from comorbidity_kb.model import MODELS, Entity
from comorbidity_kb.model.claims import YamlPath
from comorbidity_kb.read.files import FileProblem, entity_files
from comorbidity_kb.read.yaml_load import LoadError, YamlDocument, load_yaml


@dataclass(frozen=True, slots=True)
class Rejected:
    """A file whose values its kind's model rejected: pydantic's error, to be explained."""

    path: Path
    kind: str
    error: ValidationError


@dataclass
class ReadResult:
    """Everything read from a folder: entities, and the files that failed and why."""

    root: Path
    entities: list[Entity] = field(default_factory=list)
    paths: dict[int, Path] = field(default_factory=dict)  # id(entity) → its file
    problems: list[FileProblem] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    files: int = 0

    def path_of(self, entity: Entity) -> Path:
        """The file an entity was read from."""
        return self.paths[id(entity)]

    @property
    def broken(self) -> dict[str, str]:
        """Stem → kind of the files that exist but failed their model: references to them
        are not "unknown", the file itself is reported."""
        found: dict[str, str] = {}
        for rejected in self.rejected:
            found.setdefault(rejected.path.stem, rejected.kind)
        return found

    def outcomes(self) -> dict[Path, bool]:
        """Every file that gave no entity → whether it counts as left out (rejected, or an
        error), as :attr:`left_out` counts them."""
        out = {p.path: rules.severity_of(p.rule) is rules.Severity.ERROR for p in self.problems}
        out.update((r.path, True) for r in self.rejected)
        return out

    @property
    def left_out(self) -> int:
        """How many entity files could not be read or failed their model."""
        return len(self.rejected) + sum(
            rules.severity_of(p.rule) is rules.Severity.ERROR for p in self.problems
        )


def read_data(
    root: Path, jobs: int | None = None, known: Mapping[str, Entity] | None = None
) -> ReadResult:
    """Read and model-validate every entity file under ``root``. Never raises on bad content.

    Files are parsed in ``jobs`` processes when there are many (default: one a CPU);
    their plain values come back (cheap to pass between processes, unlike models) and are
    model-validated here, while the workers parse the next ones. A file in ``known`` (by
    "kind folder/name") is not read: its entity is taken as given (the caller vouches that
    the file has not changed since, :func:`comorbidity_kb.kb.overlay.known_entities`).
    """
    from comorbidity_kb.read.parallel import map_in_order

    result = ReadResult(root)
    files = entity_files(root, result.problems)
    given = (
        {(k, p): known[f"{k}/{p.name}"] for k, p in files if f"{k}/{p.name}" in known}
        if known
        else {}
    )
    unknown = [p for k, p in files if (k, p) not in given]
    # closing: an interrupt here, between two results, stops the workers at once too
    with contextlib.closing(map_in_order(parse_entity_file, unknown, jobs)) as parsed:
        _model_validate(result, files, _merged(files, given, parsed))
    return result


def _given(
    files: list[tuple[str, Path]], known: Mapping[str, Entity]
) -> dict[tuple[str, Path], Entity]:
    """The entities of ``files`` that are ``known`` (by "kind folder/name")."""
    out = {}
    for kind, path in files:
        entity = known.get(f"{kind}/{path.name}")
        if entity is not None:
            out[kind, path] = entity
    return out


def _merged(
    files: list[tuple[str, Path]],
    known: Mapping[tuple[str, Path], Entity],
    parsed: Iterator[dict[str, Any] | FileProblem],
) -> Iterator[dict[str, Any] | FileProblem | Entity]:
    """Each file's entity if it is known, else its parsed values, in the order of files."""
    for file in files:
        entity = known.get(file)
        yield entity if entity is not None else next(parsed)


def read_files(root: Path, files: list[tuple[str, Path]]) -> ReadResult:
    """Read and model-validate the entity files ``files`` ((kind folder, path), as
    :func:`~.files.entity_files` gives them) in this process: the few an edit touched."""
    result = ReadResult(root)
    _model_validate(result, files, map(parse_entity_file, [p for _, p in files]))
    return result


def _model_validate(
    result: ReadResult,
    files: list[tuple[str, Path]],
    parsed: Iterable[dict[str, Any] | FileProblem | Entity],
) -> None:
    """Each file's values validated by its kind's model, into ``result``."""
    for (kind, path), data in zip(files, parsed, strict=True):
        result.files += 1
        if isinstance(data, FileProblem):
            result.problems.append(data)
            continue
        if isinstance(data, dict):
            try:
                entity = typing.cast(Entity, MODELS[kind].model_validate(data))
            except ValidationError as exc:
                result.rejected.append(Rejected(path, kind, exc))
                continue
        else:
            entity = data
        result.entities.append(entity)
        result.paths[id(entity)] = path


def parse_entity_file(path: Path) -> dict[str, Any] | FileProblem:
    """A file's values, parsed without positions (about twice as fast), or why it failed."""
    try:
        data = load_yaml(path, positions=False).data
    except LoadError as exc:
        return FileProblem(path, exc.message, exc.rule, exc.position)
    found = control_character(data)
    if found is None:
        return data
    where, char = found
    return FileProblem(
        path,
        f"{_dotted(where)}: control character {_CONTROL_NAMES.get(char, '')}"
        f"(U+{ord(char):04X}) in the text; remove it (only tabs and line breaks are allowed)",
        rules.CONTROL_CHARACTER,
        positioned(path).locate(where),
    )


# YAML's escapes ("\e", "\a", "\0", "\x1b", "\u0085", ...) can put any character into a
# quoted string: C0 and C1 controls and DEL would reach a terminal raw (colours, cursor moves,
# a bell, a cleared screen). Tab and line feed are text.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_NAMES = {
    "\0": "NUL ",
    "\a": "BEL ",
    "\b": "BS ",
    "\r": "CR ",
    "\x1b": "ESC ",
    "\x7f": "DEL ",
}


def control_character(value: object, where: YamlPath = ()) -> tuple[YamlPath, str] | None:
    """Where the first control character in a key or text of ``value`` is, and which."""
    if isinstance(value, str):
        found = _CONTROL.search(value)
        return (where, found[0]) if found else None
    items: Iterable[tuple[object, object]]
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return None
    for key, item in items:
        here = (*where, key) if isinstance(key, str | int) else where
        found_in = control_character(key, here) or control_character(item, here)
        if found_in is not None:
            return found_in
    return None


def _dotted(where: YamlPath) -> str:
    out = ""
    for part in where:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def positioned(path: Path) -> YamlDocument:
    """A file read again, with the positions of its keys and values.

    Keeping every file's positions costs about 9 KB an entity (most of the memory at
    100,000 entities), and only files with a diagnostic need them, so they are read again.
    """
    try:
        return load_yaml(path)
    except LoadError:  # changed since it was read: point at the top of the file
        return YamlDocument(path, {})
