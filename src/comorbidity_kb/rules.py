"""Every rule id, defined once: its severity and the group docs/validation.md lists it in.

A diagnostic names its rule by one of these constants, never by a string of its own, so a
rule cannot be misspelt in one place or renamed in another; tests/test_rules.py checks that
no module writes a rule id as a literal and that docs/validation.md's tables list exactly
these rules, with these severities, under these headings.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Group(StrEnum):
    """The headings of docs/validation.md's rule tables."""

    FILES = "Reading files"
    YAML = "YAML"
    FIELDS = "Fields (one file at a time)"
    INTEGRITY = "Integrity (across files)"
    EVIDENCE = "Evidence: findings and strength"
    QUALITY = "Quality warnings"


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: Severity
    group: Group


RULES: dict[str, Rule] = {}


def _rule(rule_id: str, group: Group, severity: Severity = Severity.ERROR) -> str:
    RULES[rule_id] = Rule(rule_id, severity, group)
    return rule_id


_W = Severity.WARNING

# Reading files
STRAY_FILE = _rule("stray-file", Group.FILES, _W)
FILE_OUTSIDE_ROOT = _rule("file-outside-root", Group.FILES)
FILE_NOT_REGULAR = _rule("file-not-regular", Group.FILES)
FILE_TOO_LARGE = _rule("file-too-large", Group.FILES)
FILE_UNREADABLE = _rule("file-unreadable", Group.FILES)
FILE_NOT_TEXT = _rule("file-not-text", Group.FILES)
FILE_ENCODING = _rule("file-encoding", Group.FILES)
# YAML
YAML_SYNTAX = _rule("yaml-syntax", Group.YAML)
DUPLICATE_KEY = _rule("duplicate-key", Group.YAML)
YAML_UNSAFE_TAG = _rule("yaml-unsafe-tag", Group.YAML)
YAML_ALIAS = _rule("yaml-alias", Group.YAML)
YAML_TOO_LARGE = _rule("yaml-too-large", Group.YAML)
YAML_TOO_DEEP = _rule("yaml-too-deep", Group.YAML)
YAML_MULTIPLE_DOCUMENTS = _rule("yaml-multiple-documents", Group.YAML)
FILE_EMPTY = _rule("file-empty", Group.YAML)
YAML_NOT_MAPPING = _rule("yaml-not-mapping", Group.YAML)
# Fields (one file at a time)
UNKNOWN_FIELD = _rule("unknown-field", Group.FIELDS)
MISSING_FIELD = _rule("missing-field", Group.FIELDS)
MISSING_EVIDENCE = _rule("missing-evidence", Group.FIELDS)
WRONG_TYPE = _rule("wrong-type", Group.FIELDS)
BAD_VALUE = _rule("bad-value", Group.FIELDS)
BAD_ID = _rule("bad-id", Group.FIELDS)
BAD_DOI = _rule("bad-doi", Group.FIELDS)
BAD_PMID = _rule("bad-pmid", Group.FIELDS)
BAD_PMCID = _rule("bad-pmcid", Group.FIELDS)
BAD_URL = _rule("bad-url", Group.FIELDS)
BAD_CURIE = _rule("bad-curie", Group.FIELDS)
CONTROL_CHARACTER = _rule("control-character", Group.FIELDS)
# Integrity (across files)
ID_MISMATCH = _rule("id-mismatch", Group.INTEGRITY)
DUPLICATE_ID = _rule("duplicate-id", Group.INTEGRITY)
UNKNOWN_REFERENCE = _rule("unknown-reference", Group.INTEGRITY)
UNKNOWN_CITATION = _rule("unknown-citation", Group.INTEGRITY)
WRONG_KIND = _rule("wrong-kind", Group.INTEGRITY)
SELF_LINK = _rule("self-link", Group.INTEGRITY)
LINK_ID = _rule("link-id", Group.INTEGRITY)
DIRECTION_ENDPOINTS = _rule("direction-endpoints", Group.INTEGRITY)
DUPLICATE_LINK = _rule("duplicate-link", Group.INTEGRITY)
PARENT_CYCLE = _rule("parent-cycle", Group.INTEGRITY)
# Evidence: findings and strength
FINDING_INTERVAL = _rule("finding-interval", Group.EVIDENCE)
FINDING_RANGE = _rule("finding-range", Group.EVIDENCE)
FINDING_STUDIES = _rule("finding-studies", Group.EVIDENCE)
FINDING_UNIT = _rule("finding-unit", Group.EVIDENCE)
STRENGTH_UNEARNED = _rule("strength-unearned", Group.EVIDENCE)
# Quality warnings
DUPLICATE_ITEM = _rule("duplicate-item", Group.QUALITY, _W)
UNVERIFIED_ONLY = _rule("unverified-only", Group.QUALITY, _W)
EVIDENCE_KIND_MISMATCH = _rule("evidence-kind-mismatch", Group.QUALITY, _W)
JOURNAL_WITHOUT_DOI = _rule("journal-without-doi", Group.QUALITY, _W)
ORPHAN_CITATION = _rule("orphan-citation", Group.QUALITY, _W)
ORPHAN_MECHANISM = _rule("orphan-mechanism", Group.QUALITY, _W)
AMBIGUOUS_NAME = _rule("ambiguous-name", Group.QUALITY, _W)


def severity_of(rule_id: str) -> Severity:
    """The severity a rule always reports at."""
    return RULES[rule_id].severity
