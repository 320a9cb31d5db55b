"""Integrity rules over a whole knowledge base: the checks CI runs on every change.

Structural problems (types, unknown and missing fields) are found while reading
(:mod:`comorbidity_kb.source`); this module adds the rules that need every entity at once.
Each rule has a stable id; docs/validation.md lists them with an example and a fix.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from comorbidity_kb.diagnostics import Diagnostic, Severity, display_path
from comorbidity_kb.graph import KnowledgeBase, kind_of, normalise
from comorbidity_kb.model import (
    KIND_SINGULAR,
    Citation,
    CitationType,
    Condition,
    Entity,
    Evidence,
    EvidenceKind,
    Intervention,
    Link,
    Mechanism,
    RiskFactor,
    Stance,
)
from comorbidity_kb.source import ReadResult, read_data


@dataclass
class Report:
    """The outcome of validating a folder: the problems, sorted, and how many files were read."""

    diagnostics: list[Diagnostic]
    files: int
    kb: KnowledgeBase

    @property
    def errors(self) -> int:
        return sum(d.severity is Severity.ERROR for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return len(self.diagnostics) - self.errors


_Pending = tuple[tuple[str | int, ...], str, str, Severity, bool]  # path, message, rule, …


class _Checker:
    def __init__(self, read: ReadResult) -> None:
        self.read = read
        self.kb = KnowledgeBase(read.entities)
        self.out: list[Diagnostic] = []
        # Diagnostics wait here, by entity, until every rule has run: then each flagged file
        # is read once more for positions (positions of every file would not fit in memory).
        self.pending: dict[int, tuple[Entity, list[_Pending]]] = {}

    def report(
        self,
        entity: Entity,
        path: tuple[str | int, ...],
        message: str,
        rule: str,
        severity: Severity = Severity.ERROR,
        *,
        key: bool = False,
    ) -> None:
        items = self.pending.setdefault(id(entity), (entity, []))[1]
        items.append((path, message, rule, severity, key))

    def located(self) -> list[Diagnostic]:
        """Every diagnostic reported, with its position: each flagged file is read once."""
        for entity, items in self.pending.values():
            doc = self.read.document_of(entity)
            where = display_path(doc.path)
            for path, message, rule, severity, key in items:
                pos = doc.locate(path, key=key)
                self.out.append(Diagnostic(where, pos.line, pos.column, severity, message, rule))
        self.pending.clear()
        return self.out

    def run(self) -> list[Diagnostic]:
        self.check_ids()
        for entity in self.read.entities:
            self.check_references(entity)
            if isinstance(entity, Link):
                self.check_link(entity)
        self.check_duplicate_links()
        self.check_parent_cycles()
        self.check_evidence()
        self.check_unused()
        self.check_names()
        return self.located()

    # -- rules -------------------------------------------------------------------------
    def check_ids(self) -> None:
        first: dict[str, Entity] = {}
        for entity in self.read.entities:
            stem = self.read.path_of(entity).stem
            if entity.id != stem:
                self.report(
                    entity,
                    ("id",),
                    f"id '{entity.id}' differs from the file name "
                    f"'{stem}': rename the file to {entity.id}.yaml or fix the id",
                    "id-mismatch",
                )
            if entity.id in first:
                other = self.read.path_of(first[entity.id])
                self.report(
                    entity,
                    ("id",),
                    f"id '{entity.id}' is already used by "
                    f"{display_path(other)}; ids are unique across all kinds",
                    "duplicate-id",
                )
            else:
                first[entity.id] = entity

    def check_references(self, entity: Entity) -> None:
        for ref in entity.references():
            target = self.kb.get(ref.target)
            wanted = KIND_SINGULAR[ref.kind]
            if target is None and self.read.broken.get(ref.target) == ref.kind:
                continue  # the file exists but failed validation; it is reported there
            if target is None:
                pool = list(self.kb.by_kind[ref.kind])
                close = difflib.get_close_matches(ref.target, pool, n=1, cutoff=0.6)
                hint = (
                    f"; did you mean '{close[0]}'?"
                    if close
                    else (f"; add {ref.kind}/{ref.target}.yaml to the data folder or fix the id")
                )
                rule = "unknown-citation" if ref.kind == "citations" else "unknown-reference"
                self.report(entity, ref.path, f"no {wanted} '{ref.target}'{hint}", rule)
            elif kind_of(target) != ref.kind:
                self.report(
                    entity,
                    ref.path,
                    f"'{ref.target}' is a {KIND_SINGULAR[kind_of(target)]}, "
                    f"but a {wanted} is expected here",
                    "wrong-kind",
                )

    def check_link(self, link: Link) -> None:
        a, b = link.conditions
        if a == b:
            self.report(
                link,
                ("conditions",),
                f"link from '{a}' to itself; a link joins two different conditions",
                "self-link",
            )
            return
        if link.id != f"{a}--{b}":
            self.report(
                link,
                ("id",),
                f"a link's id is its conditions joined by '--': "
                f"expected '{a}--{b}' (and the file {a}--{b}.yaml)",
                "link-id",
            )
        seen: set[tuple[str, str]] = set()
        for i, d in enumerate(link.directions):
            if {d.source, d.target} != {a, b} or d.source == d.target:
                self.report(
                    link,
                    ("directions", i),
                    f"direction {d.source} → {d.target} is not "
                    f"between this link's conditions ({a}, {b})",
                    "direction-endpoints",
                )
            elif (d.source, d.target) in seen:
                self.report(
                    link,
                    ("directions", i),
                    f"direction {d.source} → {d.target} is given twice; merge the two entries",
                    "direction-endpoints",
                )
            seen.add((d.source, d.target))
            if len(set(d.mechanisms)) != len(d.mechanisms):
                self.report(
                    link,
                    ("directions", i, "mechanisms"),
                    "a mechanism is listed twice",
                    "duplicate-item",
                    Severity.WARNING,
                )

    def check_duplicate_links(self) -> None:
        by_pair: dict[frozenset[str], list[Link]] = {}
        for link in (e for e in self.read.entities if isinstance(e, Link)):
            if len(set(link.conditions)) == 2:
                by_pair.setdefault(frozenset(link.conditions), []).append(link)
        for pair, links in by_pair.items():
            for link in links if len(links) > 1 else []:
                others = ", ".join(
                    display_path(self.read.path_of(o)) for o in links if o is not link
                )
                self.report(
                    link,
                    ("conditions",),
                    f"the pair {' and '.join(sorted(pair))} also "
                    f"has the link file {others}; put both directions in one file",
                    "duplicate-link",
                )

    def check_parent_cycles(self) -> None:
        reported: set[str] = set()
        for condition in self.kb.conditions.values():
            chain = [condition.id]
            current = condition
            while current.parent and current.parent in self.kb.conditions:
                if current.parent in chain:
                    cycle = [*chain[chain.index(current.parent) :], current.parent]
                    if not reported.intersection(cycle):
                        self.report(
                            condition,
                            ("parent",),
                            "subtype cycle: "
                            f"{' → '.join(cycle)}; a condition cannot be its own ancestor",
                            "parent-cycle",
                        )
                        reported.update(cycle)
                    break
                chain.append(current.parent)
                current = self.kb.conditions[current.parent]

    def evidence_lists(
        self, entity: Entity
    ) -> Iterator[tuple[tuple[str | int, ...], list[Evidence]]]:
        """Every claim's evidence list with its YAML path."""
        if isinstance(entity, (Condition, Mechanism, Intervention)) and entity.evidence:
            yield ("evidence",), entity.evidence
        if isinstance(entity, Link):
            for i, d in enumerate(entity.directions):
                yield ("directions", i, "evidence"), d.evidence
        if isinstance(entity, Intervention):
            for i, t in enumerate(entity.targets):
                yield ("targets", i, "evidence"), t.evidence
        if isinstance(entity, RiskFactor):
            for i, r in enumerate(entity.raises_risk_of):
                yield ("raises_risk_of", i, "evidence"), r.evidence

    def check_evidence_kinds(self) -> None:
        """A source is one kind of source: grade it the same everywhere, and plausibly."""
        first: dict[str, tuple[str, str]] = {}
        research = {k for k in EvidenceKind} - {
            EvidenceKind.POPULAR_ARTICLE,
            EvidenceKind.EXPERT_OPINION,
        }
        for entity in self.read.entities:
            for path, items in self.evidence_lists(entity):
                for i, item in enumerate(items):
                    citation = self.kb.citations.get(item.citation)
                    if citation is None:
                        continue
                    where = (*path, i, "kind")
                    seen = first.setdefault(item.citation, (str(item.kind), entity.id))
                    if seen[0] != item.kind:
                        self.report(
                            entity,
                            where,
                            f"'{item.citation}' is graded "
                            f"{item.kind} here but {seen[0]} in {seen[1]}; a source is "
                            "one kind of source",
                            "evidence-kind-mismatch",
                            Severity.WARNING,
                        )
                    elif citation.type is CitationType.WEB_ARTICLE and item.kind in research:
                        self.report(
                            entity,
                            where,
                            f"'{item.citation}' is a web article but is "
                            f"graded {item.kind}; grade what the source is, not what "
                            "it reports",
                            "evidence-kind-mismatch",
                            Severity.WARNING,
                        )
                    elif (
                        citation.type is CitationType.JOURNAL_ARTICLE
                        and item.kind is EvidenceKind.POPULAR_ARTICLE
                    ):
                        self.report(
                            entity,
                            where,
                            f"'{item.citation}' is a journal article but is graded popular-article",
                            "evidence-kind-mismatch",
                            Severity.WARNING,
                        )

    def check_evidence(self) -> None:
        self.check_evidence_kinds()
        for entity in self.read.entities:
            for path, items in self.evidence_lists(entity):
                cited = [self.kb.citations.get(e.citation) for e in items]
                supporting = [
                    c
                    for e, c in zip(items, cited, strict=True)
                    if c is not None and e.stance is Stance.SUPPORTS
                ]
                if supporting and not any(c.verified for c in supporting):
                    self.report(
                        entity,
                        path,
                        "this claim rests only on unverified citations; "
                        "add a verified source that supports it",
                        "unverified-only",
                        Severity.WARNING,
                        key=True,
                    )
                for i, (_item, citation) in enumerate(zip(items, cited, strict=True)):
                    if (
                        citation is not None
                        and citation.type is CitationType.JOURNAL_ARTICLE
                        and citation.verified
                        and not citation.doi
                    ):
                        self.report(
                            entity,
                            (*path, i, "citation"),
                            f"journal citation "
                            f"'{citation.id}' has no DOI: add it, or set verified: false "
                            "with a note",
                            "journal-without-doi",
                            Severity.WARNING,
                        )

    def check_unused(self) -> None:
        for citation in self.kb.citations.values():
            if not self.kb.referrers(citation.id):
                self.report(
                    citation,
                    ("id",),
                    f"citation '{citation.id}' is cited by nothing; "
                    "use it as evidence or remove it",
                    "orphan-citation",
                    Severity.WARNING,
                )
        for mechanism in self.kb.mechanisms.values():
            if not self.kb.referrers(mechanism.id):
                self.report(
                    mechanism,
                    ("id",),
                    f"mechanism '{mechanism.id}' mediates no link "
                    "direction and no intervention acts on it",
                    "orphan-mechanism",
                    Severity.WARNING,
                )

    @staticmethod
    def name_path(entity: Entity, name: str) -> tuple[str | int, ...]:
        """Where in a file a (normalised) name is written: name, an alias, or the id."""
        if isinstance(entity, Link | Citation):
            return ("id",)
        if normalise(entity.name) == name:
            return ("name",)
        for i, alias in enumerate(entity.aliases):
            if normalise(alias) == name:
                return ("aliases", i)
        return ("id",)

    def check_names(self) -> None:
        for name, ids in sorted(self.kb.names().items()):
            named = sorted({i for i in ids if not isinstance(self.kb.get(i), Citation)})
            for entity_id in named if len(named) > 1 else []:
                others = " and ".join(f"'{o}'" for o in named if o != entity_id)
                self.report(
                    self.kb.entities[entity_id],
                    self.name_path(self.kb.entities[entity_id], name),
                    f"'{name}' names both this and {others}; `kb show {name}` cannot tell them "
                    "apart: rename one, or drop the alias",
                    "ambiguous-name",
                    Severity.WARNING,
                    key=True,
                )


def validate_path(root: Path, jobs: int | None = None) -> Report:
    """Read ``root`` and run every rule. Never raises on bad content.

    ``jobs``: processes to parse files with (default: one a CPU, for large folders).
    """
    read = read_data(root, jobs)
    checker = _Checker(read)
    diagnostics = read.diagnostics + checker.run()
    diagnostics.sort(key=Diagnostic.sort_key)
    return Report(diagnostics, read.files, checker.kb)


__all__ = ["Report", "validate_path"]
