"""comorbidity-kb: an evidence-backed knowledge base of comorbid sleep, mood, anxiety and pain.

The library API::

    from comorbidity_kb import load_kb
    kb = load_kb()                      # the packaged data, or ./data, or $KB_DATA
    kb.find_entity("insomnia")
    kb.inherited_directions("insomnia", "chronic-pain")

Kept import-light on purpose: ``kb`` imports this package on every run.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from comorbidity_kb.kb.knowledge import KnowledgeBase

__all__ = ["load_kb"]


def load_kb(path: str | Path | None = None, *, cache: bool = True) -> KnowledgeBase:
    """Load a knowledge base folder (default: ``$KB_DATA``, ``./data``, the packaged copy).

    Entities with errors are left out; run :func:`comorbidity_kb.check.validate.validate_path` to
    see them. With ``cache``, a fresh on-disk cache answers instead of re-reading YAML.
    """
    from comorbidity_kb.kb.build import load_fresh
    from comorbidity_kb.kb.cache import load_kb_cached
    from comorbidity_kb.read.locate import resolve_data_dir

    root = resolve_data_dir(Path(path) if path is not None else None)
    return (load_kb_cached(root) if cache else load_fresh(root))[0]
