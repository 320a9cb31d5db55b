"""Citations that are hard to carry from one format to another, for the export tests."""

from __future__ import annotations

from pathlib import Path

# A name particle (two of them), a compound family name, a PMID and a PMCID; web articles
# with a site and a full date, with a site and nothing else; an unverified record whose note
# is written for curators.
HARD = {
    "kolk-2020": """
id: kolk-2020
type: journal-article
title: "Trauma and sleep: a review of body and mind"
authors:
  - {family: van der Kolk, given: Bessel}
  - {family: de la Fuente, given: José}
  - {family: Herrero Babiloni, given: A.}
year: 2020
container: Sleep Medicine Reviews
volume: "50"
pages: "101234"
doi: 10.1016/j.smrv.2020.101234
pmid: "31234567"
pmcid: PMC7654321
verified: true
""",
    "site-2026": """
id: site-2026
type: web-article
title: "The link between anxiety and depression (and why it happens)"
container: Heartfelt Connections
date: 2026-01-21
url: "https://example.org/anxiety-depression"
verified: true
""",
    "site-undated": """
id: site-undated
type: web-article
title: "The mutual influence between insomnia and anxiety"
container: Heartfelt Connections
verified: true
""",
    "listed-2001": """
id: listed-2001
type: journal-article
title: "Prevalence and correlates of insomnia: a survey"
authors:
  - {family: Perlis, given: M. L.}
year: 2001
container: Biological Psychiatry
volume: "64"
pages: "349-359"
verified: false
note: Recorded exactly as reference 3 of article 000 lists it; no such paper could be found.
""",
}


def add_hard_citations(root: Path) -> Path:
    for cid, text in HARD.items():
        (root / "citations" / f"{cid}.yaml").write_text(text, encoding="utf-8")
    return root
