"""What every integrity rule works from: the entities read, looked up by id, kind and name,
and the diagnostics reported so far, waiting for their positions.

The check stage builds its own lookups (a few dictionaries) rather than a KnowledgeBase:
the knowledge base is built in one place, :mod:`comorbidity_kb.kb.build`, from what the
read stage returns, and a check never depends on it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Container, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from comorbidity_kb import rules
from comorbidity_kb.check.diagnostics import Diagnostic, display_path
from comorbidity_kb.kinds import FOLDERS
from comorbidity_kb.model import Citation, Condition, Entity, entity_names, kind_of
from comorbidity_kb.model.claims import YamlPath, claims_of
from comorbidity_kb.read.source import ReadResult, positioned

_Pending = tuple[YamlPath, str, str, bool]  # path, message, rule, at the key


@dataclass(frozen=True)
class Lookups:
    """The whole knowledge base, when only some of its files are checked (the ones an edit
    touched: ``read`` holds those, these answer for every file)."""

    by_id: Mapping[str, Entity]
    by_kind: Mapping[str, Mapping[str, Entity]]
    referenced: Container[str]  # every id some entity points at
    names: Mapping[str, Sequence[str]]  # normalised name, alias or id → ids
    graded: Mapping[str, tuple[str, str]]  # citation → (kind, entity) of its first grading


class Context:
    """The entities of one folder, looked up; and the reports of every rule.

    With ``lookups``, the rules check the entities of ``read`` against the whole knowledge
    base, and report on those entities only (what they would say of the other files is
    already known).
    """

    def __init__(self, read: ReadResult, lookups: Lookups | None = None) -> None:
        self.read = read
        self._subjects = {id(e) for e in read.entities}
        self._names = lookups.names if lookups else None
        # citation → (kind, entity id) of its first grading, in file order (evidence.py)
        self.graded: dict[str, tuple[str, str]] = dict(lookups.graded) if lookups else {}
        if lookups is not None:
            self.by_id: Mapping[str, Entity] = lookups.by_id
            self.by_kind: Mapping[str, Mapping[str, Entity]] = lookups.by_kind
            self.referenced: Container[str] = lookups.referenced
        else:
            by_id: dict[str, Entity] = {}
            by_kind: dict[str, dict[str, Entity]] = {kind: {} for kind in FOLDERS}
            for entity in read.entities:
                if entity.id not in by_id:  # the first wins; duplicate-id reports the rest
                    by_id[entity.id] = entity
                    by_kind[kind_of(entity)][entity.id] = entity
            self.by_id, self.by_kind = by_id, by_kind
            self.referenced = {ref.target for e in by_id.values() for ref in e.references()}
        self._pools: dict[str, list[str]] = {}
        # Diagnostics wait here, by entity, until every rule has run: then each flagged file
        # is read once more for positions (positions of every file would not fit in memory).
        self._pending: dict[int, tuple[Entity, list[_Pending]]] = {}

    @property
    def conditions(self) -> Mapping[str, Condition]:
        return self.by_kind["conditions"]  # type: ignore[return-value]

    @property
    def citations(self) -> Mapping[str, Citation]:
        return self.by_kind["citations"]  # type: ignore[return-value]

    def pool(self, kind: str) -> list[str]:
        """The ids of one kind, for 'did you mean' (built once per kind)."""
        if kind not in self._pools:
            self._pools[kind] = sorted(self.by_kind[kind])
        return self._pools[kind]

    def names(self) -> dict[str, set[str]]:
        """Normalised name, alias or id → the ids of the entities that answer to it (the
        names of the entities checked, when only some are)."""
        found: defaultdict[str, set[str]] = defaultdict(set)
        if self._names is not None:
            for entity in self.entities():
                for name in entity_names(entity):
                    found[name].update(self._names.get(name, ()))
            return found
        for entity in self.by_id.values():
            for name in entity_names(entity):
                found[name].add(entity.id)
        return found

    def entities(self) -> Iterator[Entity]:
        """Every entity read, duplicates included, in file order."""
        return iter(self.read.entities)

    def own(self, kind: str) -> list[Entity]:
        """The entities read of one kind (the first of a duplicated id), in file order."""
        return [e for e in self.read.entities if kind_of(e) == kind and self.by_id.get(e.id) is e]

    def report(
        self, entity: Entity, path: YamlPath, message: str, rule: str, *, key: bool = False
    ) -> None:
        """Record a diagnostic of ``rule`` at ``path`` in ``entity``'s file (its key if
        ``key``); its position is looked up once every rule has run."""
        if id(entity) not in self._subjects:
            return  # a file not checked this time: what is said of it is known already
        items = self._pending.setdefault(id(entity), (entity, []))[1]
        items.append((path, message, rule, key))

    def located(self) -> list[tuple[Path, Diagnostic]]:
        """Every diagnostic reported, with its position and its file: each flagged file is
        read once."""
        out: list[tuple[Path, Diagnostic]] = []
        for entity, items in self._pending.values():
            file = self.read.path_of(entity)
            doc = positioned(file)
            where = display_path(doc.path)
            for path, message, rule, key in items:
                pos = doc.locate(path, key=key)
                severity = rules.severity_of(rule)
                diagnostic = Diagnostic(where, pos.line, pos.column, severity, message, rule)
                out.append((file, diagnostic))
        self._pending.clear()
        return out


def signature(entity: Entity | None) -> bytes:
    """What a rule checking *another* entity may read of this one, as JSON: ``core`` (kind,
    id), ``parent``, ``pair`` (a link's conditions), ``names``, ``references``, ``grading``
    (each source cited and the kind it is graded) and, for a citation, ``content`` (rules
    read its type, verification and DOI). An edit that keeps the core changes other files'
    diagnostics only through the entities that share a name it gained or lost, that it stopped or
    started pointing at, that grade a source it grades, or that cite it
    (:mod:`comorbidity_kb.kb.revalidate`)."""
    if entity is None:
        return b""
    parts = {
        "core": [kind_of(entity), entity.id],
        "parent": getattr(entity, "parent", None),
        "pair": list(getattr(entity, "conditions", ())),
        "names": sorted(entity_names(entity)),
        "references": sorted({(ref.target, ref.kind) for ref in entity.references()}),
        "grading": [(e.citation, str(e.kind)) for c in claims_of(entity) for e in c.evidence],
        "content": entity.model_dump_json() if isinstance(entity, Citation) else None,
    }
    return json.dumps(parts).encode()
