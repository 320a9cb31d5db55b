"""Writing a store for an edit: a copy of the old one with the edited files' rows redone.

A store is never changed once written (readers open it ``immutable``), so an edit makes a
new file: the old one copied (the kernel copies; no row is decoded), the rows of the files
read again replaced, the touched index rows rewritten, the listing and counts brought up to
date, and the whole sealed under its new CRC as :func:`.store.sealed` seals any store.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from comorbidity_kb.check.context import signature
from comorbidity_kb.kb.index import Parts
from comorbidity_kb.kb.listing import Listing
from comorbidity_kb.kb.overlay import Edit, Reindexed
from comorbidity_kb.kb.store import (
    GAP,
    FileRow,
    Stored,
    file_rows,
    listing_rows,
    packed,
    sealed,
    set_meta,
)
from comorbidity_kb.kb.store_checks import set_aside
from comorbidity_kb.kb.store_rows import SEPARATOR
from comorbidity_kb.kb.trust import open_regular
from comorbidity_kb.model import kind_of


def update_store(
    folder: Path,
    stem: str,
    stored: Stored,
    parts: Parts,
    edit: Edit,
    listing: Listing,
    also: Callable[[sqlite3.Connection], None] | None = None,
) -> Path:
    """Write the store of ``parts`` (``stored`` with ``edit`` laid over it) for ``listing``.

    The edited files are set aside as unchecked (:mod:`.store_checks`) unless ``also``,
    run last, records them checked.
    """
    then = {
        path: signature(stored.rows.entity(old) if old is not None else None)
        for path, (old, _) in edit.before.items()
    }
    then.update((path, b"") for path in edit.now if path not in then)

    def fill(conn: sqlite3.Connection) -> None:
        zdict = conn.execute("SELECT value FROM meta WHERE key = 'zdict'").fetchone()[0]
        gone = [(i,) for i, _ in edit.before.values() if i is not None]
        conn.executemany("DELETE FROM entity WHERE id = ?", gone)
        for path, (entity, _) in edit.now.items():
            if entity is not None:
                row = (entity.id, kind_of(entity), os.fsencode(path), packed(entity, zdict))
                conn.execute(
                    "INSERT INTO entity VALUES (?, ?, ?, ?, ?)", (_place(conn, path), *row)
                )
        _rewrite_index(conn, parts)
        conn.executemany("DELETE FROM file WHERE path = ?", [(os.fsencode(p),) for p in edit.now])
        rows = [FileRow(p, e.id if e else None, out) for p, (e, out) in edit.now.items()]
        conn.executemany("INSERT INTO file VALUES (?, ?, ?)", file_rows(rows))
        conn.executemany(
            "INSERT OR REPLACE INTO listing VALUES (?, ?, ?, ?)", listing_rows(listing.folders)
        )
        problems = stored.problems + edit.left_out_change
        set_meta(conn, listing.key, problems)
        set_aside(conn, then)
        if also is not None:
            also(conn)

    source = open_regular(stored.path)
    try:
        return sealed(folder, stem, fill, start_from=source)
    finally:
        os.close(source)


def _place(conn: sqlite3.Connection, path: str) -> int:
    """A free position for the file ``path`` between its neighbours in file order (the
    store's paths are UTF-8, so their byte order is the reader's order of names), the
    entities renumbered first if they left no room."""
    key = os.fsencode(path)
    before = "SELECT coalesce(max(pos), -1) FROM entity WHERE path < ?"
    after = f"SELECT coalesce(min(pos), (SELECT coalesce(max(pos), 0) FROM entity) + {2 * GAP}) "
    after += "FROM entity WHERE path > ?"
    low, high = (conn.execute(sql, (key,)).fetchone()[0] for sql in (before, after))
    if high - low < 2:
        _renumber(conn)
        return _place(conn, path)
    return int((low + high) // 2)


def _renumber(conn: sqlite3.Connection) -> None:
    """Spread the positions out again, keeping their order."""
    found = [pos for (pos,) in conn.execute("SELECT pos FROM entity ORDER BY pos")]
    conn.execute("UPDATE entity SET pos = -pos - 1")
    conn.executemany(
        "UPDATE entity SET pos = ? WHERE pos = ?",
        [(n * GAP, -pos - 1) for n, pos in enumerate(found)],
    )


def _rewrite_index(conn: sqlite3.Connection, parts: Parts) -> None:
    """The index rows an edit redid (:class:`.overlay.Reindexed`), written over the old."""
    for name, index in parts.indexes.items():
        if not isinstance(index, Reindexed):
            continue
        for key, ids in index.delta.items():
            conn.execute("DELETE FROM idx WHERE name = ? AND key = ?", (name, key))
            if ids:
                conn.execute("INSERT INTO idx VALUES (?, ?, ?)", (name, key, SEPARATOR.join(ids)))
