"""Output: JSON for scripts, rich tables on a terminal, plain text in a pipe.

Layouts (``render/*_layout.py``) format views; they never compute. They write through a small
:class:`Writer` (headings, paragraphs, tables) that has a rich backend and a plain one, so
every command is laid out once and looks right in both places. This is the only module that
imports rich (a ruff rule enforces it), and only on a terminal.

Two promises the rich backend keeps, whatever the data says:

- **Text is text.** Every string reaches rich as a :class:`rich.text.Text`, never as a string
  rich would read as markup or emoji codes: ``[via sleep-disturbance]`` prints as written.
- **Words stay whole.** A table's columns are never narrower than their longest word (rich
  would fold "systematic-review" into "systematic-rev/iew"). When the columns cannot all get
  that much room, the table is printed one record at a time, each value beside its header.
  Only a word longer than the whole column is folded, and no line is wider than the terminal.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

View = dict[str, Any]


class Writer(Protocol):
    def heading(self, text: str, sub: str = "") -> None: ...
    def para(self, text: str, style: str = "") -> None: ...
    def field(self, name: str, value: str) -> None: ...
    def table(self, title: str, columns: Sequence[str], rows: Sequence[Sequence[str]]) -> None: ...
    def blank(self) -> None: ...
    def plot(self, title: str, axis: str, rows: Sequence[tuple[str, str]]) -> None: ...


def use_rich() -> bool:
    """The table layout wherever stdout is a terminal; plain text in a pipe or a file.

    NO_COLOR (and TERM=dumb) take the colour away, not the layout: rich honours both.
    """
    return sys.stdout.isatty()


class PlainWriter:
    """Plain text with no escape codes: aligned columns, stable for diffing and grep."""

    def __init__(self) -> None:
        self.width = shutil.get_terminal_size((100, 24)).columns

    def heading(self, text: str, sub: str = "") -> None:
        print(f"{text}{f'  ({sub})' if sub else ''}")
        print("=" * min(len(text), self.width))

    def para(self, text: str, style: str = "") -> None:
        print(text)
        print()

    def field(self, name: str, value: str) -> None:
        print(f"{name}: {value}")

    def blank(self) -> None:
        print()

    def plot(self, title: str, axis: str, rows: Sequence[tuple[str, str]]) -> None:
        """A drawing: the axis line and each row's drawn line as they are (never wrapped),
        each followed by its details, wrapped under it."""
        import textwrap

        print(f"{title}:")
        print(f"  {axis}".rstrip())
        for drawing, details in rows:
            print(f"  {drawing}".rstrip())
            print(
                textwrap.fill(
                    details, max(self.width, 40), initial_indent=" " * 6, subsequent_indent=" " * 6
                )
            )
        print()

    def table(self, title: str, columns: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        if not rows:
            return
        print(f"{title}:")
        cells = [list(columns), *[[str(c) for c in r] for r in rows]]
        widths = [max(len(r[i]) for r in cells) for i in range(len(columns) - 1)]
        for r in cells:
            lead = "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False))
            print(f"  {lead}  {r[-1]}".rstrip() if widths else f"  {r[-1]}")
        print()


# -- column widths that keep words whole ------------------------------------------------------
def _longest_word(text: str) -> int:
    from rich.cells import cell_len

    return max((cell_len(word) for word in text.split()), default=0)


def _longest_line(text: str) -> int:
    from rich.cells import cell_len

    return max((cell_len(line) for line in text.splitlines()), default=0)


def column_widths(columns: Sequence[Sequence[str]], room: int) -> list[int] | None:
    """Widths for columns of text (each a header and its cells) within ``room`` cells.

    Every column gets at least its longest word and at most its longest line; what room is
    left is shared in proportion to how much more each column could use. None when even the
    longest words do not fit side by side.
    """
    least = [max(1, max(_longest_word(c) for c in column)) for column in columns]
    most = [max(1, max(_longest_line(c) for c in column)) for column in columns]
    if sum(least) > room:
        return None
    if sum(most) <= room:
        return most
    spare, want = room - sum(least), [m - n for m, n in zip(most, least, strict=True)]
    total = sum(want)
    widths = [n + spare * w // total for n, w in zip(least, want, strict=True)]
    # Hand out what rounding left over, one cell at a time, to the columns that want most.
    for i in sorted(range(len(widths)), key=lambda i: widths[i] - most[i])[: room - sum(widths)]:
        widths[i] += 1
    return widths


class RichWriter:
    """rich tables and styled headings for a person at a terminal."""

    def __init__(self, console: Console | None = None) -> None:
        from rich.console import Console

        # markup and emoji off as well: nothing given to this console is read as markup.
        self.console = console or Console(highlight=False, markup=False, emoji=False)

    def heading(self, text: str, sub: str = "") -> None:
        from rich.text import Text

        line = Text(text, style="bold cyan")
        if sub:
            line.append(f"  {sub}", style="dim")
        self.console.print(line)

    def para(self, text: str, style: str = "") -> None:
        from rich.text import Text

        self.console.print(Text(text, style=style or ""))
        self.console.print()

    def field(self, name: str, value: str) -> None:
        from rich.text import Text

        self.console.print(Text.assemble((f"{name}: ", "bold"), value))

    def blank(self) -> None:
        self.console.print()

    def plot(self, title: str, axis: str, rows: Sequence[tuple[str, str]]) -> None:
        """A drawing: its lines never wrapped (cut at the edge), the details wrapped."""
        from rich.padding import Padding
        from rich.text import Text

        self.console.print(Text(title, style="bold"))
        self.console.print(Text(f"  {axis}", style="dim"), no_wrap=True, overflow="crop")
        for drawing, details in rows:
            self.console.print(Text(f"  {drawing}"), no_wrap=True, overflow="crop")
            self.console.print(Padding(Text(details, style="dim"), (0, 0, 0, 6)))
        self.console.print()

    def table(self, title: str, columns: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        if not rows:
            return
        cells = [[str(c) for c in r] for r in rows]
        # Each column costs two cells of padding and one of border, plus the last border.
        room = self.console.width - 3 * len(columns) - 1
        texts = [[c, *(r[i] for r in cells)] for i, c in enumerate(columns)]
        widths = column_widths(texts, room)
        from rich.text import Text

        # The title on a line of its own: as a table's title, rich would wrap it to the
        # width of a narrow table.
        self.console.print(Text(title, style="bold"))
        if widths is None:
            self.console.print(self._records(columns, cells))
        else:
            self.console.print(self._grid(columns, cells, widths))
        self.console.print()

    @staticmethod
    def _grid(columns: Sequence[str], cells: list[list[str]], widths: list[int]) -> Table:
        """One row per record, every column as wide as ``widths`` says."""
        from rich.table import Table
        from rich.text import Text

        table = Table(expand=False)
        for c, width in zip(columns, widths, strict=True):
            table.add_column(Text(c), width=width, overflow="fold")
        for r in cells:
            table.add_row(*(Text(c) for c in r))
        return table

    @staticmethod
    def _records(columns: Sequence[str], cells: list[list[str]]) -> Table:
        """Too many columns for the width: each record as a block of header, value lines."""
        from rich import box
        from rich.table import Table
        from rich.text import Text

        table = Table(box=box.SQUARE, show_header=False, expand=False)
        table.add_column(no_wrap=True, style="bold")
        table.add_column(overflow="fold")
        for r in cells:
            for i, (c, value) in enumerate(zip(columns, r, strict=True)):
                table.add_row(Text(c), Text(value), end_section=i == len(columns) - 1)
        return table


def writer() -> Writer:
    """The writer that fits where stdout goes."""
    return RichWriter() if use_rich() else PlainWriter()


def print_json(view: Any) -> None:
    """Print a view as indented JSON (the documented ``--json`` shapes)."""
    import json  # only here: most runs print text

    print(json.dumps(view, indent=2, ensure_ascii=False))


def print_text(text: str) -> None:
    """Print text a format made (a diagram, an export) exactly as it is."""
    sys.stdout.write(text)


def emit(view: Any, as_json: bool, text: Callable[[Any, Writer], None]) -> None:
    """Print ``view`` as JSON, or through the text layout ``text``."""
    if as_json:
        print_json(view)
    else:
        text(view, writer())
