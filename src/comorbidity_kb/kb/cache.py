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
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, ParamSpec, TypeVar

from comorbidity_kb.kb.trust import (
    remove_dead_temporaries,
    terminations_clean_up,
    untrusted_because,
)

if TYPE_CHECKING:
    from comorbidity_kb.kb.knowledge import KnowledgeBase
    from comorbidity_kb.kb.listing import Listing
    from comorbidity_kb.kb.store import Snapshot, Stored

RACY_SECONDS = 2.0


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
    """The key of everything below ``root`` (:func:`.listing.walk`), and its newest time."""
    from comorbidity_kb.kb.listing import walk

    found = walk(root)
    return found.key, found.newest


def read_cache(root: Path, key: str) -> tuple[KnowledgeBase, int] | None:
    """The cached knowledge base for ``root`` if its key matches; None on any doubt.

    A cache that cannot be trusted is removed, so that the next run writes a good one.
    """
    for stored in _stores(root):
        if stored.key == key:
            return stored.kb(), stored.problems
    return None


def discard(path: Path) -> None:
    """Remove a cache file that cannot be trusted; failing to is harmless."""
    with contextlib.suppress(OSError):
        path.unlink()


def write_cache(
    root: Path, key: str, kb: KnowledgeBase, problems: int, snapshot: Snapshot | None = None
) -> None:
    """Write the cache atomically; a failure to write is not an error (it is only a cache)."""
    from comorbidity_kb.kb.store import write_store

    writing(lambda folder: write_store(folder, cache_stem(root), kb, key, problems, snapshot))


def writing(write: Callable[[Path], object]) -> None:
    """Run ``write`` into the trusted cache folder, if there is one; failing is skipping."""
    folder = trusted_cache_dir()
    if folder is None or os.environ.get("KB_NO_CACHE") is not None:
        return
    # SIGTERM midway removes the temporary file; one a SIGKILL left is removed here.
    with terminations_clean_up():
        remove_dead_temporaries(folder)
        try:
            write(folder)
        except Exception:  # a cache that cannot be written (disk full, ...) is only skipped
            return


def load_kb_cached(root: Path) -> tuple[KnowledgeBase, int]:
    """The knowledge base at ``root`` and how many of its files were left out (unreadable,
    or rejected by their model), from a fresh cache if there is one.

    After an edit, the files that changed are read again and laid over the cache
    (:mod:`.overlay`); the answer never waits for an edit to age, only writing does.
    """
    from comorbidity_kb.kb.listing import walk

    listed = _clock()  # before the walk: an edit after it must not share a time it saw
    listing = walk(root)
    stored = newest_store(root)
    if stored is not None and stored.key == listing.key:
        return stored.kb(), stored.problems
    settled = listed - listing.newest > RACY_SECONDS
    edited = _edited(root, stored, listing, settled) if stored is not None else None
    if edited is not None:
        return edited
    from comorbidity_kb.kb.build import load_read
    from comorbidity_kb.kb.overlay import known_entities, snapshot_of

    # the files unchanged since the store was written are not parsed again
    kb, read = load_read(root, known_entities(stored, listing) if stored else None)
    if settled:
        write_cache(root, listing.key, kb, read.left_out, snapshot_of(root, read, kb, listing))
    return kb, read.left_out


def _edited(
    root: Path, stored: Stored, listing: Listing, settled: bool
) -> tuple[KnowledgeBase, int] | None:
    """The store with the files changed since it was written read again, or None when only
    reading everything is exact (or quicker)."""
    from comorbidity_kb.kb.knowledge import KnowledgeBase
    from comorbidity_kb.kb.listing import changed_files
    from comorbidity_kb.kb.overlay import overlay, read_edit

    if not stored.narrowable:
        return None
    paths = changed_files(stored.listing(), listing)
    if paths is None or len(paths) > max(64, few(listing)):
        return None
    edit = read_edit(root, stored, paths)
    parts = overlay(stored, edit)
    if parts is None:
        return None
    if settled:
        from comorbidity_kb.kb.store_update import update_store

        writing(lambda folder: update_store(folder, cache_stem(root), stored, parts, edit, listing))
    return KnowledgeBase.from_parts(parts), stored.problems + edit.left_out_change


def few(listing: Listing) -> int:
    """How many changed files are still worth laying over a store: a twentieth of them
    (past that, reading everything again is about as quick)."""
    return sum(len(folder.names) for folder in listing.folders.values()) // 20


def newest_store(root: Path) -> Stored | None:
    """The newest trustworthy store of ``root``, whatever listing it was written for."""
    return next(_stores(root), None)


def _stores(root: Path) -> Iterator[Stored]:
    """The stores of ``root`` this code can read, newest first; a damaged one is removed."""
    from comorbidity_kb.kb.store import StoreDamaged, open_stored, store_files

    folder = trusted_cache_dir()
    if folder is None:
        return
    for path in store_files(folder, cache_stem(root)):
        try:
            found = open_stored(path)
        except StoreDamaged:
            discard(path)
            continue
        except OSError:  # unreadable, gone meanwhile, or not a regular file (a FIFO, ...)
            continue
        if found is not None:
            yield found


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
