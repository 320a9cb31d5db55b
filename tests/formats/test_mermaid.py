"""kb graph (Mermaid): one arrow per link direction, as thick as its own strength and
labelled with its strength and its own mechanisms; rendered by mermaid-cli, each label is a
box on its own edge, no other line runs through it, and no two boxes overlap."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from comorbidity_kb.formats.diagram_style import STRENGTH_WIDTH
from comorbidity_kb.formats.mermaid import to_mermaid
from comorbidity_kb.kb.build import load_fresh
from comorbidity_kb.kb.knowledge import KnowledgeBase
from comorbidity_kb.views.diagram import graph_view
from tests.conftest import DATA
from tests.formats.pictures import Box, Line, collisions

DIRECTION = re.compile(r'^    (\w+) --- (label__\d+)\("(.*)"\) --> (\w+)$')
STYLE = re.compile(r"^    linkStyle (\d+),(\d+) stroke-width:([\d.]+)px$")


@pytest.fixture(scope="module")
def real() -> KnowledgeBase:
    return load_fresh(DATA)[0]


def mid(entity_id: str) -> str:
    return entity_id.replace("-", "_")


def test_each_direction_is_its_own_arrow_with_its_own_strength_and_mechanisms(
    real: KnowledgeBase,
) -> None:
    view = graph_view(real)
    text = to_mermaid(view)
    arrows = [m.groups() for m in map(DIRECTION.match, text.splitlines()) if m]
    widths = [m.groups() for m in map(STYLE.match, text.splitlines()) if m]
    directions = [d for e in view["edges"] for d in e["directions"]]
    assert len(arrows) == len(widths) == len(directions)
    for n, ((a, label, words, b), style, d) in enumerate(
        zip(arrows, widths, directions, strict=True)
    ):
        assert (a, label, b) == (mid(d["from"]), f"label__{n}", mid(d["to"]))
        first, *rest = words.split("<br>")
        assert first == f"({d['strength']})"
        assert " ".join(rest) == ", ".join(d["mechanism_names"])
        assert style == (str(2 * n), str(2 * n + 1), f"{STRENGTH_WIDTH[d['strength']]:g}")
    assert "<-->" not in text


def test_the_issues_two_way_link_shows_each_direction(real: KnowledgeBase) -> None:
    text = to_mermaid(graph_view(real))
    arrows = {(m[1], m[4]): m[3] for m in map(DIRECTION.match, text.splitlines()) if m}
    assert arrows[("insomnia", "depression")] == "(strong)"
    assert arrows[("depression", "insomnia")] == "(moderate)<br>Rumination"


def render_svg(source: str, tmp_path: Path) -> str:
    mmdc = shutil.which("mmdc")
    browser = next(filter(None, map(shutil.which, ("chromium", "chromium-browser"))), None)
    if mmdc is None or browser is None:
        pytest.skip(
            "mermaid-cli (mmdc) and Chromium are needed to render Mermaid: "
            "PUPPETEER_SKIP_DOWNLOAD=1 npm install -g @mermaid-js/mermaid-cli; "
            "apt-get install chromium"
        )
    config = tmp_path / "puppeteer.json"
    config.write_text(json.dumps({"executablePath": browser, "args": ["--no-sandbox"]}))
    (tmp_path / "graph.mmd").write_text(source)
    subprocess.run(
        [mmdc, "-q", "-p", str(config), "-i", "graph.mmd", "-o", "graph.svg"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        timeout=120,
    )
    return (tmp_path / "graph.svg").read_text()


NODE = re.compile(
    r'<g class="node[^"]*" id="[^"]*?flowchart-(\w+?)-\d+"[^>]*?'
    r'transform="translate\(([-\d.]+), ([-\d.]+)\)"><rect[^>]*? '
    r'x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)" height="([\d.]+)"'
)
PATH = re.compile(r'<path d="([^"]+)" id="[^"]*?L_(\w+?)_\d+"')
TEXT = re.compile(
    r'<g class="edgeLabel" transform="translate\(([-\d.]+), ([-\d.]+)\)">'
    r'<g class="label" data-id="L_(\w+?)_\d+" transform="translate\(([-\d.]+), ([-\d.]+)\)">'
    r'<foreignObject width="([\d.]+)" height="([\d.]+)"'
)


def box(x: str, y: str, dx: str, dy: str, w: str, h: str) -> Box:
    left, top = float(x) + float(dx), float(y) + float(dy)
    return (left, top, left + float(w), top + float(h))


@pytest.mark.parametrize("focus", [None, "insomnia"])
def test_mermaid_draws_every_label_on_its_edge_and_clear_of_other_lines(
    real: KnowledgeBase, focus: str | None, tmp_path: Path
) -> None:
    view = graph_view(real, focus, 1)
    svg = render_svg(to_mermaid(view), tmp_path)
    boxes = {m[1]: box(*m.groups()[1:]) for m in NODE.finditer(svg)}
    texts = {
        m[3]: box(*m.groups()[:2], *m.groups()[3:]) for m in TEXT.finditer(svg) if float(m[6])
    }  # the "is a" texts (a direction's label is a box of its own, its edges have none)
    lines = []
    for m in PATH.finditer(svg):
        points = [(float(x), float(y)) for x, y in re.findall(r"[ML]([-\d.]+),([-\d.]+)", m[1])]
        ends = next(
            (a, b) for a in boxes for b in boxes if m[2] == f"{a}_{b}"
        )  # the path's id joins the ids of the boxes it joins
        lines.append(Line(ends, points, texts.get(m[2])))
    directions = sum(len(e["directions"]) for e in view["edges"])
    assert len(boxes) == len(view["nodes"]) + directions
    assert len(lines) == 2 * directions + len(view["subtypes"])
    assert len(texts) == len(view["subtypes"])
    labels = [name for name in boxes if name.startswith("label__")]
    # Mermaid's layout may graze a condition's box with a line; a label it must keep clear.
    assert collisions(lines, boxes, kept_clear=labels) == []
