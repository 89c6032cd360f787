"""Old files keep working when the schema changes: recognise what changed and say what to write now.

A vocabulary or a field's shape can change while practice files written against the old schema stay in
repositories. Like a deprecated option in a configuration file, the old form is recognised, keeps working,
and gets a warning with the new form (``--strict`` and the build turn it into an error, so a site's own files
are migrated before they are published). The schema declares every change, so no code names a value:

- ``"x-hernoemd": {"oud": "nieuw"}`` beside a vocabulary: the old value is read as the new one.
- ``"deprecated": true`` on a vocabulary entry, with ``"x-opgesplitst-in": [...]``: the value stays valid but is
  no longer offered; the warning names the values that replaced it (the contributor chooses, we cannot).
- ``"x-was-enkel": true`` on a list field: one value written on its own (``regio: zeeland``), as the field was
  before it became a list, is read as a list of that value.

Runs after pruning and before validation, on data with positions from ``yamlnodes``.
"""

from __future__ import annotations

from typing import Any

from praktijkbank.core.fieldpath import Path, Position, format_path
from praktijkbank.core.findings import Finding, Severity
from praktijkbank.core.schema import Schema, choices_of


def migrate(data: Any, positions: dict[Path, Position], schema: Schema, shown: str) -> list[Finding]:
    """Rewrite old forms in ``data`` (and ``positions``) in place, and return one warning for each."""
    if not isinstance(data, dict):
        return []
    findings: list[Finding] = []
    _walk(data, (), schema.resolve(schema.raw), positions, schema, shown, findings)
    return findings


def _walk(data: dict[str, Any], prefix: Path, node: dict[str, Any], positions: dict[Path, Position],
          schema: Schema, shown: str, findings: list[Finding]) -> None:
    properties = node.get("properties", {})
    for key, value in list(data.items()):
        if key not in properties:
            continue
        field_node = schema.resolve(properties[key])
        path = (*prefix, key)
        if field_node.get("type") == "array":
            items = schema.resolve(field_node["items"]) if isinstance(field_node.get("items"), dict) else {}
            if field_node.get("x-was-enkel") and isinstance(value, str | int | float) and not isinstance(value, bool):
                value = data[key] = [value]
                if path in positions:
                    positions[(*path, 0)] = positions[path]
                findings.append(_now_a_list(shown, positions.get(path), path, str(value[0])))
            if isinstance(value, list):
                for index, item in enumerate(value):
                    item_path = (*path, index)
                    if isinstance(item, dict):
                        _walk(item, item_path, items, positions, schema, shown, findings)
                    elif isinstance(item, str):
                        value[index] = _vocabulary_value(item, item_path, items, positions, shown, findings)
        elif isinstance(value, dict):
            _walk(value, path, field_node, positions, schema, shown, findings)
        elif isinstance(value, str):
            data[key] = _vocabulary_value(value, path, field_node, positions, shown, findings)


def _vocabulary_value(value: str, path: Path, node: dict[str, Any], positions: dict[Path, Position],
                      shown: str, findings: list[Finding]) -> str:
    """The value to read for ``value`` in the vocabulary of ``node`` (itself when nothing changed)."""
    renamed = node.get("x-hernoemd")
    if isinstance(renamed, dict) and isinstance(renamed.get(value), str):
        new = renamed[value]
        findings.append(_at(shown, positions.get(path), path, f"'{value}' heet nu '{new}'",
                            f"Schrijf '{new}'; de oude naam werkt nog, maar verdwijnt in een volgende versie.",
                            "hernoemde-waarde"))
        return str(new)
    for choice in choices_of(node, deprecated=True):
        if choice.value == value and choice.deprecated:
            if choice.split_into:
                labels = {c.value: c.label for c in choices_of(node)}
                options = ", ".join(f"'{v}' ({labels.get(v, v)})" for v in choice.split_into)
                hint = f"Kies in plaats daarvan een of meer van: {options}."
                message = f"'{value}' is opgesplitst in preciezere waarden"
            else:
                hint = "Kies een andere waarde uit de lijst op de pagina De checklist."
                message = f"'{value}' wordt niet meer gebruikt"
            findings.append(_at(shown, positions.get(path), path, message, hint, "verouderde-waarde"))
    return value


def _now_a_list(shown: str, position: Position | None, path: Path, value: str) -> Finding:
    name = str(path[-1])
    return _at(shown, position, path, "is nu een lijst, zodat je er meer dan één kunt noemen",
               f"Schrijf de waarde op een nieuwe regel, ingesprongen met '- ' ervoor: '{name}:' en daaronder '  - {value}'.",
               "nu-een-lijst")


def _at(shown: str, position: Position | None, path: Path, message: str, hint: str, code: str) -> Finding:
    line, column = (position.value_line, position.value_column) if position else (1, 1)
    return Finding(shown, line, column, Severity.WARNING, format_path(path), message, hint, code)
