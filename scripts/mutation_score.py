"""The mutation score of each area `make mutate` mutates, from mutmut 3's results.

Usage::

    python scripts/mutation_score.py mutants/results.txt [--equivalents FILE]

``results.txt`` is the output of ``mutmut results`` (one ``name: status`` line a mutant).
Plain ``mutmut results`` leaves out the killed mutants (``mutmut results --all true`` keeps
them), so the statuses are completed from mutmut's own result files, the ``*.meta`` files
of the folder ``results.txt`` is in (``mutants/``): every mutant is counted either way.

Per area it prints killed, survived, timeout, no tests, other, equivalent and the score,
``killed / (total - equivalent)``. Equivalent mutants (mutants no test can kill, because
they do not change what the code does) are listed by name in docs/mutation-equivalents.txt,
one a line, each with a ``# reason``. The exit status is 1 when an area scores under 90%,
2 when the results cannot be read.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENTS = ROOT / "docs" / "mutation-equivalents.txt"
THRESHOLD = 0.90

# Area name → the module prefix of its mutants (mutant names start with the module).
AREAS: dict[str, str] = {
    "rules": "comorbidity_kb.check.",
    "knowledge base": "comorbidity_kb.kb.",
    "YAML loader": "comorbidity_kb.read.",
}

# mutmut 3's exit code → status (mutmut.stats.status_by_exit_code); any other is suspicious.
STATUS_BY_EXIT_CODE: dict[int | None, str] = {
    1: "killed",
    3: "killed",
    0: "survived",
    5: "no tests",
    2: "check was interrupted by user",
    None: "not checked",
    33: "no tests",
    34: "skipped",
    35: "suspicious",
    36: "timeout",
    37: "caught by type check",
    -24: "timeout",
    24: "timeout",
    152: "timeout",
    255: "timeout",
    -11: "segfault",
    -9: "segfault",
}
# Statuses that count as killed: a test (or the type checker) noticed the change.
KILLED = frozenset({"killed", "caught by type check"})
COLUMNS = ("killed", "survived", "timeout", "no tests", "other")

_LINE = re.compile(r"^\s*(?P<name>[^\s:][^:]*?):\s*(?P<status>[a-z][a-z ]*)\s*$")


def parse_results(text: str) -> dict[str, str]:
    """Mutant name → status, from ``mutmut results`` output (other lines are skipped)."""
    found: dict[str, str] = {}
    for line in text.splitlines():
        match = _LINE.match(line)
        if match and "__mutmut_" in match["name"]:
            found[match["name"]] = match["status"]
    return found


def read_meta(folder: Path) -> dict[str, str]:
    """Mutant name → status, from the ``*.meta`` files mutmut writes under ``folder``."""
    found: dict[str, str] = {}
    for meta in sorted(folder.rglob("*.py.meta")):
        data = json.loads(meta.read_text(encoding="utf-8"))
        codes = data.get("exit_code_by_key", {})
        for name, code in codes.items():
            found[name] = STATUS_BY_EXIT_CODE.get(code, "suspicious")
    return found


def parse_equivalents(text: str) -> dict[str, str]:
    """Mutant name → why it is equivalent, from ``name  # reason`` lines."""
    found: dict[str, str] = {}
    for line in text.splitlines():
        name, _, reason = line.partition("#")
        name = name.strip()
        if name:
            found[name] = reason.strip()
    return found


def area_of(name: str) -> str | None:
    for area, prefix in AREAS.items():
        if name.startswith(prefix):
            return area
    return None


@dataclass
class Score:
    """The tally of one area."""

    counts: Counter[str]
    total: int
    equivalent: int
    survivors: list[str]

    @property
    def killed(self) -> int:
        return self.counts["killed"]

    @property
    def score(self) -> float:
        denominator = self.total - self.equivalent
        return self.killed / denominator if denominator > 0 else 1.0


def column(status: str) -> str:
    if status in KILLED:
        return "killed"
    return status if status in COLUMNS else "other"


def tally(statuses: Mapping[str, str], equivalents: Iterable[str]) -> dict[str, Score]:
    """Each area's counts. An equivalent mutant that was killed anyway counts as killed
    (and not as equivalent): the score never exceeds 100%."""
    equivalent = set(equivalents)
    scores = {area: Score(Counter(), 0, 0, []) for area in AREAS}
    for name, status in sorted(statuses.items()):
        area = area_of(name)
        if area is None:
            continue
        score = scores[area]
        score.total += 1
        kind = column(status)
        score.counts[kind] += 1
        if kind != "killed" and name in equivalent:
            score.equivalent += 1
        elif kind != "killed":
            score.survivors.append(f"{name}: {status}")
    return scores


def report(scores: Mapping[str, Score]) -> str:
    head = f"{'area':<16}{'total':>7}" + "".join(f"{c:>10}" for c in COLUMNS)
    lines = [head + f"{'equivalent':>12}{'score':>9}"]
    for area, s in scores.items():
        counts = "".join(f"{s.counts[c]:>10}" for c in COLUMNS)
        lines.append(f"{area:<16}{s.total:>7}{counts}{s.equivalent:>12}{s.score:>9.1%}")
    for area, s in scores.items():
        if s.survivors:
            lines.append(f"\n{area}: {len(s.survivors)} not killed and not listed as equivalent")
            lines += [f"  {x}" for x in s.survivors]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("results", type=Path, help="the output of `mutmut results`")
    parser.add_argument("--equivalents", type=Path, default=EQUIVALENTS)
    args = parser.parse_args(argv)
    results: Path = args.results
    if not results.is_file():
        print(f"no results file {results}: run `mutmut run` first", file=sys.stderr)
        return 2
    statuses = read_meta(results.parent)
    statuses.update(parse_results(results.read_text(encoding="utf-8")))
    if not statuses:
        print(f"no mutants in {results} or its folder's *.meta files", file=sys.stderr)
        return 2
    equivalents_file: Path = args.equivalents
    equivalents = (
        parse_equivalents(equivalents_file.read_text(encoding="utf-8"))
        if equivalents_file.is_file()
        else {}
    )
    unknown = sorted(set(equivalents) - set(statuses))
    scores = tally(statuses, equivalents)
    print(report(scores))
    if unknown:
        print(f"\n{len(unknown)} equivalent mutants no longer exist (stale names):")
        print("\n".join(f"  {name}" for name in unknown))
    low = [area for area, s in scores.items() if s.score < THRESHOLD]
    if low:
        print(f"\nunder {THRESHOLD:.0%}: {', '.join(low)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
