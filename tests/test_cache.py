"""The knowledge-base cache is never trusted when in doubt and never answers stale.

A cache file that is corrupt, truncated, empty, foreign (wrong magic) or from another version
(wrong key) is ignored and rebuilt; a data file changed after the cache was written is read
again. Every test gets its own cache folder (tests/conftest.py).
"""

from __future__ import annotations

import os
import pickle
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from comorbidity_kb import cache
from comorbidity_kb.cache import _MAGIC, fingerprint, load_kb_cached, read_cache
from comorbidity_kb.graph import KnowledgeBase

AN_HOUR_AGO = time.time() - 3600


def age(root: Path, when: float = AN_HOUR_AGO) -> None:
    """Date every file and folder below ``root`` back, out of the racy window."""
    for path in [root, *root.rglob("*")]:
        os.utime(path, (when, when))


@pytest.fixture
def aged_kb(valid_kb: Path) -> Path:
    age(valid_kb)
    return valid_kb


def cache_file(root: Path) -> Path:
    return cache._cache_file(root)


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

    monkeypatch.setattr("comorbidity_kb.validate.validate_path", no_reading)
    kb, problems = load_kb_cached(aged_kb)
    assert name_of(kb, "insomnia") == "Insomnia" and problems == 0


def _corrupt(data: bytes) -> bytes:
    header = len(_MAGIC) + data[len(_MAGIC) :].index(b"\n") + 1
    middle = header + (len(data) - header) // 2
    return data[:middle] + bytes(b ^ 0x5A for b in data[middle : middle + 64]) + data[middle + 64 :]


def _other_version(data: bytes) -> bytes:
    header_end = len(_MAGIC) + data[len(_MAGIC) :].index(b"\n")
    return _MAGIC + b"0" * (header_end - len(_MAGIC)) + data[header_end:]


def _foreign_pickle(data: bytes) -> bytes:
    # the right magic and key, but the payload is not a knowledge base
    header_end = len(_MAGIC) + data[len(_MAGIC) :].index(b"\n") + 1
    return data[:header_end] + pickle.dumps({"not": "a knowledge base"})


BREAKAGES: dict[str, Callable[[bytes], bytes]] = {
    "corrupted": _corrupt,
    "garbage-payload": lambda data: data[: data.index(b"\n", len(_MAGIC)) + 1] + b"\x80\x05junk",
    "truncated": lambda data: data[: len(data) // 2],
    "header-only": lambda data: data[: data.index(b"\n", len(_MAGIC)) + 1],
    "empty": lambda data: b"",
    "wrong-magic": lambda data: b"some-other-tool-cache\n" + data[len(_MAGIC) :],
    "other-version": _other_version,
    "foreign-payload": _foreign_pickle,
    "random-bytes": lambda data: os.urandom(len(data)),
}


@pytest.mark.parametrize("breakage", BREAKAGES)
def test_a_broken_cache_is_ignored_and_rebuilt(aged_kb: Path, breakage: str) -> None:
    written(aged_kb)
    path = cache_file(aged_kb)
    path.write_bytes(BREAKAGES[breakage](path.read_bytes()))
    assert read_cache(aged_kb, fingerprint(aged_kb)[0]) is None

    kb, problems = load_kb_cached(aged_kb)
    assert name_of(kb, "insomnia") == "Insomnia" and problems == 0
    assert len(kb) == len(list(aged_kb.glob("*/*.yaml")))
    # ... and the cache was written again, whole.
    assert path.read_bytes().startswith(_MAGIC)
    assert read_cache(aged_kb, fingerprint(aged_kb)[0]) is not None


def test_a_folder_in_place_of_the_cache_file_is_harmless(aged_kb: Path) -> None:
    cache_file(aged_kb).mkdir(parents=True)
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
    edit_name(aged_kb, "Insomnia now", time.time())  # just now: its mtime may be ambiguous
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


def test_the_cli_never_shows_a_stale_entity(aged_kb: Path, kb) -> None:
    assert "Insomnia" in kb("show", "insomnia", "--data", str(aged_kb)).out
    assert read_cache(aged_kb, fingerprint(aged_kb)[0]) is not None  # the CLI wrote it
    edit_name(aged_kb, "Sleeplessness disorder", AN_HOUR_AGO + 30)
    result = kb("show", "insomnia", "--data", str(aged_kb))
    assert result.code == 0, result
    assert "Sleeplessness disorder" in result.out
