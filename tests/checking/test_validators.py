"""The validators (checking/validators.py): the schema's lookups stay right after validation; the fast and the reference check agree."""

from __future__ import annotations

import copy

from praktijkbank.checking.validators import is_valid, validator
from praktijkbank.core.schema import Schema

from tests.helpers import REPO


def test_validating_does_not_change_the_schema() -> None:
    schema = Schema.load(REPO / "schema" / "praktijkvoorbeeld.schema.json")
    before = copy.deepcopy(schema.raw)
    assert not is_valid(schema, {"titel": "x"})
    assert is_valid(schema, {"titel": "Een titel", "samenvatting": "Een samenvatting van genoeg tekens.", "bijgewerkt": "2026-01-01"})
    assert schema.raw == before
    assert len(schema.choices(("themas",))) == 21 and schema.label(("regio",), "friesland") == "Fryslân"


def test_fast_check_knows_dates_that_do_not_exist() -> None:
    schema = Schema.load(REPO / "schema" / "praktijkvoorbeeld.schema.json")
    base = {"titel": "Een titel", "samenvatting": "Een samenvatting van genoeg tekens."}
    assert is_valid(schema, {**base, "bijgewerkt": "2024-02-29"})
    assert not is_valid(schema, {**base, "bijgewerkt": "2023-02-29"})


def _agrees_with_jsonschema(raw: dict[str, object], values: list[object]) -> None:
    schema = Schema.from_dict(raw)
    for value in values:
        assert is_valid(schema, value) == validator(schema).is_valid(value), value


def test_fast_check_applies_keywords_next_to_a_reference() -> None:
    """In 2020-12 a keyword beside ``$ref`` counts too (draft 7, which fastjsonschema follows, ignores it)."""
    raw = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {"kort": {"$ref": "#/$defs/tekst", "maxLength": 3, "title": "Kort"}},
        "$defs": {"tekst": {"type": "string", "minLength": 2}},
    }
    _agrees_with_jsonschema(raw, [{"kort": "ab"}, {"kort": "abcd"}, {"kort": "a"}, {"kort": 1}, {}])
    assert not is_valid(Schema.from_dict(raw), {"kort": "abcd"})


def test_fast_check_follows_recursive_references() -> None:
    raw = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": "#/$defs/boom",
        "$defs": {"boom": {"type": "object", "properties": {"takken": {"type": "array", "items": {"$ref": "#/$defs/boom"}}},
                           "additionalProperties": False}},
    }
    _agrees_with_jsonschema(raw, [{}, {"takken": [{}, {"takken": []}]}, {"takken": [{"blad": 1}]}, {"takken": [1]}])


def test_fast_check_keeps_the_meaning_of_vocabularies() -> None:
    """A vocabulary becomes an ``enum`` for the fast check; a ``oneOf`` with a constant twice must not."""
    raw = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "properties": {
            "kleur": {"oneOf": [{"const": "rood", "title": "Rood"}, {"const": "groen", "title": "Groen"}]},
            "dubbel": {"oneOf": [{"const": "a"}, {"const": "a"}, {"const": "b"}]},
        },
    }
    _agrees_with_jsonschema(raw, [{"kleur": "rood"}, {"kleur": "blauw"}, {"kleur": 1}, {"kleur": ["rood"]},
                                  {"dubbel": "a"}, {"dubbel": "b"}, {"dubbel": "c"}])


def test_fast_check_leaves_values_and_field_names_alone() -> None:
    """Only schemas are rewritten for the fast check: a field called 'title', or a constant that looks like a schema,
    keeps its meaning."""
    raw = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "required": ["title"],
        "properties": {
            "title": {"type": "string", "title": "Titel", "x-hint": "tekst"},
            "vorm": {"const": {"$ref": "#/$defs/tekst", "oneOf": [{"const": "a"}]}},
            "keuze": {"enum": [{"title": "x"}, "b"]},
        },
        "$defs": {"tekst": {"type": "string"}},
    }
    _agrees_with_jsonschema(raw, [
        {"title": "x"}, {}, {"title": 1}, {"title": "x", "vorm": "a"},
        {"title": "x", "vorm": {"$ref": "#/$defs/tekst", "oneOf": [{"const": "a"}]}},
        {"title": "x", "keuze": {"title": "x"}}, {"title": "x", "keuze": {}}, {"title": "x", "keuze": "b"},
    ])
