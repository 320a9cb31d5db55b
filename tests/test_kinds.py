"""The one table of kinds: folders, singulars and model names agree with each other."""

from __future__ import annotations

import dataclasses

import pytest

from comorbidity_kb import model
from comorbidity_kb.kinds import BY_FOLDER, FOLDERS, KINDS, SINGULAR, Kind


def test_the_table_lists_the_six_kinds_in_order() -> None:
    assert FOLDERS == (
        "conditions",
        "mechanisms",
        "links",
        "interventions",
        "risk-factors",
        "citations",
    )
    assert [k.model for k in KINDS] == [
        "Condition",
        "Mechanism",
        "Link",
        "Intervention",
        "RiskFactor",
        "Citation",
    ]


def test_singular_and_by_folder_are_views_of_the_same_table() -> None:
    assert SINGULAR["risk-factors"] == "risk factor"
    assert SINGULAR["citations"] == "citation"
    assert set(SINGULAR) == set(FOLDERS) == set(BY_FOLDER)
    assert BY_FOLDER["links"] == Kind("links", "link", "Link")
    assert all(BY_FOLDER[k.folder] is k for k in KINDS)


def test_an_unknown_folder_is_not_a_kind() -> None:
    with pytest.raises(KeyError):
        BY_FOLDER["condition"]
    assert "condition" not in SINGULAR


def test_every_model_name_is_a_class_of_the_model_package() -> None:
    for k in KINDS:
        assert getattr(model, k.model).__name__ == k.model


def test_a_kind_is_frozen() -> None:
    kind = KINDS[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        kind.folder = "other"  # type: ignore[misc]
    assert kind.folder == "conditions"
