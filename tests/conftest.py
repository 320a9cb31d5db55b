"""Shared fixtures: the tiny valid knowledge base, the real data, and a CLI runner."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from comorbidity_kb.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
VALID = FIXTURES / "valid"
DATA = ROOT / "data"
SEEDS = ROOT.parent / "shared" / "seeds"

# Hypothesis profiles: "quick" keeps property tests short in `make test`; `make fuzz` sets
# HYPOTHESIS_PROFILE=fuzz for at least 10,000 examples a test. No deadline: a shared CI
# machine is not a benchmark.
settings.register_profile("quick", max_examples=100, deadline=None)
settings.register_profile("fuzz", max_examples=10_000, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every test gets its own cache folder: no test can see another's cached knowledge base.
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("KB_DATA", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture
def valid_kb(tmp_path: Path) -> Path:
    """A writable copy of the tiny valid knowledge base."""
    target = tmp_path / "kb"
    shutil.copytree(VALID, target)
    return target


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the project's real data/."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


class Run:
    """Runs ``kb`` in-process and keeps stdout, stderr and the exit code apart."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, env: dict[str, str] | None = None) -> Result:
        result = self.runner.invoke(app, list(args), env=env, catch_exceptions=False)
        return Result(result.exit_code, result.stdout, result.stderr)


class Result:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    def __repr__(self) -> str:
        return f"Result(code={self.code}, out={self.out[:400]!r}, err={self.err[:400]!r})"


@pytest.fixture
def kb() -> Run:
    """Call the CLI: ``kb("show", "insomnia")``."""
    return Run()
