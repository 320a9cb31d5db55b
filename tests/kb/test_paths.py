"""Yen's search gives exactly the paths, in exactly the order, that listing every simple path
breadth-first gives (tests/adversarial/test_blowups.py: with bounded work)."""

from __future__ import annotations

from collections import deque

from hypothesis import given
from hypothesis import strategies as st

from comorbidity_kb.kb.paths import first_paths

Edges = dict[str, list[str]]


def breadth_first(edges: Edges, a: str, b: str, max_hops: int, limit: int) -> list[list[str]]:
    """The listing the knowledge base used before: every simple path, shortest first."""
    if a == b:
        return []
    found: list[list[str]] = []
    queue: deque[tuple[str, list[str]]] = deque([(a, [])])
    while queue and len(found) < limit:
        node, path = queue.popleft()
        if len(path) >= max_hops:
            continue
        visited = {a, *path}
        for target in sorted(edges.get(node, [])):
            if target == b:
                found.append([*path, target])
            elif target not in visited:
                queue.append((target, [*path, target]))
    return found[:limit]


NODES = "abcdef"
graphs = st.dictionaries(
    st.sampled_from(NODES), st.lists(st.sampled_from(NODES), unique=True), max_size=len(NODES)
)


@given(
    graphs,
    st.sampled_from(NODES),
    st.sampled_from(NODES),
    st.integers(1, 5),
    st.integers(1, 8),
)
def test_the_same_paths_in_the_same_order(
    edges: Edges, a: str, b: str, max_hops: int, limit: int
) -> None:
    edges = {n: [t for t in targets if t != n] for n, targets in edges.items()}

    def successors(node: str) -> list[tuple[str, str]]:
        return [(t, f"{node}>{t}") for t in sorted(edges.get(node, []))]

    got = first_paths(successors, a, b, max_hops, limit)
    expected = breadth_first(edges, a, b, max_hops, limit)
    assert [[hop.split(">")[1] for hop in path] for path in got] == expected
    for path in got:  # each hop is the one the successor function paired with its node
        assert all(
            hop.split(">")[0] == prev
            for hop, prev in zip(path, [a, *[h.split(">")[1] for h in path]], strict=False)
        )
