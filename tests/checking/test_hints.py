"""Hints that must fit the field they are about, for every field of the schema rather than one example each."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from praktijkbank.checking.validation import validate_data
from praktijkbank.contribute.scaffold import field_kind, template_fields
from praktijkbank.core.fieldpath import Position
from praktijkbank.core.schema import Schema

from tests.helpers import REPO

SCHEMA = Schema.load(REPO / "schema" / "praktijkvoorbeeld.schema.json")
VALID = {"titel": "Buurt in Bloei", "samenvatting": "Inwoners en organisaties leren samen van elkaar.", "bijgewerkt": "2026-03-15"}


def _with(field_path: tuple[str, ...], value: Any) -> dict[str, Any]:
    data: dict[str, Any] = dict(VALID)
    target = data
    for part in field_path[:-1]:
        target = target.setdefault(part, {})
    target[field_path[-1]] = value
    if field_path[0] == "contact" and field_path[-1] != "organisatie":
        target["organisatie"] = "Wijkteam"
    return data


def _single_choice_fields() -> list[tuple[str, ...]]:
    return [path for path, node in SCHEMA.all_field_paths()
            if node.get("type") == "string" and SCHEMA.choices(path) and all(isinstance(p, str) for p in path)]


def test_the_schema_has_single_choice_fields() -> None:
    assert ("netwerktype",) in _single_choice_fields() and ("status",) in _single_choice_fields()


@pytest.mark.parametrize("field_path", _single_choice_fields(), ids=".".join)
@pytest.mark.parametrize("wrong", [["a", "b"], {"a": "b"}, 3, True], ids=["lijst", "groep", "getal", "ja-nee"])
def test_a_single_choice_field_never_gets_the_text_hint(field_path: tuple[str, ...], wrong: Any) -> None:
    allowed = [c.value for c in SCHEMA.choices(field_path)]
    findings = validate_data(_with(field_path, wrong), {(): Position(2, 1, 2, 1)}, SCHEMA, "x.md")
    [finding] = [f for f in findings if f.field == ".".join(field_path)]
    assert "'|'" not in finding.hint and "aanhalingstekens" not in finding.hint
    assert finding.message.startswith("moet één van de vaste waarden zijn")
    assert "Kies één waarde" in finding.hint
    assert ", ".join(allowed) in finding.hint
    if isinstance(wrong, list):
        assert "Passen er meer? Kies dan de belangrijkste" in finding.hint


def test_a_list_of_allowed_values_names_them_as_the_choice() -> None:
    data = _with(("netwerktype",), ["leergroepen", "community-of-practice", "iets anders"])
    [finding] = validate_data(data, {(): Position(2, 1, 2, 1)}, SCHEMA, "x.md")
    assert "bijvoorbeeld 'netwerktype: leergroep' of 'netwerktype: community-of-practice'." in finding.hint


def _template_hints() -> dict[str, str]:
    hints: dict[str, str] = {}
    parents: list[str] = []
    for field in template_fields(SCHEMA, "Titel", datetime.date(2026, 3, 15)):
        parents[field.depth:] = [field.key]
        hints[".".join(parents)] = field.hint
    return hints


def test_every_template_hint_fits_the_kind_of_field() -> None:
    """`praktijkbank nieuw`: a web address is not told about '|', a vocabulary names its values, and so on."""
    hints = _template_hints()
    for dotted, hint in hints.items():
        path = tuple(dotted.split("."))
        node = SCHEMA.subschema(path) or {}
        kind = field_kind(node, SCHEMA, path)
        assert ("'|'" in hint) == (kind == "long-text"), (dotted, kind, hint)
        if kind == "url":
            assert "Een webadres dat begint met https://." in hint, dotted
        if kind == "email":
            assert "info@organisatie.nl" in hint, dotted
        if kind == "date":
            assert '"2026-03-15"' in hint, dotted
        if kind in ("choice", "choices"):
            assert ", ".join(c.value for c in SCHEMA.choices(path)) in hint, dotted
    assert field_kind(SCHEMA.subschema(("contact", "website")) or {}, SCHEMA, ("contact", "website")) == "url"
    assert "'    url: https://...'. 'url' is een webadres dat begint met https://." in hints["bronnen"]
