"""'Did you mean': the closest names to a typo, or none when nothing is close."""

from __future__ import annotations

from comorbidity_kb.suggest import CUTOFF, SHORTLIST, WINDOW, closest, did_you_mean

NAMES = ["insomnia", "anxiety", "chronic-pain", "sleep-disturbance", "depression"]


def test_a_typo_finds_its_name() -> None:
    assert closest("insomina", NAMES) == ["insomnia"]
    assert did_you_mean("anxeity", NAMES) == "; did you mean 'anxiety'?"


def test_nothing_close_suggests_nothing() -> None:
    assert closest("zzzzqqqq", NAMES) == []
    assert did_you_mean("zzzzqqqq", NAMES) == ""
    assert did_you_mean("insomnia", []) == ""


def test_limit_bounds_the_answer_and_the_best_comes_first() -> None:
    names = ["sleep-ax", "sleep-bx", "sleep-cx", "pain"]
    assert closest("sleep-x", names, limit=2) == ["sleep-ax", "sleep-bx"]
    assert closest("sleep-x", names, limit=3) == ["sleep-ax", "sleep-bx", "sleep-cx"]


def test_only_names_near_the_best_are_suggested() -> None:
    # An exact match scores 100; the near-misses fall outside the window behind it.
    assert closest("sleep-b", ["sleep-a", "sleep-b", "sleep-c"], limit=3) == ["sleep-b"]


def test_ties_are_broken_by_name() -> None:
    assert closest("abcx", ["abcz", "abcy"], limit=2) == ["abcy", "abcz"]


def test_any_iterable_of_choices_serves() -> None:
    assert closest("depresion", iter(NAMES)) == ["depression"]
    assert closest("depresion", tuple(NAMES)) == ["depression"]


def test_a_large_pool_is_narrowed_and_still_finds_the_name() -> None:
    pool = [f"citation-{i:05d}" for i in range(SHORTLIST * 10)] + ["hertenstein-2019"]
    assert closest("hertenstien-2019", pool) == ["hertenstein-2019"]
    # Asked again about the same pool (the processed pool is reused), the answer is the same.
    assert closest("hertenstien-2019", pool) == ["hertenstein-2019"]
    assert closest("qqqqqqqqqqqqqqqqqqqq", pool) == []


def test_the_cutoff_is_a_score_out_of_a_hundred() -> None:
    assert 0 < CUTOFF < 100
    assert 0 < WINDOW < 100 - CUTOFF
