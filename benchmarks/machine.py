"""What machine a benchmark ran on, for the record in docs/performance.md."""

from __future__ import annotations

import os
import platform
import sys
from pathlib import Path


def cpu_model() -> str:
    """The CPU's model name (from /proc/cpuinfo where there is one)."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def memory_gib() -> float | None:
    """Total memory in GiB, or None where /proc/meminfo is not there."""
    try:
        return int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024
    except (OSError, ValueError, IndexError):
        return None


def describe() -> str:
    """CPU model, cores, memory, OS and Python, on one line."""
    ram = memory_gib()
    memory = f", {ram:.0f} GiB RAM" if ram else ""
    return (
        f"{cpu_model()}, {os.cpu_count()} cores{memory}; {platform.system()} "
        f"{platform.release()}; Python {sys.version.split()[0]}"
    )


def replace_section(path: Path, name: str, body: str, intro: str) -> None:
    """Write ``body`` between ``<!-- name:start -->`` and ``<!-- name:end -->`` in ``path``."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    text = path.read_text() if path.exists() else intro
    block = f"{start}\n{body.rstrip()}\n{end}"
    if start in text and end in text:
        text = text[: text.index(start)] + block + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    path.write_text(text)
