"""Output: JSON for scripts, rich tables on a terminal, plain text in a pipe or with NO_COLOR.

Layouts (:mod:`comorbidity_kb.render.layouts`) format views; they never compute. They write
through a small :class:`Writer` (headings, paragraphs, tables) that has a rich backend and
a plain one, so every command is laid out once and looks right in both places. This is the
only module that imports rich (a ruff rule enforces it), and only on a terminal.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Sequence
from typing import Any, Protocol

View = dict[str, Any]


class Writer(Protocol):
    def heading(self, text: str, sub: str = "") -> None: ...
    def para(self, text: str, style: str = "") -> None: ...
    def field(self, name: str, value: str) -> None: ...
    def table(self, title: str, columns: Sequence[str], rows: Sequence[Sequence[str]]) -> None: ...
    def blank(self) -> None: ...
    def plot(self, title: str, axis: str, rows: Sequence[tuple[str, str]]) -> None: ...


def use_rich() -> bool:
    """Rich output only on a terminal, and never with NO_COLOR or TERM=dumb."""
    return (
        sys.stdout.isatty()
        and not os.environ.get("NO_COLOR")
        and os.environ.get("TERM", "") != "dumb"
    )


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


class RichWriter:
    """rich tables and styled headings for a person at a terminal."""

    def __init__(self) -> None:
        from rich.console import Console

        self.console = Console(highlight=False)

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
        from rich.table import Table

        if not rows:
            return
        table = Table(
            title=title, title_justify="left", title_style="bold", show_lines=False, expand=False
        )
        for c in columns:
            table.add_column(c, overflow="fold")
        for r in rows:
            table.add_row(*(str(c) for c in r))
        self.console.print(table)
        self.console.print()


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
