"""Reading files in worker processes gives exactly what reading them one by one gives."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from comorbidity_kb.check.validate import validate_path
from comorbidity_kb.read import parallel
from comorbidity_kb.read.source import read_data
from tests.check.test_validate import CASES, overlay
from tests.conftest import DATA


@pytest.fixture
def always_parallel(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)
    monkeypatch.setattr(parallel, "_CHUNK", 3)  # many chunks, so their order is tested


def worker_pid(_: int) -> int:
    return os.getpid()


def test_many_items_are_spread_over_workers_and_come_back_in_order(always_parallel: None) -> None:
    items = list(range(50))
    assert list(parallel.map_in_order(str, items, jobs=2)) == [str(i) for i in items]
    assert os.getpid() not in set(parallel.map_in_order(worker_pid, items, jobs=2))


def test_few_items_or_one_job_stay_in_this_process() -> None:
    assert set(parallel.map_in_order(worker_pid, list(range(10)), jobs=4)) == {os.getpid()}


def test_a_failure_in_a_worker_reaches_the_caller(always_parallel: None) -> None:
    with pytest.raises(ZeroDivisionError):
        list(parallel.map_in_order(lambda_free_divide, [1, 0, 2], jobs=2))


def lambda_free_divide(x: int) -> float:
    return 1 / x


@pytest.mark.parametrize("case", ["data", *CASES])
def test_parallel_validation_reports_what_serial_validation_reports(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = DATA
    if case != "data":  # the real data with one broken file (tests/fixtures/invalid)
        root = tmp_path / "kb"
        overlay(case, DATA, root)
    serial = validate_path(root, jobs=1)
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)
    monkeypatch.setattr(parallel, "_CHUNK", 2)
    spread = validate_path(root, jobs=2)
    assert spread.diagnostics == serial.diagnostics
    assert spread.files == serial.files
    assert [e.id for e in read_data(root, jobs=2).entities] == [
        e.id for e in read_data(root, jobs=1).entities
    ]
    assert read_data(root, jobs=2).broken == read_data(root, jobs=1).broken
