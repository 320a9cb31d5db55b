"""Check that the running environment holds exactly the versions a lock file pins.

`make demo` and `make test` run this after installing: a package missing, at another
version, or installed beside the lock (by hand, or pulled in by a step that bypassed it)
fails the build with a list of the differences.

    python scripts/check_lock.py requirements/dev-lock.txt
"""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

from packaging.markers import Marker
from packaging.utils import canonicalize_name

# Installed by venv itself or by the project, never pinned in a lock.
UNLOCKED = {"pip", "setuptools", "comorbidity-kb"}
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")


def pins(lock: Path) -> dict[str, str]:
    """The lock's ``name: version`` pins whose environment markers hold here."""
    found: dict[str, str] = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match is None:
            continue
        name, version, marker = match.groups()
        if marker and not Marker(marker).evaluate():
            continue
        found[canonicalize_name(name)] = version
    return found


def installed() -> dict[str, str]:
    """Every distribution installed in this environment, by canonical name."""
    return {
        canonicalize_name(d.metadata["Name"]): d.version
        for d in metadata.distributions()
        if d.metadata["Name"]
    }


def differences(wanted: dict[str, str], have: dict[str, str]) -> list[str]:
    """One line per package that is missing, at another version, or not in the lock."""
    out = []
    for name, version in sorted(wanted.items()):
        if name not in have:
            out.append(f"{name}: locked at {version}, not installed")
        elif have[name] != version:
            out.append(f"{name}: locked at {version}, installed {have[name]}")
    for name in sorted(have.keys() - wanted.keys() - UNLOCKED):
        out.append(f"{name}: installed ({have[name]}) but not in the lock")
    return out


def main(argv: list[str]) -> int:
    """Exit 0 when the environment matches the lock, else 1 with the differences."""
    if len(argv) != 1:
        print("usage: check_lock.py LOCKFILE", file=sys.stderr)
        return 2
    lock = Path(argv[0])
    problems = differences(pins(lock), installed())
    if problems:
        print(f"the environment does not match {lock}:", file=sys.stderr)
        for line in problems:
            print(f"  {line}", file=sys.stderr)
        print("run `make clean` and install again, or `make lock` after editing pyproject.toml")
        return 1
    print(f"installed versions match {lock} ({len(pins(lock))} packages)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
