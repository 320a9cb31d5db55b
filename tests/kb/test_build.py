"""The one place a knowledge base is built: from what was read, first of a duplicate id wins."""

from __future__ import annotations

from pathlib import Path

from comorbidity_kb.kb.build import build, load_fresh
from comorbidity_kb.model import Condition
from comorbidity_kb.read.source import read_data


def test_a_fresh_load_indexes_every_entity(valid_kb: Path) -> None:
    kb, left_out = load_fresh(valid_kb)
    assert left_out == 0
    assert len(kb) == 12
    assert sorted(kb.conditions) == ["anxiety", "chronic-pain", "insomnia", "sleep-disturbance"]
    assert sorted(kb.citations) == ["blog-post", "dressle-2022", "hertenstein-2019"]
    assert list(kb.links) == ["insomnia--anxiety", "sleep-disturbance--chronic-pain"]
    insomnia = kb.get("insomnia")
    assert isinstance(insomnia, Condition) and insomnia.name == "Insomnia"


def test_files_that_fail_are_left_out_and_counted(valid_kb: Path) -> None:
    (valid_kb / "conditions" / "broken.yaml").write_text("id: [x\n", encoding="utf-8")
    (valid_kb / "conditions" / "rejected.yaml").write_text("id: rejected\n", encoding="utf-8")
    kb, left_out = load_fresh(valid_kb)
    assert left_out == 2
    assert len(kb) == 12
    assert kb.get("rejected") is None


def test_the_first_of_a_duplicated_id_wins(valid_kb: Path) -> None:
    text = (valid_kb / "conditions" / "anxiety.yaml").read_text(encoding="utf-8")
    copy = text.replace("name: ", "name: Zz ", 1)
    assert copy != text
    (valid_kb / "conditions" / "zz-anxiety.yaml").write_text(copy, encoding="utf-8")
    read = read_data(valid_kb, jobs=1)
    assert [e.id for e in read.entities].count("anxiety") == 2
    kb = build(read)
    anxiety = kb.get("anxiety")
    assert isinstance(anxiety, Condition)
    assert not anxiety.name.startswith("Zz ")
    assert len(kb) == 12


def test_an_empty_folder_builds_an_empty_knowledge_base(tmp_path: Path) -> None:
    (tmp_path / "conditions").mkdir()
    kb, left_out = load_fresh(tmp_path)
    assert (len(kb), left_out) == (0, 0)
    assert kb.get("insomnia") is None
