"""Opening a store, and reading it lazily: entities by id and by kind, and the indexes,
row by row.

Rows are data, never code: an entity is read back by its model's ``model_validate_json``,
so a planted row can at worst fail validation (:class:`StoreDamaged`), never run anything.
"""

from __future__ import annotations

import gc
import os
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from comorbidity_kb.kb.index import INDEXES, Parts
from comorbidity_kb.kb.knowledge import KnowledgeBase
from comorbidity_kb.kb.listing import Folder, code_stamp
from comorbidity_kb.kb.trust import crc_of, open_regular, sqlite_uri
from comorbidity_kb.model import MODELS, Entity, kind_of

FORMAT = "6"  # 6: kb validate's diagnostics; 5: the listing and each file's entity;
# 4: JSON rows; 3 and before: pickles
SEPARATOR = "\x1f"  # between ids in one index row; ids are kebab-case, never contain it


class StoreDamaged(Exception):
    """The store cannot be trusted (corrupt, truncated, foreign): remove it and rebuild."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path


def relpath_of(raw: object) -> str:
    """A path column (bytes, as the file system spelled it) as the text the reader uses."""
    if not isinstance(raw, bytes):
        raise TypeError("a path column holds bytes")
    return os.fsdecode(raw)


class Rows:
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
        # Tens of thousands of new objects: the collector would rescan them again and again.
        enabled = gc.isenabled()
        gc.disable()
        try:
            for entity_id, row_kind, blob in self.query(
                f"SELECT id, kind, blob FROM entity {where} ORDER BY pos", *args
            ):
                assert isinstance(entity_id, str)
                entity = self.memo.get(entity_id)
                if entity is None:
                    entity = self.memo[entity_id] = self.decode(entity_id, row_kind, blob)
                out.append(entity)
        finally:
            if enabled:
                gc.enable()
        return out

    def by_path(self, paths: set[str]) -> dict[str, Entity]:
        """The stored entities of the files ``paths``, decoded in one pass."""
        out: dict[str, Entity] = {}
        enabled = gc.isenabled()
        gc.disable()  # tens of thousands of new objects, as in :meth:`entities`
        try:
            for path, entity_id, kind, blob in self.query(
                "SELECT path, id, kind, blob FROM entity"
            ):
                rel = relpath_of(path)
                if rel in paths:
                    out[rel] = self.memo[str(entity_id)] = self.decode(entity_id, kind, blob)
        finally:
            if enabled:
                gc.enable()
        return out

    def placed(self, kind: str | None) -> list[tuple[str, str]]:
        """(path, id) of every entity (of ``kind``), in file order."""
        where, args = ("WHERE kind = ?", (kind,)) if kind else ("", ())
        found = self.query(f"SELECT path, id FROM entity {where} ORDER BY pos", *args)
        return [(relpath_of(path), str(entity_id)) for path, entity_id in found]


class Entities(Mapping[str, Entity]):
    """Entities by id (of one kind, or all), read from the store as they are asked for."""

    def __init__(self, rows: Rows, kind: str | None) -> None:
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


class Index(Mapping[str, Sequence[str]]):
    """One inverse index (see :data:`comorbidity_kb.kb.index.INDEXES`), read key by key."""

    def __init__(self, rows: Rows, name: str) -> None:
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
            self._memo[key] = found[0].split(SEPARATOR)
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


class Stored:
    """An open store: its knowledge base (read lazily), and what it was written for."""

    def __init__(self, path: Path, conn: sqlite3.Connection, meta: dict[str, object]) -> None:
        problems, zdict = meta.get("problems"), meta.get("zdict")
        if not isinstance(problems, int) or not isinstance(zdict, bytes):
            raise StoreDamaged(path, "incomplete metadata")
        self.path = path
        self.key = str(meta.get("key"))
        self.problems = problems
        self.narrowable = meta.get("narrowable") == 1
        self.rows = Rows(conn, path, zdict)
        self.parts = Parts(
            Entities(self.rows, None),
            {kind: Entities(self.rows, kind) for kind in MODELS},
            {name: Index(self.rows, name) for name in INDEXES},
        )

    def kb(self) -> KnowledgeBase:
        """The stored knowledge base, as it was written."""
        return KnowledgeBase.from_parts(self.parts)

    def listing(self) -> dict[str, Folder]:
        """The listing the store was written for."""
        found = self.rows.query("SELECT folder, names, numbers, times FROM listing")
        try:
            return {
                os.fsdecode(rel): Folder.decode(names, numbers, times)  # type: ignore[arg-type]
                for rel, names, numbers, times in found
            }
        except (TypeError, ValueError) as exc:
            raise StoreDamaged(self.path, f"a damaged listing: {exc}") from exc

    def files(self, paths: Iterable[str]) -> dict[str, tuple[str | None, bool]]:
        """Path → (its entity's id, left out) for those of ``paths`` the store knows."""
        out: dict[str, tuple[str | None, bool]] = {}
        for path in paths:
            sql = "SELECT entity, left_out FROM file WHERE path = ?"
            for entity, left_out in self.rows.query(sql, os.fsencode(path)):  # type: ignore[arg-type]
                out[path] = (entity if isinstance(entity, str) else None, left_out == 1)
        return out

    def path_of(self, entity_id: str) -> str | None:
        """The file the stored entity ``entity_id`` came from, if there is one."""
        found = self.rows.query("SELECT path FROM entity WHERE id = ?", entity_id)
        return os.fsdecode(found[0][0]) if found else None  # type: ignore[arg-type]


def open_stored(path: Path) -> Stored | None:
    """The store at ``path`` if this version wrote it, else None.

    Raises :class:`StoreDamaged` when the file's bytes do not match the CRC in its name, or
    it is not a store; :class:`OSError` when it is not a regular file.
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
    if meta.get("format") != FORMAT or meta.get("code") != code_stamp():
        conn.close()  # another version wrote it: not one of its rows is this code's
        return None
    return Stored(path, conn, meta)


def open_store(path: Path, key: str) -> tuple[KnowledgeBase, int] | None:
    """The knowledge base stored at ``path`` if it was written for ``key``, else None."""
    stored = open_stored(path)
    if stored is None:
        return None
    if stored.key != key:
        stored.rows.conn.close()
        return None
    return stored.kb(), stored.problems
