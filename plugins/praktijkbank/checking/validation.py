"""Validate front-matter against the schema and explain every problem in Dutch.

jsonschema finds the problems; this module decides where each one points in the file (the key for an
unknown field, the value for a wrong value, the enclosing mapping for a missing field), says what is
wrong in words a contributor understands, and suggests the fix: the allowed values, the nearest
correct spelling, or where a misplaced field belongs.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

import jsonschema

from praktijkbank.checking import validators
from praktijkbank.core.fieldpath import Path, Position, format_path
from praktijkbank.core.findings import Finding, Severity, shorten
from praktijkbank.core.schema import Schema, choices_of

_TYPE_NAMES = {
    "string": "tekst",
    "array": "een lijst",
    "object": "een groep velden",
    "integer": "een geheel getal",
    "number": "een getal",
    "boolean": "ja of nee (true of false)",
    "null": "leeg",
}

#: When one value breaks several rules, report only the most telling one.
_PRIORITY = ["type", "oneOf", "enum", "const", "minLength", "pattern", "format", "maxLength"]


def validate_data(data: Any, positions: dict[Path, Position], schema: Schema, path: str) -> list[Finding]:
    """All schema problems of one front-matter mapping, located and explained."""
    if not isinstance(data, dict):
        kind = describe_value(data)
        return [Finding(path, 2, 1, Severity.ERROR, "", f"de front-matter moet uit velden bestaan ('naam: waarde'), maar is {kind}",
                        "Schrijf elk veld op een eigen regel, zoals 'titel: Buurt in Bloei'.", "front-matter-geen-velden")]
    if validators.is_valid(schema, data):
        return []
    explainer = _Explainer(schema, positions, path, data)
    errors = sorted(validators.validator(schema).iter_errors(data), key=lambda e: (list(map(str, e.absolute_path)), e.validator))
    findings = explainer.explain_all(errors)
    return sorted(set(findings), key=lambda f: (f.line, f.column, f.field, f.message))


class _Explainer:
    def __init__(self, schema: Schema, positions: dict[Path, Position], path: str, data: dict[str, Any]) -> None:
        self.schema = schema
        self.positions = positions
        self.path = path
        self.data = data

    def explain_all(self, errors: Iterable[jsonschema.ValidationError]) -> list[Finding]:
        value_errors: dict[Path, list[jsonschema.ValidationError]] = {}
        findings: list[Finding] = []
        for error in errors:
            field_path: Path = tuple(error.absolute_path)
            if error.validator in ("required", "additionalProperties", "minProperties", "uniqueItems",
                                   "minItems", "maxItems"):
                findings.extend(self._structural(error, field_path))
            else:
                value_errors.setdefault(field_path, []).append(error)
        for field_path, group in value_errors.items():
            group.sort(key=lambda e: _PRIORITY.index(e.validator) if e.validator in _PRIORITY else len(_PRIORITY))
            findings.append(self._value(group[0], field_path))
        return findings

    # -- locations ---------------------------------------------------------------------------

    def _position(self, field_path: Path) -> Position:
        for length in range(len(field_path), -1, -1):
            position = self.positions.get(field_path[:length])
            if position:
                return position
        return Position(1, 1, 1, 1)  # empty front-matter: the opening '---'

    def _finding(self, field_path: Path, message: str, hint: str, code: str, *, at_key: bool = False) -> Finding:
        position = self._position(field_path)
        line, column = (position.key_line, position.key_column) if at_key else (position.value_line, position.value_column)
        return Finding(self.path, line, column, Severity.ERROR, format_path(field_path), message, hint, code)

    # -- problems with the shape of a mapping or list ----------------------------------------

    def _structural(self, error: jsonschema.ValidationError, field_path: Path) -> list[Finding]:
        instance: Any = error.instance
        node = error.schema if isinstance(error.schema, dict) else {}
        if error.validator == "required":
            return [self._missing(field_path, name) for name in _missing_names(error)]
        if error.validator == "additionalProperties":
            allowed = set(node.get("properties", {}))
            return [self._unknown(field_path, key) for key in instance if key not in allowed]
        if error.validator == "minProperties":
            return [self._finding(field_path, "is leeg", _empty_hint(field_path, self.schema, "object", node), "leeg")]
        if error.validator == "minItems":
            if not instance:
                return [self._finding(field_path, "is een lege lijst", "Vul minstens één item in, of laat het veld weg.", "leeg")]
            message = f"heeft te weinig items ({len(instance)}; minstens {error.validator_value})"
            return [self._finding(field_path, message, "", "te-weinig")]
        if error.validator == "maxItems":
            return [self._finding(field_path, f"heeft te veel items ({len(instance)}; hoogstens {error.validator_value})",
                                  "Kies de belangrijkste.", "te-veel")]
        if error.validator == "uniqueItems":
            seen: list[Any] = []
            for index, item in enumerate(instance):
                if item in seen:
                    return [self._finding(field_path + (index,), "deze waarde staat al eerder in de lijst",
                                          "Verwijder de dubbele waarde.", "dubbele-waarde")]
                seen.append(item)
        return [self._finding(field_path, error.message, "", str(error.validator))]

    def _missing(self, field_path: Path, name: str) -> Finding:
        node = self.schema.subschema(field_path + (name,)) or {}
        example = _example_line(name, node)
        hint = f"Voeg '{name}:' toe"
        if field_path:
            hint += f" onder '{format_path(field_path)}'"
        hint += "."
        if node.get("description"):
            hint += f" {node['description']}"
        if example:
            hint += f" Bijvoorbeeld: {example}"
        position = self._position(field_path)
        line, column = (position.key_line, position.key_column)
        return Finding(self.path, line, column, Severity.ERROR, format_path(field_path + (name,)),
                       "dit verplichte veld ontbreekt", hint, "verplicht")

    def _unknown(self, field_path: Path, key: str) -> Finding:
        allowed = self.schema.properties(field_path)
        if not key.strip():
            return self._finding(field_path + (key,), "hier staat een veld zonder naam",
                                 "Schrijf de naam van het veld vóór de dubbele punt, of haal de regel weg.", "onbekend-veld", at_key=True)
        suggestion = _closest(key, allowed)
        if suggestion:
            hint = f"Bedoel je '{suggestion}'?"
        else:
            elsewhere = [format_path(p) for p, _ in self.schema.all_field_paths() if p[-1] == key and p[:-1] != field_path]
            if elsewhere:
                hint = f"Dit veld hoort op een andere plek: '{elsewhere[0]}'."
            else:
                where = f" onder '{format_path(field_path)}'" if field_path else ""
                hint = f"Toegestane velden{where}: {', '.join(allowed)}."
        return self._finding(field_path + (key,), "onbekend veld", hint, "onbekend-veld", at_key=True)

    # -- problems with one value -------------------------------------------------------------

    def _value(self, error: jsonschema.ValidationError, field_path: Path) -> Finding:
        value: Any = error.instance
        node = error.schema if isinstance(error.schema, dict) else {}
        kind = str(error.validator)
        choices = choices_of(node)
        if kind == "type":
            if choices and value is not None:
                return self._not_one_choice(field_path, value, [c.value for c in choices], {c.label: c.value for c in choices})
            return self._wrong_type(field_path, value, error.validator_value, node)
        if kind in ("oneOf", "enum") and choices:
            allowed = [c.value for c in choices]
            suggestion = _closest(str(value), allowed, labels={c.label: c.value for c in choices})
            hint = f"Bedoel je '{suggestion}'? " if suggestion else ""
            hint += f"Kies uit: {', '.join(allowed)}."
            other = _other_choice(field_path, allowed, self.schema)
            if other and not suggestion:
                hint += f" Past geen enkele? Kies '{other}' en noem de vorm bij '{field_path[-1]}_{other}:'."
            return self._finding(field_path, f"{_quote(value)} is geen toegestane waarde", hint, "onbekende-waarde")
        if isinstance(value, str) and not value.strip() and kind in ("minLength", "pattern"):
            return self._finding(field_path, "is leeg", _empty_hint(field_path, self.schema), "leeg")
        if kind == "minLength":
            return self._finding(field_path, f"is te kort ({_chars(len(value))}; minstens {error.validator_value})",
                                 "Schrijf iets meer, zodat een lezer begrijpt waar het over gaat.", "te-kort")
        if kind == "maxLength":
            return self._finding(field_path, f"is te lang ({_chars(len(value))}; hoogstens {error.validator_value})",
                                 "Kort de tekst in; een uitgebreid verhaal past onder de front-matter.", "te-lang")
        if kind == "pattern":
            hint = (_link_hint(value, field_path, self.schema) if "https?" in str(node.get("pattern", "")) else None) \
                or str(node.get("x-hint", "")) or "Controleer de schrijfwijze."
            return self._finding(field_path, f"{_quote(value)} heeft niet de juiste vorm", hint, "vorm")
        if kind == "format" and error.validator_value == "date":
            return self._finding(field_path, f"{_quote(value)} is geen bestaande datum",
                                 "Controleer dag en maand, en schrijf jaar-maand-dag, bijvoorbeeld 2026-03-15.", "datum")
        return self._finding(field_path, f"voldoet niet aan het schema ({error.message})", "", kind)

    def _not_one_choice(self, field_path: Path, value: Any, allowed: list[str], labels: dict[str, str]) -> Finding:
        """A single-choice field given a list, a group or a number: name values to choose from, never '|'."""
        written = value if isinstance(value, list) else list(value.values()) if isinstance(value, dict) else []
        candidates: list[str] = []
        for item in written:
            match = _closest(item, allowed, labels=labels) if isinstance(item, str) else None
            if match is not None and match not in candidates:
                candidates.append(match)
        name = field_path[-1] if field_path else ""

        def line(choice: str) -> str:
            return f"{name}: {choice}" if isinstance(name, str) else f"- {choice}"

        if candidates:
            examples = " of ".join(f"'{line(choice)}'" for choice in candidates[:2])
            hint = f"Kies één waarde en zet die achter de dubbele punt, bijvoorbeeld {examples}."
        else:
            hint = f"Kies één waarde en zet die achter de dubbele punt. Toegestaan: {', '.join(allowed)}."
        if isinstance(value, list):
            hint += " Passen er meer? Kies dan de belangrijkste en beschrijf de andere in de tekst."
        return self._finding(field_path, f"moet één van de vaste waarden zijn, maar is {describe_value(value)}", hint, "type")

    def _wrong_type(self, field_path: Path, value: Any, expected: Any, node: dict[str, Any]) -> Finding:
        expected_type = expected if isinstance(expected, str) else expected[0]
        wanted = _TYPE_NAMES.get(expected_type, expected_type)
        if value is None:
            return self._finding(field_path, "is leeg", _empty_hint(field_path, self.schema, expected_type, node), "leeg")
        message = f"moet {wanted} zijn, maar is {describe_value(value)}"
        hint = ""
        if expected_type == "string":
            if isinstance(value, bool):
                hint = "YAML leest woorden als yes, no, on en off als ja of nee. Zet de tekst tussen aanhalingstekens."
            elif isinstance(value, (int, float)):
                hint = f'Zet de waarde tussen aanhalingstekens: "{value}".'
            elif isinstance(value, list):
                hint = "Schrijf één tekst. Voor meerdere regels: zet '|' achter de dubbele punt en de tekst ingesprongen eronder."
            elif isinstance(value, dict):
                hint = "Staat er een ': ' in de tekst? Zet de hele tekst dan tussen aanhalingstekens."
        elif expected_type == "array":
            hint = "Zet elk item op een eigen regel, ingesprongen en beginnend met '- '."
        elif expected_type in ("integer", "number"):
            hint = str(node.get("x-hint", "")) or "Schrijf alleen cijfers, zonder aanhalingstekens."
        elif expected_type == "object":
            properties = list(node.get("properties", {}))
            required = node.get("required", [])
            if isinstance(value, str) and "url" in properties and re.match(r"^(https?://|mailto:)", value.strip()):
                hint = f"Schrijf het als 'titel: ...' met daaronder 'url: {shorten(value, 60)}'."
            elif isinstance(value, str) and required:
                hint = f"Schrijf het als '{required[0]}: {shorten(value, 30)}'"
                optional = [p for p in properties if p not in required]
                hint += f", eventueel met '{optional[0]}: ...' eronder." if optional else "."
            elif properties:
                hint = f"Zet de velden ({', '.join(properties)}) ingesprongen onder deze regel."
        return self._finding(field_path, message, hint, "type")


def _other_choice(field_path: Path, allowed: list[str], schema: Schema) -> str | None:
    """'anders', when the vocabulary has it and a free field ``<field>_anders`` beside it names what it is."""
    if not field_path or not isinstance(field_path[-1], str) or "anders" not in allowed:
        return None
    return "anders" if schema.subschema((*field_path[:-1], f"{field_path[-1]}_anders")) else None


_BARE_DOMAIN = re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?:[/?#]\S*)?$")
_BROKEN_SCHEME = re.compile(r"^(?:h?t{1,2}p{1,2}s?)(?::/{0,2}|/{1,2}|:)(?=[\w.-])", re.IGNORECASE)
_EMAIL_ADDRESS = re.compile(r"^[^@\s:/]+@[^@\s/]+\.[A-Za-z]{2,}$")


def _link_hint(value: Any, field_path: Path, schema: Schema) -> str | None:
    """A hint for a web address that is nearly right: without https://, with a broken https://, an e-mail address."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if _EMAIL_ADDRESS.match(text):
        siblings = schema.properties(field_path[:-1]) if field_path else []
        if "email" in siblings and field_path[-1] != "email":
            return f"Dit is een e-mailadres: zet het bij '{format_path((*field_path[:-1], 'email'))}'."
        return f"Is het een e-mailadres? Schrijf er dan 'mailto:' voor: mailto:{text}."
    broken = _BROKEN_SCHEME.match(text)
    if broken and not text.lower().startswith(("http://", "https://")):
        text = text[broken.end():]
        return f"Een webadres begint met https:// (twee schuine strepen): https://{text}."
    if _BARE_DOMAIN.match(text):
        return f"Een webadres begint met https://: schrijf https://{text}."
    if text.lower().startswith(("http://", "https://")) and re.search(r"\s", text):
        return "Een webadres bevat geen spaties: haal ze weg (of schrijf %20 voor een spatie die bij het adres hoort)."
    return None


