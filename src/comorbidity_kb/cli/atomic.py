"""Write a file all at once: a reader sees the old contents or the new, never half of either.

The text goes to a temporary file in the same folder, is flushed to disk (fsync), then
takes the target's name in one rename (``os.replace``). If anything fails, the temporary file
is removed and the target is left as it was.

Only regular files are written: a folder, a device (``/dev/null``), a FIFO or a socket, or a
link to one, is refused (:class:`NotRegularFile`), ``force`` or not, and never replaced.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
)


class NotRegularFile(OSError):
    """The target exists and is not a regular file (or a link to one): never written."""


def check_regular_target(path: str | os.PathLike[str]) -> None:
    """Raise :class:`NotRegularFile` if ``path`` exists and is not a regular file, following
    links (a link to a device is refused like the device)."""
    try:
        st = os.stat(path)
    except OSError:  # missing (or a dangling link): a new regular file will be made
        return
    if stat.S_ISREG(st.st_mode):
        return
    kind = next((name for test, name in _KINDS if test(st.st_mode)), "not a regular file")
    link = " (through a symbolic link)" if os.path.islink(path) else ""
    raise NotRegularFile(errno.EINVAL, f"it is {kind}{link}; -o writes regular files only", path)


def _umask() -> int:
    # os.umask can only be read by setting it; it is set straight back.
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: str | os.PathLike[str], text: str, force: bool = False) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically.

    Without ``force`` an existing ``path`` is never replaced: :class:`FileExistsError`.
    Anything but a regular file is never replaced: :class:`NotRegularFile`. Other failures
    raise the :class:`OSError` that caused them, with ``path`` untouched.
    """
    check_regular_target(path)
    target = Path(path)
    if not force and target.exists():
        raise _exists(target)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        # mkstemp makes the file private (0600): give it the mode of the file it replaces,
        # or the mode a new file would get.
        try:
            mode = target.stat().st_mode & 0o7777
        except FileNotFoundError:
            mode = 0o666 & ~_umask()
        os.chmod(tmp, mode)
        if force:
            check_regular_target(path)  # again, just before: it may have changed meanwhile
            os.replace(tmp, target)
        else:
            _place_new(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _sync_folder(target.parent)


def _place_new(tmp: str, target: Path) -> None:
    """Give ``tmp`` the name ``target`` unless a file of that name appeared meanwhile."""
    try:
        os.link(tmp, target)  # fails if target exists, with no window between check and write
    except FileExistsError:
        raise _exists(target) from None
    except OSError:
        # A file system without hard links: check, then rename.
        if target.exists():
            raise _exists(target) from None
        os.replace(tmp, target)
    else:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _exists(target: Path) -> FileExistsError:
    return FileExistsError(errno.EEXIST, "file exists", str(target))


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (best effort: not every system can fsync a folder)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
