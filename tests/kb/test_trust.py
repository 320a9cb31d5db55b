"""Which cache folders and files are trusted (tests/adversarial/test_cache_trust.py has the
attacks through the CLI)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from comorbidity_kb.kb import trust


def test_a_private_folder_of_the_user_is_trusted(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir(mode=0o700)
    assert trust.untrusted_because(folder) is None
    assert trust.untrusted_because(tmp_path / "made" / "now") is None
    assert os.stat(tmp_path / "made" / "now").st_mode & 0o777 == 0o700


@pytest.mark.parametrize(
    ("mode", "reason"), [(0o1777, "others may write"), (0o720, "others may write")]
)
def test_a_folder_others_can_write_is_not(tmp_path: Path, mode: int, reason: str) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    os.chmod(folder, mode)
    assert reason in str(trust.untrusted_because(folder))


def test_a_link_or_a_file_is_not_a_cache_folder(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir(mode=0o700)
    (tmp_path / "link").symlink_to(tmp_path / "real")
    (tmp_path / "file").write_text("")
    assert "symbolic link" in str(trust.untrusted_because(tmp_path / "link"))
    assert "not a folder" in str(trust.untrusted_because(tmp_path / "file"))
    assert "cannot be" in str(trust.untrusted_because(tmp_path / "file" / "sub"))


def test_only_regular_files_are_opened(tmp_path: Path) -> None:
    regular = tmp_path / "a.sqlite"
    regular.write_bytes(b"x")
    os.close(trust.open_regular(regular))
    (tmp_path / "link.sqlite").symlink_to(regular)
    os.mkfifo(tmp_path / "fifo.sqlite")
    (tmp_path / "dir.sqlite").mkdir()
    for name in ("link.sqlite", "fifo.sqlite", "dir.sqlite"):
        with pytest.raises(OSError):
            trust.open_regular(tmp_path / name)


def test_the_crc_is_of_the_whole_file(tmp_path: Path) -> None:
    import zlib

    path = tmp_path / "f"
    for data in (b"", b"some bytes"):
        path.write_bytes(data)
        fd = trust.open_regular(path)
        try:
            assert trust.crc_of(fd) == zlib.crc32(data)
        finally:
            os.close(fd)
