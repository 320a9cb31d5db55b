"""Doing the same thing to many files at once, in worker processes where that pays.

Reading and model-validating YAML is most of what ``kb validate`` costs (libyaml hands
Python ~60 event objects a file, pydantic checks every field). Files are independent, so
large folders are split over worker processes; the results come back in the order of the
input, so the output is the same as a serial run's.

Workers ignore SIGINT: Ctrl-C reaches the whole process group, and only the parent acts on
it, by stopping every worker (no tracebacks from them, none left running) and letting the
KeyboardInterrupt through (the CLI exits 130). The number of workers is bounded
(:func:`max_jobs`), whatever is asked.
"""

from __future__ import annotations

import functools
import os
import signal
from collections.abc import Callable, Generator, Sequence
from typing import TypeVar

# Below this many items, starting workers costs more than they save.
PARALLEL_FROM = 2000
_CHUNK = 200
MAX_JOBS = 64  # and at most JOBS_PER_CPU a CPU: more only costs memory and start-up
JOBS_PER_CPU = 4

T = TypeVar("T")
R = TypeVar("R")


def default_jobs() -> int:
    """How many processes to use: the CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def max_jobs() -> int:
    """The most worker processes ever started: 64, and 4 a CPU."""
    return min(MAX_JOBS, JOBS_PER_CPU * default_jobs())


def map_in_order(
    function: Callable[[T], R], items: Sequence[T], jobs: int | None = None
) -> Generator[R, None, None]:
    """``function`` applied to each item, in order; over ``jobs`` processes when many.

    ``function`` must be a module-level function, its results picklable.
    """
    chunks = [items[i : i + _CHUNK] for i in range(0, len(items), _CHUNK)]
    jobs = min(default_jobs() if jobs is None else jobs, max_jobs(), len(chunks))
    if jobs <= 1 or len(items) < PARALLEL_FROM or not _can_fork():
        yield from map(function, items)
        return
    import multiprocessing

    # fork: workers start with every module already imported, so no start-up per worker.
    # SIGINT is blocked while the pool starts: its workers (and its threads, which start
    # any replacement worker) begin with it blocked, so Ctrl-C can never kill a worker
    # half-way (which made terminate() hang on a queue lock, or left one running).
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        pool = multiprocessing.get_context("fork").Pool(jobs, initializer=_ignore_interrupts)
    except BaseException:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        raise
    with pool:  # leaving it, however, terminates every worker
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)  # a pending Ctrl-C lands here
        for results in pool.imap(functools.partial(_map_chunk, function), chunks):
            yield from results


def _ignore_interrupts() -> None:
    """In a worker: Ctrl-C is the parent's to handle."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _map_chunk(function: Callable[[T], R], chunk: Sequence[T]) -> list[R]:
    """``function`` over a chunk of items: one round trip to a worker a chunk."""
    return [function(item) for item in chunk]


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()
