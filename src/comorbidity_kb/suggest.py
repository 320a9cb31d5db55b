"""'Did you mean …?': the one way every message finds the names closest to a typo.

rapidfuzz scores in C (difflib compared every pair in Python). The same scorer and cut-off
serve a misspelt field, a dangling reference and an unknown name on the command line.

WRatio, the scorer, is about 25 times slower than a plain edit ratio: over a large pool (10,000
citations) one question cost 30 ms, and 4,000 dangling references two minutes. So a large pool
is first narrowed to the :data:`SHORTLIST` closest by the plain ratio, and only those are
scored by WRatio: the work per question is one fast pass plus a fixed number of WRatio calls.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

CUTOFF = 60  # out of 100: below it a suggestion misleads more than it helps
WINDOW = 8  # only suggestions this close to the best one: a long tail of near-misses helps nobody
SHORTLIST = 64  # a pool larger than this is narrowed to this many before WRatio scores it

Scorer = Callable[..., float]


def _scorers() -> tuple[Scorer, Scorer]:
    """(the fast scorer that narrows a large pool, the one that ranks)."""
    from rapidfuzz import fuzz

    return fuzz.ratio, fuzz.WRatio


_PROCESSED: list[tuple[Sequence[str], list[str]]] = []  # the last large pool, processed


def _processed(pool: Sequence[str]) -> list[str]:
    """``pool`` as rapidfuzz's default processor makes it, done once for the same pool (a
    validation asks about thousands of unknown ids against the same ids of one kind)."""
    from rapidfuzz import utils

    for known, processed in _PROCESSED:
        if known is pool and len(processed) == len(pool):
            return processed
    processed = [utils.default_process(choice) for choice in pool]
    _PROCESSED[:] = [*_PROCESSED[-3:], (pool, processed)]
    return processed


def closest(text: str, choices: Iterable[str], limit: int = 1) -> list[str]:
    """Up to ``limit`` of ``choices`` closest to ``text``, best first (ties by name)."""
    from rapidfuzz import process, utils

    coarse, fine = _scorers()
    pool: Sequence[str] = choices if isinstance(choices, list | tuple) else list(choices)
    if len(pool) > SHORTLIST:
        shortlist = process.extract(
            utils.default_process(text),
            _processed(pool),
            scorer=coarse,
            processor=None,
            limit=SHORTLIST,
        )
        pool = [pool[index] for _, _, index in shortlist]
    matches = process.extract(
        text,
        pool,
        scorer=fine,
        processor=utils.default_process,
        limit=max(limit * 3, limit),
        score_cutoff=CUTOFF,
    )
    if not matches:
        return []
    best = matches[0][1]
    ranked = sorted((m for m in matches if m[1] >= best - WINDOW), key=lambda m: (-m[1], m[0]))
    return [name for name, _, _ in ranked[:limit]]


def did_you_mean(text: str, choices: Iterable[str]) -> str:
    """``"; did you mean 'x'?"`` for the closest choice, or ``""`` when none is close."""
    found = closest(text, choices)
    return f"; did you mean '{found[0]}'?" if found else ""
