"""What every integrity rule works from: the entities read, looked up by id, kind and name,
and the diagnostics reported so far, waiting for their positions.

The check stage builds its own lookups (a few dictionaries) rather than a KnowledgeBase:
the knowledge base is built in one place, :mod:`comorbidity_kb.kb.build`, from what the
read stage returns, and a check never depends on it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping

from comorbidity_kb import rules
from comorbidity_kb.check.diagnostics import Diagnostic, display_path
from comorbidity_kb.kinds import FOLDERS
from comorbidity_kb.model import Citation, Condition, Entity, entity_names, kind_of
from comorbidity_kb.model.claims import YamlPath
from comorbidity_kb.read.source import ReadResult, positioned

_Pending = tuple[YamlPath, str, str, bool]  # path, message, rule, at the key


class Context:
    """The entities of one folder, looked up; and the reports of every rule."""

    def __init__(self, read: ReadResult) -> None:
        self.read = read
        self.by_id: dict[str, Entity] = {}
        self.by_kind: dict[str, dict[str, Entity]] = {kind: {} for kind in FOLDERS}
        for entity in read.entities:
            if entity.id not in self.by_id:  # the first wins; duplicate-id reports the rest
                self.by_id[entity.id] = entity
                self.by_kind[kind_of(entity)][entity.id] = entity
        self.referenced = {ref.target for e in self.by_id.values() for ref in e.references()}
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
        """Normalised name, alias or id → the ids of the entities that answer to it."""
        found: defaultdict[str, set[str]] = defaultdict(set)
        for entity in self.by_id.values():
            for name in entity_names(entity):
                found[name].add(entity.id)
        return found

    def entities(self) -> Iterator[Entity]:
        """Every entity read, duplicates included, in file order."""
        return iter(self.read.entities)

    def report(
        self, entity: Entity, path: YamlPath, message: str, rule: str, *, key: bool = False
    ) -> None:
        """Record a diagnostic of ``rule`` at ``path`` in ``entity``'s file (its key if
        ``key``); its position is looked up once every rule has run."""
        items = self._pending.setdefault(id(entity), (entity, []))[1]
        items.append((path, message, rule, key))

    def located(self) -> list[Diagnostic]:
        """Every diagnostic reported, with its position: each flagged file is read once."""
        out: list[Diagnostic] = []
        for entity, items in self._pending.values():
            doc = positioned(self.read.path_of(entity))
            where = display_path(doc.path)
            for path, message, rule, key in items:
                pos = doc.locate(path, key=key)
                severity = rules.severity_of(rule)
                out.append(Diagnostic(where, pos.line, pos.column, severity, message, rule))
        self._pending.clear()
        return out
