"""Writing a store for an edit: a new file under its own CRC, the old one gone, holding
exactly what a store written from every file would; a failure leaves the old one alone."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from comorbidity_kb.kb import cache, store_update
from comorbidity_kb.kb.build import load_fresh
from comorbidity_kb.kb.listing import changed_files, walk
from comorbidity_kb.kb.overlay import overlay, read_edit
from comorbidity_kb.kb.store import store_files
from comorbidity_kb.kb.store_rows import open_stored
from comorbidity_kb.kb.store_update import update_store


@pytest.fixture
def edited(valid_kb: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The tiny base cached while old, then edited (a file changed, one added)."""
    long_ago = time.time() - 3600
    for path in [valid_kb, *valid_kb.rglob("*")]:
        os.utime(path, (long_ago, long_ago))
    monkeypatch.setattr(cache, "_clock", lambda: time.time() + 10)
    cache.load_kb_cached(valid_kb)
    insomnia = valid_kb / "conditions" / "insomnia.yaml"
    insomnia.write_text(insomnia.read_text().replace("name: Insomnia", "name: Insomnie"))
    (valid_kb / "conditions" / "aa-first.yaml").write_text(
        "id: aa-first\nname: First\ncategory: sleep\ndescription: Sorts first.\n"
    )
    return valid_kb


def _update(root: Path) -> Path:
    folder = cache.cache_dir()
    (old,) = store_files(folder, cache.cache_stem(root))
    stored = open_stored(old)
    assert stored is not None
    listing = walk(root)
    paths = changed_files(stored.listing(), listing)
    assert paths == {"conditions/insomnia.yaml", "conditions/aa-first.yaml"}
    edit = read_edit(root, stored, paths)
    parts = overlay(stored, edit)
    assert parts is not None
    return update_store(folder, cache.cache_stem(root), stored, parts, edit, listing)


def test_an_update_is_a_new_store_equal_to_a_fresh_one(edited: Path) -> None:
    new = _update(edited)
    assert store_files(cache.cache_dir(), cache.cache_stem(edited)) == [new]
    stored = open_stored(new)
    assert stored is not None and stored.key == walk(edited).key
    kb, fresh = stored.kb(), load_fresh(edited)[0]
    assert list(kb.entities) == list(fresh.entities)
    assert next(iter(kb.conditions)) == "aa-first"  # placed before the first stored one
    assert list(kb.entities.values()) == list(fresh.entities.values())
    assert kb.find_entity("insomnie") == fresh.get("insomnia")
    assert kb.find_entity("insomnia") == fresh.get("insomnia")  # by its id still
    assert stored.files(["conditions/aa-first.yaml"]) == {
        "conditions/aa-first.yaml": ("aa-first", False)
    }
    assert stored.listing() == walk(edited).folders
    assert changed_files(stored.listing(), walk(edited)) == set()


def test_a_failed_update_leaves_the_old_store_and_no_temporary_file(
    edited: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = cache.cache_dir()
    before = sorted(os.listdir(folder))

    def broken(conn: object, parts: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store_update, "_rewrite_index", broken)
    with pytest.raises(OSError, match="No space"):
        _update(edited)
    assert sorted(os.listdir(folder)) == before


def test_the_cache_writes_the_update_only_once_the_edit_has_aged(
    edited: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = cache.cache_dir()
    (old,) = store_files(folder, cache.cache_stem(edited))
    monkeypatch.setattr(cache, "_clock", time.time)  # the edit is under 2 s old
    kb, _ = cache.load_kb_cached(edited)
    assert kb.find_entity("insomnie") is not None
    assert store_files(folder, cache.cache_stem(edited)) == [old]
    monkeypatch.setattr(cache, "_clock", lambda: time.time() + 10)
    cache.load_kb_cached(edited)
    (new,) = store_files(folder, cache.cache_stem(edited))
    assert new != old
    assert cache.read_cache(edited, walk(edited).key) is not None
