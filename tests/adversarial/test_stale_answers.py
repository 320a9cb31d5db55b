"""The cache never answers older than the files: permission changes, edits whose mtime was put
back, and edits made while a slow load was under way are all seen."""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from pathlib import Path

import pytest

from comorbidity_kb.kb import build, cache
from comorbidity_kb.kb.cache import fingerprint, load_kb_cached, read_cache
from comorbidity_kb.kb.knowledge import KnowledgeBase
from comorbidity_kb.model import Entity
from comorbidity_kb.read.source import ReadResult


def name_of(kb: KnowledgeBase, entity_id: str) -> str:
    return str(getattr(kb.get(entity_id), "name", ""))


def same_size_edit(path: Path, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` (same length) and put the mtime back, as ``touch -d`` does."""
    assert len(old) == len(new)
    st = path.stat()
    path.write_text(path.read_text().replace(old, new))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


def test_a_chmod_changes_the_key(aged: Path) -> None:
    path = aged / "conditions" / "anxiety.yaml"
    before = fingerprint(aged)[0]
    os.chmod(path, 0o600)
    assert fingerprint(aged)[0] != before


def test_a_same_size_edit_whose_mtime_was_put_back_is_seen(aged: Path) -> None:
    load_kb_cached(aged)
    assert read_cache(aged, fingerprint(aged)[0]) is not None
    same_size_edit(aged / "conditions" / "insomnia.yaml", "name: Insomnia", "name: Insomnix")
    kb, _ = load_kb_cached(aged)
    assert name_of(kb, "insomnia") == "Insomnix"


def test_an_edit_during_a_slow_load_is_never_cached_as_the_old_version(
    valid_kb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files listed at T, one changed at T - 1 s; the load takes 2+ s, and meanwhile the
    file is edited again within the same (coarse) second. What the load read is older than
    the files: it must not be cached under their key."""
    path = valid_kb / "conditions" / "insomnia.yaml"
    for other in valid_kb.rglob("*"):
        os.utime(other, (time.time() - 3600,) * 2)
    mtime = time.time() - 1.0
    os.utime(path, (mtime, mtime))
    real_load = build.load_read

    def slow_load(
        root: Path, known: Mapping[str, Entity] | None = None
    ) -> tuple[KnowledgeBase, ReadResult]:
        loaded = real_load(root, known)  # reads "Insomnia"
        same_size_edit(path, "name: Insomnia", "name: Insomnix")
        time.sleep(1.3)  # the load ends more than 2 s after the file's mtime
        return loaded

    monkeypatch.setattr(build, "load_read", slow_load)
    load_kb_cached(valid_kb)
    monkeypatch.setattr(build, "load_read", real_load)
    kb, _ = load_kb_cached(valid_kb)
    assert name_of(kb, "insomnia") == "Insomnix"


def test_no_cache_is_written_while_a_file_was_changed_just_before_the_listing(
    valid_kb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The clock reads 10 s ahead, so every file's ctime looks old; one file's mtime is 1 s
    # before the listing, and the load "takes" 5 s.
    start = time.time() + 10
    ticks = iter([start, *(start + 5 for _ in range(10))])
    monkeypatch.setattr(cache, "_clock", lambda: next(ticks))
    path = valid_kb / "conditions" / "insomnia.yaml"
    os.utime(path, (start - 1, start - 1))
    load_kb_cached(valid_kb)
    assert read_cache(valid_kb, fingerprint(valid_kb)[0]) is None
