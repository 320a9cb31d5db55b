"""The first simple paths between two conditions, in (length, node ids) order, with bounded
work.

Listing every simple path breadth-first and keeping the first few costs what the number of
simple paths costs: on 20 conditions all linked both ways, paths of up to 6 hops to a
condition nobody reaches took 72 s and 4.5 GB. This is Yen's k-shortest-paths algorithm
instead: each path found costs at most one shortest-path search per node on it, and each
search is one breadth-first pass over the part of the graph reachable from the start. Every
condition's successors are asked for once. So the work depends on the size of the graph and
on ``limit`` and ``max_hops``, never on how many simple paths there are.

The order is the one a breadth-first listing gives: shortest first, then by the ids of the
conditions along the path.
"""

from __future__ import annotations

import heapq
import itertools
import typing
from collections import deque
from collections.abc import Callable, Sequence
from typing import TypeVar

H = TypeVar("H")  # a hop: whatever the successor function pairs with each next node
Nodes = tuple[str, ...]


class _Graph:
    """The part of the graph reachable from ``start`` within ``max_hops``, asked once."""

    def __init__(
        self, successors: Callable[[str], Sequence[tuple[str, object]]], start: str, hops: int
    ) -> None:
        self.next: dict[str, list[str]] = {}
        self.hop: dict[tuple[str, str], object] = {}
        self.prev: dict[str, list[str]] = {}
        depth = {start: 0}
        queue = deque([start])
        while queue:
            node = queue.popleft()
            if depth[node] >= hops:
                continue
            self.next[node] = []
            for target, hop in successors(node):
                self.next[node].append(target)
                self.hop[node, target] = hop
                self.prev.setdefault(target, []).append(node)
                if target not in depth:
                    depth[target] = depth[node] + 1
                    queue.append(target)

    def distances_to(
        self, end: str, banned: set[str], banned_edges: set[tuple[str, str]]
    ) -> dict[str, int]:
        """Hops from each node to ``end``, avoiding the banned nodes and edges."""
        dist = {end: 0}
        queue = deque([end])
        while queue:
            node = queue.popleft()
            for before in self.prev.get(node, ()):
                if (
                    before not in dist
                    and before not in banned
                    and (before, node) not in banned_edges
                ):
                    dist[before] = dist[node] + 1
                    queue.append(before)
        return dist

    def first_path(
        self,
        start: str,
        end: str,
        banned: set[str],
        banned_edges: set[tuple[str, str]],
        budget: int,
    ) -> Nodes | None:
        """The shortest path from ``start`` to ``end`` (the smallest ids among the shortest)
        avoiding ``banned`` nodes and edges, if it has at most ``budget`` hops."""
        dist = self.distances_to(end, banned, banned_edges)
        if start not in dist or dist[start] > budget:
            return None
        path = [start]
        while path[-1] != end:
            node = path[-1]
            path.append(
                min(
                    t
                    for t in self.next.get(node, ())
                    if dist.get(t) == dist[node] - 1
                    and t not in banned
                    and (node, t) not in banned_edges
                )
            )
        return tuple(path)


def first_paths(
    successors: Callable[[str], Sequence[tuple[str, H]]],
    start: str,
    end: str,
    max_hops: int,
    limit: int,
) -> list[list[H]]:
    """Up to ``limit`` simple paths from ``start`` to ``end`` of at most ``max_hops`` hops,
    shortest first (then by node ids), each as its hops.

    ``successors(node)`` lists ``(next node, hop)`` pairs; it is called once per node.
    """
    if start == end or limit <= 0:
        return []
    graph = _Graph(successors, start, max_hops)
    first = graph.first_path(start, end, set(), set(), max_hops)
    if first is None:
        return []
    found: list[Nodes] = [first]
    candidates: list[tuple[int, Nodes]] = []
    seen = {first}
    while len(found) < limit:
        _deviations(graph, found, end, max_hops, candidates, seen)
        if not candidates:
            break
        found.append(heapq.heappop(candidates)[1])
    hops = [[graph.hop[a, b] for a, b in itertools.pairwise(p)] for p in found]
    return typing.cast("list[list[H]]", hops)


def _deviations(
    graph: _Graph,
    found: list[Nodes],
    end: str,
    max_hops: int,
    candidates: list[tuple[int, Nodes]],
    seen: set[Nodes],
) -> None:
    """Yen's step: every path that leaves the last path found at one of its nodes."""
    last = found[-1]
    for i in range(len(last) - 1):
        root = last[: i + 1]
        banned_edges = {(p[i], p[i + 1]) for p in found if len(p) > i + 1 and p[: i + 1] == root}
        spur = graph.first_path(last[i], end, set(root[:-1]), banned_edges, max_hops - i)
        if spur is not None:
            path = root[:-1] + spur
            if path not in seen:
                seen.add(path)
                heapq.heappush(candidates, (len(path), path))
