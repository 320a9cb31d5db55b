"""Where the knowledge base is. Kept free of YAML and pydantic: every command calls it."""

from __future__ import annotations

import os
from pathlib import Path

from comorbidity_kb.kinds import FOLDERS

ENV_VAR = "KB_DATA"


class DataNotFound(Exception):
    """No knowledge base where one was asked for."""


def packaged_data() -> Path:
    """The copy of ``data/`` shipped in the package (or the checkout's, in a dev install)."""
    package = Path(__file__).resolve().parent.parent
    shipped = package / "data"
    return shipped if shipped.is_dir() else package.parent.parent / "data"


def is_kb_dir(path: Path) -> bool:
    """True when ``path`` looks like a knowledge base (holds one of the kind folders)."""
    return path.is_dir() and any((path / kind).is_dir() for kind in FOLDERS)


def resolve_data_dir(explicit: Path | None = None) -> Path:
    """Where the knowledge base is: ``--data``, then ``$KB_DATA``, ``./data``, the packaged copy."""
    if explicit is not None:
        if not is_kb_dir(explicit):
            raise DataNotFound(
                f"{explicit} is not a knowledge base: it needs folders such as "
                f"{explicit / 'conditions'}"
            )
        return explicit
    env = os.environ.get(ENV_VAR)
    if env:
        path = Path(env)
        if not is_kb_dir(path):
            raise DataNotFound(f"${ENV_VAR}={env} is not a knowledge base folder")
        return path
    local = Path("data")
    if is_kb_dir(local):
        return local
    shipped = packaged_data()
    if is_kb_dir(shipped):
        return shipped
    raise DataNotFound("no knowledge base found: pass --data PATH or set $KB_DATA")
