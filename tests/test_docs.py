"""Documentation that is generated must match what the code does today."""

from __future__ import annotations

import importlib.util
import re
from types import ModuleType

import pytest

from .conftest import ROOT


def load_script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cli_reference_is_current(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    expected = load_script("cli_reference").render()
    actual = (ROOT / "docs" / "cli.md").read_text()
    assert actual == expected, "docs/cli.md is stale: run python scripts/cli_reference.py"


def test_cli_reference_documents_every_command() -> None:
    from comorbidity_kb.cli.app import app

    text = (ROOT / "docs" / "cli.md").read_text()
    for command in app.registered_commands:
        name = command.name or command.callback.__name__  # type: ignore[union-attr]
        assert f"## kb {name}" in text


def test_readme_shows_the_two_setup_commands_and_the_disclaimer() -> None:
    readme = (ROOT / "README.md").read_text()
    assert "make demo" in readme and "make test" in readme
    assert re.search(r"does not diagnose or prescribe", readme)


def test_readme_graph_is_what_kb_graph_prints() -> None:
    block = load_script("render_graph").readme_block()
    assert block in (ROOT / "README.md").read_text(), "run python scripts/render_graph.py"


def test_validation_examples_are_current() -> None:
    block = load_script("validation_examples").block()
    assert block in (ROOT / "docs" / "validation.md").read_text(), (
        "run python scripts/validation_examples.py"
    )
