"""One edited file costs one file's work: the figures of issue 11, measured as ratios in one run.

For 10,000 and 100,000 entities (the bases of benchmarks/run.py), every command a new
process, NO_COLOR, output to a pipe:

- a warm `kb show` (median), and the first `kb show` after editing one file: while the edit
  is under 2 s old (the answer may not be written to the cache) and once it has aged (the
  query also writes the cache for it);
- `kb validate` cold (no cache: every file read and checked), and after one edit of each
  kind: text only, a name, a parent, an id, a file added (each re-checks the edited file
  and the files that share a name, a reference or a source with it, against the whole
  knowledge base);
- the peak memory of the warm query.

Each edit is made afresh (a different word) and the file restored at the end. Results go
between the incremental markers of docs/performance.md. Run: `python benchmarks/incremental.py`
(or `make bench-incremental`); about 5 minutes on the 2-core machine it was written on.
"""

from __future__ import annotations

import re
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # a sibling script: the generated bases, measure(), machine()

START, END = "<!-- incremental:start -->", "<!-- incremental:end -->"
SIZES = tuple(int(a) for a in sys.argv[1:]) or (10_000, 100_000)
SHOW = ["show", "condition-000000"]
EDITED = "conditions/condition-000005.yaml"
AGE = 2.2  # seconds: past the 2 s in which an edit is too new to write to the cache


@dataclass
class Figures:
    """Every timing of one size, in seconds; peak memory in KiB."""

    times: dict[str, list[float]] = field(default_factory=dict)
    peak: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, sample: run.Sample) -> None:
        if sample.code not in (0, 1):
            raise SystemExit(f"{name}: exit {sample.code}: {sample.err}")
        self.times.setdefault(name, []).append(sample.seconds)
        self.peak[name] = max(self.peak.get(name, 0), sample.rss_kib)

    def median(self, name: str) -> float:
        return statistics.median(self.times[name])


def _edits(text: str) -> dict[str, Callable[[int], str]]:
    """Ways to edit the file, each giving a different text for each n."""
    return {
        "text": lambda n: text.replace(
            "\ndescription: >-\n  ", f"\ndescription: >-\n  Edit{n} ", 1
        ),
        "name": lambda n: text.replace("\nname: ", f"\nname: Renamed{n} ", 1),
        "parent": lambda n: _parent(text, f"condition-{n:06d}"),
        "id": lambda n: text.replace("id: condition-000005", f"id: condition-x{n}", 1),
    }


def _parent(text: str, parent: str) -> str:
    """``text`` with its parent (a new key, or the one it has) set to ``parent``."""
    if "\nparent: " in text:
        return re.sub(r"\nparent: [^\n]*", f"\nparent: {parent}", text, count=1)
    return text.replace("\ncategory: ", f"\nparent: {parent}\ncategory: ", 1)


