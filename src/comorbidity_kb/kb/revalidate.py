"""``kb validate`` from the store: one edited file costs one file's work there too.

Three ways, the cheapest that is exact:

- nothing changed since the store was checked: its diagnostics, as they were;
- a few files changed and none of them changed what a rule checking *another* file reads
  of it (its :func:`~comorbidity_kb.check.context.signature`): those files are read and
  checked against the whole knowledge base (the store with them laid over it), and every
  other file keeps its stored diagnostics;
- otherwise every file is checked, but only the files that changed are parsed: the others'
  entities come from the store's rows (:func:`.overlay.known_entities`).

Whatever was checked is written back (once the files are old enough, as for queries), so
that the next run starts from it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from comorbidity_kb import rules
from comorbidity_kb.check.context import Lookups, signature
from comorbidity_kb.check.diagnostics import Diagnostic
from comorbidity_kb.check.validate import Report, check_files
from comorbidity_kb.kb import cache, store_checks
from comorbidity_kb.kb.build import build
from comorbidity_kb.kb.index import Parts
from comorbidity_kb.kb.listing import Listing, changed_files, walk
from comorbidity_kb.kb.overlay import Edit, known_entities, overlay, read_edit, snapshot_of
from comorbidity_kb.kb.store import write_store
from comorbidity_kb.kb.store_rows import Stored
from comorbidity_kb.kb.store_update import update_store
from comorbidity_kb.kinds import FOLDERS
from comorbidity_kb.read.files import SUFFIXES
from comorbidity_kb.read.source import ReadResult, read_data

UNKNOWN = (rules.UNKNOWN_REFERENCE, rules.UNKNOWN_CITATION)


@cache.survives_damaged_store
def validate_cached(root: Path, jobs: int | None = None) -> Report:
    """Every diagnostic about the files below ``root``, as
    :func:`comorbidity_kb.check.validate.validate_path` finds them, from the store where
    it can be."""
    listed = cache._clock()  # before the walk, as for queries
    listing = walk(root)
    settled = listed - listing.newest > cache.RACY_SECONDS
    stored = cache.newest_store(root)
    laid = _laid(root, stored, listing) if stored is not None else None
    if stored is not None and laid is not None and store_checks.checked(stored) is not None:
        if not laid.paths:
            found = store_checks.diagnostics(stored, root, set())
            return _report(found, store_checks.checked(stored) or 0)
        widened = _widened(root, stored, listing, laid)
        if widened is not None and not store_checks.has_rule(stored, rules.PARENT_CYCLE):
            return _narrowed(root, stored, listing, *widened, settled)
    return _whole(root, jobs, stored, listing, laid, settled)


def _report(found: store_checks.Found, files: int) -> Report:
    diagnostics = sorted((d for _, d in found), key=Diagnostic.sort_key)
    return Report(diagnostics, files)


@dataclass(frozen=True)
class _Laid:
    """The files to read again since the store was written (or checked), read, and laid
    over it; with the signature each had when it was last checked, if a query wrote it
    since."""

    paths: set[str]
    edit: Edit
    parts: Parts
    then: dict[str, bytes]
    changed: set[str]  # of paths, those whose files changed (or a query wrote since)

    def signatures(self, stored: Stored) -> dict[str, tuple[dict[str, Any], dict[str, Any]]]:
        """Each file read again: what other files' rules could read of it when it was last
        checked, and now (:func:`~comorbidity_kb.check.context.signature`)."""
        out = {}
        for path, (entity, _) in self.edit.now.items():
            if path in self.then:
                before = self.then[path]
            else:
                old = self.edit.before.get(path, (None, False))[0]
                before = signature(stored.rows.entity(old) if old else None)
            out[path] = (_parts(before), _parts(signature(entity)))
        return out


def _parts(sig: bytes) -> dict[str, Any]:
    found = json.loads(sig) if sig else {}
    return found if isinstance(found, dict) else {}


@dataclass
class _Reach:
    """What an edit may change besides its own files' diagnostics: entities (by id) and
    files to check again, and sources whose first grading is to be found again."""

    stored: Stored
    laid: _Laid
    ids: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    files: set[str] = field(default_factory=set)

    def referrers(self, target: str) -> None:
        """Every entity that points at ``target``, before the edit and after."""
        for parts in (self.stored.parts, self.laid.parts):
            self.ids.update(parts.indexes["referrers"].get(target, ()))

    def named(self, name: str) -> None:
        """Every entity that answers to ``name``, before the edit and after."""
        for parts in (self.stored.parts, self.laid.parts):
            self.ids.update(parts.indexes["names"].get(name, ()))

    def add(self, path: str, before: dict[str, Any], after: dict[str, Any]) -> None:
        """What one file's edit reaches (its signature ``before`` and ``after``)."""
        # a changed file that gives no entity may now fail its model, or no longer: then
        # references to its name are reported at it, or as unknown
        unread = not before and not after and path in self.laid.changed
        if unread or before.get("core") != after.get("core"):  # appeared, went, broke, new id
            for side in (before, after):
                self.referrers(str(side.get("core", ["", ""])[1]))
            self.referrers(Path(path).stem)  # a file its model rejects is not "unknown"
            self.files.update(store_checks.files_with(self.stored, UNKNOWN))  # did you mean
        for name in set(before.get("names", ())) ^ set(after.get("names", ())):
            self.named(name)
        refs = [{tuple(r) for r in side.get("references", ())} for side in (before, after)]
        self.ids.update(str(target) for target, _ in refs[0] ^ refs[1])
        if before.get("grading") != after.get("grading"):
            graded = [*before.get("grading", ()), *after.get("grading", ())]
            self.sources.update(str(source) for source, _ in graded)
        if before.get("content") != after.get("content") and after.get("core"):
            self.referrers(str(after["core"][1]))


