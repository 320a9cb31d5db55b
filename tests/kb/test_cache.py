"""The knowledge-base cache is never trusted when in doubt and never answers stale.

A cache file that is corrupt, truncated, empty, foreign (wrong magic) or from another version
(wrong key) is ignored and rebuilt; a data file changed after the cache was written is read
again. Every test gets its own cache folder (tests/conftest.py).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from comorbidity_kb.kb import cache, store
from comorbidity_kb.kb.cache import fingerprint, load_kb_cached, read_cache
from comorbidity_kb.kb.knowledge import KnowledgeBase
from tests.conftest import Run
from tests.kb.stores import resealed, with_sql

AN_HOUR_AGO = time.time() - 3600


def age(root: Path, when: float = AN_HOUR_AGO) -> None:
    """Date every file and folder below ``root`` back, out of the racy window."""
    for path in [root, *root.rglob("*")]:
        os.utime(path, (when, when))


LATER = 10.0  # seconds the cache's clock runs ahead in aged_kb: past every file's ctime


@pytest.fixture
def aged_kb(valid_kb: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A knowledge base whose files are old enough to cache. A file's ctime cannot be set
    back, so the cache's clock is moved forward instead."""
    age(valid_kb)
    monkeypatch.setattr(cache, "_clock", lambda: time.time() + LATER)
    return valid_kb


def cache_files(root: Path) -> list[Path]:
    return store.store_files(cache.cache_dir(), cache.cache_stem(root))


def cache_file(root: Path) -> Path:
    files = cache_files(root)
    assert len(files) == 1, files
    return files[0]


def name_of(kb: KnowledgeBase, entity_id: str) -> str:
    entity = kb.get(entity_id)
    assert entity is not None, entity_id
    return str(getattr(entity, "name", ""))


def written(root: Path) -> None:
    """Load once so the cache is written, and check that it was."""
    load_kb_cached(root)
    assert read_cache(root, fingerprint(root)[0]) is not None


