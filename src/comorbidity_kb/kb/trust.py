"""Which cache files and folders may be trusted, and opening them without surprises.

A cache is code's input that nobody reviews, so it is used only where nobody but the user
could have put it: a real folder (not a link), owned by the user, that no group or other
user may write. Inside it only regular files are opened, never through a symbolic link and
never waiting on a FIFO. Temporary files carry their writer's pid, so that what a killed
writer left behind is removed by the next one, and SIGTERM during a write removes its own.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import threading
import zlib
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

TEMP_PREFIX = ".tmp-"  # then the writer's pid and a random part


def untrusted_because(folder: Path) -> str | None:
    """Why ``folder`` may not hold a cache, or None when it may (created 0700 if missing)."""
    try:
        st = os.lstat(folder)
    except FileNotFoundError:
        try:
            folder.parent.mkdir(parents=True, exist_ok=True)
            os.mkdir(folder, 0o700)
            st = os.lstat(folder)
        except OSError as exc:
            return f"it cannot be created ({exc.strerror or exc})"
    except OSError as exc:
        return f"it cannot be examined ({exc.strerror or exc})"
    if stat.S_ISLNK(st.st_mode):
        return "it is a symbolic link"
    if not stat.S_ISDIR(st.st_mode):
        return "it is not a folder"
    if st.st_uid != os.geteuid():
        return f"it belongs to another user (uid {st.st_uid})"
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return f"others may write to it (mode {stat.S_IMODE(st.st_mode):o})"
    return None


def open_regular(path: Path) -> int:
    """A read-only descriptor of ``path`` if it is a regular file, never following a link
    or waiting on a FIFO; :class:`OSError` otherwise."""
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise OSError(f"{path} is not a regular file")
    return fd


def crc_of(fd: int) -> int:
    """The CRC-32 of the whole file open at ``fd``."""
    import mmap

    if os.fstat(fd).st_size == 0:
        return 0
    with mmap.mmap(fd, 0, access=mmap.ACCESS_READ) as view:
        return zlib.crc32(view)


def sqlite_uri(path: Path, fd: int) -> str:
    """SQLite's read-only URI for the file open at ``fd``: through /proc where there is one,
    so that SQLite opens the very file that was checked even if its name is swapped."""
    from urllib.parse import quote

    proc = f"/proc/self/fd/{fd}"
    name = proc if os.path.exists(proc) else os.fspath(path)
    return f"file:{quote(name)}?mode=ro&immutable=1"


def remove_dead_temporaries(folder: Path) -> None:
    """Remove the temporary files of writers that are no longer running."""
    try:
        names = [n for n in os.listdir(folder) if n.startswith(TEMP_PREFIX)]
    except OSError:
        return
    for name in names:
        pid = name[len(TEMP_PREFIX) :].split("-")[0]
        if pid.isdigit() and not _running(int(pid)):
            with contextlib.suppress(OSError):
                (folder / name).unlink()


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: running
        return True
    return True


class Terminated(BaseException):
    """SIGTERM arrived while a file was being written (raised so that cleanup runs)."""


@contextlib.contextmanager
def terminations_clean_up() -> Iterator[None]:
    """Within the block, SIGTERM raises :class:`Terminated` (so ``finally`` and ``except``
    clauses remove temporary files); afterwards the process ends by SIGTERM as it would have.
    Only the main thread can set a handler; elsewhere the block runs as it is."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: FrameType | None) -> None:
        raise Terminated

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    except Terminated:
        signal.signal(signal.SIGTERM, previous)
        os.kill(os.getpid(), signal.SIGTERM)  # the default action: end, as signalled
        raise
    finally:
        signal.signal(signal.SIGTERM, previous)
