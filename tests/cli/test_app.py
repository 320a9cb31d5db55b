"""The app itself: the kinds a command may name, failing, --version, and the entry point that
turns every bug and interrupt into one line and an exit code."""

from __future__ import annotations

import importlib
import signal
import sys
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path

import pytest
import typer

from comorbidity_kb.cli.app import DISCLAIMER, Interrupted, Kind, fail, main
from comorbidity_kb.kinds import FOLDERS
from tests.conftest import Run

# the module: the package's `app` attribute is the Typer app of the same name
app_module = importlib.import_module("comorbidity_kb.cli.app")


@pytest.fixture
def sigint() -> Iterator[None]:
    """main() installs its own Ctrl-C handler (and may ignore Ctrl-C): put the old one back."""
    before = signal.getsignal(signal.SIGINT)
    seen = dict(app_module._interrupt)
    yield
    signal.signal(signal.SIGINT, before)
    app_module._interrupt.update(seen)


def test_the_kind_choices_are_the_kinds_table() -> None:
    assert [k.value for k in Kind] == list(FOLDERS)
    assert Kind("risk-factors").name == "risk_factors"
    with pytest.raises(ValueError):
        Kind("risk_factors")


def test_fail_says_why_on_stderr_and_exits(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(typer.Exit) as caught:
        fail("no such thing", 2)
    assert caught.value.exit_code == 2
    assert capsys.readouterr() == ("", "kb: no such thing\n")
    with pytest.raises(typer.Exit) as caught:
        fail("again")
    assert caught.value.exit_code == 1


def test_version(kb: Run) -> None:
    result = kb("--version")
    assert (result.code, result.out) == (0, f"kb (comorbidity-kb) {version('comorbidity-kb')}\n")


def test_help_carries_the_disclaimer(kb: Run) -> None:
    result = kb("--help")
    assert result.code == 0
    assert " ".join(DISCLAIMER.split()[:4]) in " ".join(result.out.split())
    assert kb("-h").out == result.out


def test_an_unknown_command_is_misuse(kb: Run) -> None:
    result = kb("shwo")
    assert result.code == 2
    assert result.out == ""


def run_main(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    monkeypatch.setattr(sys, "argv", ["kb", *args])
    with pytest.raises(SystemExit) as caught:
        main()
    code = caught.value.code
    assert isinstance(code, int)
    return code


@pytest.mark.usefixtures("sigint")
def test_main_runs_a_command(
    monkeypatch: pytest.MonkeyPatch, valid_kb: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_main(monkeypatch, "validate", str(valid_kb)) == 0
    assert capsys.readouterr().out == "12 files checked: no problems\n"


@pytest.mark.usefixtures("sigint")
def test_a_bug_is_one_line_and_exit_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken() -> None:
        raise ValueError("boom")

    monkeypatch.setattr(app_module, "app", broken)
    monkeypatch.delenv("KB_DEBUG", raising=False)
    assert run_main(monkeypatch) == 1
    assert capsys.readouterr().err == (
        "kb: internal error: ValueError: boom (set KB_DEBUG=1 for details; please report it)\n"
    )


@pytest.mark.usefixtures("sigint")
def test_kb_debug_lets_the_bug_through(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> None:
        raise ValueError("boom")

    monkeypatch.setattr(app_module, "app", broken)
    monkeypatch.setenv("KB_DEBUG", "1")
    monkeypatch.setattr(sys, "argv", ["kb"])
    with pytest.raises(ValueError, match=r"^boom$"):
        main()


@pytest.mark.usefixtures("sigint")
@pytest.mark.parametrize("interrupt", [KeyboardInterrupt, Interrupted])
def test_an_interrupt_is_one_line_and_exit_130(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    interrupt: type[BaseException],
) -> None:
    def interrupted() -> None:
        raise interrupt

    monkeypatch.setattr(app_module, "app", interrupted)
    assert run_main(monkeypatch) == 130
    assert capsys.readouterr().err == "kb: interrupted\n"
    assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN  # a second Ctrl-C changes nothing


@pytest.mark.usefixtures("sigint")
def test_an_error_after_an_interrupt_is_the_interrupt(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def cleanup_fails() -> None:
        app_module._interrupt["seen"] = True
        raise RuntimeError("release unlocked lock")

    monkeypatch.setattr(app_module, "app", cleanup_fails)
    monkeypatch.setenv("KB_DEBUG", "1")  # even then: not a bug to report
    assert run_main(monkeypatch) == 130
    assert capsys.readouterr().err == "kb: interrupted\n"


@pytest.mark.usefixtures("sigint")
def test_main_installs_a_ctrl_c_handler_that_raises_interrupted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    handlers: list[object] = []

    def record() -> None:
        handlers.append(signal.getsignal(signal.SIGINT))
        sys.exit(0)

    monkeypatch.setattr(app_module, "app", record)
    assert run_main(monkeypatch) == 0
    handler = handlers[0]
    assert callable(handler)
    app_module._interrupt["seen"] = False
    with pytest.raises(Interrupted):
        handler(signal.SIGINT, None)
    assert app_module._interrupt["seen"] is True
