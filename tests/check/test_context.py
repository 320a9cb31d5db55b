"""The rules' context: lookups by id, kind and name, and diagnostics located once."""

from __future__ import annotations

from pathlib import Path

import pytest

from comorbidity_kb import rules
from comorbidity_kb.check.context import Context
from comorbidity_kb.check.diagnostics import Diagnostic, Severity
from comorbidity_kb.model import Condition
from comorbidity_kb.read.source import read_data


@pytest.fixture
def ctx(valid_kb: Path, monkeypatch: pytest.MonkeyPatch) -> Context:
    monkeypatch.chdir(valid_kb)
    return Context(read_data(valid_kb, jobs=1))


def test_entities_are_looked_up_by_id_and_kind(ctx: Context) -> None:
    assert sorted(ctx.conditions) == ["anxiety", "chronic-pain", "insomnia", "sleep-disturbance"]
    assert sorted(ctx.citations) == ["blog-post", "dressle-2022", "hertenstein-2019"]
    assert sorted(ctx.by_kind["risk-factors"]) == ["caffeine"]
    assert ctx.by_id["cbt-i"] is ctx.by_kind["interventions"]["cbt-i"]
    assert len(ctx.by_id) == 12
    assert ctx.pool("mechanisms") == ["hpa-axis-cortisol"]
    assert ctx.pool("links") is ctx.pool("links")


def test_referenced_holds_every_id_pointed_at(ctx: Context) -> None:
    assert {"insomnia", "anxiety", "hpa-axis-cortisol", "blog-post"} <= ctx.referenced
    assert "cbt-i" not in ctx.referenced  # nothing points at the intervention
    assert "caffeine" not in ctx.referenced


def test_names_map_names_aliases_and_ids_to_their_entities(ctx: Context) -> None:
    names = ctx.names()
    assert names["insomnia"] == {"insomnia"}
    assert names["sleeplessness"] == {"insomnia"}
    assert names["cbt-i"] == {"cbt-i"}
    assert "no such name" not in names


def test_the_first_of_a_duplicated_id_wins_and_entities_keeps_both(
    valid_kb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (valid_kb / "conditions" / "anxiety.yaml").read_text(encoding="utf-8")
    (valid_kb / "conditions" / "zz.yaml").write_text(text, encoding="utf-8")
    ctx = Context(read_data(valid_kb, jobs=1))
    first = ctx.by_id["anxiety"]
    assert ctx.read.path_of(first).name == "anxiety.yaml"
    assert [e.id for e in ctx.entities()].count("anxiety") == 2
    assert len(ctx.by_id) == 12


def test_reports_are_located_in_their_files(ctx: Context) -> None:
    insomnia = ctx.conditions["insomnia"]
    assert isinstance(insomnia, Condition)
    ctx.report(insomnia, ("name",), "value here", rules.BAD_VALUE)
    ctx.report(insomnia, ("name",), "key here", rules.UNKNOWN_FIELD, key=True)
    # caffeine has no aliases: a path not in the file is located at the top
    ctx.report(ctx.by_id["caffeine"], ("aliases",), "missing", rules.DUPLICATE_ITEM)
    path = "conditions/insomnia.yaml"
    assert ctx.located() == [
        Diagnostic(path, 2, 7, Severity.ERROR, "value here", rules.BAD_VALUE),
        Diagnostic(path, 2, 1, Severity.ERROR, "key here", rules.UNKNOWN_FIELD),
        Diagnostic(
            "risk-factors/caffeine.yaml", 1, 1, Severity.WARNING, "missing", rules.DUPLICATE_ITEM
        ),
    ]
    assert ctx.located() == []  # reported once, then cleared


def test_nothing_reported_locates_nothing(ctx: Context) -> None:
    assert ctx.located() == []
