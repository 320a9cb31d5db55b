"""The rules' context: lookups by id, kind and name, and diagnostics located once."""

from __future__ import annotations

from pathlib import Path

import pytest

from comorbidity_kb import rules
from comorbidity_kb.check.context import Context, Lookups
from comorbidity_kb.check.diagnostics import Diagnostic, Severity
from comorbidity_kb.model import Condition, entity_names
from comorbidity_kb.read.source import read_data, read_files


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
    for target in ("insomnia", "anxiety", "hpa-axis-cortisol", "blog-post"):
        assert target in ctx.referenced
    assert "cbt-i" not in ctx.referenced  # nothing points at the intervention
    assert "caffeine" not in ctx.referenced


def test_names_map_names_aliases_and_ids_to_their_entities(ctx: Context) -> None:
    names = ctx.names()
    assert names["insomnia"] == {"insomnia"}
    assert names["sleeplessness"] == {"insomnia"}
    assert names["cbt-i"] == {"cbt-i"}
    assert "no such name" not in names


def _with_anxiety_twice(valid_kb: Path) -> Context:
    """The context of the tiny base with anxiety's file copied to zz.yaml (same id)."""
    text = (valid_kb / "conditions" / "anxiety.yaml").read_text(encoding="utf-8")
    (valid_kb / "conditions" / "zz.yaml").write_text(text, encoding="utf-8")
    return Context(read_data(valid_kb, jobs=1))


def test_the_first_of_a_duplicated_id_wins_and_entities_keeps_both(
    valid_kb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = _with_anxiety_twice(valid_kb)
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
    located = ctx.located()
    assert [file.relative_to(ctx.read.root).as_posix() for file, _ in located] == [
        path,
        path,
        "risk-factors/caffeine.yaml",
    ]
    assert [d for _, d in located] == [
        Diagnostic(path, 2, 7, Severity.ERROR, "value here", rules.BAD_VALUE),
        Diagnostic(path, 2, 1, Severity.ERROR, "key here", rules.UNKNOWN_FIELD),
        Diagnostic(
            "risk-factors/caffeine.yaml", 1, 1, Severity.WARNING, "missing", rules.DUPLICATE_ITEM
        ),
    ]
    assert ctx.located() == []  # reported once, then cleared


def test_nothing_reported_locates_nothing(ctx: Context) -> None:
    assert ctx.located() == []


def test_own_lists_the_entities_read_of_one_kind_first_wins(
    valid_kb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = _with_anxiety_twice(valid_kb)
    own = ctx.own("conditions")
    assert [e.id for e in own] == ["anxiety", "chronic-pain", "insomnia", "sleep-disturbance"]
    assert own[0] is ctx.by_id["anxiety"]
    assert [e.id for e in ctx.own("risk-factors")] == ["caffeine"]


def _some(valid_kb: Path, *files: str) -> tuple[Context, Context]:
    """A context over only ``files`` (kind/file) looked up in the whole base, and the
    whole base's own context."""
    whole = Context(read_data(valid_kb, jobs=1))
    part = read_files(valid_kb, [(f.split("/")[0], valid_kb / f) for f in files])
    # the entities read again stand in for the whole base's ones, as after an edit
    by_id = {**whole.by_id, **{e.id: e for e in part.entities}}
    by_kind = {k: {i: by_id[i] for i in v} for k, v in whole.by_kind.items()}
    names = {n: sorted(ids) for n, ids in whole.names().items()}
    lookups = Lookups(by_id, by_kind, whole.referenced, names, {"blog-post": ("review", "x")})
    return Context(part, lookups), whole


def test_with_lookups_only_the_files_read_are_checked_against_everything(
    valid_kb: Path,
) -> None:
    ctx, whole = _some(valid_kb, "conditions/insomnia.yaml", "citations/blog-post.yaml")
    assert [e.id for e in ctx.entities()] == ["insomnia", "blog-post"]
    assert [e.id for e in ctx.own("conditions")] == ["insomnia"]
    assert ctx.by_id["anxiety"] is whole.by_id["anxiety"]  # looked up in the whole base
    assert "insomnia" in ctx.referenced and "cbt-i" not in ctx.referenced
    read_names = {n for e in ctx.entities() for n in entity_names(e)}
    assert "sleeplessness" in read_names
    assert ctx.names() == {n: ids for n, ids in whole.names().items() if n in read_names}
    assert ctx.graded == {"blog-post": ("review", "x")}
    assert ctx.pool("mechanisms") == ["hpa-axis-cortisol"]


def test_with_lookups_reports_on_other_files_are_dropped(valid_kb: Path) -> None:
    ctx, whole = _some(valid_kb, "conditions/insomnia.yaml")
    ctx.report(whole.by_id["anxiety"], ("name",), "not read this time", rules.BAD_VALUE)
    ctx.report(ctx.by_id["insomnia"], ("name",), "read", rules.BAD_VALUE)
    assert [d.message for _, d in ctx.located()] == ["read"]
