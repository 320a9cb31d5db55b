"""The on-disk store behind warm queries: one SQLite file per data folder.

Each entity is one row (its model as JSON, compressed against a dictionary shared by the
file), each index entry one row (its ids). A query opens the file read-only and reads only
the rows it touches (:mod:`.store_rows`): ``kb show insomnia`` on 100,000 entities decodes a
few dozen of them. The store also keeps the listing it was written for (:mod:`.listing`) and
which entity each file gave, so that after an edit only the edited files are read again
(:mod:`.overlay`, :mod:`.store_update`).

The file is written whole under a temporary name, and its name then says its CRC-32
(``<folder digest>.<crc>.sqlite``): a file is never changed once written, so readers open
it ``immutable`` (no locking), and :func:`open_stored` checks the whole file against its
name before trusting a byte of it. Anything wrong (not SQLite, truncated, flipped bytes,
another format) is :class:`StoreDamaged`: the caller removes it and rebuilds. Only regular
files are opened (:mod:`.trust`).
"""

from __future__ import annotations

import gc
import os
import sqlite3
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from comorbidity_kb.kb.knowledge import KnowledgeBase
from comorbidity_kb.kb.listing import Folder, code_stamp
from comorbidity_kb.kb.store_rows import (
    FORMAT,
    SEPARATOR,
    Stored,
    StoreDamaged,
    open_store,
    open_stored,
)
from comorbidity_kb.kb.trust import TEMP_PREFIX, crc_of, open_regular
from comorbidity_kb.model import Entity, kind_of

