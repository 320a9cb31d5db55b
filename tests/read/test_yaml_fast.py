"""The fast YAML builder (read/yaml_fast.py): the same values as the positional one, and a
refusal (never a different answer) for anything it doubts."""

from __future__ import annotations

from pathlib import Path

import pytest

from comorbidity_kb.read.yaml_fast import Refused, values_only
from comorbidity_kb.read.yaml_positional import build_document
from comorbidity_kb.read.yaml_text import MAX_DEPTH, MAX_NODES


@pytest.mark.parametrize(
    "text",
    [
        "",
        "# nothing\n",
        "just text\n",
        "- a\n- [1, {b: c}]\n",
        "a: &x [1, {k: v}]\nb: *x\nc: [*x, &y 2, *y]\n",
        "1: a\n~: b\nd: 2024-01-02\n",
        "---\na: !!map {b: !!seq [1]}\n...\n",
        "a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n",
        "a: [" + ", ".join(["1"] * (MAX_NODES - 3)) + "]\n",
    ],
    ids=["empty", "comment", "scalar", "list", "aliases", "keys", "tags", "deepest", "largest"],
)
def test_the_same_value_as_the_positional_builder(text: str) -> None:
    assert values_only(text) == build_document(Path("x.yaml"), text)[0]


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\n",
        "a: {b: 1, b: 2}\n",
        "a: &x [*x]\n",
        "a: &x {b: *x}\n",
        "a: *nowhere\n",
        "a: 1\n---\nb: 2\n",
        "? [a]\n: 1\n",
        "? {a: 1}\n: 1\n",
        "a: !!set {b}\n",
        "a: !!python/tuple [1]\n",
        "a: !!bool maybe\n",
        "<<: {b: 1}\n",
        "a: [1, 2\n",
        "a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n",
        "a: [" + ", ".join(["1"] * (MAX_NODES - 2)) + "]\n",
        "a: [" + ", ".join(["1"] * (MAX_NODES - 3)) + "]\nb: []\n",
        "a: &x [" + ", ".join(["1"] * 99_997) + "]\nb: [*x, 1]\n",
    ],
    ids=[
        "duplicate-key",
        "nested-duplicate-key",
        "alias-cycle",
        "alias-cycle-in-mapping",
        "unknown-alias",
        "two-documents",
        "list-key",
        "mapping-key",
        "set-tag",
        "python-tag",
        "bad-bool",
        "merge-key",
        "syntax",
        "too-deep",
        "too-many-values",
        "too-many-with-a-container",
        "too-many-through-an-alias",
    ],
)
def test_every_doubt_is_a_refusal(text: str) -> None:
    with pytest.raises(Refused):
        values_only(text)