def describe_value(value: Any) -> str:
    if value is None:
        return "leeg"
    if isinstance(value, bool):
        return f"de ja/nee-waarde {'true' if value else 'false'}"
    if isinstance(value, (int, float)):
        return f"het getal {value}"
    if isinstance(value, str):
        return "tekst"
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, dict):
        return "een groep velden"
    return type(value).__name__


def _missing_names(error: jsonschema.ValidationError) -> list[str]:
    match = re.match(r"^'(.*)' is a required property$", error.message)
    if match:
        return [match.group(1)]
    names: Any = error.validator_value
    instance: Any = error.instance
    return [name for name in names if name not in instance]


def _empty_hint(field_path: Path, schema: Schema, expected: str = "string", node: dict[str, Any] | None = None) -> str:
    parent, name = field_path[:-1], field_path[-1] if field_path else ""
    required = isinstance(name, str) and name in schema.required(parent)
    if isinstance(name, int):
        return "Vul het item in, of haal de regel met '-' weg."
    if expected == "array":
        what = "Vul minstens één item in, op een eigen regel die begint met '- '"
    elif expected == "object":
        names = ", ".join((node or {}).get("properties", {}))
        what = f"Vul minstens één van deze velden in, ingesprongen eronder: {names}" if names else "Vul de velden eronder in"
    else:
        what = "Vul een tekst in"
    return f"{what}; dit veld is verplicht." if required else f"{what}, of laat '{name}' helemaal weg."


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[\s_\-'’]+", "", text)


def _closest(word: str, candidates: list[str], labels: dict[str, str] | None = None) -> str | None:
    """The candidate a contributor most likely meant, or None."""
    wanted = _normalise(word)
    lookup = {_normalise(c): c for c in candidates}
    for label, value in (labels or {}).items():
        lookup.setdefault(_normalise(label), value)
    if wanted in lookup:
        return lookup[wanted]
    containing = {value for key, value in lookup.items() if len(wanted) >= 4 and wanted in key}
    if len(containing) == 1:
        return containing.pop()
    matches = difflib.get_close_matches(wanted, list(lookup), n=1, cutoff=0.75)
    return lookup[matches[0]] if matches else None


def _chars(number: int) -> str:
    return f"{number} {'teken' if number == 1 else 'tekens'}"


def _quote(value: Any) -> str:
    if isinstance(value, str):
        return f"'{shorten(value, 60)}'"
    return describe_value(value)


def _example_line(name: str, node: dict[str, Any]) -> str:
    examples = node.get("examples")
    if isinstance(examples, list) and examples and isinstance(examples[0], str):
        return f"{name}: {examples[0]}"
    return ""
