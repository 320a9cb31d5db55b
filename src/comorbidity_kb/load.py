"""Safe YAML loading that remembers where every value came from.

PyYAML's own loaders keep the last of two equal keys (losing data), expand aliases without
bound ("billion laughs") and, in the C composer, crash on very deep nesting. So we read the
C parser's *event stream* (iterative, fast) and build plain Python values ourselves:
standard tags only, no duplicate keys, bounded depth, node count and alias expansion, and a
:class:`Position` for every key and value so later errors can point at ``file:line:col``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:  # the C parser is much faster; fall back to pure Python where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 64
MAX_NODES = 200_000
_TOO_DEEP_MESSAGE = f"nesting deeper than {MAX_DEPTH} levels; no entity needs that"
# What libyaml (0.2.6 and newer) says when it meets its own nesting limit.
LIBYAML_TOO_DEEP = "exceeded maximum nesting depth"

YamlPath = tuple[str | int, ...]
_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_TAG}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
_STR = f"{_TAG}str"
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_RESOLVER = yaml.resolver.Resolver()
# A plain scalar whose first character starts none of the resolver's implicit patterns is
# text, and text is constructed as the scalar's own value: most scalars skip both steps.
_MAYBE_NOT_TEXT = frozenset(_RESOLVER.yaml_implicit_resolvers)
_FAST_TEXT = None not in _RESOLVER.yaml_implicit_resolvers  # no pattern applies to every scalar


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


def _position(mark: Any) -> Position:
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


@dataclass(slots=True)
class _Frame:
    container: dict[str, Any] | list[Any]
    path: YamlPath
    anchor: str | None
    nodes_at_start: int
    key: Any = None
    key_mark: Any = None
    has_key: bool = False


class _Builder:
    """Builds Python values from parser events, enforcing every limit as it goes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.doc = YamlDocument(path, {})
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.open_anchors: set[str] = set()
        self.nodes = 0
        self.root: Any = None
        self.documents = 0
        self.start_marks: list[Any] = []

    def fail(self, message: str, rule: str, mark: Any) -> LoadError:
        return LoadError(self.path, message, rule, _position(mark))

    def count(self, n: int, mark: Any) -> None:
        self.nodes += n
        if self.nodes > MAX_NODES:
            raise self.fail(
                f"the file expands to more than {MAX_NODES:,} values; if it uses aliases (*name), "
                "they multiply: write the values out or split the file",
                "yaml-too-large",
                mark,
            )

    def child_path(self) -> YamlPath:
        top = self.stack[-1]
        if isinstance(top.container, list):
            return (*top.path, len(top.container))
        return (*top.path, str(top.key))

    def add(self, value: Any, mark: Any, anchor: str | None, size: int) -> None:
        """Place a finished value into the open container (or make it the root)."""
        if anchor:
            self.anchors[anchor] = (value, size)
        if not self.stack:
            self.root = value
            self.doc.values[()] = _position(mark)
            return
        top = self.stack[-1]
        if isinstance(top.container, list):
            self.doc.values[self.child_path()] = _position(mark)
            top.container.append(value)
            return
        if not top.has_key:
            value = str(value)
            if value in top.container:
                first = self.doc.keys.get((*top.path, value))
                where = f" (first at line {first.line})" if first else ""
                raise self.fail(
                    f"key '{value}' appears twice in the same mapping{where}; "
                    "keep one (YAML would silently drop the other)",
                    "duplicate-key",
                    mark,
                )
            top.key, top.key_mark, top.has_key = value, mark, True
            return
        path = (*top.path, str(top.key))
        self.doc.keys[path] = _position(top.key_mark)
        self.doc.values[path] = _position(mark)
        top.container[top.key] = value
        top.has_key = False

    def open(self, container: dict[str, Any] | list[Any], event: Any) -> None:
        if len(self.stack) >= MAX_DEPTH:
            raise self.fail(
                _TOO_DEEP_MESSAGE,
                "yaml-too-deep",
                event.start_mark,
            )
        if event.tag and event.tag not in (f"{_TAG}map", f"{_TAG}seq"):
            raise self._tag_error(event)
        self.count(1, event.start_mark)
        if self.stack and isinstance(self.stack[-1].container, dict) and not self.stack[-1].has_key:
            raise self.fail(
                "a mapping key must be a plain value, not a list or mapping",
                "yaml-syntax",
                event.start_mark,
            )
        path = self.child_path() if self.stack else ()
        if self.stack and isinstance(self.stack[-1].container, dict):
            self.doc.keys[path] = _position(self.stack[-1].key_mark)
        if event.anchor:
            self.open_anchors.add(event.anchor)
        self.stack.append(_Frame(container, path, event.anchor, self.nodes))
        self.start_marks.append(event.start_mark)

    def close(self) -> None:
        frame = self.stack.pop()
        mark = self.start_marks.pop()
        if frame.anchor:
            self.open_anchors.discard(frame.anchor)
        self.add(frame.container, mark, frame.anchor, self.nodes - frame.nodes_at_start + 1)

    def _tag_error(self, event: Any) -> LoadError:
        return self.fail(
            f"the tag {event.tag.replace(_TAG, '!!')} is not allowed: only plain YAML values "
            "(text, numbers, dates, true/false, lists, mappings) are read; remove the tag",
            "yaml-unsafe-tag",
            event.start_mark,
        )

    def scalar(self, event: Any) -> None:
        self.count(1, event.start_mark)
        if event.tag and event.tag != "!" and event.tag not in _SCALAR_TAGS:
            raise self._tag_error(event)
        tag = event.tag if event.tag and event.tag != "!" else None
        text: str = event.value
        if tag is None:
            if not event.implicit[0] or (_FAST_TEXT and text and text[0] not in _MAYBE_NOT_TEXT):
                tag = _STR  # what the resolver would answer (quoted, or no pattern can match)
            else:
                tag = _RESOLVER.resolve(yaml.ScalarNode, text, event.implicit)  # type: ignore[no-untyped-call]
        if tag == _STR:
            value: Any = text  # SafeConstructor.construct_yaml_str returns the scalar as is
        elif tag not in _CONSTRUCTOR.yaml_constructors:  # `<<` (merge) or `=` (value) keys
            raise self.fail(
                f"'{text}' has a special meaning in YAML (merge keys and '=' are not read); "
                "write the keys out in full, or quote it if it is meant as text",
                "yaml-syntax",
                event.start_mark,
            )
        else:
            node = yaml.ScalarNode(tag, text, event.start_mark, event.end_mark, event.style)
            try:
                value = _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, node)
            # PyYAML's constructors fail on some values with KeyError, IndexError or
            # AttributeError rather than ValueError (`!!bool`, `!!int` or `!!timestamp` with
            # nothing or nonsense after it): any failure here is a value unfit for its tag.
            except Exception as exc:
                known = isinstance(exc, (ValueError, yaml.constructor.ConstructorError))
                raise self.fail(
                    f"'{text}' is not a valid {tag.removeprefix(_TAG)}"
                    + (f": {exc}" if known else ""),
                    "yaml-syntax",
                    event.start_mark,
                ) from None
        self.add(value, event.start_mark, event.anchor, 1)

    def alias(self, event: Any) -> None:
        if event.anchor in self.open_anchors:
            raise self.fail(
                f"alias *{event.anchor} refers to a value that contains it; remove the cycle",
                "yaml-alias",
                event.start_mark,
            )
        if event.anchor not in self.anchors:
            raise self.fail(
                f"alias *{event.anchor} has no anchor &{event.anchor} before it",
                "yaml-alias",
                event.start_mark,
            )
        value, size = self.anchors[event.anchor]
        self.count(size, event.start_mark)
        self.add(value, event.start_mark, None, size)

    def feed(self, event: Any) -> None:
        if isinstance(event, yaml.ScalarEvent):
            self.scalar(event)
        elif isinstance(event, yaml.MappingStartEvent):
            self.open({}, event)
        elif isinstance(event, yaml.SequenceStartEvent):
            self.open([], event)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self.close()
        elif isinstance(event, yaml.AliasEvent):
            self.alias(event)
        elif isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise self.fail(
                    "a second YAML document (---) in one file; put one entity in each file",
                    "yaml-multiple-documents",
                    event.start_mark,
                )


