"""One edited file costs one file's work: after an edit, a query and `kb validate` parse the
edited file and no other (the rest comes from the cache). Counted, not timed: the times
are in docs/performance.md (benchmarks/incremental.py)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from comorbidity_kb.kb import cache, revalidate
from comorbidity_kb.read import source
from tests.adversarial.conftest import age


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files parsed from now on."""
    names: list[str] = []
    real = source.parse_entity_file

    def counting(path: Path) -> object:
        names.append(path.name)
        return real(path)

    monkeypatch.setattr(source, "parse_entity_file", counting)
    return names


@pytest.mark.parametrize("aged", [True, False], ids=["edit-aged", "edit-under-2s"])
def test_one_edit_parses_one_file(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch, parsed: list[str], aged: bool
) -> None:
    age(data_copy)
    monkeypatch.setattr(cache, "_clock", lambda: time.time() + 10)
    cache.load_kb_cached(data_copy)
    files = revalidate.validate_cached(data_copy).files
    if not aged:
        monkeypatch.setattr(cache, "_clock", time.time)
    path = data_copy / "conditions" / "insomnia.yaml"
    path.write_text(path.read_text().replace("Ongoing difficulty", "Lasting difficulty"))
    parsed.clear()
    kb, _ = cache.load_kb_cached(data_copy)
    assert "Lasting difficulty" in str(kb.conditions["insomnia"].description)
    assert parsed == ["insomnia.yaml"]
    parsed.clear()
    report = revalidate.validate_cached(data_copy)
    assert report.files == files and report.errors == 0, report.diagnostics
    assert parsed == ["insomnia.yaml"]
