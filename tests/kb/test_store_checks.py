"""What kb validate keeps in a store reads back as written: diagnostics named for the
directory they are shown in, first gradings, and files set aside as unchecked."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from comorbidity_kb import rules
from comorbidity_kb.check.diagnostics import Diagnostic, Severity
from comorbidity_kb.kb import store, store_checks
from comorbidity_kb.kb.build import load_read
from comorbidity_kb.kb.listing import walk
from comorbidity_kb.kb.overlay import snapshot_of
from comorbidity_kb.kb.store import write_store
from comorbidity_kb.kb.store_rows import Stored, open_stored

WARN = Diagnostic("ignored", 3, 4, Severity.WARNING, "a warning", rules.ORPHAN_CITATION)
ERR = Diagnostic("ignored", 1, 1, Severity.ERROR, "an error", rules.BAD_VALUE)


def _store(root: Path, folder: Path, also: object = None) -> Stored:
    listing = walk(root)
    kb, read = load_read(root)
    snapshot = snapshot_of(root, read, kb, listing)
    path = write_store(folder, "s", kb, listing.key, 0, snapshot, also)  # type: ignore[arg-type]
    found = open_stored(path)
    assert found is not None
    return found


def test_a_query_store_has_nothing_checked(valid_kb: Path, tmp_path: Path) -> None:
    stored = _store(valid_kb, tmp_path)
    assert store_checks.checked(stored) is None
    assert store_checks.unchecked(stored) == {}


def test_diagnostics_and_gradings_read_back_named_for_here(
    valid_kb: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def also(conn: sqlite3.Connection) -> None:
        found = [("conditions/insomnia.yaml", ERR), (".", WARN)]
        store_checks.record(conn, found, 12, {"blog-post": ("review", "insomnia")})

    stored = _store(valid_kb, tmp_path, also)
    assert store_checks.checked(stored) == 12
    assert store_checks.graded(stored) == {"blog-post": ("review", "insomnia")}
    assert store_checks.has_rule(stored, rules.ORPHAN_CITATION)
    assert not store_checks.has_rule(stored, rules.PARENT_CYCLE)
    monkeypatch.chdir(valid_kb)
    found = store_checks.diagnostics(stored, valid_kb, set())
    assert [(f, d.path, d.line, d.message) for f, d in found] == [
        ("conditions/insomnia.yaml", "conditions/insomnia.yaml", 1, "an error"),
        (".", ".", 3, "a warning"),
    ]
    assert store_checks.diagnostics(stored, valid_kb, {"."}) == found[:1]
    monkeypatch.chdir(valid_kb / "conditions")
    assert store_checks.diagnostics(stored, valid_kb, set())[0][1].path == "insomnia.yaml"


def _tables() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.executescript(store._SCHEMA)
    return conn


def test_a_partial_record_replaces_only_the_files_redone() -> None:
    conn = _tables()
    store_checks.record(conn, [("a.yaml", ERR), ("b.yaml", WARN)], 2, {"c": ("review", "a")})
    store_checks.set_aside(conn, {"a.yaml": b"first"})
    store_checks.set_aside(conn, {"a.yaml": b"second", "b.yaml": b""})
    assert dict(conn.execute("SELECT path, signature FROM unchecked")) == {
        b"a.yaml": b"first",  # the signature when it was checked is kept
        b"b.yaml": b"",
    }
    regraded = {"c": None, "d": ("cohort", "b")}
    store_checks.record(conn, [("a.yaml", WARN)], 3, None, redone={"a.yaml"}, regraded=regraded)
    rows = conn.execute("SELECT file, message FROM diagnostic ORDER BY file").fetchall()
    assert rows == [(b"a.yaml", "a warning"), (b"b.yaml", "a warning")]
    assert conn.execute("SELECT * FROM graded").fetchall() == [("d", "cohort", "b")]
    assert conn.execute("SELECT count(*) FROM unchecked").fetchone() == (0,)
    assert conn.execute("SELECT value FROM meta WHERE key = 'checked'").fetchone() == (3,)


def test_nothing_is_set_aside_in_a_store_never_checked() -> None:
    conn = _tables()
    store_checks.set_aside(conn, {"a.yaml": b"x"})
    assert conn.execute("SELECT count(*) FROM unchecked").fetchone() == (0,)


def test_a_path_is_keyed_below_its_data_folder(tmp_path: Path) -> None:
    assert (
        store_checks.relative(tmp_path, tmp_path / "conditions" / "a.yaml") == "conditions/a.yaml"
    )
    assert store_checks.relative(tmp_path, tmp_path) == "."
    assert store_checks.relative(tmp_path / "x", tmp_path / "y") == str(tmp_path / "y")
