"""Changing a store file as only a foreign writer could, for the tests that must see it
refused or rebuilt: its bytes changed, then renamed after their new CRC."""

from __future__ import annotations

import sqlite3
import zlib
from pathlib import Path


def resealed(path: Path) -> Path:
    """``path`` renamed as a store is named: its stem, then the CRC-32 of its bytes."""
    crc = zlib.crc32(path.read_bytes())
    target = path.with_name(f"{path.name.split('.')[0]}.{crc:08x}.sqlite")
    path.rename(target)
    return target


def with_sql(path: Path, statement: str) -> Path:
    """The store at ``path`` with ``statement`` run on it, resealed."""
    conn = sqlite3.connect(path)
    conn.execute(statement)
    conn.commit()
    conn.close()
    return resealed(path)
