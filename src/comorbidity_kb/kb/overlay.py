"""A stored knowledge base with a few files read again: one edit costs one file's work.

:func:`read_edit` reads the files that changed since the store was written; :func:`overlay`
lays their entities over the store's rows, and recomputes only the index rows they touch
(an entity's own entries, before and after). The result answers exactly as a knowledge
base built from every file would, or :func:`overlay` says None and the caller rebuilds:
when the store holds a duplicated id or link pair or a linked file (first-wins and link
targets would need every file), or when the edit makes a duplicate.
"""

from __future__ import annotations

import stat
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from comorbidity_kb.kb.index import INDEXES, IdIndex, Parts, index_entries, pair_key
from comorbidity_kb.kb.knowledge import KnowledgeBase
from comorbidity_kb.kb.listing import Listing, linked
from comorbidity_kb.kb.store import FileRow, Snapshot, Stored
from comorbidity_kb.kinds import FOLDERS
from comorbidity_kb.model import Entity, kind_of
from comorbidity_kb.read.source import ReadResult, read_files


@dataclass(frozen=True)
class Edit:
    """The files read again: path ("kind/name.yaml") → (its entity or None, left out), as
    now and as the store has them (the entity's id there)."""

    now: dict[str, tuple[Entity | None, bool]]
    before: dict[str, tuple[str | None, bool]]
    read: ReadResult  # of the files read again

    @property
    def left_out_change(self) -> int:
        """How many more files are left out than the store counted."""
        return sum(out for _, out in self.now.values()) - sum(
            out for _, out in self.before.values()
        )


def read_edit(root: Path, stored: Stored, paths: set[str]) -> Edit:
    """Read ``paths`` (below ``root``) again, and look up what the store had for them."""
    order = sorted(paths, key=file_order)
    files = [(p.split("/", 1)[0], root / p) for p in order if (root / p).exists()]
    read = read_files(root, files)
    relative = {root / p: p for p in order}
    now: dict[str, tuple[Entity | None, bool]] = {p: (None, False) for p in order}
    for path, left_out in read.outcomes().items():
        now[relative[path]] = (None, left_out)
    for entity in read.entities:
        now[relative[read.path_of(entity)]] = (entity, False)
    return Edit(now, stored.files(order), read)


def _utf8(path: str) -> bool:
    """Whether a file name is UTF-8: then the store's byte order of paths is the reader's
    order of names, which placing an added file relies on (:mod:`.store_update`)."""
    try:
        path.encode()
    except UnicodeEncodeError:
        return False
    return True


def file_order(path: str) -> tuple[str, str]:
    """The order the reader lists files in: kind folder, then name."""
    folder, _, name = path.partition("/")
    return folder, name


def overlay(stored: Stored, edit: Edit) -> Parts | None:
    """The store's parts with ``edit`` applied, or None when only a rebuild is exact."""
    gone = {entity_id for entity_id, _ in edit.before.values() if entity_id is not None}
    placed = {e.id: (path, e) for path, (e, _) in edit.now.items() if e is not None}
    if (
        not stored.narrowable
        or not all(map(_utf8, edit.now))
        or len(placed) != sum(e is not None for e, _ in edit.now.values())
    ):
        return None
    if any(i not in gone and stored.path_of(i) is not None for i in placed):
        return None  # an id some other file already has
    before = [e for e in map(stored.rows.entity, sorted(gone)) if e is not None]
    after = [e for _, e in placed.values()]
    indexes = _reindexed(stored.parts.indexes, gone, before, after)
    if indexes is None:
        return None
    entities = Overlaid(stored, None, gone, placed)
    by_kind = {kind: Overlaid(stored, kind, gone, placed) for kind in stored.parts.by_kind}
    return Parts(entities, by_kind, indexes)


def _reindexed(
    base: Mapping[str, IdIndex], gone: set[str], before: list[Entity], after: list[Entity]
) -> dict[str, IdIndex] | None:
    """Every index with the rows that ``before`` (now gone) and ``after`` touch redone."""
    touched: defaultdict[str, set[str]] = defaultdict(set)
    added: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
    for entity in before:
        for name, key in index_entries(entity):
            touched[name].add(key)
    for entity in after:
        for name, key in index_entries(entity):
            touched[name].add(key)
            added[name, key].add(entity.id)
    out: dict[str, IdIndex] = {}
    for name in INDEXES:
        delta = {}
        for key in touched[name]:
            kept = [i for i in base[name].get(key, ()) if i not in gone]
            ids = sorted(set(kept) | added[name, key])
            if name == "link_between" and len(ids) > 1:
                return None  # two links for one pair: the first in file order wins
            delta[key] = ids
        out[name] = Reindexed(base[name], delta) if delta else base[name]
    return out


