"""Ctrl-C during parallel parsing ends ``kb`` at once, with one line and exit 130, and no
worker left running or printing; ``--jobs`` is bounded."""

from __future__ import annotations

import importlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from comorbidity_kb.read import parallel
from tests.adversarial.conftest import SRC
from tests.conftest import VALID, Run


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


@pytest.fixture(scope="module")
def many_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("many")
    shutil.copytree(VALID, root, dirs_exist_ok=True)
    text = (VALID / "conditions" / "insomnia.yaml").read_text()
    for i in range(6000):
        (root / "conditions" / f"copy-{i}.yaml").write_text(text.replace("insomnia", f"copy-{i}"))
    return root


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc to see workers")
@pytest.mark.parametrize("delay", [0.0, 0.3])
def test_ctrl_c_during_parallel_parsing(many_files: Path, delay: float) -> None:
    env = {**os.environ, "PYTHONPATH": SRC}
    proc = subprocess.Popen(
        [sys.executable, "-m", "comorbidity_kb", "validate", str(many_files), "--jobs", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,  # its own process group, as a shell gives a job
    )
    try:
        deadline = time.monotonic() + 60
        while not _children(proc.pid) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        if proc.poll() is not None:
            pytest.skip("parsing ended before the workers could be seen")
        time.sleep(delay)
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C does: the whole group
        _, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 130, err
    assert err == "kb: interrupted\n"
    time.sleep(0.2)
    with pytest.raises(ProcessLookupError):
        os.killpg(proc.pid, 0)  # nothing of the group is left running


def test_jobs_is_bounded_on_the_command_line(kb: Run) -> None:
    result = kb("validate", str(VALID), "--jobs", "5000")
    assert result.code == 2
    assert "at most" in result.err
    assert "at most 64, and 4 a CPU" in " ".join(kb("validate", "--help").out.split())


def test_jobs_is_bounded_for_library_callers(monkeypatch: pytest.MonkeyPatch) -> None:
    import multiprocessing

    started: list[int] = []
    real = multiprocessing.get_context

    class Context:
        def __init__(self, method: str) -> None:
            self.context = real(method)

        def Pool(self, processes: int, **kwargs: Any) -> Any:
            started.append(processes)
            return self.context.Pool(1, **kwargs)

    monkeypatch.setattr(multiprocessing, "get_context", Context)
    items = list(range(parallel.PARALLEL_FROM * 2))
    assert list(parallel.map_in_order(abs, items, jobs=5000)) == items
    assert started and started[0] <= min(64, 4 * parallel.default_jobs())


def test_an_error_raised_while_cleaning_up_after_ctrl_c_is_still_the_interrupt(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Seen once in CI under load: Ctrl-C landed inside a pool's cleanup, whose lock then
    # failed with "release unlocked lock", and kb reported an internal error, exit 1.
    cli_app = importlib.import_module("comorbidity_kb.cli.app")  # the module, not the Typer app

    def interrupted_then_broken() -> None:
        try:
            os.kill(os.getpid(), signal.SIGINT)  # main()'s handler raises here
            time.sleep(5)
        finally:
            raise RuntimeError("release unlocked lock")

    previous = signal.getsignal(signal.SIGINT)
    monkeypatch.setattr(cli_app, "app", interrupted_then_broken)
    monkeypatch.setitem(cli_app._interrupt, "seen", False)
    try:
        with pytest.raises(SystemExit) as exit_info:
            cli_app.main()
    finally:
        signal.signal(signal.SIGINT, previous)
    assert exit_info.value.code == 130
    assert capsys.readouterr().err == "kb: interrupted\n"


def test_an_error_without_ctrl_c_is_still_an_internal_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cli_app = importlib.import_module("comorbidity_kb.cli.app")  # the module, not the Typer app

    def broken() -> None:
        raise RuntimeError("a real bug")

    previous = signal.getsignal(signal.SIGINT)
    monkeypatch.setattr(cli_app, "app", broken)
    monkeypatch.setitem(cli_app._interrupt, "seen", False)
    monkeypatch.delenv("KB_DEBUG", raising=False)
    try:
        with pytest.raises(SystemExit) as exit_info:
            cli_app.main()
    finally:
        signal.signal(signal.SIGINT, previous)
    assert exit_info.value.code == 1
    assert "kb: internal error: RuntimeError: a real bug" in capsys.readouterr().err
