"""Doing the same thing to many files at once, in worker processes where that pays.

Reading and model-validating YAML is most of what ``kb validate`` costs (libyaml hands
Python ~60 event objects a file, pydantic checks every field). Files are independent, so
large folders are split over worker processes; the results come back in the order of the
input, so the output is the same as a serial run's.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

# Below this many items, starting workers costs more than they save.
PARALLEL_FROM = 2000
_CHUNK = 200

T = TypeVar("T")
R = TypeVar("R")


def default_jobs() -> int:
    """How many processes to use: the CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def map_in_order(
    function: Callable[[T], R], items: Sequence[T], jobs: int | None = None
) -> Iterator[R]:
    """``function`` applied to each item, in order; over ``jobs`` processes when many.

    ``function`` must be a module-level function, its results picklable.
    """
    jobs = default_jobs() if jobs is None else jobs
    if jobs <= 1 or len(items) < PARALLEL_FROM or not _can_fork():
        yield from map(function, items)
        return
    import multiprocessing

    chunks = [items[i : i + _CHUNK] for i in range(0, len(items), _CHUNK)]
    # fork: workers start with every module already imported, so no start-up per worker
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        for results in pool.imap(functools.partial(_map_chunk, function), chunks):
            yield from results


def _map_chunk(function: Callable[[T], R], chunk: Sequence[T]) -> list[R]:
    """``function`` over a chunk of items: one round trip to a worker a chunk."""
    return [function(item) for item in chunk]


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()
