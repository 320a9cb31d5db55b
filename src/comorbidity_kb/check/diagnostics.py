"""Diagnostics: what is wrong, where (file:line:column), and how to fix it.

Every problem the loader or validator finds becomes one :class:`Diagnostic`. They are plain
data, so the CLI can print them as text, JSON or GitHub Actions annotations.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from comorbidity_kb.rules import Severity

__all__ = ["Diagnostic", "Severity", "display_path", "printable", "summary_line", "to_json"]

# C0 and C1 control characters and DEL: in a file name or a quoted value they would move the
# cursor, colour the terminal or split a line; they are shown as escapes instead.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` safe to print in any UTF-8 output: the undecodable bytes of a file name
    (surrogate escapes) and control characters become backslash escapes (``\\xff``)."""
    try:
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that is not an escaped byte
        text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return _CONTROL.sub(lambda m: m[0].encode("unicode_escape").decode("ascii"), text)


def _github_property(value: str) -> str:
    """A workflow command's property value, escaped as GitHub's toolkit does."""
    return (
        value.replace("%", "%25")
        .replace("\r", "%0D")
        .replace("\n", "%0A")
        .replace(":", "%3A")
        .replace(",", "%2C")
    )


def _github_message(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem in one file. ``line`` and ``column`` are 1-based (0 when unknown)."""

    path: str
    line: int
    column: int
    severity: Severity
    message: str
    rule: str

    def __post_init__(self) -> None:
        # Every way out (text, JSON, GitHub) gets valid UTF-8 without control characters.
        object.__setattr__(self, "path", printable(self.path))
        object.__setattr__(self, "message", printable(self.message))

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Order by file, then position, so output is stable and diffable."""
        return (self.path, self.line, self.column, self.rule, self.message)

    def as_text(self) -> str:
        """``path:line:col: severity: message [rule]`` — the format editors jump to."""
        return (
            f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message} [{self.rule}]"
        )

    def as_github(self) -> str:
        """A GitHub Actions workflow command that annotates the file in a pull request."""
        level = "error" if self.severity is Severity.ERROR else "warning"
        return (
            f"::{level} file={_github_property(self.path)},line={max(self.line, 1)},"
            f"col={max(self.column, 1)},title={_github_property(self.rule)}"
            f"::{_github_message(self.message)}"
        )

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready mapping (the documented ``--format json`` item shape)."""
        data = asdict(self)
        data["severity"] = str(self.severity)
        return data


def display_path(path: Path | str) -> str:
    """A path relative to the working directory when it lies below it, else as given."""
    # abspath, not resolve: a symlink must be named as the link, where the curator sees it.
    p = Path(os.path.abspath(path))
    try:
        shown = str(p.relative_to(os.path.abspath(Path.cwd())))
    except (ValueError, OSError):
        shown = str(path)
    return printable(shown)


def summary_line(diagnostics: list[Diagnostic], files: int) -> str:
    """One closing line: how many files, errors and warnings."""
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    if not diagnostics:
        return f"{files} files checked: no problems"
    return (
        f"{files} files checked: {errors} error{'s' * (errors != 1)}, "
        f"{warnings} warning{'s' * (warnings != 1)}"
    )


def to_json(diagnostics: list[Diagnostic], files: int) -> str:
    """The ``--format json`` document: files, errors, warnings and the diagnostics."""
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    return json.dumps(
        {
            "files": files,
            "errors": errors,
            "warnings": len(diagnostics) - errors,
            "diagnostics": [d.as_dict() for d in diagnostics],
        },
        indent=2,
        ensure_ascii=False,
    )
