"""The rule registry: every rule id written once, and documented exactly as registered."""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

from comorbidity_kb import rules
from tests.conftest import ROOT
from tests.test_architecture import PACKAGE, modules


def string_literals(path: Path) -> list[tuple[int, str]]:
    """Every plain string literal in a module, with its line."""
    found = []
    tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
    for token in tokens:
        if token.type == tokenize.STRING and re.fullmatch(r"['\"][a-z-]+['\"]", token.string):
            found.append((token.start[0], token.string[1:-1]))
    return found


def test_rule_ids_are_written_only_in_the_registry() -> None:
    written = [
        f"{p.relative_to(PACKAGE)}:{line}: {text}"
        for p in modules()
        if p.name != "rules.py"
        for line, text in string_literals(p)
        if text in rules.RULES
    ]
    assert not written, "use the constants of comorbidity_kb.rules:\n" + "\n".join(written)


def documented_rules() -> dict[str, tuple[str, str]]:
    """Rule id → (severity, heading) as docs/validation.md's tables list them."""
    found: dict[str, tuple[str, str]] = {}
    heading = ""
    for line in (ROOT / "docs" / "validation.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("### "):
            heading = line[4:].strip()
        match = re.match(r"\| `([a-z-]+)` \| (error|warning) \|", line)
        if match:
            assert match[1] not in found, f"{match[1]} is listed twice"
            found[match[1]] = (match[2], heading)
    return found


def test_docs_list_exactly_the_registered_rules() -> None:
    registered = {r.id: (str(r.severity), str(r.group)) for r in rules.RULES.values()}
    assert documented_rules() == registered


def test_the_registry_catches_a_rule_written_as_a_literal(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text('RULE = "yaml-syntax"\nOTHER = "not-a-rule"\n', encoding="utf-8")
    assert [t for _, t in string_literals(probe) if t in rules.RULES] == ["yaml-syntax"]
