"""What every query does first: find the knowledge base, then the entities it names."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer

from comorbidity_kb.cli.lookup import condition_or_fail, find_or_fail, two_conditions
from comorbidity_kb.kb.build import load_fresh
from comorbidity_kb.kb.knowledge import KnowledgeBase
from tests.conftest import Run


@pytest.fixture
def fixture_kb(valid_kb: Path) -> KnowledgeBase:
    return load_fresh(valid_kb)[0]


def exit_code(caught: pytest.ExceptionInfo[typer.Exit]) -> int:
    return caught.value.exit_code


def test_an_entity_is_found_by_id_name_or_alias(fixture_kb: KnowledgeBase) -> None:
    assert find_or_fail(fixture_kb, "insomnia").id == "insomnia"
    assert find_or_fail(fixture_kb, "sleeplessness").id == "insomnia"
    assert find_or_fail(fixture_kb, "CBT-I").id == "cbt-i"
    assert condition_or_fail(fixture_kb, "Insomnia") == "insomnia"


def test_an_unknown_name_exits_1_with_suggestions(
    fixture_kb: KnowledgeBase, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(typer.Exit) as caught:
        find_or_fail(fixture_kb, "insomina")
    assert exit_code(caught) == 1
    assert capsys.readouterr().err.startswith(
        "kb: nothing called 'insomina'; did you mean 'insomnia'"
    )


def test_a_name_of_another_kind_is_not_a_condition(
    fixture_kb: KnowledgeBase, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(typer.Exit) as caught:
        condition_or_fail(fixture_kb, "caffeine")
    assert exit_code(caught) == 1
    assert capsys.readouterr().err == "kb: 'caffeine' is not a condition; try `kb show caffeine`\n"


def test_two_conditions_must_differ(
    fixture_kb: KnowledgeBase, capsys: pytest.CaptureFixture[str]
) -> None:
    assert two_conditions(fixture_kb, "insomnia", "Anxiety") == ("insomnia", "anxiety")
    with pytest.raises(typer.Exit) as caught:
        two_conditions(fixture_kb, "insomnia", "sleeplessness")
    assert exit_code(caught) == 2
    assert capsys.readouterr().err == "kb: give two different conditions\n"


def test_two_conditions_fail_on_the_first_unknown(
    fixture_kb: KnowledgeBase, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(typer.Exit) as caught:
        two_conditions(fixture_kb, "insomnia", "qqqqqqqq")
    assert exit_code(caught) == 1
    assert "nothing called 'qqqqqqqq'" in capsys.readouterr().err


def test_open_kb_through_a_command(kb: Run, valid_kb: Path) -> None:
    result = kb("show", "insomnia", "--data", str(valid_kb), "--json")
    assert result.code == 0, result
    assert '"insomnia"' in result.out
    assert result.err == ""


def test_a_folder_that_is_no_knowledge_base_is_misuse(kb: Run, tmp_path: Path) -> None:
    result = kb("show", "insomnia", "--data", str(tmp_path))
    assert result.code == 2
    assert result.err == (
        f"kb: {tmp_path} is not a knowledge base: it needs folders such as "
        f"{tmp_path / 'conditions'}\n"
    )


def test_a_bad_environment_folder_fails_with_1(kb: Run, tmp_path: Path) -> None:
    result = kb("show", "insomnia", env={"KB_DATA": str(tmp_path / "none")})
    assert result.code == 1
    assert result.err == f"kb: $KB_DATA={tmp_path / 'none'} is not a knowledge base folder\n"


def test_files_left_out_are_warned_about(kb: Run, valid_kb: Path) -> None:
    (valid_kb / "conditions" / "broken.yaml").write_text("id: [x\n", encoding="utf-8")
    result = kb("show", "insomnia", "--data", str(valid_kb), "--json")
    assert result.code == 0, result
    assert result.err == (
        f"kb: warning: 1 file(s) in {valid_kb} could not be read and are left out; "
        f"run `kb validate {valid_kb}`\n"
    )
