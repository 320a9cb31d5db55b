"""'Did you mean …?': the one way every message finds the names closest to a typo.

rapidfuzz scores in C, so asking about thousands of unknown ids against thousands of known
ones stays fast (difflib compared every pair in Python). The same scorer and cut-off serve
a misspelt field, a dangling reference and an unknown name on the command line.
"""

from __future__ import annotations

from collections.abc import Iterable

CUTOFF = 60  # out of 100: below it a suggestion misleads more than it helps
WINDOW = 8  # only suggestions this close to the best one: a long tail of near-misses helps nobody


def closest(text: str, choices: Iterable[str], limit: int = 1) -> list[str]:
    """Up to ``limit`` of ``choices`` closest to ``text``, best first (ties by name)."""
    from rapidfuzz import fuzz, process, utils

    matches = process.extract(
        text,
        choices if isinstance(choices, list | tuple) else list(choices),
        scorer=fuzz.WRatio,
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
