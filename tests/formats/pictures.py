"""Geometry of a rendered graph, for the picture tests: boxes, lines and what they touch.

Both diagram formats draw a direction's label as a small box on its edge (the line runs into
it and out of it). A picture is right when no line runs through a box it does not end at,
and no two boxes (conditions, labels, the "is a" texts) overlap.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from itertools import combinations, pairwise

Point = tuple[float, float]
Box = tuple[float, float, float, float]  # x0, y0, x1, y1


@dataclass
class Line:
    """A drawn line: the boxes it joins, its points, and the box of its own text if any."""

    ends: tuple[str, str]
    points: list[Point]
    text: Box | None = None


def overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def distance(line: Sequence[Point], box: Box, steps: int = 40) -> float:
    """How far ``box`` is from the polyline ``line`` (0 where the line enters it)."""
    best = math.inf
    for p, q in pairwise(line):
        for i in range(steps + 1):
            x = p[0] + (q[0] - p[0]) * i / steps
            y = p[1] + (q[1] - p[1]) * i / steps
            dx = max(box[0] - x, 0.0, x - box[2])
            dy = max(box[1] - y, 0.0, y - box[3])
            best = min(best, math.hypot(dx, dy))
    return best


def bezier(points: Sequence[Point], steps: int = 12) -> list[Point]:
    """The points along a piecewise cubic Bézier curve (Graphviz's splines)."""
    out = [points[0]]
    for i in range(0, len(points) - 3, 3):
        p0, p1, p2, p3 = points[i : i + 4]
        for k in range(1, steps + 1):
            t = k / steps
            a, b, c, d = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t * t, t**3
            out.append(
                (
                    a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
                    a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1],
                )
            )
    return out


def collisions(
    lines: Sequence[Line], boxes: dict[str, Box], kept_clear: Collection[str] | None = None
) -> list[str]:
    """Lines through boxes they do not join or texts not theirs, and boxes that overlap.
    ``boxes`` are what lines join: conditions, and the labels of directions; ``kept_clear``
    names the boxes no other line may run through (all of them, unless given)."""
    clear = boxes.keys() if kept_clear is None else kept_clear
    problems = [
        f"the line {line.ends[0]} → {line.ends[1]} runs through {name}"
        for line in lines
        for name, box in boxes.items()
        if name in clear and name not in line.ends and distance(line.points, box) == 0
    ]
    texts = {f"the text on {t.ends[0]} → {t.ends[1]}": t for t in lines if t.text is not None}
    problems += [
        f"the line {line.ends[0]} → {line.ends[1]} runs through {name}"
        for line in lines
        for name, owner in texts.items()
        if owner is not line and owner.text and distance(line.points, owner.text) == 0
    ]
    every = list(boxes.items()) + [(name, t.text) for name, t in texts.items() if t.text]
    problems += [
        f"{a} and {b} overlap" for (a, p), (b, q) in combinations(every, 2) if overlap(p, q)
    ]
    return problems
