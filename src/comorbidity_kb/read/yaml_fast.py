"""The fast YAML builder: values only, about twice as fast as the positional one.

The validator reads every file so, and reads a file again with positions only when it has
something to report. Any doubt makes it refuse (never answer differently): the positional
builder then parses the text and words the problem. tests/read/test_yaml_load.py and
tests/test_fuzz.py check that both builders agree.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml

from comorbidity_kb.read.yaml_text import (
    MAP_TAG,
    MAX_DEPTH,
    MAX_NODES,
    SEQ_TAG,
    CLoader,
    ScalarRefused,
    scalar_value,
)


class Refused(Exception):
    """The fast builder will not build this; the positional one decides (and explains)."""


def values_only(text: str) -> Any:  # noqa: C901 - one hot loop, split it and it slows
    """The value of a YAML stream, under every limit and refusal of :class:`_Builder`.

    Any doubt raises :class:`Refused` (never a different answer): the slower builder
    then parses the text and reports the problem with its position. tests/test_load.py
    and tests/test_fuzz.py check that both builders agree.
    """
    parser = CLoader(text)
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
                try:
                    value = scalar_value(event)
                except ScalarRefused:
                    raise Refused from None
                size, anchor = 1, event.anchor
            elif cls is yaml.MappingStartEvent or cls is yaml.SequenceStartEvent:
                is_list = cls is yaml.SequenceStartEvent
                if len(stack) >= MAX_DEPTH or (event.tag and event.tag not in (MAP_TAG, SEQ_TAG)):
                    raise Refused
                nodes += 1
                if nodes > MAX_NODES or (stack and not stack[-1][1] and not stack[-1][3]):
                    raise Refused  # too many values, or a list or mapping as a key
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
                    raise Refused
                value, size = anchors[event.anchor]
                nodes += size
            elif cls is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise Refused
                continue
            else:
                continue
            if nodes > MAX_NODES:
                raise Refused
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
                    raise Refused  # a duplicate key
                top[2], top[3] = key, True
            else:
                top[0][top[2]] = value
                top[3] = False
    except (yaml.YAMLError, RecursionError):
        raise Refused from None
    finally:
        parser.dispose()
    return root