def measure_size(n: int) -> Figures:
    root, _ = run.ensure_kb(n)
    cache = run.OUT / f"cache-incremental-{n}"
    env = {**run.base_env(), "KB_CACHE_DIR": str(cache), "KB_DATA": str(root)}
    figures = Figures()
    path = root / EDITED
    added = path.with_name("condition-added.yaml")
    original = path.read_text()
    edits = _edits(original)
    kb = run.KB
    runs = 5 if n <= 10_000 else 3
    try:
        run.clear(cache)
        run.measure([*kb, *SHOW], env)  # writes the cache
        for _ in range(runs):
            figures.add("warm query", run.measure([*kb, *SHOW], env))
        for i in range(runs):
            path.write_text(edits["text"](i))
            figures.add("query, edit under 2 s old", run.measure([*kb, *SHOW], env))
            path.write_text(edits["text"](100 + i))
            time.sleep(AGE)
            figures.add("query, edit aged (writes the cache)", run.measure([*kb, *SHOW], env))
        path.write_text(original)
        cold = 3 if n <= 10_000 else 1
        for _ in range(cold):
            run.clear(cache)
            sample = run.measure([*kb, "validate", str(root), "--no-cache"], env)
            figures.add("validate, cold (--no-cache)", sample)
        run.clear(cache)
        time.sleep(AGE)
        figures.add(
            "validate, cold (writes the cache)", run.measure([*kb, "validate", str(root)], env)
        )
        validate = [*kb, "validate", str(root)]
        for kind, edit in edits.items():
            for i in range(runs if kind == "text" else 1):
                path.write_text(edit(200 + i))
                time.sleep(AGE)
                figures.add(f"validate, {kind} edit", run.measure(validate, env))
            if kind == "text":  # the same kind of edit, checked before it has aged
                path.write_text(edit(300))
                figures.add("validate, text edit under 2 s old", run.measure(validate, env))
        path.write_text(original)
        added.write_text(original.replace("id: condition-000005", f"id: {added.stem}", 1))
        time.sleep(AGE)
        figures.add("validate, a file added", run.measure(validate, env))
    finally:
        path.write_text(original)
        added.unlink(missing_ok=True)
        shutil.rmtree(cache, ignore_errors=True)
    return figures


def report(results: dict[int, Figures], started: str, minutes: float) -> str:
    m = run.machine()
    lines = [
        START,
        "## One edited file (`benchmarks/incremental.py`, issue 11)",
        "",
        f"Run {started} in {minutes:.1f} minutes on: {m['CPU']}, {m['cores']} cores, {m['RAM']} "
        f"RAM; Python {m['Python']}; {m['OS']}. Every command a new process; medians "
        "(the number of runs in brackets); the edited file is "
        f"`{EDITED}`, edited afresh before each run.",
        "",
        "| entities | what | time | ratio | peak memory |",
        "|---:|---|---:|---:|---:|",
    ]
    verdicts = []
    for n, f in results.items():
        warm = f.median("warm query")
        cold = f.median("validate, cold (--no-cache)")
        for name in f.times:
            base = warm if name.startswith(("warm", "query")) else cold
            ratio = f.median(name) / base
            label = "× warm" if base is warm else "× cold"
            lines.append(
                f"| {n:,} | {name} | {run.fmt_time(f.median(name))} ({len(f.times[name])}) "
                f"| {ratio:.2f} {label} | {run.fmt_mem(f.peak[name])} |"
            )
        for name in ("query, edit under 2 s old", "query, edit aged (writes the cache)"):
            r = f.median(name) / warm
            verdicts.append(
                f"- {n:,}: first {name}: {r:.2f}× warm (target ≤ 2×): "
                + ("met" if r <= 2 else "**missed**")
            )
        if n == 100_000:
            for kind in ("text edit", "name edit", "parent edit", "id edit", "a file added"):
                r = f.median(f"validate, {kind}") / cold
                verdicts.append(
                    f"- {n:,}: `kb validate` after {kind}: {r:.2f}× cold "
                    "(target ≤ 0.25×): " + ("met" if r <= 0.25 else "**missed**")
                )
            peak = f.peak["warm query"] / run.MiB
            verdicts.append(
                f"- {n:,}: warm query peak memory {peak:.0f} MiB (target < 300 MiB): "
                + ("met" if peak < 300 else "**missed**")
            )
    lines += ["", "### Targets", "", *verdicts, "", END]
    return "\n".join(lines) + "\n"


def write_doc(section: str) -> None:
    text = run.DOC.read_text()
    if START in text and END in text:
        before, rest = text.split(START, 1)
        text = before + section.rstrip("\n") + rest.split(END, 1)[1]
    else:
        marker = "<!-- startup:start -->"
        text = text.replace(marker, section + "\n" + marker, 1)
    run.DOC.write_text(text)


def main() -> int:
    started = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    t0 = time.perf_counter()
    results = {n: measure_size(n) for n in SIZES}
    section = report(results, started, (time.perf_counter() - t0) / 60)
    print(section)
    write_doc(section)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
