"""Pydantic's errors explained (check/explain.py): the rule, the place and the hint."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from comorbidity_kb.check.explain import structural_diagnostics
from comorbidity_kb.model import MODELS
from comorbidity_kb.read.yaml_load import parse_yaml

Said = tuple[int, int, str, str, str]  # line, column, severity, rule, message

CONDITION = "id: c\nname: C\ncategory: sleep\ndescription: x\n"
CITATION = "id: c\ntype: journal-article\ntitle: T\nyear: 2020\ncontainer: J\n"
DIRECTION = "  - {from: a, to: b, effect: worsens, strength: weak, description: x"
EVIDENCE = "[{citation: a, locator: b, kind: cohort}]"


def explain(kind: str, text: str, data: Any = None) -> list[Said]:
    """What the validator says about ``text`` read as a ``kind`` (or ``data`` in its place)."""
    doc = parse_yaml(Path("x.yaml"), text)
    model = MODELS[kind]
    with pytest.raises(ValidationError) as info:
        model.model_validate(doc.data if data is None else data)
    return [
        (d.line, d.column, d.severity, d.rule, d.message)
        for d in structural_diagnostics(doc, model, info.value)
    ]


def test_an_unknown_field_gets_the_closest_name() -> None:
    assert explain("conditions", CONDITION + "symptom: [a]\n") == [
        (5, 1, "error", "unknown-field", "unknown field 'symptom'; did you mean 'symptoms'?")
    ]


def test_an_unknown_field_with_no_close_name_lists_the_allowed_ones() -> None:
    assert explain("conditions", CONDITION + "zzzzqqq: 1\n") == [
        (
            5,
            1,
            "error",
            "unknown-field",
            "unknown field 'zzzzqqq'; allowed here: id, name, aliases, category, description, "
            "symptoms, parent, xrefs, evidence",
        )
    ]


def test_an_unknown_field_in_a_nested_model_is_named_by_its_path() -> None:
    text = CONDITION + "evidence:\n  - {citation: a, locator: b, kind: cohort, stanse: supports}\n"
    assert explain("conditions", text) == [
        (
            6,
            45,
            "error",
            "unknown-field",
            "unknown field 'evidence[0].stanse'; did you mean 'stance'?",
        )
    ]
    text = CONDITION + "evidence:\n  - {citation: a, locator: b, kind: cohort, zzzqqq: supports}\n"
    assert explain("conditions", text) == [
        (
            6,
            45,
            "error",
            "unknown-field",
            "unknown field 'evidence[0].zzzqqq'; allowed here: citation, locator, kind, stance, "
            "note, finding",
        )
    ]


def test_an_unknown_field_under_an_aliased_field_and_a_list_of_models() -> None:
    # directions[0] holds a Direction: its fields are found through the list and the
    # aliases (from, to) are what a curator writes.
    text = (
        "id: a--b\nconditions: [a, b]\ndirections:\n"
        + DIRECTION
        + f", evidence: {EVIDENCE}, fro: a}}\n"
    )
    assert explain("links", text) == [
        (
            4,
            124,
            "error",
            "unknown-field",
            "unknown field 'directions[0].fro'; did you mean 'from'?",
        )
    ]


def test_an_unknown_field_two_models_deep() -> None:
    text = CITATION + "verified: true\nauthors:\n  - {famly: X}\n"
    assert explain("citations", text) == [
        (
            8,
            6,
            "error",
            "unknown-field",
            "unknown field 'authors[0].famly'; did you mean 'family'?",
        ),
    ]


def test_a_missing_field_is_reported_at_the_mapping_that_lacks_it() -> None:
    assert explain("conditions", "id: c\nname: C\ncategory: sleep\n") == [
        (1, 1, "error", "missing-field", "missing required field 'description'")
    ]


def test_missing_and_empty_evidence_get_their_own_rule() -> None:
    head = "id: a--b\nconditions: [a, b]\ndirections:\n"
    assert explain("links", head + DIRECTION + ", evidence: []}\n") == [
        (
            4,
            81,
            "error",
            "missing-evidence",
            "'directions[0].evidence' is empty: every claim needs at least one evidence item",
        )
    ]
    assert explain("links", head + DIRECTION + "}\n") == [
        (
            4,
            5,
            "error",
            "missing-evidence",
            "missing required field 'directions[0].evidence': every claim needs evidence "
            "(citation, locator, kind)",
        )
    ]


def test_a_list_too_short_that_is_not_evidence_is_a_bad_value() -> None:
    assert explain("links", "id: a--b\nconditions: [a]\ndirections: []\n") == [
        (
            2,
            13,
            "error",
            "bad-value",
            "conditions: List should have at least 2 items after validation, not 1",
        ),
        (
            3,
            13,
            "error",
            "bad-value",
            "directions: List should have at least 1 item after validation, not 0",
        ),
    ]


def test_wrong_types_name_what_was_written() -> None:
    text = CONDITION.replace("name: C", "name: 2024-01-01") + (
        "aliases: [true, 1.5, null, [x], {k: v}, 7]\nsymptoms: {a: 1}\nparent: 12\n"
    )
    quote = "; quote it if it is meant as text"
    valid = "Input should be a valid"
    assert explain("conditions", text) == [
        (2, 7, "error", "wrong-type", f"name: {valid} string (got a date){quote}"),
        (5, 11, "error", "wrong-type", f"aliases[0]: {valid} string (got true/false){quote}"),
        (5, 17, "error", "wrong-type", f"aliases[1]: {valid} string (got a number){quote}"),
        (5, 22, "error", "wrong-type", f"aliases[2]: {valid} string (got nothing (null))"),
        (5, 28, "error", "wrong-type", f"aliases[3]: {valid} string (got a list)"),
        (5, 33, "error", "wrong-type", f"aliases[4]: {valid} string (got a mapping)"),
        (5, 41, "error", "wrong-type", f"aliases[5]: {valid} string (got a number){quote}"),
        (6, 11, "error", "wrong-type", f"symptoms: {valid} list (got a mapping)"),
        (7, 9, "error", "wrong-type", f"parent: {valid} string (got a number){quote}"),
    ]


def test_text_where_a_list_is_meant_gets_no_quoting_hint() -> None:
    assert explain("conditions", CONDITION + "aliases: just one\n") == [
        (5, 10, "error", "wrong-type", "aliases: Input should be a valid list (got text)")
    ]


def test_a_value_of_no_yaml_type_is_named_by_its_python_type() -> None:
    data = {"id": "c", "name": {1}, "category": "sleep", "description": "x"}
    assert explain("conditions", CONDITION, data) == [
        (2, 7, "error", "wrong-type", "name: Input should be a valid string (got set)")
    ]


def test_a_top_level_that_is_not_a_mapping() -> None:
    assert explain("conditions", CONDITION, [1]) == [
        (
            1,
            1,
            "error",
            "wrong-type",
            "(top level): Input should be a valid dictionary or instance of Condition (got a list)",
        )
    ]


def test_a_model_where_a_number_is_written() -> None:
    text = "id: a_b\nconditions: [a, b]\ndirections: [5]\n"
    said = explain("links", text)
    assert said[1] == (
        3,
        14,
        "error",
        "wrong-type",
        "directions[0]: Input should be a valid dictionary or instance of Direction (got a number)",
    )
    line, column, severity, rule, message = said[0]
    assert (line, column, severity, rule) == (1, 5, "error", "bad-id")
    assert message == (
        "id 'a_b' must be lowercase kebab-case (a-z, 0-9 and single hyphens), e.g. chronic-pain; "
        "a link's id is its two condition ids joined by '--', e.g. insomnia--anxiety"
    )


def test_a_bad_entity_id_says_what_an_id_is() -> None:
    text = CONDITION.replace("id: c", "id: Bad_Id")
    ((line, column, severity, rule, message),) = explain("conditions", text)
    assert (line, column, severity, rule) == (1, 5, "error", "bad-id")
    assert message.startswith("id 'Bad_Id' is not an id: ids are ")
    assert message.endswith(
        "lowercase kebab-case (a-z, 0-9 and single hyphens), e.g. chronic-pain; a link's id is "
        "its two condition ids joined by '--', e.g. insomnia--anxiety"
    )


def test_identifiers_of_a_citation_get_their_own_rules() -> None:
    text = (
        CITATION
        + "verified: true\ndoi: https://doi.org/10.1/x\npmid: abc\npmcid: PMCx\nurl: ftp://x\n"
    )
    assert explain("citations", text) == [
        (
            7,
            6,
            "error",
            "bad-doi",
            "doi 'https://doi.org/10.1/x' is not a DOI: write the bare DOI, 10.NNNN/suffix, "
            "without https://doi.org/",
        ),
        (8, 7, "error", "bad-pmid", "pmid 'abc' is not a PMID: digits only, e.g. 21300408"),
        (
            9,
            8,
            "error",
            "bad-pmcid",
            "pmcid 'PMCx' is not a PMCID: PMC followed by digits, e.g. PMC3277880",
        ),
        (
            10,
            6,
            "error",
            "bad-url",
            "url 'ftp://x' is not a URL: it must start with http:// or https://",
        ),
    ]


def test_a_validator_message_loses_pydantics_prefix() -> None:
    assert explain("citations", CITATION + "verified: false\n") == [
        (
            6,
            11,
            "error",
            "bad-value",
            "verified: an unverified citation needs a 'note' saying what could not be confirmed",
        )
    ]


def test_bad_curies_anywhere() -> None:
    text = (
        "id: m\nname: M\nkind: cognitive\ndescription: x\ninvolves:\n"
        "  - {name: cortisol, type: molecule, xref: CHEBI-1}\n"
        "  - {name: x, type: molecule, xref: 'FOO:1'}\n"
        f"evidence: {EVIDENCE}\n"
    )
    assert explain("mechanisms", text) == [
        (
            6,
            44,
            "error",
            "bad-curie",
            "involves[0].xref: 'CHEBI-1' is not a CURIE: write it as PREFIX:ID, e.g. MONDO:0013600",
        ),
        (
            7,
            37,
            "error",
            "bad-curie",
            "involves[1].xref: unknown xref prefix 'FOO'; known prefixes: MONDO, DOID, HP, "
            "ICD10CM, ICD11, MESH, UBERON, CHEBI, GO, MAXO, NCIT, SNOMEDCT",
        ),
    ]


def test_a_value_error_outside_xrefs_is_a_bad_value() -> None:
    text = CITATION + "verified: true\nauthors:\n  - {given: X}\n"
    assert explain("citations", text) == [
        (
            8,
            5,
            "error",
            "bad-value",
            "authors[0]: an author needs 'family' (with 'given') or 'literal'",
        )
    ]


def test_a_missing_evidence_list_in_a_target_and_a_misspelt_one() -> None:
    text = (
        "id: i\nname: I\nkind: psychotherapy\ndescription: x\ngoal: g\ntargets:\n"
        f"  - {{condition: c, evidense: []}}\nevidence: {EVIDENCE}\n"
    )
    assert explain("interventions", text) == [
        (
            7,
            5,
            "error",
            "missing-evidence",
            "missing required field 'targets[0].evidence': every claim needs evidence "
            "(citation, locator, kind)",
        ),
        (
            7,
            20,
            "error",
            "unknown-field",
            "unknown field 'targets[0].evidense'; did you mean 'evidence'?",
        ),
    ]


def test_text_that_does_not_parse_as_a_number_or_date_is_a_wrong_type() -> None:
    text = CITATION.replace("year: 2020", "year: soon") + "verified: true\ndate: someday\n"
    assert explain("citations", text) == [
        (
            4,
            7,
            "error",
            "wrong-type",
            "year: Input should be a whole number (got text)",
        ),
        (
            7,
            7,
            "error",
            "wrong-type",
            "date: Input should be a valid date or datetime, input is too short (got text)",
        ),
    ]


def test_an_unknown_field_in_a_list_inside_a_list() -> None:
    # directions[0].evidence[0]: the owner is the Evidence, not the Direction.
    text = (
        "id: a--b\nconditions: [a, b]\ndirections:\n"
        + DIRECTION
        + ", evidence: [{citation: a, locator: b, kind: cohort, zzzqqq: 1}]}\n"
    )
    assert explain("links", text) == [
        (
            4,
            122,
            "error",
            "unknown-field",
            "unknown field 'directions[0].evidence[0].zzzqqq'; allowed here: citation, locator, "
            "kind, stance, note, finding",
        )
    ]


def test_a_file_that_cannot_be_read_is_reported_at_its_byte(tmp_path: Path) -> None:
    from comorbidity_kb.check.validate import validate_path

    (tmp_path / "conditions").mkdir()
    (tmp_path / "conditions" / "c.yaml").write_bytes(b"id: c\nname: caf\xe9\n")
    assert [
        (d.line, d.column, d.severity, d.rule, d.message)
        for d in validate_path(tmp_path).diagnostics
    ] == [(2, 10, "error", "file-encoding", "byte 0xe9 is not UTF-8; save the file as UTF-8")]