def _decode(path: Path, raw: bytes) -> str:
    if b"\x00" in raw:
        raise LoadError(
            path, "the file is binary (it contains NUL bytes), not YAML text", "file-not-text"
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise LoadError(
            path,
            f"byte 0x{raw[exc.start]:02x} is not UTF-8; save the file as UTF-8",
            "file-encoding",
            Position(line, column),
        ) from None


def read_bytes(path: Path, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """Read a data file, refusing what is not a regular file or is larger than ``max_bytes``."""
    try:
        if not path.is_file():
            raise LoadError(
                path,
                "not a regular file (a directory named like a YAML file?); rename or remove it",
                "file-not-regular",
            )
        size = path.stat().st_size
        if size > max_bytes:
            raise LoadError(
                path,
                f"the file is {size:,} bytes, over the {max_bytes:,}-byte limit for one entity; "
                "an entity file should be a few kilobytes",
                "file-too-large",
            )
        with path.open("rb") as handle:  # read at most the cap even if the file grows meanwhile
            return handle.read(max_bytes + 1)[: max_bytes + 1]
    except OSError as exc:
        raise LoadError(
            path, f"cannot read the file: {exc.strerror or exc}", "file-unreadable"
        ) from None


def parse_yaml(path: Path, text: str, *, positions: bool = True) -> YamlDocument:
    """Parse ``text`` as one YAML mapping. Raises :class:`LoadError`.

    With ``positions`` (the default) every key and value's position is recorded. Without,
    only the values are built, about twice as fast: the validator reads every file so,
    and reads a file again with positions only when it has something to say about it.
    """
    if not positions:
        try:
            root = _values_only(text)
        except _Refused:  # the positional builder refuses it too, and says where and why
            return parse_yaml(path, text)
        return _as_document(path, root, YamlDocument(path, {}))
    try:
        builder = _build(path, text, _Loader)
    except _TooDeepForLibyaml:
        # libyaml 0.2.6+ stops at its own nesting limit (1,000) while it scans ahead, before
        # our builder has seen level MAX_DEPTH + 1. PyYAML's own parser has no such limit:
        # it lets the builder meet our limit where it is, so the line is the same on every
        # libyaml build.
        builder = _build(path, text, yaml.SafeLoader)
    return _as_document(path, builder.root, builder.doc)


class _TooDeepForLibyaml(Exception):
    """libyaml refused the nesting before the builder could place the error."""


def _build(path: Path, text: str, loader: Any) -> _Builder:
    """Feed the events of ``loader`` over ``text`` to a positional builder; words errors."""
    builder = _Builder(path)
    try:
        for event in yaml.parse(text, Loader=loader):
            builder.feed(event)
    except yaml.MarkedYAMLError as exc:
        if exc.problem == LIBYAML_TOO_DEEP:
            raise _TooDeepForLibyaml from None
        mark = exc.problem_mark or exc.context_mark
        pos = _position(mark) if mark else Position(1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        raise LoadError(path, f"YAML syntax: {problem}", "yaml-syntax", pos) from None
    except yaml.YAMLError as exc:
        raise LoadError(path, f"YAML syntax: {exc}", "yaml-syntax") from None
    except RecursionError:  # pragma: no cover - MAX_DEPTH stops nesting long before this
        raise LoadError(path, "nesting too deep", "yaml-too-deep") from None
    return builder


def _as_document(path: Path, root: Any, doc: YamlDocument) -> YamlDocument:
    """``doc`` with ``root`` as its data, if ``root`` is a mapping (an entity's shape)."""
    if root is None:
        raise LoadError(
            path, "the file is empty; write the entity's fields, starting with id:", "file-empty"
        )
    if not isinstance(root, dict):
        kind = "a list" if isinstance(root, list) else f"a single value ({root!r:.40})"
        raise LoadError(
            path,
            f"the top level is {kind}; an entity file is a mapping of field: value lines",
            "yaml-not-mapping",
        )
    doc.data = root
    return doc


class _Refused(Exception):
    """The fast builder will not build this; the positional one decides (and explains)."""


_MAP, _SEQ = f"{_TAG}map", f"{_TAG}seq"


def _values_only(text: str) -> Any:
    """The value of a YAML stream, under every limit and refusal of :class:`_Builder`.

    Any doubt raises :class:`_Refused` (never a different answer): the slower builder
    then parses the text and reports the problem with its position. tests/test_load.py
    and tests/test_fuzz.py check that both builders agree.
    """
    parser = _Loader(text)
    get_event: Callable[[], Any] = parser.get_event  # events typed Any: PyYAML's stubs are loose
    # a frame: [container, is_list, key, has_key, anchor, nodes at its start]
    stack: list[list[Any]] = []
    anchors: dict[str, tuple[Any, int]] = {}
    open_anchors: set[str] = set()
    nodes = documents = 0
    root: Any = None
    try:
        while (event := get_event()) is not None:
            cls = type(event)
            anchor = None
            if cls is yaml.ScalarEvent:
                nodes += 1
                tag, value = event.tag, event.value
                if tag == "!" or tag is None:
                    if not event.implicit[0] or (
                        _FAST_TEXT and value and value[0] not in _MAYBE_NOT_TEXT
                    ):
                        tag = _STR
                    else:
                        tag = _RESOLVER.resolve(yaml.ScalarNode, value, event.implicit)  # type: ignore[no-untyped-call]
                elif tag not in _SCALAR_TAGS:
                    raise _Refused
                if tag != _STR:
                    if tag not in _CONSTRUCTOR.yaml_constructors:
                        raise _Refused
                    node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark)
                    try:
                        value = _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, node)
                    except Exception:
                        raise _Refused from None
                size, anchor = 1, event.anchor
            elif cls is yaml.MappingStartEvent or cls is yaml.SequenceStartEvent:
                is_list = cls is yaml.SequenceStartEvent
                if len(stack) >= MAX_DEPTH or (event.tag and event.tag not in (_MAP, _SEQ)):
                    raise _Refused
                nodes += 1
                if nodes > MAX_NODES or (stack and not stack[-1][1] and not stack[-1][3]):
                    raise _Refused  # too many values, or a list or mapping as a key
                if event.anchor:
                    open_anchors.add(event.anchor)
                stack.append([[] if is_list else {}, is_list, None, False, event.anchor, nodes])
                continue
            elif cls is yaml.MappingEndEvent or cls is yaml.SequenceEndEvent:
                value, _, _, _, anchor, started = stack.pop()
                size = nodes - started + 1
                if anchor:
                    open_anchors.discard(anchor)
            elif cls is yaml.AliasEvent:
                if event.anchor in open_anchors or event.anchor not in anchors:
                    raise _Refused
                value, size = anchors[event.anchor]
                nodes += size
            elif cls is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _Refused
                continue
            else:
                continue
            if nodes > MAX_NODES:
                raise _Refused
            if anchor:
                anchors[anchor] = (value, size)
            if not stack:
                root = value
                continue
            top = stack[-1]
            if top[1]:
                top[0].append(value)
            elif not top[3]:
                key = str(value)
                if key in top[0]:
                    raise _Refused  # a duplicate key
                top[2], top[3] = key, True
            else:
                top[0][top[2]] = value
                top[3] = False
    except (yaml.YAMLError, RecursionError):
        raise _Refused from None
    finally:
        parser.dispose()
    return root


def load_yaml(
    path: Path, max_bytes: int = MAX_FILE_BYTES, *, positions: bool = True
) -> YamlDocument:
    """Read and parse one entity file safely. Raises :class:`LoadError` with a position.

    ``positions=False`` builds only the values (see :func:`parse_yaml`).
    """
    return parse_yaml(path, _decode(path, read_bytes(path, max_bytes)), positions=positions)
