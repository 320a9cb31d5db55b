"""Refresh the pictures of the whole graph: the Mermaid block in README.md and docs/graph.svg.

`python scripts/render_graph.py` (needs Graphviz's `dot` for the SVG). tests/test_docs.py
checks that the README's Mermaid block is what `kb graph` prints today.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- graph:start -->", "<!-- graph:end -->"


def kb_graph(fmt: str) -> str:
    from typer.testing import CliRunner

    from comorbidity_kb.cli.app import app

    result = CliRunner().invoke(app, ["graph", "--format", fmt, "--data", str(ROOT / "data")])
    assert result.exit_code == 0, result.output
    return result.stdout


def readme_block() -> str:
    """The README section between the graph markers."""
    return f"{START}\n```mermaid\n{kb_graph('mermaid').rstrip()}\n```\n{END}"


def main() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    readme = ROOT / "README.md"
    text = readme.read_text()
    text = text[: text.index(START)] + readme_block() + text[text.index(END) + len(END) :]
    readme.write_text(text)
    dot = shutil.which("dot")
    if dot:
        svg = subprocess.run(
            [dot, "-Tsvg"], input=kb_graph("dot"), capture_output=True, text=True, check=True
        ).stdout
        (ROOT / "docs" / "graph.svg").write_text(svg)
    print("updated README.md" + (" and docs/graph.svg" if dot else " (no dot: SVG not redrawn)"))


if __name__ == "__main__":
    main()
