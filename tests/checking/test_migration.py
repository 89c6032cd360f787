"""Files written against an older schema keep working, with a warning that says what to write now."""

from __future__ import annotations

import copy
from pathlib import Path

from praktijkbank.checking.file import load_file
from praktijkbank.core.findings import Severity
from praktijkbank.core.schema import Schema

from tests.helpers import REPO

SCHEMA = Schema.load(REPO / "schema" / "praktijkvoorbeeld.schema.json")

OLD_FILE = """---
titel: "Wijkleernetwerk Vlissingen"
samenvatting: "Een netwerk dat is beschreven voor een oudere versie van het schema."
regio: zeeland
themas:
  - wijkteams-oud
  - sociale-basis
doelgroepen:
  - professionals
bijgewerkt: "2026-11-30"
---
"""


def _renamed_schema() -> Schema:
    raw = copy.deepcopy(SCHEMA.raw)
    raw["$defs"]["thema"]["x-hernoemd"] = {"wijkteams-oud": "lokale-teams"}
    return Schema.from_dict(raw)


def test_old_forms_are_read_as_the_new_ones_with_a_warning_each(tmp_path: Path) -> None:
    path = tmp_path / "vlissingen.md"
    path.write_text(OLD_FILE, encoding="utf-8")
    result = load_file(path, _renamed_schema(), "vlissingen.md")
    assert result.practice is not None, result.findings
    assert result.practice.data["regio"] == ["zeeland"]
    assert result.practice.data["themas"] == ["lokale-teams", "sociale-basis"]
    assert result.practice.data["doelgroepen"] == ["professionals"]  # split: the contributor chooses
    found = {(f.line, f.column, f.field, f.code) for f in result.findings}
    assert found == {(4, 8, "regio", "nu-een-lijst"), (6, 5, "themas[0]", "hernoemde-waarde"),
                     (9, 5, "doelgroepen[0]", "verouderde-waarde")}
    assert all(f.severity is Severity.WARNING for f in result.findings)
    renamed = next(f for f in result.findings if f.code == "hernoemde-waarde")
    assert "'wijkteams-oud' heet nu 'lokale-teams'" in renamed.text()
    split = next(f for f in result.findings if f.code == "verouderde-waarde")
    assert "'wijkteams' (Professionals in wijkteams)" in split.text()


def test_a_renamed_value_without_the_rename_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "vlissingen.md"
    path.write_text(OLD_FILE, encoding="utf-8")
    result = load_file(path, SCHEMA, "vlissingen.md")
    assert result.practice is None
    assert any(f.field == "themas[0]" and f.is_error for f in result.findings)


def test_deprecated_values_are_shown_but_never_offered() -> None:
    offered = [c.value for c in SCHEMA.choices(("doelgroepen",))]
    assert "professionals" not in offered and "wijkteams" in offered
    assert "professionals" in [c.value for c in SCHEMA.choices(("doelgroepen",), deprecated=True)]
    assert SCHEMA.label(("doelgroepen",), "professionals") == "Professionals (algemeen)"
