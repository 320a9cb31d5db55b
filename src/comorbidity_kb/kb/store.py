"""The on-disk store behind warm queries: one SQLite file per data folder.

Each entity is one row (its model as JSON, compressed against a dictionary shared by the
file), each index entry one row (its ids). A query opens the file read-only and reads only
the rows it touches: ``kb show insomnia`` on 100,000 entities decodes a few dozen of them.

Rows are data, never code: an entity is read back by its model's ``model_validate_json``,
so a planted row can at worst fail validation (:class:`StoreDamaged`), never run anything
(the pickles of format 3 and before could). Only regular files are opened (:mod:`.trust`).

The file is written whole under a temporary name, and its name then says its CRC-32
(``<folder digest>.<crc>.sqlite``): a file is never changed once written, so readers open
it ``immutable`` (no locking), and :func:`open_store` checks the whole file against its
name before trusting a byte of it. Anything wrong (not SQLite, truncated, flipped bytes,
another format) is :class:`StoreDamaged`: the caller removes it and rebuilds.
"""

from __future__ import annotations

import os
import sqlite3
import zlib
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from comorbidity_kb.kb.index import INDEXES, Parts
from comorbidity_kb.kb.knowledge import KnowledgeBase
from comorbidity_kb.kb.trust import TEMP_PREFIX, crc_of, open_regular, sqlite_uri
from comorbidity_kb.model import MODELS, Entity, kind_of

if TYPE_CHECKING:
    from collections.abc import Iterable

FORMAT = "4"  # 4: rows are JSON validated by the model on read (3 and before: pickles)
_SEPARATOR = "\x1f"  # between ids in one index row; ids are kebab-case, never contain it

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value NOT NULL);
CREATE TABLE entity (
    pos INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, blob BLOB NOT NULL
);
CREATE INDEX entity_kind ON entity (kind, pos);
CREATE TABLE idx (
    name TEXT NOT NULL, key TEXT NOT NULL, ids TEXT NOT NULL, PRIMARY KEY (name, key)
) WITHOUT ROWID;
"""


class StoreDamaged(Exception):
    """The store cannot be trusted (corrupt, truncated, foreign): remove it and rebuild."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path


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


def write_store(folder: Path, stem: str, kb: KnowledgeBase, key: str, problems: int) -> Path:
    """Write ``kb`` as ``folder/stem.<crc>.sqlite``, atomically; older files of stem go.

    ``folder`` must be trusted (:func:`.trust.untrusted_because`). The temporary file is
    named after this process (``.tmp-<pid>-…``): removed on any exception, and if the
    writer died (SIGKILL, power loss) by the next write (:func:`.trust.remove_dead_temporaries`).
    """
    import tempfile  # only when writing: it pulls in `random`, which reads are spared

    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=".sqlite")
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp)
        try:
            # A crash mid-write leaves only the temporary file: no journal needed.
            conn.execute("PRAGMA journal_mode = OFF")
            conn.execute("PRAGMA synchronous = OFF")
            conn.executescript(_SCHEMA)
            zdict = _dictionary(kb)
            conn.executemany("INSERT INTO entity VALUES (?, ?, ?, ?)", _entity_rows(kb, zdict))
            conn.executemany("INSERT INTO idx VALUES (?, ?, ?)", _index_rows(kb))
            meta = {"format": FORMAT, "key": key, "problems": problems, "zdict": zdict}
            conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
            conn.commit()
        finally:
            conn.close()
        fd = open_regular(Path(tmp))
        try:
            crc = crc_of(fd)
        finally:
            os.close(fd)
        target = folder / f"{stem}.{crc:08x}.sqlite"
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    for old in store_files(folder, stem):
        if old != target:
            old.unlink(missing_ok=True)
    return target


def _json(entity: Entity) -> bytes:
    return entity.model_dump_json(by_alias=True).encode()


def _dictionary(kb: KnowledgeBase) -> bytes:
    """A zlib preset dictionary: a few entities of each kind as JSON (their field names
    recur in every row, which alone compresses badly)."""
    sample = b""
    for entities in kb.by_kind.values():
        for entity in list(entities.values())[:4]:
            sample += _json(entity)
    return sample[-32768:]  # zlib looks back 32 KiB at most


def _entity_rows(kb: KnowledgeBase, zdict: bytes) -> Iterable[tuple[int, str, str, bytes]]:
    for pos, entity in enumerate(kb.entities.values()):
        packer = zlib.compressobj(6, zdict=zdict)
        yield pos, entity.id, kind_of(entity), packer.compress(_json(entity)) + packer.flush()


def _index_rows(kb: KnowledgeBase) -> Iterable[tuple[str, str, str]]:
    for name, index in kb.parts.indexes.items():
        for key, ids in index.items():
            yield name, key, _SEPARATOR.join(ids)


