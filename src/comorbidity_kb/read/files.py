"""Finding the entity files of a data folder: one folder per kind, one file per entity.

What is not an entity file (a stray file, a folder named like a kind that is a file, a link
that leaves the data folder or loops) becomes a :class:`FileProblem`, never an exception.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from comorbidity_kb import rules
from comorbidity_kb.kinds import FOLDERS
from comorbidity_kb.read.yaml_text import Position

SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class FileProblem:
    """A file that cannot be read as an entity, and why (the rule says how serious)."""

    path: Path
    message: str
    rule: str
    position: Position = Position(1, 1)  # noqa: RUF009 - immutable (frozen)


def entity_files(root: Path, problems: list[FileProblem]) -> list[tuple[str, Path]]:
    """The entity files below ``root`` as (kind folder, path), sorted; strays, and folders
    that cannot be read, go to ``problems``."""
    files: list[tuple[str, Path]] = []
    try:
        resolved_root = root.resolve()
        children = sorted(root.iterdir())
    except OSError as exc:
        problems.append(_unreadable(root, exc))
        return files
    for child in children:
        if child.name.startswith("."):
            continue
        try:
            files += _child_files(child, resolved_root, problems)
        except OSError as exc:  # cannot be listed or examined (permissions, I/O error)
            problems.append(_unreadable(child, exc))
    return files


def _unreadable(folder: Path, exc: OSError) -> FileProblem:
    reason = exc.strerror or str(exc)
    return FileProblem(folder, f"cannot read the folder: {reason}", rules.FILE_UNREADABLE)


def _child_files(
    child: Path, resolved_root: Path, problems: list[FileProblem]
) -> list[tuple[str, Path]]:
    """The entity files of one entry of the data folder (none if it is not a kind folder)."""
    if child.name not in FOLDERS:
        if child.is_dir() or child.suffix in SUFFIXES:
            problems.append(
                FileProblem(
                    child,
                    f"'{child.name}' is not a kind folder; kinds are: {', '.join(FOLDERS)}",
                    rules.STRAY_FILE,
                )
            )
        return []
    if not child.is_dir():
        message = f"'{child.name}' must be a folder of entity files, not a file"
        problems.append(FileProblem(child, message, rules.FILE_NOT_REGULAR))
        return []
    if not child.resolve().is_relative_to(resolved_root):
        message = (
            f"the folder is a link to {child.resolve()}, outside the data folder; "
            "copy it in instead"
        )
        problems.append(FileProblem(child, message, rules.FILE_OUTSIDE_ROOT))
        return []
    return _kind_files(child, resolved_root, problems)


def _kind_files(folder: Path, root: Path, problems: list[FileProblem]) -> list[tuple[str, Path]]:
    """The entity files of one kind folder, sorted by name."""
    files: list[tuple[str, Path]] = []
    # scandir: whether an entry is a link comes with the listing, not one lstat a file
    with os.scandir(folder) as scan:
        entries = sorted(scan, key=lambda e: e.name)
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = folder / entry.name
        if not entry.name.endswith(SUFFIXES):
            message = "not read: entity files end in .yaml or .yml"
            problems.append(FileProblem(path, message, rules.STRAY_FILE))
            continue
        link = entry.is_symlink()
        target = _link_target(path) if link else path
        if target is None:
            message = (
                "cannot read the file: it is a symbolic link that loops back on itself; remove it"
            )
            problems.append(FileProblem(path, message, rules.FILE_UNREADABLE))
        elif link and not target.is_relative_to(root):
            message = f"a link to {target}, outside the data folder; copy the file in instead"
            problems.append(FileProblem(path, message, rules.FILE_OUTSIDE_ROOT))
        else:
            files.append((folder.name, path))
    return files


def _link_target(path: Path) -> Path | None:
    """Where a symbolic link finally points, or None when the links go round in a loop."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):  # a loop: RuntimeError before Python 3.13, OSError since
        return None
