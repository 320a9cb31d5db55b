"""``kb validate`` from the store says, after every edit, exactly what checking every file
afresh says: the same diagnostics, in the same order, at the same places, over the same
number of files. An edit that keeps what other files' rules read of it is checked on its
own; any other edit checks everything (but parses only what changed).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from comorbidity_kb.check.validate import validate_path
from comorbidity_kb.kb import cache, revalidate
from comorbidity_kb.read.source import read_data

Step = Callable[[Path], None]


def _sub(rel: str, old: str, new: str) -> Step:
    def step(root: Path) -> None:
        text = (root / rel).read_text()
        assert old in text, (rel, old)
        (root / rel).write_text(text.replace(old, new, 1))

    return step


def _sub_all(rel: str, old: str, new: str) -> Step:
    def step(root: Path) -> None:
        text = (root / rel).read_text()
        assert old in text, (rel, old)
        (root / rel).write_text(text.replace(old, new))

    return step


def _copy(rel: str, to: str, old: str, new: str) -> Step:
    def step(root: Path) -> None:
        (root / to).write_text((root / rel).read_text().replace(old, new))

    return step


def _remove(rel: str) -> Step:
    def step(root: Path) -> None:
        (root / rel).unlink()

    return step


def _write(rel: str, text: str) -> Step:
    def step(root: Path) -> None:
        (root / rel).write_text(text)

    return step


def _query(root: Path) -> None:
    """A query in between (it writes the store for the edits so far, once they are old)."""
    cache.load_kb_cached(root)


INSOMNIA = "conditions/insomnia.yaml"
LINK = "links/insomnia--anxiety.yaml"
ANXIETY = "conditions/anxiety.yaml"
SLEEP = "conditions/sleep-disturbance.yaml"
ALVARO = "citations/alvaro-2013.yaml"
NEW = "citations/new-source-2024.yaml"

# (what, the step, how the next `kb validate` answers once the edits have aged: "stored",
# "narrowed" or "whole"; None: not checked)
STEPS: list[tuple[str, Step, str | None]] = [
    ("nothing changed", lambda root: None, "stored"),
    (
        "reword a description",
        _sub(INSOMNIA, "Ongoing difficulty", "Lasting difficulty"),
        "narrowed",
    ),
    ("a query writes the store, then nothing changes", _query, None),
    (
        "a mechanism listed twice",
        _sub(
            LINK,
            "      - hpa-axis-cortisol\n",
            "      - hpa-axis-cortisol\n      - hpa-axis-cortisol\n",
        ),
        "narrowed",
    ),
    (
        "point at a condition that does not exist",
        _sub(INSOMNIA, "parent: sleep-disturbance", "parent: sleep-disturbence"),
        "narrowed",
    ),
    (
        "fix it",
        _sub(INSOMNIA, "parent: sleep-disturbence", "parent: sleep-disturbance"),
        "narrowed",
    ),
    (
        "a parent that closes a cycle",
        _sub(SLEEP, "category: ", "parent: insomnia\ncategory: "),
        "whole",
    ),
    (
        "a cycle is in the store: everything is checked",
        _sub(INSOMNIA, "A common", "A frequent"),
        "whole",
    ),
    ("the cycle undone", _sub(SLEEP, "parent: insomnia\ncategory: ", "category: "), "whole"),
    ("and the file edited back", _sub(INSOMNIA, "A frequent", "A common"), "narrowed"),
    ("break a file", _write("conditions/depression.yaml", "id: [unclosed\n"), "narrowed"),
    ("a query in between", _query, None),
    (
        "an alias two entities answer to",
        _sub(INSOMNIA, "aliases: [", "aliases: [depression, "),
        "narrowed",
    ),
    ("a stray file", _write("conditions/notes.txt", "x"), "whole"),
    ("reword again", _sub(INSOMNIA, "Lasting difficulty", "Long difficulty"), "narrowed"),
    (
        "grade a source two ways (anxiety.yaml, read first, grades it popular-article)",
        _sub(
            INSOMNIA,
            "locator: introduction, kind: popular-article",
            "locator: introduction, kind: expert-opinion",
        ),
        "narrowed",
    ),
    (
        "reword the file that grades it second",
        _sub(INSOMNIA, "Long difficulty", "Lasting difficulty"),
        "narrowed",
    ),
    (
        "a source's DOI changes",
        _sub(ALVARO, "doi: 10.5665/sleep.2810", "doi: 10.5665/sleep.2811"),
        "narrowed",
    ),
    (
        "a source is no longer verified",
        _sub(ALVARO, "verified: true", "verified: false"),
        "narrowed",
    ),
    ("a source's title changes", _sub(ALVARO, 'title: "', 'title: "Revised: '), "narrowed"),
    (
        "a mechanism nothing mediates any more",
        _sub_all(LINK, "      - memory-consolidation-loss\n", ""),
        "narrowed",
    ),
    (
        "another file answers to a name",
        _sub(INSOMNIA, "aliases: [", "aliases: [anxiety, "),
        "narrowed",
    ),
    ("and no longer", _sub(INSOMNIA, "aliases: [anxiety, ", "aliases: ["), "narrowed"),
    (
        "the first file to grade a source grades it otherwise: every later one disagrees",
        _sub(
            ANXIETY,
            "locator: introduction, kind: popular-article",
            "locator: introduction, kind: expert-opinion",
        ),
        "narrowed",
    ),
    (
        "point at a source that does not exist yet",
        _sub(INSOMNIA, "citation: alvaro-2013", "citation: new-source-2024"),
        "narrowed",
    ),
    ("add it", _copy(ALVARO, NEW, "id: alvaro-2013", "id: new-source-2024"), "narrowed"),
    ("remove it", _remove(NEW), "narrowed"),
    ("a file that is not YAML, named as the source", _write(NEW, "id: [\n"), "narrowed"),
    ("now YAML its model rejects", _write(NEW, "id: new-source-2024\n"), "narrowed"),
    ("and not YAML again", _write(NEW, "id: [\n"), "narrowed"),
    (
        "a source named like the missing one appears: the 'did you mean' changes",
        _copy(ALVARO, "citations/new-source-2023.yaml", "id: alvaro-2013", "id: new-source-2023"),
        "narrowed",
    ),
    ("fix it", _copy(ALVARO, NEW, "id: alvaro-2013", "id: new-source-2024"), "narrowed"),
    (
        "an id changed inside a file",
        _sub(SLEEP, "id: sleep-disturbance", "id: sleep-problems"),
        "narrowed",
    ),
    ("and back", _sub(SLEEP, "id: sleep-problems", "id: sleep-disturbance"), "narrowed"),
    ("a query, then the first grading as it was", _query, None),
    (
        "...",
        _sub(
            ANXIETY,
            "locator: introduction, kind: expert-opinion",
            "locator: introduction, kind: popular-article",
        ),
        "narrowed",
    ),
]


@pytest.mark.parametrize("settled", [True, False], ids=["edits-aged", "edits-under-2s"])
def test_every_edit_is_validated_exactly_as_afresh(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch, settled: bool
) -> None:
    long_ago = time.time() - 3600
    for path in [data_copy, *data_copy.rglob("*")]:
        os.utime(path, (long_ago, long_ago))
    monkeypatch.setattr(cache, "_clock", lambda: time.time() + 10)
    monkeypatch.chdir(data_copy.parent)
    _same(data_copy)  # the first run checks every file and writes the store
    if not settled:
        monkeypatch.setattr(cache, "_clock", time.time)
    ways: list[str] = []
    real_narrowed, real_whole = revalidate._narrowed, revalidate._whole

    def narrowed(*args: object) -> object:
        found = real_narrowed(*args)  # type: ignore[arg-type]
        if found is not None:
            ways.append("narrowed")
        return found

    def whole(*args: object) -> object:
        ways.append("whole")
        return real_whole(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(revalidate, "_narrowed", narrowed)
    monkeypatch.setattr(revalidate, "_whole", whole)
    taken, expected = [], []
    for what, step, way in STEPS:
        ways.clear()
        step(data_copy)
        _same(data_copy)
        if way is not None and settled:  # under 2 s, each run starts from the first store
            taken.append((what, (ways or ["stored"])[0]))
            expected.append((what, way))
    assert taken == expected


def _same(root: Path) -> None:
    got = revalidate.validate_cached(root)
    want = validate_path(root)
    assert got.files == want.files
    assert [d.as_text() for d in got.diagnostics] == [d.as_text() for d in want.diagnostics]


def test_a_store_a_query_wrote_is_checked_once_then_answers(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    long_ago = time.time() - 3600
    for path in [data_copy, *data_copy.rglob("*")]:
        os.utime(path, (long_ago, long_ago))
    monkeypatch.setattr(cache, "_clock", lambda: time.time() + 10)
    cache.load_kb_cached(data_copy)  # a query writes a store with nothing checked
    parsed: list[int] = []
    real = read_data

    def counting(root: Path, jobs: int | None = None, known: object = None) -> object:
        found = real(root, jobs, known)  # type: ignore[arg-type]
        parsed.append(found.files - len(known or {}))  # type: ignore[arg-type]
        return found

    monkeypatch.setattr(revalidate, "read_data", counting)
    _same(data_copy)
    assert parsed == [0]  # every entity came from the store's rows
    monkeypatch.setattr(revalidate, "_whole", None)  # the next one must not check everything
    _same(data_copy)
