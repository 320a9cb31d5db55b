"""Where the knowledge base is: --data, then $KB_DATA, then ./data, then the packaged copy."""

from __future__ import annotations

from pathlib import Path

import pytest

from comorbidity_kb.read.locate import (
    ENV_VAR,
    DataNotFound,
    is_kb_dir,
    packaged_data,
    resolve_data_dir,
)
from tests.conftest import DATA


def kb_dir(path: Path) -> Path:
    (path / "mechanisms").mkdir(parents=True)
    return path


def test_a_folder_with_one_kind_folder_is_a_knowledge_base(tmp_path: Path) -> None:
    assert not is_kb_dir(tmp_path)
    assert not is_kb_dir(tmp_path / "missing")
    (tmp_path / "mechanisms").write_text("a file, not a folder", encoding="utf-8")
    assert not is_kb_dir(tmp_path)
    (tmp_path / "mechanisms").unlink()
    (tmp_path / "mechanisms").mkdir()
    assert is_kb_dir(tmp_path)


def test_a_file_is_not_a_knowledge_base(tmp_path: Path) -> None:
    f = tmp_path / "f.yaml"
    f.write_text("", encoding="utf-8")
    assert not is_kb_dir(f)


def test_the_explicit_folder_comes_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    explicit = kb_dir(tmp_path / "explicit")
    monkeypatch.setenv(ENV_VAR, str(kb_dir(tmp_path / "env")))
    assert resolve_data_dir(explicit) == explicit


def test_an_explicit_folder_that_is_no_knowledge_base_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(DataNotFound) as caught:
        resolve_data_dir(tmp_path)
    assert str(caught.value) == (
        f"{tmp_path} is not a knowledge base: it needs folders such as {tmp_path / 'conditions'}"
    )


def test_the_environment_comes_before_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = kb_dir(tmp_path / "env")
    kb_dir(tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(ENV_VAR, str(env))
    assert resolve_data_dir() == env


def test_a_bad_environment_value_is_an_error_not_a_fallback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kb_dir(tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "nowhere"))
    with pytest.raises(DataNotFound) as caught:
        resolve_data_dir()
    assert str(caught.value) == f"$KB_DATA={tmp_path / 'nowhere'} is not a knowledge base folder"


def test_an_empty_environment_value_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kb_dir(tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(ENV_VAR, "")
    assert resolve_data_dir() == Path("data")


def test_without_a_local_data_folder_the_packaged_copy_serves(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert packaged_data().resolve() == DATA.resolve()
    assert resolve_data_dir() == packaged_data()


def test_with_nothing_anywhere_the_error_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("comorbidity_kb.read.locate.packaged_data", lambda: tmp_path / "none")
    with pytest.raises(DataNotFound, match=r"^no knowledge base found: pass --data PATH or set"):
        resolve_data_dir()
