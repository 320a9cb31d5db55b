"""The positional YAML builder: values, and where every key and value is in the file.

Used for a file the validator has something to say about (positions make the message point
at ``file:line:column``) and as the judge of anything the fast builder refuses.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from comorbidity_kb import rules
from comorbidity_kb.read.yaml_text import (
    LIBYAML_TOO_DEEP,
    MAP_TAG,
    MAX_DEPTH,
    MAX_NODES,
    SEQ_TAG,
    TOO_DEEP_MESSAGE,
    LoadError,
    Position,
    ScalarRefused,
    YamlDocument,
    YamlPath,
    position,
    scalar_value,
    tag_message,
)


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
        return LoadError(self.path, message, rule, position(mark))

    def count(self, n: int, mark: Any) -> None:
        self.nodes += n
        if self.nodes > MAX_NODES:
            raise self.fail(
                f"the file expands to more than {MAX_NODES:,} values; if it uses aliases (*name), "
                "they multiply: write the values out or split the file",
                rules.YAML_TOO_LARGE,
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
            self.doc.values[()] = position(mark)
            return
        top = self.stack[-1]
        if isinstance(top.container, list):
            self.doc.values[self.child_path()] = position(mark)
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
                    rules.DUPLICATE_KEY,
                    mark,
                )
            top.key, top.key_mark, top.has_key = value, mark, True
            return
        path = (*top.path, str(top.key))
        self.doc.keys[path] = position(top.key_mark)
        self.doc.values[path] = position(mark)
        top.container[top.key] = value
        top.has_key = False

    def open(self, container: dict[str, Any] | list[Any], event: Any) -> None:
        if len(self.stack) >= MAX_DEPTH:
            raise self.fail(
                TOO_DEEP_MESSAGE,
                rules.YAML_TOO_DEEP,
                event.start_mark,
            )
        if event.tag and event.tag not in (MAP_TAG, SEQ_TAG):
            raise self._tag_error(event)
        self.count(1, event.start_mark)
        if self.stack and isinstance(self.stack[-1].container, dict) and not self.stack[-1].has_key:
            raise self.fail(
                "a mapping key must be a plain value, not a list or mapping",
                rules.YAML_SYNTAX,
                event.start_mark,
            )
        path = self.child_path() if self.stack else ()
        if self.stack and isinstance(self.stack[-1].container, dict):
            self.doc.keys[path] = position(self.stack[-1].key_mark)
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
        return self.fail(tag_message(event.tag), rules.YAML_UNSAFE_TAG, event.start_mark)

    def scalar(self, event: Any) -> None:
        self.count(1, event.start_mark)
        try:
            value = scalar_value(event)
        except ScalarRefused as exc:
            raise self.fail(exc.message, exc.rule, event.start_mark) from None
        self.add(value, event.start_mark, event.anchor, 1)

    def alias(self, event: Any) -> None:
        if event.anchor in self.open_anchors:
            raise self.fail(
                f"alias *{event.anchor} refers to a value that contains it; remove the cycle",
                rules.YAML_ALIAS,
                event.start_mark,
            )
        if event.anchor not in self.anchors:
            raise self.fail(
                f"alias *{event.anchor} has no anchor &{event.anchor} before it",
                rules.YAML_ALIAS,
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
                    rules.YAML_MULTIPLE_DOCUMENTS,
                    event.start_mark,
                )


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
        pos = position(mark) if mark else Position(1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        raise LoadError(path, f"YAML syntax: {problem}", rules.YAML_SYNTAX, pos) from None
    except yaml.YAMLError as exc:
        raise LoadError(path, f"YAML syntax: {exc}", rules.YAML_SYNTAX) from None
    except RecursionError:  # pragma: no cover - MAX_DEPTH stops nesting long before this
        raise LoadError(path, "nesting too deep", rules.YAML_TOO_DEEP) from None
    return builder


def build_document(path: Path, text: str) -> tuple[Any, YamlDocument]:
    """The value of ``text`` and the positions of its keys and values; :class:`LoadError`."""
    from comorbidity_kb.read.yaml_text import CLoader

    try:
        builder = _build(path, text, CLoader)
    except _TooDeepForLibyaml:
        # libyaml 0.2.6+ stops at its own nesting limit (1,000) while it scans ahead, before
        # our builder has seen level MAX_DEPTH + 1. PyYAML's own parser has no such limit:
        # it lets the builder meet our limit where it is, so the line is the same on every
        # libyaml build.
        builder = _build(path, text, yaml.SafeLoader)
    return builder.root, builder.doc
