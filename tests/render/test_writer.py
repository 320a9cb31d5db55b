"""The writers: what rich is given is text, never markup; tables keep words whole; a
terminal keeps its layout with NO_COLOR; a pipe gets plain text."""

from __future__ import annotations

import fcntl
import io
import os
import pty
import struct
import subprocess
import sys
import termios

import pytest
from rich.console import Console

from comorbidity_kb.render import writer as render
from comorbidity_kb.render.writer import PlainWriter, RichWriter, column_widths
from tests.conftest import DATA, ROOT
from tests.render.screen import ANSI, COLOUR, Tee, check_screen, render_calls, width_of

MARKUP = ["a [via sleep-disturbance] b", "[bold]x[/bold]", "[/]", ":thumbs_up: :smile:", "\\[x]"]


def console(
    width: int = 80, markup: bool = False, emoji: bool = False, no_color: bool = True
) -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    screen = Console(
        file=buffer,
        width=width,
        force_terminal=True,
        markup=markup,
        emoji=emoji,
        no_color=no_color,
    )
    return screen, buffer


@pytest.mark.parametrize("text", MARKUP)
def test_rich_prints_text_as_written_never_as_markup(text: str) -> None:
    # Even a console that reads markup and emoji codes gets Text objects, so nothing is read.
    screen, buffer = console(markup=True, emoji=True, no_color=True)
    out = RichWriter(screen)
    out.heading(text, text)
    out.para(text)
    out.field(text, text)
    out.table(text, [text, "b"], [[text, text]])
    lines = ANSI.sub("", buffer.getvalue())
    assert lines.count(text) == 9, lines  # heading 2, para 1, field 2, table 4


def test_the_default_console_reads_no_markup(monkeypatch: pytest.MonkeyPatch) -> None:
    out = RichWriter()
    assert not out.console._markup and not out.console._emoji


def test_a_link_path_keeps_its_marker_on_a_terminal() -> None:
    # The case: "[via sleep-disturbance]" vanished and left a link that does not exist.
    screen, buffer = console(no_color=True)
    RichWriter(screen).table("Paths", ["hops", "path"], [["1", MARKUP[0]]])
    assert "[via sleep-disturbance]" in buffer.getvalue()


# -- column widths ------------------------------------------------------------------------------
def test_columns_get_their_longest_word_and_share_the_rest() -> None:
    columns = [["kind", "systematic-review"], ["note", "a b c d e f g h i j k l m n o p"]]
    widths = column_widths(columns, 30)
    assert widths is not None and widths[0] >= len("systematic-review") and sum(widths) <= 30
    assert column_widths(columns, 100) == [17, 31]  # room for every line: as wide as needed
    assert column_widths([["sleep-disturbance"], ["systematic-review"]], 30) is None


@pytest.mark.parametrize("width", [40, 60, 80, 120])
def test_a_table_never_breaks_a_word_a_column_could_hold(width: int) -> None:
    rows = [
        ["sleep-disturbance → chronic-pain (via sleep-disturbance)", "systematic-review", "x"],
        ["insomnia → anxiety", "meta-analysis", "a long note " * 12],
        ["https://example.org/" + "a" * 120, "review", ""],
    ]
    screen, buffer = console(width=width, no_color=True)
    tee = Tee(RichWriter(screen))
    tee.table("Links", ["direction", "best evidence", "note"], rows)
    assert check_screen(render_calls(tee, buffer.getvalue(), width)) == []


def test_too_many_columns_for_the_width_print_a_record_at_a_time() -> None:
    screen, buffer = console(width=40, no_color=True)
    RichWriter(screen).table(
        "T", ["direction", "kind"], [["sleep-disturbance → chronic-pain", "systematic-review"]]
    )
    lines = ANSI.sub("", buffer.getvalue()).splitlines()
    assert any(line.startswith("│ direction │ sleep-disturbance") for line in lines), lines
    assert any(line.startswith("│ kind      │ systematic-review") for line in lines), lines


# -- where the output goes --------------------------------------------------------------------
def test_a_terminal_gets_the_table_layout_with_or_without_colour(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert isinstance(render.writer(), RichWriter)
    monkeypatch.setenv("NO_COLOR", "1")  # no colour, the same layout
    out = render.writer()
    assert isinstance(out, RichWriter) and out.console.no_color
    monkeypatch.setattr(sys.stdout, "isatty", lambda: False, raising=False)
    assert isinstance(render.writer(), PlainWriter)


def run_in_terminal(args: list[str], columns: int, env: dict[str, str]) -> str:
    """Run ``kb`` with a real pseudo-terminal ``columns`` wide as its stdout."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    full = {**os.environ, **env, "PYTHONPATH": str(ROOT / "src"), "COLUMNS": str(columns)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "comorbidity_kb", *args], stdout=slave, stderr=slave, env=full
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    assert proc.wait(timeout=60) == 0
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


@pytest.mark.parametrize("no_color", [True, False])
def test_a_real_terminal_80_wide_gets_tables_with_whole_words(no_color: bool) -> None:
    env = {"TERM": "xterm-256color", "NO_COLOR": "1" if no_color else ""}
    raw = run_in_terminal(["show", "insomnia", "--data", str(DATA)], 80, env)
    text = ANSI.sub("", raw)
    assert "┃ intervention" in text or "│ intervention" in text  # a drawn table
    assert bool(COLOUR.search(raw)) is not no_color
    assert all(width_of(line) <= 80 for line in text.splitlines())
    for word in ("systematic-review", "sleep-disturbance", "meta-analysis"):
        assert word in text


def test_a_title_wraps_at_the_terminal_not_at_a_narrow_table() -> None:
    screen, buffer = console(width=80)
    title = "Claims by their best supporting evidence (141 claims)"
    RichWriter(screen).table(title, ["kind", "claims"], [["review", "19"]])
    assert ANSI.sub("", buffer.getvalue()).splitlines()[0].strip() == title
