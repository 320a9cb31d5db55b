"""What a data folder holds right now, a ``stat`` per entry, and what changed since a store
was written: the key to every cached answer.

:func:`walk` lists every folder below the data folder with each entry's size, mode,
modification and change times (``lstat``: a link is keyed by itself; a chmod, or an edit
whose mtime was put back, moves the ctime). Its digest is the store's key. Kept per folder,
the same figures let :func:`changed_files` name the entity files that differ from a stored
listing, so that one edited file costs one file's work (:mod:`.overlay`). Anything else that
changed (a folder's mode, a link, a stray file, a subfolder) is not narrowed down: the
caller reads everything again.
"""

from __future__ import annotations

import functools
import hashlib
import os
import stat
import sys
from array import array
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from comorbidity_kb.kinds import FOLDERS
from comorbidity_kb.read.files import SUFFIXES

# fstatat relative to an open folder skips resolving the whole path once per file.
_BY_FOLDER_FD = os.listdir in os.supports_fd and os.lstat in os.supports_dir_fd


@dataclass(frozen=True, slots=True)
class Folder:
    """One folder's entries (sorted names) with their (size, mode) and (mtime, ctime) in ns."""

    names: tuple[str, ...]
    numbers: array[int]  # size, mode, size, mode, ...
    times: array[int]  # mtime, ctime, mtime, ctime, ...

    def encode(self) -> tuple[bytes, bytes, bytes]:
        """The three columns a store keeps for this folder."""
        joined = "\0".join(self.names).encode("utf-8", "surrogateescape")
        return joined, self.numbers.tobytes(), self.times.tobytes()

    @classmethod
    def decode(cls, names: bytes, numbers: bytes, times: bytes) -> Folder:
        """A folder as a store kept it (:meth:`encode`)."""
        found = tuple(names.decode("utf-8", "surrogateescape").split("\0")) if names else ()
        nums, stamps = array("q"), array("q")
        nums.frombytes(numbers)
        stamps.frombytes(times)
        if len(nums) != 2 * len(found) or len(stamps) != 2 * len(found):
            raise ValueError("a folder's figures do not match its names")
        return cls(found, nums, stamps)

    def entries(self) -> dict[str, tuple[int, int, int, int]]:
        """Name → (size, mode, mtime, ctime)."""
        n, t = self.numbers, self.times
        return {
            name: (n[2 * i], n[2 * i + 1], t[2 * i], t[2 * i + 1])
            for i, name in enumerate(self.names)
        }


@dataclass(frozen=True, slots=True)
class Listing:
    """Every folder below a data folder, by path relative to it ("" for the folder itself)."""

    key: str  # a digest of everything below, and of the package's own modules
    newest: float  # the newest mtime or ctime seen, in seconds since the epoch
    folders: dict[str, Folder]


@functools.cache
def code_stamp() -> str:
    """A digest of the Python version and of every module of the package: a store written
    by other code is not read at all (its rows, indexes and diagnostics are that code's)."""
    return hashlib.sha256(f"{sys.version}|{package_stamp()}".encode()).hexdigest()


def walk(root: Path) -> Listing:
    """List and ``lstat`` everything below ``root`` (a linked folder is not entered)."""
    digest = hashlib.sha256(code_stamp().encode())
    folders: dict[str, Folder] = {}
    newest = 0
    stack = [""]
    base = os.fspath(root)
    while stack:
        rel = stack.pop()
        folder = os.path.join(base, rel) if rel else base
        try:
            found, subfolders = _stat_folder(folder)
        except OSError as exc:  # unreadable: key on the error, so a later fix is seen
            digest.update(os.fsencode(f"{folder}\0{exc.errno}\n"))
            folders[rel] = Folder((f"\0error {exc.errno}",), array("q", [0, 0]), array("q", [0, 0]))
            continue
        folders[rel] = found
        stack += reversed([f"{rel}/{name}" if rel else name for name in subfolders])
        newest = max(newest, max(found.times, default=0))
        digest.update(("\0".join([folder, *found.names]) + "\0").encode("utf-8", "surrogateescape"))
        digest.update(found.numbers.tobytes() + found.times.tobytes())
    return Listing(digest.hexdigest(), newest / 1e9, folders)


def _stat_folder(folder: str) -> tuple[Folder, list[str]]:
    """One folder's entries, and the names of its subfolders (not links to folders)."""
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
    subfolders = [name for name, st in zip(names, stats, strict=True) if stat.S_ISDIR(st.st_mode)]
    numbers = array("q", [n for st in stats for n in (st.st_size, st.st_mode)])
    times = array("q", [t for st in stats for t in (st.st_mtime_ns, st.st_ctime_ns)])
    return Folder(tuple(names), numbers, times), subfolders


def package_stamp() -> str:
    """The size and mtime of every module of the package: what a stored entity means
    depends on all of them (models, indexes, ...), not just the version."""
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


def changed_files(before: Mapping[str, Folder], now: Listing) -> set[str] | None:
    """The entity files ("kind/name.yaml") added, removed or changed since ``before``; None
    when something else changed, which only reading everything again can account for.

    Dot files are ignored as the reader ignores them (an editor's swap file comes and goes).
    """
    if set(before) != set(now.folders) or not _same_kind_folders(before.get(""), now.folders[""]):
        return None
    changed: set[str] = set()
    for rel, folder in now.folders.items():
        old = before[rel]
        if old == folder or rel == "":
            continue
        if rel not in FOLDERS:  # below a kind folder, or another folder: not narrowed down
            return None
        found = _changed_in(old, folder)
        if found is None:
            return None
        changed.update(f"{rel}/{name}" for name in found)
    return changed


def _same_kind_folders(old: Folder | None, new: Folder) -> bool:
    """The data folder's own entries are the same, but for the times of its kind folders
    (which move whenever a file in them is added or removed)."""
    if old is None or old.names != new.names or old.numbers != new.numbers:
        return False
    for i, name in enumerate(new.names):
        is_dir = stat.S_ISDIR(new.numbers[2 * i + 1])
        if (
            not (is_dir and name in FOLDERS)
            and old.times[2 * i : 2 * i + 2] != new.times[2 * i : 2 * i + 2]
        ):
            return False
    return True


def _changed_in(old: Folder, new: Folder) -> set[str] | None:
    """The names of entity files that differ between two listings of one kind folder, or
    None when an entry that is not a plain entity file changed."""
    before, after = old.entries(), new.entries()
    changed: set[str] = set()
    for name in before.keys() | after.keys():
        if name.startswith(".") or before.get(name) == after.get(name):
            continue
        modes = [entry[1] for entry in (before.get(name), after.get(name)) if entry is not None]
        if not name.endswith(SUFFIXES) or not all(stat.S_ISREG(mode) for mode in modes):
            return None
        changed.add(name)
    return changed


def linked(listing: Listing) -> bool:
    """Whether an entry of the data folder or of a kind folder is a symbolic link (what it
    points at changes without the link changing)."""
    for rel in ("", *FOLDERS):
        folder = listing.folders.get(rel)
        modes = folder.numbers[1::2] if folder is not None else ()
        if any(stat.S_ISLNK(mode) for mode in modes):
            return True
    return False
