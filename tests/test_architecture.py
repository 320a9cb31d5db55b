"""The rules of docs/architecture.md that no linter checks by itself.

import-linter (`make imports`) checks that stages import only downwards; ruff checks the
complexity limit and that rich is imported in one module. This file checks the rest: module
size, that every module of the package sits in the import contract, and that tests mirror
the package (tests/test_rules.py checks the rule registry).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "src" / "comorbidity_kb"
MAX_LINES = 300

# Modules whose test file does not exist yet (the list may only shrink): each is covered
# through the modules that use it, as named here.
UNMIRRORED: set[str] = set()


def modules() -> list[Path]:
    """Every module of the package, __init__ and __main__ aside."""
    return sorted(p for p in PACKAGE.rglob("*.py") if p.name not in ("__init__.py", "__main__.py"))


def test_no_module_is_over_the_size_limit() -> None:
    over = {
        str(p.relative_to(PACKAGE)): n
        for p in modules()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not over, f"modules over {MAX_LINES} lines (split them): {over}"


def test_every_stage_is_in_the_import_contract() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = config["tool"]["importlinter"]["contracts"]
    named = {
        name.strip().removeprefix("comorbidity_kb.")
        for layer in contract["layers"]
        for name in layer.split("|")
    }
    tops = {p.stem for p in PACKAGE.glob("*.py") if p.stem not in ("__init__", "__main__")}
    stages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert named == tops | stages


@pytest.mark.parametrize("module", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_tests_mirror_the_package(module: Path) -> None:
    relative = module.relative_to(PACKAGE)
    mirror = ROOT / "tests" / relative.parent / f"test_{relative.name}"
    name = str(relative)
    if name in UNMIRRORED:
        assert not mirror.exists(), f"{mirror} exists now: drop {name} from UNMIRRORED"
    else:
        assert mirror.exists(), f"no {mirror.relative_to(ROOT)} for {name}"
