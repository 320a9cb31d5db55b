"""The one place a KnowledgeBase is built from a data folder.

Read (:mod:`comorbidity_kb.read`), then index: a query needs no integrity rule, so none
runs here (``kb validate`` runs them). What could not be read is left out and counted,
so the command can say so.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from comorbidity_kb.kb.knowledge import KnowledgeBase
from comorbidity_kb.model import Entity
from comorbidity_kb.read.source import ReadResult, read_data


def build(read: ReadResult) -> KnowledgeBase:
    """The knowledge base of the entities read (the first of a duplicated id wins)."""
    return KnowledgeBase(read.entities)


def load_fresh(root: Path) -> tuple[KnowledgeBase, int]:
    """The knowledge base at ``root`` read from its files, and how many files were left out."""
    kb, read = load_read(root)
    return kb, read.left_out


def load_read(
    root: Path, known: Mapping[str, Entity] | None = None
) -> tuple[KnowledgeBase, ReadResult]:
    """The knowledge base at ``root`` read from its files (but those ``known`` already),
    and what the reading found."""
    read = read_data(root, known=known)
    return build(read), read
