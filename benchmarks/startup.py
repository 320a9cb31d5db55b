"""Start-up cost of `kb` as a new process, beside a minimal Typer app (the floor).

Runs each command many times, interleaved with the minimal app so both see the same load,
and records the medians in docs/performance.md. Usage: python benchmarks/startup.py [-n 30]
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from machine import describe, replace_section

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
MINIMAL = [sys.executable, str(ROOT / "benchmarks" / "minimal_typer_app.py")]
KB = [str(BIN / "kb")]
INTRO = (
    "# Performance\n\nFigures are written by the scripts in benchmarks/; "
    "do not edit them by hand.\n"
)


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
    return time.perf_counter() - start


def compare(
    ours: list[str], floor: list[str], runs: int, env: dict[str, str]
) -> tuple[float, float]:
    """Median seconds of ``ours`` and ``floor``, run alternately ``runs`` times each."""
    a, b = [], []
    for _ in range(3):  # warm the page cache and kb's own cache
        timed(ours, env), timed(floor, env)
    for _ in range(runs):
        a.append(timed(ours, env))
        b.append(timed(floor, env))
    return statistics.median(a), statistics.median(b)


def instructions(cmd: list[str], env: dict[str, str]) -> int | None:
    """Instructions executed by ``cmd`` under callgrind: the same on a busy or idle machine."""
    if not shutil.which("valgrind"):
        return None
    proc = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    found = re.search(r"Collected : (\d+)", proc.stderr)
    return int(found.group(1)) if found else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", "--runs", type=int, default=30)
    parser.add_argument("--no-write", action="store_true", help="print, do not update docs")
    parser.add_argument("--no-instructions", action="store_true", help="skip callgrind counts")
    args = parser.parse_args()
    # Bytecode must be cached, as on any installed copy: with PYTHONDONTWRITEBYTECODE set
    # (some shells set it), every run would recompile the modules and measure that instead.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["NO_COLOR"] = "1"
    compileall.compile_dir(str(ROOT / "src"), quiet=1)
    compileall.compile_file(str(ROOT / "benchmarks" / "minimal_typer_app.py"), quiet=1)
    os.chdir(ROOT)
    cases = [
        ("`kb show insomnia`", [*KB, "show", "insomnia"], MINIMAL, 1.25),
        ("`kb links insomnia anxiety`", [*KB, "links", "insomnia", "anxiety"], MINIMAL, 1.25),
        ("`kb --help`", [*KB, "--help"], [*MINIMAL, "--help"], 1.20),
    ]
    rows = []
    for name, ours, floor, budget in cases:
        mine, base = compare(ours, floor, args.runs, env)
        verdict = "within budget" if mine <= base * budget else "OVER budget"
        counted = (
            None if args.no_instructions else (instructions(ours, env), instructions(floor, env))
        )
        if counted and counted[0] and counted[1]:
            ratio = counted[0] / counted[1]
            count = f"{counted[0] / 1e6:.0f}M / {counted[1] / 1e6:.0f}M = {ratio:.2f}×"
        else:
            count = "n/a"
        rows.append(
            f"| {name} | {mine * 1000:.0f} ms | {base * 1000:.0f} ms | {mine / base:.2f}× "
            f"| {count} | ≤ {budget:.2f}× | {verdict} |"
        )
        print(rows[-1])
    body = "\n".join(
        [
            "## Start-up (benchmarks/startup.py)",
            "",
            f"Machine: {describe()}. Medians of {args.runs} interleaved runs, warm cache, "
            "output to a pipe. The floor is benchmarks/minimal_typer_app.py (and its `--help`).",
            "",
            "Instructions are counted by valgrind's callgrind: unlike wall time they do not move",
            "with the machine's load, so they are the steadier comparison.",
            "",
            "| command | kb | minimal Typer app | ratio (time) | instructions, kb / app "
            "| budget | verdict (time) |",
            "| --- | --- | --- | --- | --- | --- | --- |",
            *rows,
        ]
    )
    if not args.no_write:
        replace_section(ROOT / "docs" / "performance.md", "startup", body, INTRO)


if __name__ == "__main__":
    main()
