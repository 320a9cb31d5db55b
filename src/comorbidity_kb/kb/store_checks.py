"""What ``kb validate`` keeps in a store: each file's diagnostics, each citation's first
grading, and the files whose rows changed since they were checked.

A store written by a query has none of these (``checked`` is 0); one written by
``kb validate`` has them for the listing it was written for. When a query later writes the
store for an edit, the edited files are listed as unchecked with the signature they had
when they were checked (:func:`comorbidity_kb.check.context.signature`), so that the next
``kb validate`` still knows what the rest of its diagnostics were computed against.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Mapping
from pathlib import Path

from comorbidity_kb.check.diagnostics import Diagnostic, display_path
from comorbidity_kb.kb.store_rows import Stored, StoreDamaged
from comorbidity_kb.rules import Severity

Found = list[tuple[str, Diagnostic]]  # (file below the data folder, diagnostic)


def relative(root: Path, path: Path) -> str:
    """``path`` below ``root``, as the store keys files ("." for the folder itself)."""
    try:
        return path.relative_to(root).as_posix() or "."
    except ValueError:
        return os.fspath(path)


def checked(stored: Stored) -> int | None:
    """How many files the stored diagnostics cover, or None when the store has none."""
    found = stored.rows.query("SELECT value FROM meta WHERE key = 'checked'")
    value = found[0][0] if found else None
    return value if isinstance(value, int) and value >= 0 else None


def record(
    conn: sqlite3.Connection,
    found: Found,
    files: int,
    graded: Mapping[str, tuple[str, str]] | None,
    redone: Iterable[str] = (),
    regraded: Mapping[str, tuple[str, str] | None] | None = None,
) -> None:
    """Store the diagnostics of the files ``redone`` (or of every file, when ``graded`` is
    given: a whole check), how many files the whole check covers, and the first grading of
    the sources ``regraded`` (None: no longer graded)."""
    if graded is not None:
        conn.execute("DELETE FROM diagnostic")
        conn.execute("DELETE FROM graded")
        conn.executemany(
            "INSERT INTO graded VALUES (?, ?, ?)", [(c, k, e) for c, (k, e) in graded.items()]
        )
    for source, grading in (regraded or {}).items():
        conn.execute("DELETE FROM graded WHERE citation = ?", (source,))
        if grading is not None:
            conn.execute("INSERT INTO graded VALUES (?, ?, ?)", (source, *grading))
    for path in redone:
        conn.execute("DELETE FROM diagnostic WHERE file = ?", (os.fsencode(path),))
    conn.execute("DELETE FROM unchecked")
    conn.executemany(
        "INSERT INTO diagnostic VALUES (?, ?, ?, ?, ?, ?)",
        [(os.fsencode(f), d.line, d.column, str(d.severity), d.message, d.rule) for f, d in found],
    )
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('checked', ?)", (files,))


def set_aside(conn: sqlite3.Connection, signatures: Mapping[str, bytes]) -> None:
    """Mark files as changed since they were checked, each with the signature its entity
    had then (a file marked already keeps its first one)."""
    if conn.execute("SELECT 1 FROM meta WHERE key = 'checked'").fetchone() is None:
        return  # nothing was checked: nothing to keep apart
    conn.executemany(
        "INSERT OR IGNORE INTO unchecked VALUES (?, ?)",
        [(os.fsencode(p), s) for p, s in signatures.items()],
    )


def unchecked(stored: Stored) -> dict[str, bytes]:
    """Files whose rows changed since they were checked → their signature then."""
    rows = stored.rows.query("SELECT path, signature FROM unchecked")
    return {os.fsdecode(p): s for p, s in rows if isinstance(p, bytes) and isinstance(s, bytes)}


def without_entity(stored: Stored) -> set[str]:
    """Files that gave no entity (unreadable, rejected, or a warning): read every time."""
    rows = stored.rows.query("SELECT path FROM file WHERE entity IS NULL")
    return {os.fsdecode(p) for (p,) in rows}  # type: ignore[arg-type]


def graded(stored: Stored) -> dict[str, tuple[str, str]]:
    """Each citation's first grading (kind, entity) in file order, as last checked."""
    rows = stored.rows.query("SELECT citation, kind, entity FROM graded")
    return {str(c): (str(k), str(e)) for c, k, e in rows}


def diagnostics(stored: Stored, root: Path, leaving_out: set[str]) -> Found:
    """The stored diagnostics of every file but ``leaving_out``, named for this directory."""
    out: Found = []
    names: dict[str, str] = {}
    sql = "SELECT file, line, col, severity, message, rule FROM diagnostic"
    for file, line, col, severity, message, rule in stored.rows.query(sql):
        rel = os.fsdecode(file)  # type: ignore[arg-type]
        if rel in leaving_out:
            continue
        if rel not in names:
            names[rel] = display_path(root / rel if rel != "." else root)
        where = names[rel]
        try:
            level = Severity(str(severity))
            d = Diagnostic(where, int(str(line)), int(str(col)), level, str(message), str(rule))
        except ValueError as exc:
            raise StoreDamaged(stored.path, f"a damaged diagnostic: {exc}") from exc
        out.append((rel, d))
    return out


def files_with(stored: Stored, rules: Iterable[str]) -> set[str]:
    """The files a stored diagnostic of one of ``rules`` is about."""
    found: set[str] = set()
    for rule in rules:
        rows = stored.rows.query("SELECT DISTINCT file FROM diagnostic WHERE rule = ?", rule)
        found.update(os.fsdecode(f) for (f,) in rows if isinstance(f, bytes))
    return found


def has_rule(stored: Stored, rule: str) -> bool:
    """Whether a stored diagnostic is of ``rule``."""
    return bool(stored.rows.query("SELECT 1 FROM diagnostic WHERE rule = ? LIMIT 1", rule))
