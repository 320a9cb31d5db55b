"""The one table of the kinds of entity: folder name, the word for one, the model's name.

Every stage that needs to know the kinds reads them here: the reader (which folders to
walk), the models (which class reads a folder's files), the validator's messages, the CLI's
choices and the generated docs. It imports nothing, so the lightest command can use it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Kind:
    """One kind of entity: its folder under the data folder, its singular, its model."""

    folder: str
    singular: str
    model: str  # the class name in comorbidity_kb.model


KINDS: tuple[Kind, ...] = (
    Kind("conditions", "condition", "Condition"),
    Kind("mechanisms", "mechanism", "Mechanism"),
    Kind("links", "link", "Link"),
    Kind("interventions", "intervention", "Intervention"),
    Kind("risk-factors", "risk factor", "RiskFactor"),
    Kind("citations", "citation", "Citation"),
)

FOLDERS: tuple[str, ...] = tuple(k.folder for k in KINDS)
SINGULAR: dict[str, str] = {k.folder: k.singular for k in KINDS}
BY_FOLDER: dict[str, Kind] = {k.folder: k for k in KINDS}
