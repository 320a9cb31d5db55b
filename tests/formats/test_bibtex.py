"""The BibTeX export is biblatex's: biber, checking it against biblatex's data model, finds no
field the data model does not have for its entry type; PMIDs are eprints, web articles
@online entries with their site and full date, particles BibTeX's "von" part."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from comorbidity_kb.formats.bibtex import bibtex
from comorbidity_kb.model import Citation
from tests.conftest import DATA, Run
from tests.formats.round_trip import HARD, add_hard_citations


def export(kb: Run, root: Path) -> str:
    result = kb("cite", "--data", str(root), "--format", "bibtex")
    assert result.code == 0, result
    return str(result.out)


def entry(text: str, key: str) -> str:
    """The text of the entry called ``key``."""
    match = re.search(rf"^@\w+\{{{re.escape(key)},\n(?:    .*\n)*?\}}", text, re.MULTILINE)
    assert match, key
    return match[0]


def test_a_pmid_is_an_eprint_and_a_pmcid_an_addendum() -> None:
    c = Citation.model_validate(yaml.safe_load(HARD["kolk-2020"]))
    text = bibtex([c])
    assert 'eprinttype = "pubmed"' in text and 'eprint = "31234567"' in text
    assert 'addendum = "PMCID: PMC7654321"' in text
    assert "pmid" not in text and "pmcid =" not in text


def test_a_particle_is_the_von_part_kept_in_front() -> None:
    c = Citation.model_validate(yaml.safe_load(HARD["kolk-2020"]))
    text = bibtex([c])
    assert 'author = "van der Kolk, Bessel and de la Fuente, José and Herrero Babiloni, A."' in text
    assert 'options = "useprefix=true"' in text


def test_a_web_article_is_online_with_its_site_and_full_date() -> None:
    c = Citation.model_validate(yaml.safe_load(HARD["site-2026"]))
    text = entry(bibtex([c]), "site-2026")
    assert text.startswith("@online{site-2026,")
    assert 'organization = "{Heartfelt Connections}"' in text
    assert 'date = "2026-01-21"' in text and "howpublished" not in text


def validate(bib: str, where: Path) -> list[str]:
    """What biber --validate-datamodel says of ``bib``: its warnings and errors."""
    biber = shutil.which("biber")
    if biber is None:
        pytest.skip(
            "biber is not installed (apt-get install biber): the BibTeX export is checked "
            "against biblatex's data model where it is"
        )
    (where / "refs.bib").write_text(bib, encoding="utf-8")
    out = subprocess.run(
        [biber, "--tool", "--validate-datamodel", "refs.bib"],
        cwd=where,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    return [
        line
        for line in (out.stdout + out.stderr).splitlines()
        if line.startswith(("WARN", "ERROR"))
    ]


@pytest.mark.parametrize("which", ["data", "hard"])
def test_biber_finds_no_field_outside_the_data_model(
    kb: Run, which: str, tmp_path: Path, valid_kb: Path
) -> None:
    root = DATA if which == "data" else add_hard_citations(valid_kb)
    bib = export(kb, root)
    said = validate(bib, tmp_path)
    assert not [line for line in said if "field" in line.lower() and "invalid" in line.lower()]
    # What biber may still say: an @online entry lacks a URL or a date the data does not know.
    for line in said:
        m = re.fullmatch(
            r"WARN - Datamodel: Entry '([^']+)' \(refs\.bib\): Missing mandatory field - "
            r"one of '(url, doi, eprint|date, year)' must be defined",
            line,
        )
        assert m, line
        assert entry(bib, m[1]).startswith("@online{"), line
        assert not re.search(rf"^    ({m[2].replace(', ', '|')}) = ", entry(bib, m[1]), re.M)
    kept = (tmp_path / "refs_bibertool.bib").read_text(encoding="utf-8")
    assert "EPRINTTYPE = {pubmed}" in kept  # biber keeps what it knows
