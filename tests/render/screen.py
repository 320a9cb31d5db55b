"""Reading what a writer printed back, as a person would: tables, their headers and cells.

The layout tests render a view through the real writers (rich at a given width, with or
without colour, and plain as in a pipe) and read the screen back with these helpers, never
with rich's own measurements. :class:`Tee` records what a layout asked the writer for, so a
test can compare every cell asked for with the cell that appears under its header.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import redirect_stdout
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from rich.console import Console

from comorbidity_kb.render.writer import PlainWriter, RichWriter, Writer

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
COLOUR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9;]*)?m")
TOP = "┏┌"  # the first line of a table
VERTICAL = "┃│"


def width_of(text: str) -> int:
    """Terminal cells taken by ``text`` (east-asian wide characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


@dataclass
class Table:
    title: str
    columns: list[str]
    rows: list[list[str]]


@dataclass
class Tee:
    """A writer that records what a layout asks for and passes it on to a real writer."""

    out: Writer
    tables: list[Table] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)

    def heading(self, text: str, sub: str = "") -> None:
        self.texts += [text, sub]
        self.out.heading(text, sub)

    def para(self, text: str, style: str = "") -> None:
        self.texts.append(text)
        self.out.para(text, style)

    def field(self, name: str, value: str) -> None:
        self.texts.append(f"{name}: {value}")
        self.out.field(name, value)

    def table(self, title: str, columns: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        if rows:
            self.tables.append(Table(title, list(columns), [[str(c) for c in r] for r in rows]))
        self.out.table(title, columns, rows)

    def blank(self) -> None:
        self.out.blank()

    def table_titled(self, title: str) -> Table:
        (found,) = [t for t in self.tables if t.title == title]
        return found

    def cells(self, title: str, column: str) -> list[str]:
        """The cells a layout put under ``column`` of the table called ``title``."""
        table = self.table_titled(title)
        i = table.columns.index(column)
        return [r[i] for r in table.rows]


@dataclass
class Screen:
    """What one rendering printed: the text (escape codes removed), the raw text, the width."""

    text: str
    raw: str
    width: int | None
    tee: Tee

    @property
    def flat(self) -> str:
        """The text with every run of white space (line ends too) made one space."""
        return " ".join(self.text.split())


def render_calls(tee: Tee, raw: str, width: int | None) -> Screen:
    """The screen a rich writer (``width`` given) or a plain one (None) printed ``raw`` on."""
    return Screen(ANSI.sub("", raw), raw, width, tee)


def render(layout: Any, view: Any, mode: str, width: int = 80) -> Screen:
    """``view`` through ``layout`` as ``mode``: "colour" or "no-color" (rich, on a terminal
    ``width`` cells wide), or "piped" (the plain writer)."""
    buffer = io.StringIO()
    if mode == "piped":
        with redirect_stdout(buffer):
            tee = Tee(PlainWriter())
            layout(view, tee)
        return Screen(buffer.getvalue(), buffer.getvalue(), None, tee)
    console = Console(
        file=buffer,
        width=width,
        force_terminal=True,
        color_system="truecolor",
        no_color=mode == "no-color",
        highlight=False,
        markup=False,
        emoji=False,
        legacy_windows=False,
    )
    tee = Tee(RichWriter(console))
    layout(view, tee)
    raw = buffer.getvalue()
    return Screen(ANSI.sub("", raw), raw, width, tee)


# -- rich tables, read back -------------------------------------------------------------------
@dataclass
class Drawn:
    """A rich table as drawn: header cells, and body lines split into sections."""

    widths: list[int]
    header: list[str]
    sections: list[list[list[str]]]


def _split(line: str, bounds: list[tuple[int, int]]) -> list[str]:
    return [line[a:b].strip() for a, b in bounds]


def drawn_tables(text: str) -> Iterator[tuple[list[str], Drawn]]:
    """Every rich table in ``text``, with the lines above it (its title, maybe wrapped)."""
    lines = text.splitlines()
    for n, line in enumerate(lines):
        if not line or line[0] not in TOP:
            continue
        above = [ln.strip() for ln in lines[max(0, n - 3) : n]]
        # Column boundaries: the top rule's joints, each column's text one cell in from them.
        joints = [i for i, ch in enumerate(line) if ch in "┏┳┓┌┬┐"]
        bounds = [(a + 2, b - 1) for a, b in pairwise(joints)]
        header: list[list[str]] = []
        sections: list[list[list[str]]] = [[]]
        for body in lines[n + 1 :]:
            if not body or body[0] in "└┗":
                break
            if body[0] == "┃":
                header.append(_split(body, bounds))
            elif body[0] == "│":
                sections[-1].append(_split(body, bounds))
            elif body[0] == "├":
                sections.append([])
        names = [" ".join(" ".join(h[i] for h in header).split()) for i in range(len(bounds))]
        names = names if header else []
        yield above, Drawn([b - a - 3 for a, b in bounds], names, [s for s in sections if s])


def same_words(expected: Sequence[str], lines: Sequence[str], width: int) -> str | None:
    """Why the words of ``lines`` (one column's text, line by line) are not those of the
    cells ``expected``, or None. A word no wider than ``width`` must sit whole on one line;
    only a longer one may be folded over several."""
    want = [w for cell in expected for w in cell.split()]
    got = [w for line in lines for w in line.split()]
    i = 0
    for word in want:
        if width_of(word) <= width:
            if i >= len(got) or got[i] != word:
                return f"expected {word!r}, found {got[i] if i < len(got) else 'nothing'!r}"
            i += 1
            continue
        joined = ""
        while i < len(got) and len(joined) < len(word):
            joined += got[i]
            i += 1
        if joined != word:
            return f"the long word {word!r} came out as {joined!r}"
    return None if i == len(got) else f"left over: {got[i:]!r}"


def titled(above: list[str], title: str) -> bool:
    """Whether the last lines of ``above`` are ``title`` (rich wraps a long title)."""
    return any(" ".join(" ".join(above[k:]).split()) == title for k in range(len(above)))


def check_rich_table(table: Table, above: list[str], drawn: Drawn, width: int) -> list[str]:
    """Every cell of ``table`` under its own header, words whole; [] when all is well.

    A word may be folded over lines only when no column could hold it: when it is wider
    than a one-column table on this terminal (a record's value column, when the table is
    printed a record at a time).
    """
    if not titled(above, table.title):
        return [f"{table.title!r}: the table drawn here is titled {above!r}"]
    if drawn.header:  # one row per record
        if drawn.header != table.columns:
            return [f"{table.title!r}: header {drawn.header} is not {table.columns}"]
        (body,) = drawn.sections
        widest = width - 4  # a border and a space each side
        return [
            f"{table.title!r}, column {name!r}: {why}"
            for i, name in enumerate(table.columns)
            if (why := same_words([r[i] for r in table.rows], [ln[i] for ln in body], widest))
        ]
    return _check_records(table, drawn, width - 7 - drawn.widths[0])


def _check_records(table: Table, drawn: Drawn, widest: int) -> list[str]:
    """A table printed a record at a time: header names on the left, values on the right."""
    problems = []
    if len(drawn.sections) != len(table.rows):
        return [f"{table.title!r}: {len(drawn.sections)} records for {len(table.rows)} rows"]
    for row, section in zip(table.rows, drawn.sections, strict=True):
        fields: list[tuple[str, list[str]]] = []
        for name, value in section:
            if name:
                fields.append((name, []))
            fields[-1][1].append(value)
        if [name for name, _ in fields] != table.columns:
            problems.append(f"{table.title!r}: fields {[n for n, _ in fields]}")
            continue
        for cell, (name, lines) in zip(row, fields, strict=True):
            why = same_words([cell], lines, widest)
            if why:
                problems.append(f"{table.title!r}, {name!r}: {why}")
    return problems


# -- plain tables, read back ------------------------------------------------------------------
def check_plain_table(lines: list[str], start: int, table: Table) -> list[str]:
    """In a pipe: the title, a header line, then one line per row, each value exactly
    under its header (the plain writer never wraps)."""
    header = lines[start + 1]
    starts, at = [], 0
    for name in table.columns:
        at = header.index(name, at)
        starts.append(at)
        at += len(name)
    problems = []
    for n, row in enumerate(table.rows):
        line = lines[start + 2 + n]
        ends = [*starts[1:], len(line) + 1]
        got = [line[a:b].strip() for a, b in zip(starts, ends, strict=True)]
        if got != [c.strip() for c in row]:
            problems.append(f"{table.title!r} row {n}: {got} is not {row}")
    return problems


def check_screen(screen: Screen) -> list[str]:
    """Every table the layout asked for, read back from the screen; and no line too wide."""
    problems: list[str] = []
    if screen.width is None:
        lines, at = screen.text.splitlines(), 0
        for table in screen.tee.tables:
            if f"{table.title}:" not in lines[at:]:
                return [*problems, f"no plain table titled {table.title!r}"]
            at = lines.index(f"{table.title}:", at)
            problems += check_plain_table(lines, at, table)
            at += 1
        return problems
    drawn = list(drawn_tables(screen.text))
    if len(drawn) != len(screen.tee.tables):
        return [f"{len(drawn)} tables drawn for {len(screen.tee.tables)} asked for"]
    for table, (above, one) in zip(screen.tee.tables, drawn, strict=True):
        problems += check_rich_table(table, above, one, screen.width)
    problems += [
        f"line wider than {screen.width}: {line!r}"
        for line in screen.text.splitlines()
        if width_of(line) > screen.width
    ]
    return problems
