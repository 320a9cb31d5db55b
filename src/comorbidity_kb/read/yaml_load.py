"""Loading one entity file: its bytes read safely, its YAML built under every limit.

The front door of :mod:`.yaml_text` (reading, limits), :mod:`.yaml_positional` and
:mod:`.yaml_fast` (the two builders). Every problem is a :class:`LoadError` that says where
and why; nothing from PyYAML escapes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from comorbidity_kb import rules
from comorbidity_kb.read.yaml_fast import Refused, values_only
from comorbidity_kb.read.yaml_positional import build_document
from comorbidity_kb.read.yaml_text import (
    MAX_FILE_BYTES,
    LoadError,
    Position,
    YamlDocument,
    decode,
    read_bytes,
)

__all__ = ["MAX_FILE_BYTES", "LoadError", "Position", "YamlDocument", "load_yaml", "parse_yaml"]


def parse_yaml(path: Path, text: str, *, positions: bool = True) -> YamlDocument:
    """Parse ``text`` as one YAML mapping. Raises :class:`LoadError`.

    With ``positions`` (the default) every key and value's position is recorded. Without,
    only the values are built, about twice as fast: the validator reads every file so,
    and reads a file again with positions only when it has something to say about it.
    """
    if not positions:
        try:
            root = values_only(text)
        except Refused:  # the positional builder refuses it too, and says where and why
            return parse_yaml(path, text)
        return _as_document(path, root, YamlDocument(path, {}))
    root, doc = build_document(path, text)
    return _as_document(path, root, doc)


def _as_document(path: Path, root: Any, doc: YamlDocument) -> YamlDocument:
    """``doc`` with ``root`` as its data, if ``root`` is a mapping (an entity's shape)."""
    if root is None:
        raise LoadError(
            path,
            "the file is empty; write the entity's fields, starting with id:",
            rules.FILE_EMPTY,
        )
    if not isinstance(root, dict):
        kind = "a list" if isinstance(root, list) else f"a single value ({root!r:.40})"
        raise LoadError(
            path,
            f"the top level is {kind}; an entity file is a mapping of field: value lines",
            rules.YAML_NOT_MAPPING,
        )
    doc.data = root
    return doc


def load_yaml(
    path: Path, max_bytes: int = MAX_FILE_BYTES, *, positions: bool = True
) -> YamlDocument:
    """Read and parse one entity file safely. Raises :class:`LoadError` with a position.

    ``positions=False`` builds only the values (see :func:`parse_yaml`).
    """
    return parse_yaml(path, decode(path, read_bytes(path, max_bytes)), positions=positions)
