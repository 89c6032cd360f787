"""The schema object: lookups stay correct after validation, and the fast and the reference validator agree."""

from __future__ import annotations

import copy

from praktijkbank.schema import Schema

from .conftest import REPO


def test_validating_does_not_change_the_schema() -> None:
    schema = Schema.load(REPO / "schema" / "praktijkvoorbeeld.schema.json")
    before = copy.deepcopy(schema.raw)
    assert not schema.is_valid({"titel": "x"})
    assert schema.is_valid({"titel": "Een titel", "samenvatting": "Een samenvatting van genoeg tekens.", "bijgewerkt": "2026-01-01"})
    assert schema.raw == before
    assert len(schema.choices(("themas",))) == 12 and schema.label(("regio",), "friesland") == "Fryslân"


def test_fast_check_knows_dates_that_do_not_exist() -> None:
    schema = Schema.load(REPO / "schema" / "praktijkvoorbeeld.schema.json")
    base = {"titel": "Een titel", "samenvatting": "Een samenvatting van genoeg tekens."}
    assert schema.is_valid({**base, "bijgewerkt": "2024-02-29"})
    assert not schema.is_valid({**base, "bijgewerkt": "2023-02-29"})