def open_store(path: Path, key: str) -> tuple[KnowledgeBase, int] | None:
    """The knowledge base stored at ``path`` if it was written for ``key``, else None.

    Raises :class:`StoreDamaged` when the file's bytes do not match the CRC in its name,
    or it is not a store this version wrote; :class:`OSError` when it is not a regular file.
    """
    try:
        expected = int(path.name.split(".")[-2], 16)
    except (IndexError, ValueError) as exc:
        raise StoreDamaged(path, "no CRC in the name") from exc
    fd = open_regular(path)
    try:
        if crc_of(fd) != expected:
            raise StoreDamaged(path, "the contents do not match the CRC in the name")
        try:
            # Read-only and never changed: safe to share between threads.
            conn = sqlite3.connect(sqlite_uri(path, fd), uri=True, check_same_thread=False)
            meta = dict(conn.execute("SELECT key, value FROM meta"))
        except sqlite3.Error as exc:
            raise StoreDamaged(path, str(exc)) from exc
    finally:
        os.close(fd)  # SQLite has opened the file itself (immutable: it stays open)
    if meta.get("format") != FORMAT or meta.get("key") != key:
        conn.close()
        return None
    problems, zdict = meta.get("problems"), meta.get("zdict")
    if not isinstance(problems, int) or not isinstance(zdict, bytes):
        raise StoreDamaged(path, "incomplete metadata")
    rows = _Rows(conn, path, zdict)
    parts = Parts(
        _Entities(rows, None),
        {kind: _Entities(rows, kind) for kind in MODELS},
        {name: _Index(rows, name) for name in INDEXES},
    )
    return KnowledgeBase.from_parts(parts), problems


class _Rows:
    """Reads rows from one open store, decoding each entity once."""

    def __init__(self, conn: sqlite3.Connection, path: Path, zdict: bytes) -> None:
        self.conn = conn
        self.path = path
        self.zdict = zdict
        self.memo: dict[str, Entity | None] = {}

    def query(self, sql: str, *args: str) -> list[tuple[object, ...]]:
        try:
            return self.conn.execute(sql, args).fetchall()
        except sqlite3.Error as exc:
            raise StoreDamaged(self.path, str(exc)) from exc

    def column(self, sql: str, *args: str) -> list[str]:
        """The first column of a query's rows, as text."""
        return [str(row[0]) for row in self.query(sql, *args)]

    def entity(self, entity_id: str) -> Entity | None:
        if entity_id not in self.memo:
            found = self.query("SELECT id, kind, blob FROM entity WHERE id = ?", entity_id)
            self.memo[entity_id] = self.decode(*found[0]) if found else None
        return self.memo[entity_id]

    def decode(self, entity_id: object, kind: object, blob: object) -> Entity:
        model = MODELS.get(kind) if isinstance(kind, str) else None
        if model is None or not isinstance(blob, bytes):
            raise StoreDamaged(self.path, f"the row of {entity_id!r} holds something else")
        try:
            unpacker = zlib.decompressobj(zdict=self.zdict)
            # JSON through the model: data is validated, never executed.
            entity = model.model_validate_json(unpacker.decompress(blob) + unpacker.flush())
        except Exception as exc:  # the file's CRC matched: only a foreign writer gets here
            raise StoreDamaged(self.path, f"cannot decode {entity_id!r}: {exc}") from exc
        if getattr(entity, "id", None) != entity_id:
            raise StoreDamaged(self.path, f"the row of {entity_id!r} holds another entity")
        return entity  # type: ignore[return-value]

    def entities(self, kind: str | None) -> list[Entity]:
        where, args = ("WHERE kind = ?", (kind,)) if kind else ("", ())
        out = []
        for entity_id, row_kind, blob in self.query(
            f"SELECT id, kind, blob FROM entity {where} ORDER BY pos", *args
        ):
            assert isinstance(entity_id, str)
            entity = self.memo.get(entity_id)
            if entity is None:
                entity = self.memo[entity_id] = self.decode(entity_id, row_kind, blob)
            out.append(entity)
        return out


class _Entities(Mapping[str, Entity]):
    """Entities by id (of one kind, or all), read from the store as they are asked for."""

    def __init__(self, rows: _Rows, kind: str | None) -> None:
        self._rows = rows
        self._kind = kind
        self._ids: list[str] | None = None

    def __getitem__(self, entity_id: str) -> Entity:
        entity = self._rows.entity(entity_id)
        if entity is None or (self._kind is not None and kind_of(entity) != self._kind):
            raise KeyError(entity_id)
        return entity

    def _all_ids(self) -> list[str]:
        if self._ids is None:
            where, args = ("WHERE kind = ?", (self._kind,)) if self._kind else ("", ())
            self._ids = self._rows.column(f"SELECT id FROM entity {where} ORDER BY pos", *args)
        return self._ids

    def __iter__(self) -> Iterator[str]:
        return iter(self._all_ids())

    def __len__(self) -> int:
        return len(self._all_ids())

    def values(self) -> list[Entity]:  # type: ignore[override]
        """Every entity, decoded in one pass (whole-base commands: list, stats, cite)."""
        return self._rows.entities(self._kind)

    def items(self) -> list[tuple[str, Entity]]:  # type: ignore[override]
        return [(e.id, e) for e in self.values()]


class _Index(Mapping[str, Sequence[str]]):
    """One inverse index (see :data:`comorbidity_kb.kb.index.INDEXES`), read key by key."""

    def __init__(self, rows: _Rows, name: str) -> None:
        self._rows = rows
        self._name = name
        self._memo: dict[str, Sequence[str]] = {}
        self._keys: list[str] | None = None

    def __getitem__(self, key: str) -> Sequence[str]:
        if key not in self._memo:
            sql = "SELECT ids FROM idx WHERE name = ? AND key = ?"
            found = self._rows.column(sql, self._name, key)
            if not found:
                raise KeyError(key)
            self._memo[key] = found[0].split(_SEPARATOR)
        return self._memo[key]

    def _all_keys(self) -> list[str]:
        if self._keys is None:
            sql = "SELECT key FROM idx WHERE name = ? ORDER BY key"
            self._keys = self._rows.column(sql, self._name)
        return self._keys

    def __iter__(self) -> Iterator[str]:
        return iter(self._all_keys())

    def __len__(self) -> int:
        return len(self._all_keys())