def test_a_fresh_cache_answers_without_reading_yaml(
    aged_kb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    written(aged_kb)

    def no_reading(root: Path) -> None:
        raise AssertionError("the YAML was read again")

    monkeypatch.setattr("comorbidity_kb.check.validate.validate_path", no_reading)
    kb, problems = load_kb_cached(aged_kb)
    assert name_of(kb, "insomnia") == "Insomnia" and problems == 0
    assert kb.find_entity("sleeplessness") is kb.get("insomnia")  # the indexes came along
    assert [link.id for link in kb.links_of("insomnia")] == ["insomnia--anxiety"]


def test_the_store_answers_exactly_as_memory_does(aged_kb: Path) -> None:
    from comorbidity_kb.kb.build import load_fresh
    from comorbidity_kb.views import show as query

    written(aged_kb)
    stored, _ = load_kb_cached(aged_kb)
    memory = load_fresh(aged_kb)[0]
    assert list(stored.entities) == list(memory.entities)
    for kind in memory.by_kind:
        # The store's own mapping answers values() with a list, not a ValuesView.
        stored_values: object = stored.by_kind[kind].values()
        assert stored_values == list(memory.by_kind[kind].values())
    for entity in memory.entities.values():
        assert query.show_view(stored, stored.entities[entity.id]) == query.show_view(
            memory, entity
        )
    assert dict(stored.names()) == {k: list(v) for k, v in memory.names().items()}


def _flip_middle(path: Path) -> None:
    data = path.read_bytes()
    middle = len(data) // 2
    path.write_bytes(
        data[:middle] + bytes(b ^ 0x5A for b in data[middle : middle + 64]) + data[middle + 64 :]
    )


def _foreign_sqlite(path: Path) -> Path:
    path.unlink()
    return with_sql(path, "CREATE TABLE t (x)")


BREAKAGES: dict[str, Callable[[Path], object]] = {
    "flipped-bytes": _flip_middle,
    "truncated": lambda p: p.write_bytes(p.read_bytes()[: p.stat().st_size // 2]),
    "empty": lambda p: p.write_bytes(b""),
    "random-bytes": lambda p: p.write_bytes(os.urandom(p.stat().st_size)),
    "random-bytes-resealed": lambda p: (p.write_bytes(os.urandom(4096)), resealed(p)),
    "no-crc-in-name": lambda p: p.rename(p.with_name(p.name.split(".")[0] + ".sqlite")),
    "other-version": lambda p: with_sql(p, "UPDATE meta SET value = '0' WHERE key = 'format'"),
    "no-metadata": lambda p: with_sql(p, "DROP TABLE meta"),
    "foreign-sqlite": _foreign_sqlite,
    "foreign-rows": lambda p: with_sql(p, "UPDATE entity SET blob = x'00ff00ff'"),
}


@pytest.mark.parametrize("breakage", BREAKAGES)
def test_a_broken_cache_is_not_trusted_and_is_rebuilt(aged_kb: Path, breakage: str) -> None:
    written(aged_kb)
    BREAKAGES[breakage](cache_file(aged_kb))
    key = fingerprint(aged_kb)[0]
    try:
        found = read_cache(aged_kb, key)
        # Damage that only shows in a row is found when the row is read: never trusted.
        assert found is None or found[0].get("insomnia") is None
    except store.StoreDamaged:
        assert breakage == "foreign-rows"
    if breakage == "foreign-rows":
        cache.discard(cache_files(aged_kb)[0])

    kb, problems = load_kb_cached(aged_kb)
    assert name_of(kb, "insomnia") == "Insomnia" and problems == 0
    assert len(kb) == len(list(aged_kb.glob("*/*.yaml")))
    # ... and the cache was written again, whole, in place of the broken one.
    assert read_cache(aged_kb, key) is not None
    assert len(cache_files(aged_kb)) == 1


def test_the_cli_survives_a_store_whose_rows_are_foreign(aged_kb: Path, kb: Run) -> None:
    assert "Insomnia" in kb("show", "insomnia", "--data", str(aged_kb)).out
    BREAKAGES["foreign-rows"](cache_file(aged_kb))
    result = kb("show", "insomnia", "--data", str(aged_kb))
    assert result.code == 0, result
    assert "Insomnia" in result.out and "internal error" not in result.err
    kb_again, _ = load_kb_cached(aged_kb)
    assert name_of(kb_again, "insomnia") == "Insomnia"  # the rows read well again


def test_a_folder_in_place_of_the_cache_file_is_harmless(aged_kb: Path) -> None:
    (cache.cache_dir() / f"{cache.cache_stem(aged_kb)}.00000000.sqlite").mkdir(parents=True)
    kb, _ = load_kb_cached(aged_kb)
    assert name_of(kb, "insomnia") == "Insomnia"
    kb, _ = load_kb_cached(aged_kb)  # and again: still right, still no cache to trust
    assert name_of(kb, "insomnia") == "Insomnia"


def test_an_unusable_cache_folder_is_harmless(
    aged_kb: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be\n")
    monkeypatch.setenv("KB_CACHE_DIR", str(blocker / "cache"))
    kb, _ = load_kb_cached(aged_kb)
    assert name_of(kb, "insomnia") == "Insomnia"


def edit_name(root: Path, new: str, mtime: float) -> None:
    path = root / "conditions" / "insomnia.yaml"
    path.write_text(path.read_text().replace("name: Insomnia", f"name: {new}"))
    os.utime(path, (mtime, mtime))


def test_an_edited_file_is_never_answered_from_the_stale_cache(aged_kb: Path) -> None:
    written(aged_kb)
    edit_name(aged_kb, "Insomnia disorder", AN_HOUR_AGO + 60)
    kb, _ = load_kb_cached(aged_kb)
    assert name_of(kb, "insomnia") == "Insomnia disorder"


def test_a_same_size_edit_with_a_newer_mtime_is_seen(aged_kb: Path) -> None:
    written(aged_kb)
    size = (aged_kb / "conditions" / "insomnia.yaml").stat().st_size
    edit_name(aged_kb, "Insomnix", AN_HOUR_AGO + 1)  # same length, one second later
    assert (aged_kb / "conditions" / "insomnia.yaml").stat().st_size == size
    kb, _ = load_kb_cached(aged_kb)
    assert name_of(kb, "insomnia") == "Insomnix"


def test_an_edit_in_the_racy_window_is_read_again_every_time(aged_kb: Path) -> None:
    written(aged_kb)
    # just now, as the cache's clock has it: its times may be ambiguous
    edit_name(aged_kb, "Insomnia now", time.time() + LATER)
    for _ in range(2):
        kb, _ = load_kb_cached(aged_kb)
        assert name_of(kb, "insomnia") == "Insomnia now"
    # no cache was written for a folder with a file that new
    assert read_cache(aged_kb, fingerprint(aged_kb)[0]) is None


def test_added_and_removed_files_are_seen(aged_kb: Path) -> None:
    written(aged_kb)
    (aged_kb / "conditions" / "chronic-pain.yaml").unlink()
    (aged_kb / "conditions" / "restless-legs.yaml").write_text(
        "id: restless-legs\nname: Restless legs\ncategory: sleep\ndescription: An urge to move.\n"
    )
    age(aged_kb, AN_HOUR_AGO + 120)
    kb, _ = load_kb_cached(aged_kb)
    assert kb.get("restless-legs") is not None
    assert kb.get("chronic-pain") is None


def test_the_cli_never_shows_a_stale_entity(aged_kb: Path, kb: Run) -> None:
    assert "Insomnia" in kb("show", "insomnia", "--data", str(aged_kb)).out
    assert read_cache(aged_kb, fingerprint(aged_kb)[0]) is not None  # the CLI wrote it
    edit_name(aged_kb, "Sleeplessness disorder", AN_HOUR_AGO + 30)
    result = kb("show", "insomnia", "--data", str(aged_kb))
    assert result.code == 0, result
    assert "Sleeplessness disorder" in result.out
