"""write_atomic: the target holds the old text or the new, never a part, and no litter."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from comorbidity_kb.cli.atomic import write_atomic


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def boom(*args: Any, **kwargs: Any) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_writes_a_new_file_in_utf8_with_the_usual_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    write_atomic(target, "Müller & Zoë\nline two\n")
    assert target.read_bytes() == "Müller & Zoë\nline two\n".encode()
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask  # not mkstemp's 0600
    assert names(tmp_path) == ["out.txt"]


def test_refuses_an_existing_file_without_force(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old\n")
    with pytest.raises(FileExistsError):
        write_atomic(target, "new\n")
    assert target.read_text() == "old\n"
    assert names(tmp_path) == ["out.txt"]


def test_force_replaces_and_keeps_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old\n")
    target.chmod(0o640)
    write_atomic(target, "new\n", force=True)
    assert target.read_text() == "new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert names(tmp_path) == ["out.txt"]


@pytest.mark.parametrize("where", ["replace", "fsync", "chmod"])
def test_a_failure_leaves_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old\n")
    monkeypatch.setattr(os, where, boom)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(target, "new\n", force=True)
    monkeypatch.undo()
    assert target.read_text() == "old\n"
    assert names(tmp_path) == ["out.txt"]


def test_a_failure_while_writing_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.txt"
    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(OSError):
        write_atomic(target, "new\n")
    monkeypatch.undo()
    assert names(tmp_path) == []


def test_a_file_that_appears_meanwhile_is_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.txt"
    real_link = os.link

    def someone_else_first(src: Any, dst: Any, **kwargs: Any) -> None:
        Path(dst).write_text("theirs\n")
        real_link(src, dst, **kwargs)

    monkeypatch.setattr(os, "link", someone_else_first)
    with pytest.raises(FileExistsError):
        write_atomic(target, "mine\n")
    assert target.read_text() == "theirs\n"
    assert names(tmp_path) == ["out.txt"]


def test_without_hard_links_it_still_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "out.txt"
    write_atomic(target, "new\n")
    assert target.read_text() == "new\n"
    assert names(tmp_path) == ["out.txt"]


def test_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_atomic(tmp_path / "nowhere" / "out.txt", "x")
    assert names(tmp_path) == []
