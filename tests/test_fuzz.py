"""Property-based tests: no YAML text and no mutation of a valid file crashes the loader or
the validator; every problem comes back as an error with a file and a line.

The default hypothesis profile (tests/conftest.py) keeps these quick in `make test`;
`make fuzz` runs them with HYPOTHESIS_PROFILE=fuzz (at least 10,000 examples each).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from comorbidity_kb.check.diagnostics import Severity
from comorbidity_kb.check.validate import validate_path
from comorbidity_kb.model import MODELS
from comorbidity_kb.read.yaml_load import LoadError, load_yaml, parse_yaml
from comorbidity_kb.read.yaml_text import MAX_DEPTH, MAX_FILE_BYTES

from .conftest import VALID

P = Path("fuzz.yaml")

# -- odd text ------------------------------------------------------------------------------
# Control characters, NEL and line/paragraph separators, BOMs, right-to-left and combining
# marks, zero-width joiners, astral-plane emoji, and YAML's own indicator characters.
ODD = (
    "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\x9f\xa0\u2028\u2029\ufeff\ufffe\uffff"
    "\u200b\u200d\u202e\u0301\u0336\u05d0\u0627\u4e2d\U0001f600\U0001f9ec\U00010000"
    ":#&*!|>'\"%@`{}[],?-~\t\r\n\\"
)
odd_text = st.text(
    alphabet=st.one_of(st.sampled_from(ODD), st.characters(codec="utf-8")), max_size=40
)
huge_text = st.builds(lambda n, c: c * n, st.integers(1_000, 300_000), st.sampled_from("xé😀 "))

# -- (a) arbitrary YAML documents ----------------------------------------------------------
TAGS = (
    "!!str",
    "!!int",
    "!!float",
    "!!bool",
    "!!null",
    "!!timestamp",
    "!!map",
    "!!seq",
    "!!binary",
    "!!set",
    "!!omap",
    "!!merge",
    "!!python/object:os.system",
    "!!python/object/apply:os.system",
    "!!python/name:os.system",
    "!local",
    "!",
    "!<tag:yaml.org,2002:str>",
    "!<!bar>",
)
PLAIN = (
    "yes",
    "no",
    "on",
    "~",
    "null",
    "true",
    "1e3",
    "0x1F",
    "0o17",
    "1_000",
    "1:20",
    ".nan",
    "-.inf",
    "2026-01-21",
    "2026-13-45",
    "2001-12-14t21:59:43.10-05:00",
    "<<",
    "=",
    "-",
    "?",
    "a b",
    "",
)


def flow_scalar(text: str, style: int) -> str:
    """``text`` as a flow scalar: double-quoted (JSON escapes are YAML escapes) or single."""
    if style == 0:
        return json.dumps(text, ensure_ascii=False)
    if style == 1:
        return json.dumps(text)
    return "'" + text.replace("'", "''") + "'"


@st.composite
def yaml_node(draw: st.DrawFn, depth: int, anchors: list[str]) -> str:
    """One YAML node as flow text, with the odd anchor, alias or tag."""
    choice = draw(st.integers(0, 7 if depth < 4 else 4))
    if choice == 0:
        text = draw(st.sampled_from(PLAIN))
    elif choice == 1:
        text = repr(draw(st.one_of(st.integers(), st.floats(), st.booleans())))
    elif choice == 2:
        text = flow_scalar(draw(odd_text), draw(st.integers(0, 2)))
    elif choice == 3:
        text = draw(st.text(alphabet="ab01-_. :#&*!", max_size=12))  # plain, maybe broken
    elif choice == 4:
        # an alias: usually to an anchor defined earlier, sometimes to none or to itself
        text = "*" + (draw(st.sampled_from(anchors)) if anchors else draw(st.sampled_from("ab")))
    elif choice < 7:
        items = [draw(yaml_node(depth + 1, anchors)) for _ in range(draw(st.integers(0, 3)))]
        text = "[" + ", ".join(items) + "]"
    else:
        keys = [draw(yaml_key) for _ in range(draw(st.integers(0, 3)))]
        pairs = [f"{k}: {draw(yaml_node(depth + 1, anchors))}" for k in keys]
        text = "{" + ", ".join(pairs) + "}"
    extra = draw(st.integers(0, 15)) if choice != 4 else 0
    if extra == 1:
        text = f"{draw(st.sampled_from(TAGS))} {text}"
    elif extra in (2, 3):
        name = f"a{len(anchors)}"
        anchors.append(name)
        text = f"&{name} {text}"
    return text


# keys: mostly well formed (plain or quoted), sometimes not
yaml_key = st.one_of(
    st.sampled_from(("id", "name", "description", "evidence", "<<", "? x", "- a", "a b")),
    st.builds(flow_scalar, odd_text, st.integers(0, 2)),
    odd_text,
)


@st.composite
def yaml_document(draw: st.DrawFn) -> str:
    """A block mapping of flow values, as curators write files, often broken on purpose."""
    anchors: list[str] = []
    lines = []
    for _ in range(draw(st.integers(0, 6))):
        indent = " " * draw(st.sampled_from((0, 0, 0, 0, 0, 0, 1, 2)))
        lines.append(f"{indent}{draw(yaml_key)}: {draw(yaml_node(0, anchors))}")
    return "\n".join(lines) + draw(st.sampled_from(("\n", "\n", "", "\n---\n", "\n...\n", "\n#")))


def billion_laughs(levels: int, width: int) -> str:
    text = f"a0: &a0 [{', '.join(['lol'] * width)}]\n"
    for i in range(1, levels):
        text += f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]\n"
    return text


def deep(depth: int, opener: str) -> str:
    closer = {"[": "]", "{a: ": "}"}[opener]
    return "k: " + opener * depth + "x" + closer * depth + "\n"


def block_deep(depth: int) -> str:
    return "".join(" " * i + "k:\n" for i in range(depth)) + " " * depth + "k: x\n"


yaml_texts = st.one_of(
    yaml_document(),
    # a document mangled: a slice, a character inserted, a line repeated
    st.builds(lambda t, a, b: t[a:b], yaml_document(), st.integers(0, 50), st.integers(0, 400)),
    st.builds(lambda t, i, c: t[:i] + c + t[i:], yaml_document(), st.integers(0, 80), odd_text),
    # token soup: YAML's punctuation in any order
    st.lists(st.sampled_from([*ODD, "- ", ": ", "\n  ", "&a ", "*a", "!!", "<<"])).map("".join),
    st.builds(billion_laughs, st.integers(1, 12), st.integers(1, 12)),
    st.builds(deep, st.integers(1, 3_000), st.sampled_from(("[", "{a: "))),
    st.builds(block_deep, st.integers(1, 200)),
    st.builds(lambda s: f"id: x\nname: {json.dumps(s)}\n", huge_text),
    st.builds(lambda s: "a: 1\n" * s, st.integers(1, 50_000)),  # many duplicate keys
)


def outcome(text: str, *, positions: bool) -> object:
    """What parsing ``text`` gives: its values, or the error's rule, message and position."""
    try:
        return parse_yaml(P, text, positions=positions).data
    except LoadError as exc:
        return (exc.rule, exc.message, exc.position)


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(yaml_texts)
# Inputs that once escaped as KeyError, IndexError or AttributeError from PyYAML's constructors
@example("base: &b {a: 1}\nid:\n  <<: *b\n")
@example("id: =\n")
@example("id: !!int \n")
@example("id: !!bool \n")
@example("id: !!float \n")
@example("id: !!timestamp x\n")
def test_any_yaml_text_loads_or_fails_with_a_position(text: str) -> None:
    # The fast builder (values only, used to read every file) and the positional one agree:
    # the same values, or the same error at the same place.
    assert repr(outcome(text, positions=False)) == repr(outcome(text, positions=True))
    try:
        doc = parse_yaml(P, text)
    except LoadError as exc:
        event(exc.rule)
        assert exc.rule and exc.message
        assert exc.position.line >= 1 and exc.position.column >= 1
        assert exc.path == P
        return
    event("loaded")
    assert isinstance(doc.data, dict)
    assert all(p.line >= 1 and p.column >= 1 for p in (*doc.values.values(), *doc.keys.values()))


