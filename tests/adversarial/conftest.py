"""Helpers of the adversarial tests: aged knowledge bases and `kb` in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import comorbidity_kb
from comorbidity_kb.kb import cache

AN_HOUR_AGO = time.time() - 3600
# The code under test, wherever it is imported from (subprocesses run the same).
SRC = str(Path(comorbidity_kb.__file__).resolve().parent.parent)
LATER = 10.0  # how far the cache's clock runs ahead of a file's ctime in ``aged``


def age(root: Path, when: float = AN_HOUR_AGO) -> None:
    """Date every file and folder below ``root`` back, out of the racy window."""
    for path in [root, *root.rglob("*")]:
        os.utime(path, (when, when), follow_symlinks=False)


@pytest.fixture
def aged(valid_kb: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The tiny knowledge base, old enough to be cached (in this process)."""
    age(valid_kb)
    monkeypatch.setattr(cache, "_clock", lambda: time.time() + LATER, raising=False)
    return valid_kb


def kb_process(
    *args: str, env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """``python -m comorbidity_kb ARGS`` in a subprocess, with this checkout's code."""
    full = {**os.environ, "PYTHONPATH": SRC, "NO_COLOR": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "comorbidity_kb", *args],
        capture_output=True,
        text=True,
        env=full,
        timeout=timeout,
        check=False,
    )
