"""The ``kb`` Typer app, the options every command shares, and the entry point.

Only typer is imported at module level. Everything else (YAML, rich, the validators) is
imported inside the command that needs it, so ``kb --help`` and ``kb show`` start fast.
Commands live in :mod:`.check_commands`, :mod:`.query_commands` and
:mod:`.cite_commands`; each is thin: parse, call a view, hand it to a renderer.
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from comorbidity_kb.kinds import KINDS

DISCLAIMER = (
    "comorbidity-kb informs; it does not diagnose or prescribe. Talk to a clinician about "
    "your own health."
)

app = typer.Typer(
    name="kb",
    help=(
        "Query and check an evidence-backed knowledge base of how sleep problems, anxiety, "
        f"depression and chronic pain feed each other.\n\n{DISCLAIMER}"
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# -- options defined once, reused by every command ------------------------------------------
DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        help="Knowledge base folder (default: $KB_DATA, ./data, or the packaged copy).",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (documented in docs/cli.md).")]
MaxHopsOption = Annotated[
    int, typer.Option("--max-hops", min=1, max=6, help="Longest chain of links to consider.")
]


# The kinds a command can name, from the one kinds table.
Kind = StrEnum("Kind", [(k.folder.replace("-", "_"), k.folder) for k in KINDS])  # type: ignore[misc]

KindFilterOption = Annotated[
    Kind | None, typer.Option("--kind", "-k", help="Only this kind.", show_default=False)
]


def fail(message: str, code: int = 1) -> NoReturn:
    """Print ``message`` on stderr and exit with ``code`` (1 failed, 2 misuse)."""
    print(f"kb: {message}", file=sys.stderr)
    raise typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        print(f"kb (comorbidity-kb) {version('comorbidity-kb')}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Query and check an evidence-backed knowledge base of comorbid conditions."""


class Interrupted(BaseException):
    """Ctrl-C (SIGINT). Not a KeyboardInterrupt, which Typer turns into a silent exit 130:
    this one reaches :func:`main`, which says so in one line."""


# Set by the first Ctrl-C. An interrupt can land inside a library's cleanup (a pool's
# terminate(), a lock's release) and surface as another error ("release unlocked lock"):
# once the user has interrupted, whatever follows is the interrupt, not a bug to report.
_interrupt = {"seen": False}


def _interrupted(signum: int, frame: object) -> None:
    _interrupt["seen"] = True
    raise Interrupted


def main() -> None:
    """Entry point of the ``kb`` console script: no input ever ends in a traceback."""
    import signal

    signal.signal(signal.SIGINT, _interrupted)
    try:
        app()
    except (KeyboardInterrupt, Interrupted):
        _exit_interrupted()
    except Exception as exc:  # a bug, not bad input: say so briefly, keep the trace optional
        if _interrupt["seen"]:
            _exit_interrupted()
        if os.environ.get("KB_DEBUG"):
            raise
        print(
            f"kb: internal error: {type(exc).__name__}: {exc} (set KB_DEBUG=1 for details; "
            "please report it)",
            file=sys.stderr,
        )
        sys.exit(1)


def _exit_interrupted() -> NoReturn:
    """One line, exit 130; a second Ctrl-C changes nothing now."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    print("kb: interrupted", file=sys.stderr)
    sys.exit(130)
