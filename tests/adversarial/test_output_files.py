"""``kb cite -o`` writes regular files only: a device, FIFO, folder or socket, or a link to
one, is refused (exit 2) and left as it was, even with --force."""

from __future__ import annotations

import os
import socket
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import VALID, Run


def _device(path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a private /dev/null


def _socket(path: Path) -> None:
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))


def _link_to_fifo(path: Path) -> None:
    os.mkfifo(path.with_name("fifo"))
    path.symlink_to(path.with_name("fifo"))


def _link_to_folder(path: Path) -> None:
    path.with_name("folder").mkdir()
    path.symlink_to(path.with_name("folder"))


SPECIAL: dict[str, Callable[[Path], None]] = {
    "device": _device,
    "fifo": os.mkfifo,
    "folder": lambda p: p.mkdir(),
    "socket": _socket,
    "link-to-fifo": _link_to_fifo,
    "link-to-folder": _link_to_folder,
}


@pytest.mark.parametrize("force", [False, True], ids=["plain", "force"])
@pytest.mark.parametrize("kind", SPECIAL)
def test_cite_never_replaces_what_is_not_a_regular_file(
    tmp_path: Path, kb: Run, kind: str, force: bool
) -> None:
    target = tmp_path / "out.bib"
    SPECIAL[kind](target)
    before = os.lstat(target)
    args = ["cite", "-f", "bibtex", "-o", str(target), "--data", str(VALID)]
    result = kb(*args, *(["--force"] if force else []))
    assert result.code == 2, result
    assert "regular files only" in result.err and "internal error" not in result.err
    after = os.lstat(target)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_regular_file_is_still_replaced_with_force(tmp_path: Path, kb: Run) -> None:
    target = tmp_path / "out.bib"
    target.write_text("old\n")
    result = kb("cite", "-f", "bibtex", "-o", str(target), "--force", "--data", str(VALID))
    assert result.code == 0, result
    assert target.read_text().startswith("@")
