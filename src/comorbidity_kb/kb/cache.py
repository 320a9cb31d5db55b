"""The on-disk cache of a loaded knowledge base, which can never answer stale.

The cache is a :mod:`store` (SQLite) file per data folder, keyed by a fingerprint of every
file below the folder (path, size, mode, modification and change times in ns) and of the
package's own modules. A file changed (or chmod-ed) within two seconds of when the files
were listed could share its times with an older version (coarse clocks), so no cache is
written then ("racy" files, as git calls them). A cache that fails to open or to check out
is removed and rebuilt, never trusted; a cache folder that others could write to is not
used at all (:mod:`.trust`).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import stat
import sys
import time
from array import array
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ParamSpec, TypeVar

from comorbidity_kb.kb.trust import (
    remove_dead_temporaries,
    terminations_clean_up,
    untrusted_because,
)

if TYPE_CHECKING:
    from comorbidity_kb.kb.knowledge import KnowledgeBase

RACY_SECONDS = 2.0
# fstatat relative to an open folder skips resolving the whole path once per file.
_BY_FOLDER_FD = os.listdir in os.supports_fd and os.lstat in os.supports_dir_fd


_warned: set[str] = set()


def _clock() -> float:
    """Now, in seconds since the epoch (a function, so tests can move it)."""
    return time.time()


def cache_dir() -> Path:
    """``$KB_CACHE_DIR``, else ``$XDG_CACHE_HOME/comorbidity-kb``, else ``~/.cache/…``."""
    explicit = os.environ.get("KB_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "comorbidity-kb"


def trusted_cache_dir() -> Path | None:
    """The cache folder, or None when it may not be used: then one line on stderr says why
    (once a process), and the query is answered without the cache."""
    reason: str | None
    try:
        folder = cache_dir()
    except RuntimeError as exc:  # no $HOME and no password entry: no ~/.cache either
        folder, reason = Path("~/.cache/comorbidity-kb"), str(exc)
    else:
        reason = untrusted_because(folder)
    if reason is None:
        return folder
    if str(folder) not in _warned:
        _warned.add(str(folder))
        print(
            f"kb: warning: not using the cache folder {folder}: {reason}; answering without it",
            file=sys.stderr,
        )
    return None


def cache_stem(root: Path) -> str:
    """The start of the names of the cache files of data folder ``root``."""
    return hashlib.sha256(os.fsencode(root.resolve())).hexdigest()[:24]


def fingerprint(root: Path) -> tuple[str, float]:
    """A digest of every file's path, size, mode, mtime and ctime below ``root``, and the
    newest of those times.

    Names, sizes and times go into the digest a folder at a time, as bytes: at 100,000
    files this walk is one ``stat`` per file and little else (see docs/performance.md).
    """
    digest = hashlib.sha256(f"{sys.version}|{_package_stamp()}".encode())
    newest = 0
    stack = [os.fspath(root)]
    while stack:
        folder = stack.pop()
        try:
            names, subfolders, numbers, times = _stat_folder(folder)
        except OSError as exc:  # unreadable: key on the error, so a later fix is seen
            digest.update(os.fsencode(f"{folder}\0{exc.errno}\n"))
            continue
        stack += reversed(subfolders)
        newest = max(newest, max(times, default=0))
        digest.update(("\0".join([folder, *names]) + "\0").encode("utf-8", "surrogateescape"))
        digest.update(numbers.tobytes() + times.tobytes())
    return digest.hexdigest(), newest / 1e9


def _stat_folder(folder: str) -> tuple[list[str], list[str], array[int], array[int]]:
    """One folder's entry names (sorted), its subfolders, each entry's size and mode, and
    its mtime and ctime (a chmod, or an edit whose mtime was put back, changes the ctime).

    ``lstat``, not ``stat``: a link is keyed by itself. Re-pointing a link replaces it (a
    new mtime); a link into the data folder has its target walked and keyed there; and a
    link out of it is refused by the reader, so what it points at never matters.
    """
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY) if _BY_FOLDER_FD else None
    try:
        if fd is not None:
            names = sorted(os.listdir(fd))
            stats = [os.lstat(name, dir_fd=fd) for name in names]
        else:
            names = sorted(os.listdir(folder))
            stats = [os.lstat(os.path.join(folder, name)) for name in names]
    finally:
        if fd is not None:
            os.close(fd)
    # A linked folder is not entered (it may loop): lstat says it is a link, not a folder.
    subfolders = [
        os.path.join(folder, name)
        for name, st in zip(names, stats, strict=True)
        if stat.S_ISDIR(st.st_mode)
    ]
    numbers = array("q", [n for st in stats for n in (st.st_size, st.st_mode)])
    times = array("q", [t for st in stats for t in (st.st_mtime_ns, st.st_ctime_ns)])
    return names, subfolders, numbers, times


def _package_stamp() -> str:
    # What a stored entity means depends on every module of the package (models,
    # indexes, ...), in every stage's folder: key on the size and mtime of each source
    # file, not just the version.
    package = Path(__file__).resolve().parent.parent
    stamps = []
    for folder, _, files in os.walk(package):
        for name in files:
            if name.endswith(".py"):
                st = os.stat(os.path.join(folder, name))
                stamps.append(
                    f"{os.path.relpath(folder, package)}/{name}:{st.st_size}:{st.st_mtime_ns}"
                )
    return "|".join(sorted(stamps))


def read_cache(root: Path, key: str) -> tuple[KnowledgeBase, int] | None:
    """The cached knowledge base for ``root`` if its key matches; None on any doubt.

    A cache that cannot be trusted is removed, so that the next run writes a good one.
    """
    from comorbidity_kb.kb.store import StoreDamaged, open_store, store_files

    folder = trusted_cache_dir()
    if folder is None:
        return None
    for path in store_files(folder, cache_stem(root)):
        try:
            found = open_store(path, key)
        except StoreDamaged:
            discard(path)
            continue
        except OSError:  # unreadable, gone meanwhile, or not a regular file (a FIFO, ...)
            continue
        if found is not None:
            return found
    return None


def discard(path: Path) -> None:
    """Remove a cache file that cannot be trusted; failing to is harmless."""
    with contextlib.suppress(OSError):
        path.unlink()


def write_cache(root: Path, key: str, kb: KnowledgeBase, problems: int) -> None:
    """Write the cache atomically; a failure to write is not an error (it is only a cache)."""
    from comorbidity_kb.kb.store import write_store

    folder = trusted_cache_dir()
    if folder is None:
        return
    # SIGTERM midway removes the temporary file; one a SIGKILL left is removed here.
    with terminations_clean_up():
        remove_dead_temporaries(folder)
        try:
            write_store(folder, cache_stem(root), kb, key, problems)
        except Exception:  # a cache that cannot be written (disk full, ...) is only skipped
            return


def load_kb_cached(root: Path) -> tuple[KnowledgeBase, int]:
    """The knowledge base at ``root`` and how many of its files were left out (unreadable,
    or rejected by their model), from a fresh cache if there is one."""
    listed = _clock()  # before the walk: an edit after it must not share a time it saw
    key, newest = fingerprint(root)
    cached = read_cache(root, key)
    if cached is not None:
        return cached
    from comorbidity_kb.kb.build import load_fresh

    kb, left_out = load_fresh(root)
    if listed - newest > RACY_SECONDS and os.environ.get("KB_NO_CACHE") is None:
        write_cache(root, key, kb, left_out)
    return kb, left_out


P = ParamSpec("P")
R = TypeVar("R")


def survives_damaged_store(query: Callable[P, R]) -> Callable[P, R]:
    """Run ``query`` once more, from the YAML, if its store turns out damaged midway.

    The store's file is checked whole before it is opened, so only a file written by
    something else gets this far; it is removed, and the second run rebuilds it.
    """

    @functools.wraps(query)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        from comorbidity_kb.kb.store import StoreDamaged

        try:
            return query(*args, **kwargs)
        except StoreDamaged as exc:
            discard(exc.path)
            return query(*args, **kwargs)

    return run
