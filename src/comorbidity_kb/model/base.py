"""What every model shares: unknown keys refused, instances frozen, and references."""

# No `from __future__ import annotations`: see comorbidity_kb.model.entities.
from collections.abc import Iterator
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    """Base of every model: unknown keys are errors; instances are immutable."""

    # defer_build: validators are built on first use, so commands served from the cache
    # never pay for building them at import.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    def references(self) -> Iterator["Reference"]:
        """Every id this entity points at, with where (YAML path) and what kind it must be."""
        return iter(())


class Reference(NamedTuple):
    """One pointer from an entity to another: ``path`` is the YAML path of the id."""

    path: tuple[str | int, ...]
    target: str
    kind: str