class Overlaid(Mapping[str, Entity]):
    """Entities by id (of one kind, or all): the store's, less those gone, plus those read."""

    def __init__(
        self,
        stored: Stored,
        kind: str | None,
        gone: set[str],
        placed: dict[str, tuple[str, Entity]],
    ) -> None:
        self._base = stored.parts.entities if kind is None else stored.parts.by_kind[kind]
        self._rows = stored.rows
        self._kind = kind
        self._gone = gone
        self._placed = {i: pe for i, pe in placed.items() if kind is None or kind_of(pe[1]) == kind}
        self._order: list[str] | None = None

    def __getitem__(self, entity_id: str) -> Entity:
        if entity_id in self._placed:
            return self._placed[entity_id][1]
        if entity_id in self._gone:
            raise KeyError(entity_id)
        return self._base[entity_id]

    def _ids(self) -> list[str]:
        """Every id, in the order of the files they come from."""
        if self._order is None:
            kept = [(p, i) for p, i in self._rows.placed(self._kind) if i not in self._gone]
            kept += [(path, i) for i, (path, _) in self._placed.items()]
            kept.sort(key=lambda pair: file_order(pair[0]))
            self._order = [i for _, i in kept]
        return self._order

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids())

    def __len__(self) -> int:
        return len(self._ids())

    def values(self) -> list[Entity]:  # type: ignore[override]
        """Every entity, the store's decoded in one pass."""
        stored = {e.id: e for e in self._base.values()}
        return [self._placed[i][1] if i in self._placed else stored[i] for i in self._ids()]

    def items(self) -> list[tuple[str, Entity]]:  # type: ignore[override]
        return [(e.id, e) for e in self.values()]


class Reindexed(Mapping[str, Sequence[str]]):
    """One index with some keys' ids redone (an empty list: the key is gone)."""

    def __init__(self, base: IdIndex, delta: dict[str, list[str]]) -> None:
        self._base = base
        self.delta = delta

    def __getitem__(self, key: str) -> Sequence[str]:
        if key in self.delta:
            if not self.delta[key]:
                raise KeyError(key)
            return self.delta[key]
        return self._base[key]

    def _keys(self) -> list[str]:
        keys = set(self._base) | {k for k, ids in self.delta.items() if ids}
        return sorted(keys - {k for k, ids in self.delta.items() if not ids})

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys())

    def __len__(self) -> int:
        return len(self._keys())


def known_entities(stored: Stored, listing: Listing) -> dict[str, Entity]:
    """The stored entities of the files that have not changed since the store was written
    (same name, size, mode and times; regular files only), by "kind folder/name"."""
    then = stored.listing()
    same: set[str] = set()
    for kind in FOLDERS:
        old, new = then.get(kind), listing.folders.get(kind)
        if old is None or new is None:
            continue
        before = old.entries()
        for name, figures in new.entries().items():
            if before.get(name) == figures and stat.S_ISREG(figures[1]):
                same.add(f"{kind}/{name}")
    return stored.rows.by_path(same)


def snapshot_of(root: Path, read: ReadResult, kb: KnowledgeBase, listing: Listing) -> Snapshot:
    """What a store of ``kb``, read from every file below ``root``, records besides it."""
    relative = {}
    for entity in read.entities:
        path = read.path_of(entity)
        if kb.entities.get(entity.id) is entity:
            relative[path] = entity.id
    rows = [_file_row(root, path, entity_id, False) for path, entity_id in relative.items()]
    rows += [_file_row(root, path, None, out) for path, out in read.outcomes().items()]
    lost = len(relative) < len(read.entities)  # an id given twice: the first file wins
    pairs = [pair_key(*link.conditions) for link in kb.links.values() if len(link.conditions) == 2]
    utf8 = all(_utf8(row.path) for row in rows)
    narrowable = not lost and len(set(pairs)) == len(pairs) and not linked(listing) and utf8
    return Snapshot(rows, listing.folders, narrowable)


def _file_row(root: Path, path: Path, entity_id: str | None, left_out: bool) -> FileRow:
    try:
        rel = path.relative_to(root).as_posix()
    except ValueError:
        rel = path.as_posix()
    return FileRow(rel, entity_id, left_out)