def _affected(stored: Stored, laid: _Laid) -> _Reach | None:
    """What the edit reaches (:class:`_Reach`); None when only checking everything is
    exact (a new parent closes a cycle)."""
    reach = _Reach(stored, laid)
    for path, (before, after) in laid.signatures(stored).items():
        if before.get("parent") != after.get("parent") and _cycles(laid, after["core"][1]):
            return None
        reach.add(path, before, after)
    for source in reach.sources:
        reach.referrers(source)
    return reach


def _laid(root: Path, stored: Stored, listing: Listing) -> _Laid | None:
    """The store with the files changed since (and those that gave no entity, and those a
    query wrote since the last check) read again, or None when that is not exact."""
    paths = changed_files(stored.listing(), listing)
    if paths is None:
        return None
    then = store_checks.unchecked(stored)
    if not paths and not then:
        return _Laid(paths, Edit({}, {}, ReadResult(root)), stored.parts, then, set())
    changed = paths | then.keys()
    paths = changed | {p for p in store_checks.without_entity(stored) if _entity_file(p)}
    if len(paths) > max(64, cache.few(listing)):
        return None
    edit = read_edit(root, stored, paths)
    parts = overlay(stored, edit)
    return _Laid(paths, edit, parts, then, changed) if parts is not None else None


def _cycles(laid: _Laid, condition: str) -> bool:
    """Whether the parents of ``condition``, followed up, come round in a cycle (the store
    had none: parent-cycle diagnostics make every run check everything)."""
    conditions = laid.parts.by_kind["conditions"]
    seen = {condition}
    current = conditions.get(condition)
    while current is not None and getattr(current, "parent", None):
        parent = str(getattr(current, "parent", ""))
        if parent in seen:
            return True
        seen.add(parent)
        current = conditions.get(parent)
    return False


def _widened(
    root: Path, stored: Stored, listing: Listing, laid: _Laid
) -> tuple[_Laid, set[str]] | None:
    """The edit with the files it affects read again too (:func:`_affected`), and the
    sources whose first grading is to be found again; None: check everything."""
    affected = _affected(stored, laid)
    if affected is None:
        return None
    more = {stored.path_of(i) for i in affected.ids}  # (a new id is an edited file's)
    paths = laid.paths | {p for p in more if p} | {f for f in affected.files if _entity_file(f)}
    sources = affected.sources
    if paths == laid.paths:
        return laid, sources
    if len(paths) > max(64, cache.few(listing)):
        return None
    edit = read_edit(root, stored, paths)
    parts = overlay(stored, edit)
    if parts is None:
        return None
    return _Laid(paths, edit, parts, laid.then, laid.changed), sources


def _narrowed(
    root: Path, stored: Stored, listing: Listing, laid: _Laid, sources: set[str], settled: bool
) -> Report:
    """Check only the files read again, against the whole knowledge base; every other file
    keeps its stored diagnostics. The first grading of ``sources`` is found again (every
    file that grades them was read again)."""
    indexes = laid.parts.indexes
    graded = {c: g for c, g in store_checks.graded(stored).items() if c not in sources}
    lookups = Lookups(
        laid.parts.entities,
        laid.parts.by_kind,
        indexes["referrers"],
        indexes["names"],
        graded,
    )
    checked = check_files(laid.edit.read, lookups)
    found = [(store_checks.relative(root, p), d) for p, d in checked.found]
    files = _entity_files(listing)
    if settled:
        regraded = {c: checked.graded.get(c) for c in sources}

        def also(conn: sqlite3.Connection) -> None:
            store_checks.record(conn, found, files, None, redone=laid.paths, regraded=regraded)

        _update(root, stored, listing, laid, also)
    return _report(store_checks.diagnostics(stored, root, laid.paths) + found, files)


def _update(
    root: Path,
    stored: Stored,
    listing: Listing,
    laid: _Laid,
    also: Callable[[sqlite3.Connection], None],
) -> None:
    stem = cache.cache_stem(root)
    cache.writing(lambda f: update_store(f, stem, stored, laid.parts, laid.edit, listing, also))


def _entity_files(listing: Listing) -> int:
    """How many files the reader reads as entities in ``listing`` (one without links, as
    a store an edit is laid over has): what a whole check counts."""
    return sum(
        _entity_file(f"{kind}/{name}")
        for kind in FOLDERS
        for name in (listing.folders[kind].names if kind in listing.folders else ())
    )


def _entity_file(path: str) -> bool:
    """Whether ``path`` names a file the reader reads as an entity (not a stray file, not a
    folder): only those are read again; the others' diagnostics come from the listing."""
    folder, _, name = path.partition("/")
    return folder in FOLDERS and name.endswith(SUFFIXES) and not name.startswith(".")


def _whole(
    root: Path,
    jobs: int | None,
    stored: Stored | None,
    listing: Listing,
    laid: _Laid | None,
    settled: bool,
) -> Report:
    """Check every file, parsing only those the store does not hold as they are now; and,
    once the files have aged, write what was found (as an update of the store when the
    edit could be laid over it)."""
    known = known_entities(stored, listing) if stored is not None else {}
    read = read_data(root, jobs, known)
    checked = check_files(read)
    found = [(store_checks.relative(root, p), d) for p, d in checked.found]

    def also(conn: sqlite3.Connection) -> None:
        store_checks.record(conn, found, read.files, checked.graded)

    if settled and stored is not None and laid is not None:
        _update(root, stored, listing, laid, also)
    elif settled:
        kb = build(read)
        snapshot = snapshot_of(root, read, kb, listing)
        stem = cache.cache_stem(root)
        cache.writing(
            lambda f: write_store(f, stem, kb, listing.key, read.left_out, snapshot, also)
        )
    return _report(found, read.files)
