"""Reading a data file's text safely, and the shared vocabulary of the YAML builders.

PyYAML's own loaders keep the last of two equal keys (losing data), expand aliases without
bound ("billion laughs") and, in the C composer, crash on very deep nesting. So we read the
C parser's *event stream* (iterative, fast) and build plain Python values ourselves, in one
of two builders (:mod:`.yaml_positional`, which records where every value is, and
:mod:`.yaml_fast`, which does not). Their limits and their reading of a scalar are defined
here, once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from comorbidity_kb import rules

# The C parser is much faster; fall back to pure Python where libyaml is missing.
CLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 64
MAX_NODES = 200_000
TOO_DEEP_MESSAGE = f"nesting deeper than {MAX_DEPTH} levels; no entity needs that"
# What libyaml (0.2.6 and newer) says when it meets its own nesting limit.
LIBYAML_TOO_DEEP = "exceeded maximum nesting depth"

YamlPath = tuple[str | int, ...]
TAG = "tag:yaml.org,2002:"
MAP_TAG, SEQ_TAG, STR_TAG = f"{TAG}map", f"{TAG}seq", f"{TAG}str"
SCALAR_TAGS = {f"{TAG}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_RESOLVER = yaml.resolver.Resolver()
# A plain scalar whose first character starts none of the resolver's implicit patterns is
# text, and text is constructed as the scalar's own value: most scalars skip both steps.
_MAYBE_NOT_TEXT = frozenset(_RESOLVER.yaml_implicit_resolvers)
_FAST_TEXT = None not in _RESOLVER.yaml_implicit_resolvers  # no pattern applies to every scalar


class ScalarRefused(Exception):
    """A scalar that is not plain data: ``rule`` and ``message`` say why (no position)."""

    def __init__(self, message: str, rule: str) -> None:
        super().__init__(message)
        self.message, self.rule = message, rule


def tag_message(tag: str) -> str:
    """Why a tag is refused, in a curator's words."""
    return (
        f"the tag {tag.replace(TAG, '!!')} is not allowed: only plain YAML values "
        "(text, numbers, dates, true/false, lists, mappings) are read; remove the tag"
    )


def scalar_value(event: Any) -> Any:
    """The Python value of a scalar event, by PyYAML's safe rules; :class:`ScalarRefused`
    for a tag outside plain data, a merge or value key, or a value unfit for its tag."""
    tag, text = event.tag, event.value
    if tag == "!" or tag is None:
        if not event.implicit[0] or (_FAST_TEXT and text and text[0] not in _MAYBE_NOT_TEXT):
            return text  # what the resolver would answer (quoted, or no pattern can match)
        tag = _RESOLVER.resolve(yaml.ScalarNode, text, event.implicit)  # type: ignore[no-untyped-call]
    elif tag not in SCALAR_TAGS:
        raise ScalarRefused(tag_message(tag), rules.YAML_UNSAFE_TAG)
    if tag == STR_TAG:
        return text  # SafeConstructor.construct_yaml_str returns the scalar as is
    if tag not in _CONSTRUCTOR.yaml_constructors:  # `<<` (merge) or `=` (value) keys
        raise ScalarRefused(
            f"'{text}' has a special meaning in YAML (merge keys and '=' are not read); "
            "write the keys out in full, or quote it if it is meant as text",
            rules.YAML_SYNTAX,
        )
    node = yaml.ScalarNode(tag, text, event.start_mark, event.end_mark, event.style)
    try:
        return _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, node)
    # PyYAML's constructors fail on some values with KeyError, IndexError or AttributeError
    # rather than ValueError (`!!bool`, `!!int` or `!!timestamp` with nothing or nonsense
    # after it): any failure here is a value unfit for its tag.
    except Exception as exc:
        known = isinstance(exc, (ValueError, yaml.constructor.ConstructorError))
        raise ScalarRefused(
            f"'{text}' is not a valid {tag.removeprefix(TAG)}" + (f": {exc}" if known else ""),
            rules.YAML_SYNTAX,
        ) from None


@dataclass(frozen=True, slots=True)
class Position:
    """A 1-based line and column in a file."""

    line: int
    column: int


class LoadError(Exception):
    """A file that cannot be read as one YAML mapping; carries where and why."""

    def __init__(self, path: Path, message: str, rule: str, position: Position | None = None):
        super().__init__(message)
        self.path = path
        self.message = message
        self.rule = rule
        self.position = position or Position(1, 1)


@dataclass(slots=True)
class YamlDocument:
    """A loaded file: its data, and the position of every key and value by path."""

    path: Path
    data: dict[str, Any]
    values: dict[YamlPath, Position] = field(default_factory=dict)
    keys: dict[YamlPath, Position] = field(default_factory=dict)

    def locate(self, path: YamlPath, *, key: bool = False) -> Position:
        """Where ``path`` is (its key when ``key``), or its nearest recorded ancestor."""
        table = self.keys if key else self.values
        for cut in range(len(path), -1, -1):
            found = table.get(path[:cut]) or self.values.get(path[:cut])
            if found:
                return found
        return Position(1, 1)


_POSITIONS: dict[tuple[int, int], Position] = {}


def position(mark: Any) -> Position:
    # Positions are immutable, so files share one object per (line, column) near the top of
    # a file (bounded, so a hostile file cannot grow the table): less memory at 100k files.
    line, column = mark.line, mark.column
    if line >= 500 or column >= 120:
        return Position(line + 1, column + 1)
    key = (line, column)
    found = _POSITIONS.get(key)
    if found is None:
        found = _POSITIONS[key] = Position(line + 1, column + 1)
    return found


def decode(path: Path, raw: bytes) -> str:
    if b"\x00" in raw:
        raise LoadError(
            path, "the file is binary (it contains NUL bytes), not YAML text", rules.FILE_NOT_TEXT
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise LoadError(
            path,
            f"byte 0x{raw[exc.start]:02x} is not UTF-8; save the file as UTF-8",
            rules.FILE_ENCODING,
            Position(line, column),
        ) from None


def read_bytes(path: Path, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """Read a data file, refusing what is not a regular file or is larger than ``max_bytes``."""
    try:
        if not path.is_file():
            raise LoadError(
                path,
                "not a regular file (a directory named like a YAML file?); rename or remove it",
                rules.FILE_NOT_REGULAR,
            )
        size = path.stat().st_size
        if size > max_bytes:
            raise LoadError(
                path,
                f"the file is {size:,} bytes, over the {max_bytes:,}-byte limit for one entity; "
                "an entity file should be a few kilobytes",
                rules.FILE_TOO_LARGE,
            )
        with path.open("rb") as handle:  # read at most the cap even if the file grows meanwhile
            return handle.read(max_bytes + 1)[: max_bytes + 1]
    except OSError as exc:
        raise LoadError(
            path, f"cannot read the file: {exc.strerror or exc}", rules.FILE_UNREADABLE
        ) from None
