"""Work bounded by the size of the input, never by the number of simple paths or by pairs
of unknown and known ids. Counted, not timed: each test fails fast on the old code."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from comorbidity_kb import suggest
from comorbidity_kb.check import identity
from comorbidity_kb.check.validate import check
from comorbidity_kb.kb.knowledge import KnowledgeBase
from comorbidity_kb.model import Citation, Condition, Evidence
from comorbidity_kb.read.source import ReadResult
from tests.conftest import Run

DENSE = [f"c-{i:02d}" for i in range(20)]
ISOLATED = "alone"


class Budget:
    """Counts calls, and fails the test as soon as there are more than ``most``."""

    def __init__(self, most: int) -> None:
        self.calls, self.most = 0, most

    def wrap(self, function: Callable[..., Any]) -> Callable[..., Any]:
        def counted(*args: Any, **kwargs: Any) -> Any:
            self.calls += 1
            if self.calls > self.most:
                raise AssertionError(f"more than {self.most} calls of {function.__name__}")
            return function(*args, **kwargs)

        return counted


def _dense_files(root: Path) -> None:
    for folder in ("conditions", "links", "citations"):
        (root / folder).mkdir(parents=True)
    (root / "citations" / "src-2020.yaml").write_text(
        "id: src-2020\ntype: book\ntitle: A source\nyear: 2020\nverified: true\n"
    )
    for cid in [*DENSE, ISOLATED]:
        (root / "conditions" / f"{cid}.yaml").write_text(
            f"id: {cid}\nname: Condition {cid}\ncategory: other\ndescription: A condition.\n"
        )
    evidence = "    evidence: [{citation: src-2020, locator: p. 1, kind: review}]\n"
    for i, a in enumerate(DENSE):
        for b in DENSE[i + 1 :]:
            directions = "".join(
                f"  - from: {x}\n    to: {y}\n    effect: worsens\n    strength: weak\n"
                f"    description: It does.\n{evidence}"
                for x, y in ((a, b), (b, a))
            )
            (root / "links" / f"{a}--{b}.yaml").write_text(
                f"id: {a}--{b}\nconditions: [{a}, {b}]\ndirections:\n{directions}"
            )


@pytest.fixture
def dense(tmp_path: Path) -> Path:
    root = tmp_path / "dense"
    _dense_files(root)
    return root


def test_paths_on_a_dense_graph_ask_each_condition_once(
    dense: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from comorbidity_kb.kb.build import load_fresh

    kb = load_fresh(dense)[0]
    for end, expected in ((ISOLATED, 0), (DENSE[-1], 20)):
        budget = Budget(len(DENSE) + 1)  # each condition's successors, once
        monkeypatch.setattr(kb, "successors", budget.wrap(KnowledgeBase.successors.__get__(kb)))
        found = kb.paths(DENSE[0], end, max_hops=6, limit=20)
        assert len(found) == expected
        if found:
            assert [len(p) for p in found] == sorted(len(p) for p in found)
            assert [h.direction.target for h in found[0]] == [end]  # the direct link first


def test_kb_path_and_links_with_six_hops_on_a_dense_graph(
    dense: Path, kb: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    budget = Budget(4 * (len(DENSE) + 1))
    monkeypatch.setattr(KnowledgeBase, "successors", budget.wrap(KnowledgeBase.successors))
    result = kb("path", DENSE[0], ISOLATED, "--max-hops", "6", "--data", str(dense))
    assert result.code == 1 and "internal error" not in result.err, result
    result = kb("links", DENSE[0], ISOLATED, "--max-hops", "6", "--data", str(dense), "--json")
    assert result.code == 0, result
    result = kb("path", DENSE[0], DENSE[5], "--max-hops", "6", "--data", str(dense))
    assert result.code == 0, result


def test_did_you_mean_over_thousands_of_dangling_references(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import rapidfuzz.fuzz

    citations = [
        Citation(id=f"author-{i:05d}-{2000 + i % 20}", type="book", title=f"T{i}", verified=True)
        for i in range(10_000)
    ]
    unknown = [f"autor-{i:05d}-x" for i in range(1_000)]  # each cited twice
    conditions = [
        Condition(
            id=f"c-{n}",
            name=f"C {n}",
            category="other",
            description="d",
            evidence=[Evidence(citation=u, locator="p", kind="review") for u in unknown[n::10] * 2],
        )
        for n in range(10)
    ]
    read = ReadResult(Path("/nonexistent"), [*citations, *conditions])
    read.paths = {id(e): Path(f"/nonexistent/{e.id}.yaml") for e in read.entities}
    asked = Budget(len(unknown))  # one question per distinct unknown id
    monkeypatch.setattr(identity, "did_you_mean", asked.wrap(suggest.did_you_mean))
    ranked = Budget(
        len(unknown) * getattr(suggest, "SHORTLIST", 64)
    )  # the slow scorer sees a shortlist only
    monkeypatch.setattr(rapidfuzz.fuzz, "WRatio", ranked.wrap(rapidfuzz.fuzz.WRatio))
    report = check(read)
    dangling = [d for d in report.diagnostics if d.rule == "unknown-citation"]
    assert len(dangling) == 2 * len(unknown)
    assert "did you mean 'author-00007-2007'?" in next(
        d.message for d in dangling if "'autor-00007-x'" in d.message
    )
