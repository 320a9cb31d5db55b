"""An open store: what it was written for (listing, each file's entity) reads back as
written, and a damaged listing or metadata is damage, never a wrong answer."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from comorbidity_kb.kb.build import load_read
from comorbidity_kb.kb.listing import walk
from comorbidity_kb.kb.overlay import snapshot_of
from comorbidity_kb.kb.store import write_store
from comorbidity_kb.kb.store_rows import Stored, StoreDamaged, open_stored, relpath_of
from tests.kb.stores import with_sql


def _stored(root: Path, folder: Path) -> tuple[Path, Stored]:
    listing = walk(root)
    kb, read = load_read(root)
    path = write_store(
        folder, "stem", kb, listing.key, read.left_out, snapshot_of(root, read, kb, listing)
    )
    found = open_stored(path)
    assert found is not None
    return path, found


def test_a_store_knows_its_listing_and_each_files_entity(valid_kb: Path, tmp_path: Path) -> None:
    (valid_kb / "conditions" / "broken.yaml").write_text("id: [")
    _, stored = _stored(valid_kb, tmp_path)
    assert stored.key == walk(valid_kb).key
    assert stored.listing() == walk(valid_kb).folders
    assert stored.narrowable
    assert stored.files(["conditions/insomnia.yaml", "conditions/broken.yaml", "nope.yaml"]) == {
        "conditions/insomnia.yaml": ("insomnia", False),
        "conditions/broken.yaml": (None, True),
    }
    assert stored.path_of("insomnia") == "conditions/insomnia.yaml"
    assert stored.path_of("nobody") is None
    placed = stored.rows.placed("conditions")
    assert [entity_id for _, entity_id in placed] == list(stored.kb().conditions)
    assert [p for p, _ in placed] == sorted(p for p, _ in placed)
    assert stored.problems == 1


@pytest.mark.parametrize("duplicate", ["id", "pair"])
def test_a_store_with_a_duplicate_is_not_narrowable(
    valid_kb: Path, tmp_path: Path, duplicate: str
) -> None:
    if duplicate == "id":
        text = (valid_kb / "conditions" / "anxiety.yaml").read_text()
        (valid_kb / "conditions" / "zz-anxiety.yaml").write_text(text)
    else:
        text = (valid_kb / "links" / "insomnia--anxiety.yaml").read_text()
        copy = text.replace("id: insomnia--anxiety", "id: anxiety--insomnia")
        (valid_kb / "links" / "anxiety--insomnia.yaml").write_text(copy)
    assert not _stored(valid_kb, tmp_path)[1].narrowable


def test_a_damaged_listing_is_damage(valid_kb: Path, tmp_path: Path) -> None:
    path, _ = _stored(valid_kb, tmp_path)
    path = with_sql(path, "UPDATE listing SET numbers = x'00'")
    found = open_stored(path)
    assert found is not None
    with pytest.raises(StoreDamaged, match="a damaged listing"):
        found.listing()


def test_incomplete_metadata_is_damage(valid_kb: Path, tmp_path: Path) -> None:
    path, _ = _stored(valid_kb, tmp_path)
    path = with_sql(path, "DELETE FROM meta WHERE key = 'problems'")
    with pytest.raises(StoreDamaged, match="incomplete metadata"):
        open_stored(path)


def test_a_path_column_holds_bytes() -> None:
    assert relpath_of(os.fsencode("conditions/a\udcff.yaml")) == "conditions/a\udcff.yaml"
    with pytest.raises(TypeError):
        relpath_of("conditions/a.yaml")


def test_a_non_utf8_file_name_makes_a_store_that_every_edit_rebuilds(
    valid_kb: Path, tmp_path: Path
) -> None:
    text = (valid_kb / "conditions" / "anxiety.yaml").read_text()
    (valid_kb / "conditions" / os.fsdecode(b"odd\xff.yaml")).write_text(
        text.replace("id: anxiety", "id: odd")
    )
    assert not _stored(valid_kb, tmp_path)[1].narrowable


def test_a_store_another_version_wrote_is_not_read(valid_kb: Path, tmp_path: Path) -> None:
    path, _ = _stored(valid_kb, tmp_path)
    path = with_sql(path, "UPDATE meta SET value = 'other code' WHERE key = 'code'")
    assert open_stored(path) is None