GAP = 1 << 20  # between the positions of consecutive entities: room to insert new files

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value NOT NULL);
CREATE TABLE entity (
    pos INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, path BLOB NOT NULL,
    blob BLOB NOT NULL
);
CREATE INDEX entity_kind ON entity (kind, pos);
CREATE TABLE idx (
    name TEXT NOT NULL, key TEXT NOT NULL, ids TEXT NOT NULL, PRIMARY KEY (name, key)
) WITHOUT ROWID;
CREATE TABLE file (
    path BLOB PRIMARY KEY, entity TEXT, left_out INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE listing (
    folder BLOB PRIMARY KEY, names BLOB NOT NULL, numbers BLOB NOT NULL, times BLOB NOT NULL
) WITHOUT ROWID;
-- kb validate's (store_checks.py): each file's diagnostics, each source's first grading,
-- and the files a query wrote since they were checked
CREATE TABLE diagnostic (
    file BLOB NOT NULL, line INTEGER NOT NULL, col INTEGER NOT NULL, severity TEXT NOT NULL,
    message TEXT NOT NULL, rule TEXT NOT NULL
);
CREATE INDEX diagnostic_file ON diagnostic (file);
CREATE TABLE graded (
    citation TEXT PRIMARY KEY, kind TEXT NOT NULL, entity TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE unchecked (path BLOB PRIMARY KEY, signature BLOB NOT NULL)
WITHOUT ROWID;
"""

__all__ = [
    "FORMAT",
    "FileRow",
    "Snapshot",
    "StoreDamaged",
    "Stored",
    "open_store",
    "open_stored",
    "write_store",
]


@dataclass(frozen=True, slots=True)
class FileRow:
    """One entity file: its path below the data folder ("kind/name.yaml"), the id of the
    entity it gave (None when it gave none, or lost to an earlier file with its id), and
    whether it was left out (unreadable, or rejected by its model)."""

    path: str
    entity: str | None
    left_out: bool


@dataclass(frozen=True)
class Snapshot:
    """What a store records besides the knowledge base: the listing it was written for and
    each file's entity. ``narrowable``: no duplicated id or pair and no linked file, so an
    edit can be applied file by file (:mod:`.overlay`); otherwise every edit rebuilds."""

    files: Sequence[FileRow] = ()
    listing: Mapping[str, Folder] = field(default_factory=dict)
    narrowable: bool = False


def store_files(folder: Path, stem: str) -> list[Path]:
    """The store files of ``stem`` in ``folder``, newest first (normally one)."""
    try:
        found = [
            folder / name
            for name in os.listdir(folder)
            if name.startswith(stem + ".") and name.endswith(".sqlite")
        ]
    except OSError:
        return []
    return sorted(found, key=_mtime_ns, reverse=True)


def _mtime_ns(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:  # removed meanwhile (by another kb replacing it): sorts last
        return 0


def write_store(
    folder: Path,
    stem: str,
    kb: KnowledgeBase,
    key: str,
    problems: int,
    snapshot: Snapshot | None = None,
    also: Callable[[sqlite3.Connection], None] | None = None,
) -> Path:
    """Write ``kb`` as ``folder/stem.<crc>.sqlite``, atomically; older files of stem go.

    ``folder`` must be trusted (:func:`.trust.untrusted_because`). ``also`` adds to the
    file before it is sealed (``kb validate``'s diagnostics, :mod:`.store_checks`).
    """
    snap = snapshot or Snapshot()

    def fill(conn: sqlite3.Connection) -> None:
        conn.executescript(_SCHEMA)
        zdict = _dictionary(kb)
        paths = {row.entity: row.path for row in snap.files if row.entity is not None}
        conn.executemany("INSERT INTO entity VALUES (?, ?, ?, ?, ?)", entity_rows(kb, zdict, paths))
        conn.executemany("INSERT INTO idx VALUES (?, ?, ?)", _index_rows(kb))
        conn.executemany("INSERT INTO file VALUES (?, ?, ?)", file_rows(snap.files))
        conn.executemany("INSERT INTO listing VALUES (?, ?, ?, ?)", listing_rows(snap.listing))
        narrowable = int(snap.narrowable)
        meta = {"format": FORMAT, "code": code_stamp(), "zdict": zdict, "narrowable": narrowable}
        conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        set_meta(conn, key, problems)
        if also is not None:
            also(conn)

    return sealed(folder, stem, fill)


def sealed(
    folder: Path,
    stem: str,
    fill: Callable[[sqlite3.Connection], None],
    start_from: int | None = None,
) -> Path:
    """Make a store: a temporary file (a copy of the file open at ``start_from``, or empty)
    that ``fill`` completes, named after its CRC once whole; older files of stem go.

    The temporary file is named after this process (``.tmp-<pid>-…``): removed on any
    exception, and if the writer died (SIGKILL, power loss) by the next write
    (:func:`.trust.remove_dead_temporaries`).
    """
    import tempfile  # only when writing: it pulls in `random`, which reads are spared

    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=".sqlite")
    try:
        if start_from is not None:
            os.lseek(start_from, 0, os.SEEK_SET)
            size = os.fstat(start_from).st_size
            while size > 0:  # copy_file_range is not everywhere; sendfile to a file is
                size -= os.sendfile(fd, start_from, None, size) or size
        os.close(fd)
        fd = -1
        conn = sqlite3.connect(tmp)
        enabled = gc.isenabled()
        gc.disable()  # tens of thousands of rows: the collector would rescan them for nothing
        try:
            # A crash mid-write leaves only the temporary file: no journal needed.
            conn.execute("PRAGMA journal_mode = OFF")
            conn.execute("PRAGMA synchronous = OFF")
            fill(conn)
            conn.commit()
        finally:
            conn.close()
            if enabled:
                gc.enable()
        check = open_regular(Path(tmp))
        try:
            crc = crc_of(check)
        finally:
            os.close(check)
        target = folder / f"{stem}.{crc:08x}.sqlite"
        os.replace(tmp, target)
    except BaseException:
        if fd >= 0:
            os.close(fd)
        Path(tmp).unlink(missing_ok=True)
        raise
    for old in store_files(folder, stem):
        if old != target:
            old.unlink(missing_ok=True)
    return target


def set_meta(conn: sqlite3.Connection, key: str, problems: int) -> None:
    """Record which listing the rows are of (``key``) and how many files were left out."""
    conn.executemany(
        "INSERT OR REPLACE INTO meta VALUES (?, ?)", [("key", key), ("problems", problems)]
    )


def _json(entity: Entity) -> bytes:
    return entity.model_dump_json(by_alias=True).encode()


def _dictionary(kb: KnowledgeBase) -> bytes:
    """A zlib preset dictionary: an entity of each kind as JSON (their field names recur in
    every row, which alone compresses badly). Kept small: zlib copies the dictionary for
    every row it inflates, and a larger one costs more than it saves."""
    sample = b""
    for entities in kb.by_kind.values():
        for entity in list(entities.values())[:1]:
            sample += _json(entity)
    return sample[-4096:]


def packed(entity: Entity, zdict: bytes) -> bytes:
    """An entity's row: its JSON, compressed against the store's dictionary."""
    packer = zlib.compressobj(6, zdict=zdict)
    return packer.compress(_json(entity)) + packer.flush()


def entity_rows(
    kb: KnowledgeBase, zdict: bytes, paths: Mapping[str, str]
) -> Iterable[tuple[int, str, str, bytes, bytes]]:
    """The entity table's rows, in file order."""
    for n, entity in enumerate(kb.entities.values()):
        path = os.fsencode(paths.get(entity.id, ""))
        yield n * GAP, entity.id, kind_of(entity), path, packed(entity, zdict)


def _index_rows(kb: KnowledgeBase) -> Iterable[tuple[str, str, str]]:
    for name, index in kb.parts.indexes.items():
        for key, ids in index.items():
            yield name, key, SEPARATOR.join(ids)


def file_rows(files: Iterable[FileRow]) -> Iterable[tuple[bytes, str | None, int]]:
    """The file table's rows."""
    for row in files:
        yield os.fsencode(row.path), row.entity, int(row.left_out)


def listing_rows(listing: Mapping[str, Folder]) -> Iterable[tuple[bytes, bytes, bytes, bytes]]:
    """The listing table's rows, a folder each."""
    for rel, folder in listing.items():
        yield (os.fsencode(rel), *folder.encode())
