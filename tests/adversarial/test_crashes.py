"""Inputs that used to end in "kb: internal error": each now gets a clear error or a right
answer. Odd bytes in paths, folders that cannot be read, braces in BibTeX, CSL styles that
citeproc-py cannot render."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from bibtexparser.entrypoint import parse_string

from tests.adversarial.conftest import kb_process
from tests.conftest import VALID, Run

QUERIES = [
    ["show", "insomnia"],
    ["show", "insomnia", "--json"],
    ["links", "insomnia", "anxiety"],
    ["path", "insomnia", "anxiety"],
    ["treat", "insomnia"],
    ["search", "sleep"],
    ["list", "conditions"],
    ["graph"],
    ["stats"],
    ["cite"],
]


@pytest.mark.parametrize("cached", [True, False], ids=["cache", "no-cache"])
def test_a_data_folder_whose_path_is_not_utf8(
    tmp_path: Path, kb: Run, cached: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = Path(os.fsdecode(os.fsencode(tmp_path) + b"/kb\xff"))
    shutil.copytree(VALID, root)
    if not cached:
        monkeypatch.setenv("KB_NO_CACHE", "1")
    for args in QUERIES:
        for _ in range(2):  # the second run reads what the first cached
            result = kb(*args, "--data", str(root))
            assert result.code == 0, (args, result)
            assert "internal error" not in result.err
    result = kb("validate", str(root))
    assert result.code == 0 and "no problems" in result.out, result


def test_a_kind_folder_that_cannot_be_read(
    valid_kb: Path, kb: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Root reads every folder whatever its mode: the refusal is simulated.
    real_scandir = os.scandir

    def scandir(path: object) -> object:
        if Path(str(path)).name == "mechanisms":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "scandir", scandir)
    result = kb("validate", str(valid_kb))
    assert result.code == 1, result
    assert "mechanisms:1:1: error: cannot read the folder: Permission denied" in result.out
    assert "[file-unreadable]" in result.out
    for args in QUERIES:
        result = kb(*args, "--data", str(valid_kb))
        assert "internal error" not in result.err, (args, result)
        assert result.code in (0, 1), (args, result)
    result = kb("show", "insomnia", "--data", str(valid_kb))
    assert result.code == 0 and "Insomnia" in result.out
    assert "could not be read" in result.err


@pytest.mark.parametrize("form", ["text", "json", "github"])
def test_a_file_name_that_is_not_utf8(valid_kb: Path, form: str) -> None:
    odd = os.fsencode(valid_kb / "conditions") + b"/odd\xff\x1b[31m.yaml"
    shutil.copyfile(valid_kb / "conditions" / "insomnia.yaml", odd)
    result = kb_process(
        "validate",
        str(valid_kb),
        "--format",
        form,
        env={"LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "utf-8:strict"},
    )
    assert "internal error" not in result.stderr, result.stderr
    assert result.returncode == 1, result.stderr
    out = result.stdout
    out.encode("utf-8")  # no lone surrogates: the bytes written were valid UTF-8
    assert "\x1b" not in out  # nor a control character from the name
    assert r"odd\xff\x1b[31m.yaml" in (
        json.loads(out)["diagnostics"][0]["path"] if form == "json" else out
    )


TEXT_FIELDS = ("title", "container", "publisher", "note")


def _braces_citation(root: Path, text: str) -> None:
    (root / "citations" / "braces-2020.yaml").write_text(
        "id: braces-2020\n"
        "type: report\n"
        f"title: '{text} title'\n"
        "authors:\n"
        f"  - {{family: '{text} Family', given: '{text}'}}\n"
        f"  - {{literal: '{text} Agency'}}\n"
        f"container: '{text} series'\n"
        f"publisher: '{text} press'\n"
        "year: 2020\n"
        "doi: '10.1000/a{b}c}'\n"
        "verified: false\n"
        f"note: '{text} note'\n",
        encoding="utf-8",
    )


def _balanced(value: str) -> bool:
    depth = 0
    for ch in value:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0


@pytest.mark.parametrize("text", ["a { b", "a } b", "}{", "{{x}", r"x\}"])
def test_bibtex_stays_valid_whatever_braces_the_text_holds(
    valid_kb: Path, kb: Run, text: str
) -> None:
    _braces_citation(valid_kb, text)
    assert kb("validate", str(valid_kb)).code == 0
    result = kb("cite", "braces-2020", "-f", "bibtex", "--data", str(valid_kb))
    assert result.code == 0, result
    body = result.out
    assert _balanced(body), body  # BibTeX and biber count every brace, escaped or not
    for line in body.splitlines()[1:-1]:
        assert _balanced(line.split(" = ", 1)[1].rstrip(",")), line
    library = parse_string(body)
    assert not library.failed_blocks and len(library.entries) == 1


@pytest.mark.parametrize(
    "style",
    [
        "eva-berlin-konferenz",
        "institut-national-de-sante-publique-du-quebec-napp",
        "neue-juristische-wochenschrift",
    ],
)
def test_a_style_citeproc_cannot_render_is_a_clear_error(kb: Run, style: str) -> None:
    result = kb("cite", "--style", style, "--data", str(VALID))
    assert "internal error" not in result.err, result
    if result.code != 0:
        assert result.code == 1, result
        assert f"cannot format references in the style '{style}'" in result.err
        assert result.out == ""