# -- (b) mutations of valid entity files ---------------------------------------------------
VALID_FILES = sorted(VALID.glob("*/*.yaml"))
VALID_IDS = {p.stem for p in VALID_FILES}


def nodes(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """Every (path, value) in a loaded document, the root included."""
    yield path, value
    if isinstance(value, dict):
        for k, v in value.items():
            yield from nodes(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from nodes(v, (*path, i))


def replace(data: dict[str, Any], path: tuple[Any, ...], new: Any) -> None:
    parent: Any = data
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = new


def nested(depth: int, leaf: Any) -> Any:
    for i in range(depth):
        leaf = [leaf] if i % 2 else {"k": leaf}
    return leaf


# values of every YAML type, by type, so a mutation can pick one of another type
TYPED: list[tuple[type, st.SearchStrategy[Any]]] = [
    (type(None), st.none()),
    (bool, st.booleans()),
    (int, st.integers()),
    (float, st.floats(allow_nan=False)),
    (dt.date, st.dates()),
    (str, odd_text),
    (list, st.lists(st.integers(), max_size=3)),
    (dict, st.dictionaries(st.sampled_from(("a", "id", "citation")), st.integers(), max_size=2)),
]
other_values = st.one_of([strategy for _, strategy in TYPED])


@st.composite
def mutation(draw: st.DrawFn) -> tuple[Path, dict[str, Any], str, bool]:
    """A valid file, its mutated data, what was done, and whether it must now be an error."""
    source = draw(st.sampled_from(VALID_FILES))
    data = copy.deepcopy(load_yaml(source).data)
    paths = [p for p, _ in nodes(data) if p]
    path = draw(st.sampled_from(paths))
    old = dict(nodes(data))[path]
    refers = isinstance(old, str) and old in VALID_IDS  # an id, or a reference to one
    op = draw(
        st.sampled_from(
            ("drop", "unknown-key", "retype", "break-ref", "odd", "huge", "deep", "garble")
        )
    )
    must_fail = False
    if op == "drop":
        parent: Any = dict(nodes(data))[path[:-1]]
        del parent[path[-1]]
    elif op == "unknown-key":  # every mapping in an entity file is a model: extra keys fail
        mappings = [p for p, v in nodes(data) if isinstance(v, dict)]
        target: dict[str, Any] = dict(nodes(data))[draw(st.sampled_from(mappings))]
        target["zz-unknown"] = draw(other_values)
        must_fail = True
    elif op == "retype":
        new = draw(st.one_of([strategy for t, strategy in TYPED if type(old) is not t]))
        replace(data, path, new)
        # a mapping is always a model, a scalar never; an id is text (or, for parent, null)
        must_fail = isinstance(old, dict) != isinstance(new, dict) or (
            refers and new is not None and not isinstance(new, str)
        )
    elif op == "break-ref":
        refs = [p for p, v in nodes(data) if isinstance(v, str) and v in VALID_IDS]
        replace(data, draw(st.sampled_from(refs)), "missing-" + draw(st.sampled_from("abc")))
        must_fail = True
    elif op in ("odd", "huge"):
        new = draw(odd_text if op == "odd" else huge_text)
        replace(data, path, new)
        must_fail = refers and new != old and new not in VALID_IDS
    elif op == "deep":
        depth = draw(st.integers(1, 150))
        replace(data, path, nested(depth, draw(other_values)))
        must_fail = len(path) + depth > MAX_DEPTH
    return source, data, op, must_fail


def dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


@pytest.fixture(scope="module")
def scratch_kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One writable copy of the valid knowledge base; each example restores what it changed."""
    root = tmp_path_factory.mktemp("fuzz") / "kb"
    shutil.copytree(VALID, root)
    return root


@settings(
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ]
)
@given(mutation(), st.integers(0, 10**6), st.integers(0, 3))
def test_mutated_files_are_reported_never_crash(
    scratch_kb: Path,
    mutated: tuple[Path, dict[str, Any], str, bool],
    cut: int,
    garble: int,
) -> None:
    source, data, op, must_fail = mutated
    target = scratch_kb / source.parent.name / source.name
    text = dump(data)
    if op == "garble":  # a text-level accident: a cut, or a stray character
        text = text[: cut % (len(text) + 1)] if garble < 2 else text[: cut % len(text)] + "\t"
    target.write_text(text, encoding="utf-8")
    try:
        report = validate_path(scratch_kb)
    finally:
        shutil.copyfile(source, target)

    for d in report.diagnostics:
        assert d.path and d.line >= 1 and d.column >= 1, d
        assert d.rule and d.message, d
    mine = [
        d
        for d in report.diagnostics
        if d.severity is Severity.ERROR
        and Path(d.path).name == source.name
        and Path(d.path).parent.name == source.parent.name
    ]
    event(f"{op}: {'error' if mine else 'no error'}{' (must fail)' if must_fail else ''}")
    if len(text.encode()) > MAX_FILE_BYTES:
        assert any(d.rule == "file-too-large" for d in mine), report.diagnostics
    if must_fail or _model_rejects(source.parent.name, data):
        assert mine, f"{op} on {source.name} gave no error: {report.diagnostics}"


def _model_rejects(kind: str, data: dict[str, Any]) -> bool:
    """The oracle: does the model itself refuse this data (as the YAML round trip gives it)?"""
    try:
        MODELS[kind].model_validate(data)
    except ValidationError:
        return True
    except RecursionError:  # pragma: no cover - deeper than the loader lets through anyway
        return True
    return False


def test_round_trip_of_the_valid_files_is_clean(scratch_kb: Path) -> None:
    # The mutation test rewrites files through yaml.safe_dump: unmutated, that must change
    # nothing the validator sees (otherwise its errors would come from the dump, not the fuzz).
    for source in VALID_FILES:
        target = scratch_kb / source.parent.name / source.name
        target.write_text(dump(load_yaml(source).data), encoding="utf-8")
    try:
        assert validate_path(scratch_kb).diagnostics == []
    finally:
        for source in VALID_FILES:
            shutil.copyfile(source, scratch_kb / source.parent.name / source.name)
