"""The listing: every entry below the data folder with its figures, and which entity files
an edit touched; anything else that changed is not narrowed down."""

from __future__ import annotations

import os
import shutil
import time
from array import array
from pathlib import Path

import pytest

from comorbidity_kb.kb import listing
from comorbidity_kb.kb.listing import Folder, Listing, changed_files, linked, walk


def _aged(root: Path) -> Listing:
    long_ago = time.time() - 3600
    for path in [root, *root.rglob("*")]:
        os.utime(path, (long_ago, long_ago), follow_symlinks=False)
    return walk(root)


def test_a_folder_survives_its_encoding() -> None:
    folder = Folder(("a.yaml", "b\udcff.yaml"), array("q", [1, 2, 3, 4]), array("q", [5, 6, 7, 8]))
    assert Folder.decode(*folder.encode()) == folder
    assert folder.entries() == {"a.yaml": (1, 2, 5, 6), "b\udcff.yaml": (3, 4, 7, 8)}
    assert Folder.decode(b"", b"", b"") == Folder((), array("q"), array("q"))


def test_a_folder_whose_figures_do_not_match_its_names_is_refused() -> None:
    names, numbers, times = Folder(("a",), array("q", [1, 2]), array("q", [3, 4])).encode()
    with pytest.raises(ValueError, match="do not match"):
        Folder.decode(names + b"\0b", numbers, times)


def test_the_key_moves_with_any_change(valid_kb: Path) -> None:
    before = _aged(valid_kb)
    assert walk(valid_kb).key == before.key
    (valid_kb / "conditions" / "insomnia.yaml").chmod(0o600)
    assert walk(valid_kb).key != before.key
    assert walk(valid_kb).newest > before.newest


def test_an_edited_added_and_removed_file_are_named(valid_kb: Path) -> None:
    before = _aged(valid_kb)
    (valid_kb / "conditions" / "insomnia.yaml").write_text("id: insomnia\n")
    (valid_kb / "conditions" / "new.yaml").write_text("id: new\n")
    (valid_kb / "citations" / "blog-post.yaml").unlink()
    (valid_kb / "conditions" / ".swap.yaml").write_text("an editor's")
    assert changed_files(before.folders, walk(valid_kb)) == {
        "conditions/insomnia.yaml",
        "conditions/new.yaml",
        "citations/blog-post.yaml",
    }
    assert changed_files(walk(valid_kb).folders, walk(valid_kb)) == set()


@pytest.mark.parametrize(
    "change",
    [
        "stray file in a kind folder",
        "subfolder in a kind folder",
        "file in a subfolder",
        "kind folder's mode",
        "kind folder made a file",
        "file at the top",
        "link in a kind folder",
        "yaml folder in a kind folder",
    ],
)
def test_other_changes_are_not_narrowed_down(valid_kb: Path, change: str) -> None:
    (valid_kb / "conditions" / "sub").mkdir()
    before = _aged(valid_kb)
    conditions = valid_kb / "conditions"
    if change == "stray file in a kind folder":
        (conditions / "notes.txt").write_text("x")
    elif change == "subfolder in a kind folder":
        (conditions / "more").mkdir()
    elif change == "file in a subfolder":
        (conditions / "sub" / "x.yaml").write_text("x")
    elif change == "kind folder's mode":
        conditions.chmod(0o700)
    elif change == "kind folder made a file":
        shutil.rmtree(valid_kb / "risk-factors")
        (valid_kb / "risk-factors").write_text("x")
    elif change == "file at the top":
        (valid_kb / "README").write_text("x")
    elif change == "link in a kind folder":
        (conditions / "alias.yaml").symlink_to(conditions / "insomnia.yaml")
    else:
        (conditions / "folder.yaml").mkdir()
    assert changed_files(before.folders, walk(valid_kb)) is None


def test_a_kind_folder_emptied_and_made_again_names_the_files_it_lost(valid_kb: Path) -> None:
    before = _aged(valid_kb)
    shutil.rmtree(valid_kb / "risk-factors")
    (valid_kb / "risk-factors").mkdir()
    assert changed_files(before.folders, walk(valid_kb)) == {"risk-factors/caffeine.yaml"}


def test_an_unreadable_folder_is_keyed_and_not_narrowed_down(
    valid_kb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _aged(valid_kb)
    real = listing._stat_folder

    def refused(folder: str) -> tuple[Folder, list[str]]:
        if folder.endswith("conditions"):  # as chmod 0 would, but root reads anything
            raise PermissionError(13, "Permission denied")
        return real(folder)

    monkeypatch.setattr(listing, "_stat_folder", refused)
    now = walk(valid_kb)
    assert now.key != before.key
    assert changed_files(before.folders, now) is None


def test_links_in_the_data_folder_or_a_kind_folder_are_seen(valid_kb: Path) -> None:
    assert not linked(walk(valid_kb))
    (valid_kb / "elsewhere").mkdir()
    (valid_kb / "elsewhere" / "x.yaml").write_text("x")
    assert not linked(walk(valid_kb))  # a link only below another folder is not read
    (valid_kb / "conditions" / "x.yaml").symlink_to(valid_kb / "elsewhere" / "x.yaml")
    assert linked(walk(valid_kb))
