"""benchmarks/generate.py: a valid, deterministic synthetic knowledge base of any size."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from .conftest import ROOT, Run


def _load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "kb_generate", ROOT / "benchmarks" / "generate.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


generate = _load_generator()


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_two_hundred_entities_are_valid_even_strict(tmp_path: Path, kb: Run) -> None:
    out = tmp_path / "kb"
    assert generate.main(["--entities", "200", "--out", str(out)]) == 0
    assert len(list(out.glob("*/*.yaml"))) == 200
    counts = {kind: len(list((out / kind).glob("*.yaml"))) for kind in generate.KINDS}
    assert counts == {
        "conditions": 20,
        "mechanisms": 40,
        "links": 50,
        "interventions": 30,
        "risk-factors": 20,
        "citations": 40,
    }
    result = kb("validate", str(out), "--strict")
    assert result.code == 0, result.out[-3000:]
    assert result.out.strip().endswith("200 files checked: no problems")


def test_the_same_arguments_give_byte_identical_files(tmp_path: Path) -> None:
    generate.generate(200, tmp_path / "a", seed=7)
    generate.generate(200, tmp_path / "b", seed=7)
    generate.generate(200, tmp_path / "c", seed=8)
    a, b, c = (snapshot(tmp_path / x) for x in "abc")
    assert a == b
    assert a != c  # another seed, another knowledge base


def test_the_graph_has_what_the_benchmarks_ask_about(tmp_path: Path, kb: Run) -> None:
    out = tmp_path / "kb"
    generate.generate(200, out)
    t = generate.query_targets(200)
    links = kb("links", t["a"], t["b"], "--data", str(out), "--json")
    assert links.code == 0, links
    path = kb("path", t["a"], t["far"], "--data", str(out))
    assert path.code == 0, path
    dois = [
        line
        for p in out.glob("citations/*.yaml")
        for line in p.read_text().splitlines()
        if line.startswith("doi:")
    ]
    assert dois and all(line.startswith("doi: 10.5555/synthetic.") for line in dois)
    parents = [p for p in out.glob("conditions/*.yaml") if "\nparent: " in p.read_text()]
    assert parents  # subtypes are there


def test_an_earlier_output_is_replaced_only_with_force(tmp_path: Path) -> None:
    out = tmp_path / "kb"
    generate.generate(300, out)
    with pytest.raises(FileExistsError):
        generate.generate(200, out)
    generate.generate(200, out, force=True)
    assert len(list(out.glob("*/*.yaml"))) == 200  # nothing left over from the bigger run


def test_a_folder_it_did_not_write_is_never_cleared(tmp_path: Path) -> None:
    precious = tmp_path / "data"
    (precious / "conditions").mkdir(parents=True)
    (precious / "conditions" / "mine.yaml").write_text("id: mine\n")
    assert generate.main(["--entities", "200", "--out", str(precious), "--force"]) == 2
    assert (precious / "conditions" / "mine.yaml").exists()


def test_too_few_entities_is_refused(tmp_path: Path) -> None:
    assert generate.main(["--entities", "5", "--out", str(tmp_path / "kb")]) == 2
