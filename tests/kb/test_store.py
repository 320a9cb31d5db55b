"""The on-disk store: what is written is read back whole, and a file that is not what its
name says, or that another version or folder wrote, is never trusted."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from comorbidity_kb.kb.build import load_fresh
from comorbidity_kb.kb.knowledge import KnowledgeBase
from comorbidity_kb.kb.store import FORMAT, StoreDamaged, open_store, store_files, write_store
from tests.kb.stores import resealed


@pytest.fixture
def fresh(valid_kb: Path) -> KnowledgeBase:
    return load_fresh(valid_kb)[0]


def stored(folder: Path, kb: KnowledgeBase, key: str = "k1", problems: int = 0) -> Path:
    return write_store(folder, "stem", kb, key, problems)


def reopened(path: Path, key: str = "k1") -> tuple[KnowledgeBase, int]:
    found = open_store(path, key)
    assert found is not None
    return found


def test_a_store_reads_back_every_entity_and_index(fresh: KnowledgeBase, tmp_path: Path) -> None:
    path = stored(tmp_path, fresh, problems=3)
    assert path.parent == tmp_path
    assert path.name.startswith("stem.") and path.suffix == ".sqlite"
    kb, problems = reopened(path)
    assert problems == 3
    assert len(kb) == len(fresh) == 12
    assert list(kb.conditions) == list(fresh.conditions)
    assert list(kb.citations) == list(fresh.citations)
    for entity_id in ("insomnia", "insomnia--anxiety", "cbt-i", "caffeine", "blog-post"):
        assert kb.get(entity_id) == fresh.get(entity_id)
    assert kb.get("nobody") is None
    assert kb.referrers("insomnia") == fresh.referrers("insomnia")
    assert kb.children("sleep-disturbance") == ["insomnia"]
    assert [link.id for link in kb.links_of("insomnia")] == ["insomnia--anxiety"]
    assert kb.find_entity("sleeplessness") == fresh.get("insomnia")
    assert [c.id for c in kb.citations.values()] == [
        "blog-post",
        "dressle-2022",
        "hertenstein-2019",
    ]


def test_a_store_of_another_key_is_not_used(fresh: KnowledgeBase, tmp_path: Path) -> None:
    path = stored(tmp_path, fresh, key="k1")
    assert open_store(path, "k2") is None


def test_a_store_of_another_format_is_not_used(fresh: KnowledgeBase, tmp_path: Path) -> None:
    path = stored(tmp_path, fresh)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = ? WHERE key = 'format'", (str(int(FORMAT) - 1),))
    conn.commit()
    conn.close()
    assert open_store(resealed(path), "k1") is None


def test_a_flipped_byte_is_damage(fresh: KnowledgeBase, tmp_path: Path) -> None:
    path = stored(tmp_path, fresh)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(StoreDamaged, match=r"the contents do not match the CRC in the name$"):
        open_store(path, "k1")


def test_a_name_without_a_crc_is_damage(tmp_path: Path) -> None:
    path = tmp_path / "stem.sqlite"
    path.write_bytes(b"")
    with pytest.raises(StoreDamaged) as caught:
        open_store(path, "k1")
    assert str(caught.value) == f"{path}: no CRC in the name"
    assert caught.value.path == path


def test_a_file_that_is_not_sqlite_is_damage(tmp_path: Path) -> None:
    path = tmp_path / "junk.sqlite"
    path.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreDamaged):
        open_store(resealed(path), "k1")


def test_a_row_holding_another_entity_is_damage(fresh: KnowledgeBase, tmp_path: Path) -> None:
    path = stored(tmp_path, fresh)
    conn = sqlite3.connect(path)
    blob = conn.execute("SELECT blob FROM entity WHERE id = 'anxiety'").fetchone()[0]
    conn.execute("UPDATE entity SET blob = ? WHERE id = 'insomnia'", (blob,))
    conn.commit()
    conn.close()
    kb, _ = reopened(resealed(path))
    with pytest.raises(StoreDamaged, match="the row of 'insomnia' holds another entity"):
        kb.get("insomnia")


def test_a_row_that_does_not_decode_is_damage(fresh: KnowledgeBase, tmp_path: Path) -> None:
    path = stored(tmp_path, fresh)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE entity SET blob = ? WHERE id = 'caffeine'", (b"garbage",))
    conn.execute("UPDATE entity SET kind = 'nothing' WHERE id = 'cbt-i'")
    conn.commit()
    conn.close()
    kb, _ = reopened(resealed(path))
    with pytest.raises(StoreDamaged, match="cannot decode 'caffeine'"):
        kb.get("caffeine")
    with pytest.raises(StoreDamaged, match="the row of 'cbt-i' holds something else"):
        kb.get("cbt-i")
    assert kb.get("insomnia") == fresh.get("insomnia")  # the other rows still read


def test_a_new_store_replaces_the_old_ones_of_its_stem(
    fresh: KnowledgeBase, tmp_path: Path
) -> None:
    folder = tmp_path / "store"  # not beside the data folder valid_kb made
    folder.mkdir()
    other = folder / "other.00000000.sqlite"
    other.write_bytes(b"")
    first = stored(folder, fresh, problems=1)
    second = stored(folder, fresh, problems=2)
    assert first != second  # different bytes, different CRC
    assert not first.exists()
    assert store_files(folder, "stem") == [second]
    assert store_files(folder, "other") == [other]
    assert sorted(p.name for p in folder.iterdir()) == sorted([second.name, other.name])


def test_store_files_lists_newest_first(tmp_path: Path) -> None:
    old, new = tmp_path / "stem.00000001.sqlite", tmp_path / "stem.00000002.sqlite"
    for path, when in ((old, 1_000_000_000), (new, 2_000_000_000)):
        path.write_bytes(b"")
        os.utime(path, ns=(when, when))
    (tmp_path / "stem.00000003.json").write_bytes(b"")
    (tmp_path / "stemmed.00000004.sqlite").write_bytes(b"")
    assert store_files(tmp_path, "stem") == [new, old]
    assert store_files(tmp_path / "missing", "stem") == []
