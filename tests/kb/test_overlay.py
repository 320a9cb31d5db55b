"""A store with edited files laid over it answers exactly as every file read afresh does.

Each step edits a copy of the real data/ as a curator would (a name, a link's mechanisms, a
file removed, added, broken, fixed, an id changed) or as a careless one would (a duplicate
id, a second file for one link pair, a stray file): after every step the cached knowledge
base, its entities in order, its every index and its count of files left out must equal a
fresh read. Steps that only a rebuild can answer exactly must not be laid over the store.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from comorbidity_kb.kb import cache, overlay, store, store_update
from comorbidity_kb.kb.build import load_fresh
from comorbidity_kb.kb.index import INDEXES
from comorbidity_kb.kb.knowledge import KnowledgeBase

Step = Callable[[Path], None]


def _replace(rel: str, old: str, new: str) -> Step:
    def step(root: Path) -> None:
        path = root / rel
        text = path.read_text()
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, 1))

    return step


def _remove(rel: str) -> Step:
    return lambda root: (root / rel).unlink()


def _copy(rel: str, to: str) -> Step:
    def step(root: Path) -> None:
        (root / to).write_text((root / rel).read_text())

    return step


def _write(rel: str, text: str) -> Step:
    def step(root: Path) -> None:
        (root / rel).write_text(text)

    return step


# (what the step does, the step, whether it is laid over the store: None when that depends
# on the store, which an aged edit has rewritten and an edit under 2 s old has not)
STEPS: list[tuple[str, Step, bool | None]] = [
    (
        "rename a condition",
        _replace("conditions/insomnia.yaml", "name: Insomnia", "name: Insomnie"),
        True,
    ),
    (
        "add an alias",
        _replace("conditions/anxiety.yaml", "aliases: [", "aliases: [worry disorder, "),
        True,
    ),
    (
        "drop a mechanism from a link",
        _replace("links/insomnia--anxiety.yaml", "      - prefrontal-emotion-regulation\n", ""),
        True,
    ),
    ("remove a citation file", _remove("citations/alvaro-2013.yaml"), True),
    (
        "add a subtype",
        _write(
            "conditions/early-waking.yaml",
            "id: early-waking\nname: Early waking\ncategory: sleep\nparent: insomnia\n"
            "description: Waking too early.\n",
        ),
        True,
    ),
    (
        "add another beside it",
        _write(
            "conditions/early-waking2.yaml",
            "id: early-waking2\nname: Early waking, again\ncategory: sleep\n"
            "description: Waking too early, twice.\n",
        ),
        True,
    ),
    ("break a file's YAML", _write("conditions/depression.yaml", "id: [unclosed\n"), True),
    ("a dot file comes and goes", _write("conditions/.insomnia.yaml.swp", "junk"), True),
    ("restore the citation", lambda root: None, True),  # replaced in the fixture below
    (
        "change an id inside a file",
        _replace("conditions/early-waking.yaml", "id: early-waking", "id: waking-early"),
        True,
    ),
    (
        "give an id twice",
        _copy("conditions/anxiety.yaml", "conditions/anxiety-copy.yaml"),
        False,
    ),
    ("remove the second file", _remove("conditions/anxiety-copy.yaml"), None),
    ("a stray file in a kind folder", _write("conditions/notes.txt", "notes"), False),
]


def _same(kb: KnowledgeBase, fresh: KnowledgeBase) -> None:
    assert list(kb.entities) == list(fresh.entities)
    assert list(kb.entities.values()) == list(fresh.entities.values())
    for kind, entities in fresh.by_kind.items():
        assert list(kb.by_kind[kind]) == list(entities), kind
        assert len(kb.by_kind[kind]) == len(entities), kind
    for name in INDEXES:
        got = {key: list(ids) for key, ids in kb.parts.indexes[name].items()}
        want = {key: list(ids) for key, ids in fresh.parts.indexes[name].items()}
        assert got == want, name
        for key in want:
            assert list(kb.parts.indexes[name][key]) == want[key]
        assert len(kb.parts.indexes[name]) == len(want)


@pytest.mark.parametrize(
    ("settled", "gap"),
    [(True, store.GAP), (False, store.GAP), (True, 2)],
    ids=["edits-aged", "edits-under-2s", "edits-aged-no-room-between-rows"],
)
def test_every_edit_is_answered_exactly_as_a_fresh_read(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch, settled: bool, gap: int
) -> None:
    # With no room between stored rows, an added file renumbers them (store_update._place).
    monkeypatch.setattr(store, "GAP", gap)
    monkeypatch.setattr(store_update, "GAP", gap)
    renumbered: list[bool] = []
    real_renumber = store_update._renumber

    def renumber(conn: object) -> None:
        renumbered.append(True)
        real_renumber(conn)  # type: ignore[arg-type]

    monkeypatch.setattr(store_update, "_renumber", renumber)
    long_ago = time.time() - 3600
    for path in [data_copy, *data_copy.rglob("*")]:
        os.utime(path, (long_ago, long_ago))
    # The store is written while everything is old; then the clock says whether the edits
    # are old enough to write (aged) or so new that only the answer may use them.
    monkeypatch.setattr(cache, "_clock", lambda: time.time() + 10)
    load_kb_cached_checked(data_copy)
    if not settled:
        monkeypatch.setattr(cache, "_clock", time.time)
    laid: list[bool] = []
    real = overlay.overlay

    def spying(*args: object) -> object:
        found = real(*args)  # type: ignore[arg-type]
        laid.append(found is not None)
        return found

    monkeypatch.setattr(overlay, "overlay", spying)
    saved = (data_copy / "citations/alvaro-2013.yaml").read_text()
    for what, step, narrowable in STEPS:
        laid.clear()
        if what == "restore the citation":
            (data_copy / "citations/alvaro-2013.yaml").write_text(saved)
            (data_copy / "conditions/.insomnia.yaml.swp").unlink()
        else:
            step(data_copy)
        load_kb_cached_checked(data_copy)
        if narrowable is not None:
            assert any(laid) is narrowable, (what, laid)
    assert bool(renumbered) is (gap == 2)


def load_kb_cached_checked(root: Path) -> None:
    kb, left_out = cache.load_kb_cached(root)
    fresh, fresh_left_out = load_fresh(root)
    assert left_out == fresh_left_out
    _same(kb, fresh)
