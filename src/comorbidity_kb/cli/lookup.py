"""What every query command does first: find the knowledge base, then the entities named."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from comorbidity_kb.cli.app import fail

if TYPE_CHECKING:
    from comorbidity_kb.kb.knowledge import KnowledgeBase
    from comorbidity_kb.model import Entity


def open_kb(data: Path | None) -> KnowledgeBase:
    """The knowledge base the user means, from the cache when it is fresh."""
    from comorbidity_kb.kb.cache import load_kb_cached
    from comorbidity_kb.read.locate import DataNotFound, resolve_data_dir

    try:
        root = resolve_data_dir(data)
    except DataNotFound as exc:
        fail(str(exc), 2 if data is not None else 1)
    kb, left_out = load_kb_cached(root)
    import gc

    # kb is alive until the process ends: move it out of the collector's sight, or every
    # later collection rescans it (about 0.8 s per run at 100,000 entities).
    gc.freeze()
    if left_out:
        print(
            f"kb: warning: {left_out} file(s) in {root} could not be read and are left out; "
            f"run `kb validate {root}`",
            file=sys.stderr,
        )
    return kb


def find_or_fail(kb: KnowledgeBase, name: str, kind: str | None = None) -> Entity:
    """The entity called ``name`` (of ``kind``), or exit 1 with up to three suggestions."""
    from comorbidity_kb.views.common import not_found_message

    entity = kb.find_entity(name, kind)
    if entity is None:
        if kind == "conditions" and kb.find_entity(name) is not None:
            fail(f"'{name}' is not a condition; try `kb show {name}`")
        fail(not_found_message(kb, name))
    return entity


def condition_or_fail(kb: KnowledgeBase, name: str) -> str:
    """The id of the condition called ``name``, or exit 1 with suggestions."""
    return find_or_fail(kb, name, "conditions").id


def two_conditions(kb: KnowledgeBase, a: str, b: str) -> tuple[str, str]:
    """The ids of two different conditions, or exit (1 unknown, 2 the same one twice)."""
    first, second = condition_or_fail(kb, a), condition_or_fail(kb, b)
    if first == second:
        fail("give two different conditions", 2)
    return first, second
