"""The JSON Schema of the front-matter, and what the rest of the package reads from it.

The schema is the single source of truth: field titles and descriptions, vocabularies with their Dutch
labels, the parts of the checklist and the order of fields all live there, never in Python code. This
module loads it once and answers questions about it (label of a value, title of a field, allowed keys).
Validating data against it is the checking wing's job: see ``praktijkbank.checking.validators``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema

from praktijkbank.core.fieldpath import Path as FieldPath


class SchemaError(Exception):
    """The schema file itself is missing or broken: a problem for the site's maintainers, not contributors."""


@dataclass(frozen=True)
class ChecklistPart:
    """One point of the Checklist goede praktijken, and the fields that together describe it."""

    id: str
    title: str
    question: str
    fields: tuple[str, ...]
    minimum: int = 1


@dataclass(frozen=True)
class Choice:
    """One value of a vocabulary. A deprecated value is still accepted (with a warning) but never offered."""

    value: str
    label: str
    description: str = ""
    deprecated: bool = False
    split_into: tuple[str, ...] = ()


@dataclass
class Schema:
    """A loaded, checked schema with the lookups that validation and rendering need (the validators are in checking)."""

    raw: dict[str, Any]
    path: Path | None = None
    _resolved: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)
    _required_names: dict[FieldPath, frozenset[str]] = field(default_factory=dict, repr=False, compare=False)
    _checklist: tuple[ChecklistPart, ...] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def load(cls, path: Path) -> Schema:
        if not path.is_file():
            raise SchemaError(f"het schema '{path}' bestaat niet; geef het pad op met --schema of in mkdocs.yml")
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise SchemaError(f"het schema {path} kan niet worden gelezen: {exc.strerror}") from exc
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise SchemaError(f"het schema {path} is geen geldige JSON: {exc}") from exc
        return cls.from_dict(raw, path)

    @classmethod
    def from_dict(cls, raw: dict[str, Any], path: Path | None = None) -> Schema:
        try:
            jsonschema.Draft202012Validator.check_schema(raw)
        except jsonschema.SchemaError as exc:
            raise SchemaError(f"het schema {path or ''} is geen geldig JSON Schema: {exc.message}") from exc
        schema = cls(raw, path)
        for part in schema.checklist:
            for dotted in part.fields:
                if schema.subschema(tuple(dotted.split("."))) is None:
                    raise SchemaError(f"x-checklist '{part.id}' noemt een veld dat niet bestaat: {dotted}")
        return schema

    # -- navigating the schema -------------------------------------------------------------

    def resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        """Merge a local ``$ref`` into its siblings (siblings win), as 2020-12 allows."""
        ref = node.get("$ref")
        if not isinstance(ref, str) or not ref.startswith("#/"):
            return node
        if ref not in self._resolved:
            target: Any = self.raw
            for part in ref[2:].split("/"):
                target = target[part]
            self._resolved[ref] = self.resolve(target)
        merged = dict(self._resolved[ref])
        merged.update({k: v for k, v in node.items() if k != "$ref"})
        return merged

    def subschema(self, field_path: FieldPath) -> dict[str, Any] | None:
        """The (resolved) schema of a field path, list indexes included, or None if there is no such field."""
        node = self.resolve(self.raw)
        for part in field_path:
            if isinstance(part, int):
                items = node.get("items")
                if not isinstance(items, dict):
                    return None
                node = self.resolve(items)
            else:
                properties = node.get("properties", {})
                if part not in properties:
                    return None
                node = self.resolve(properties[part])
        return node

    def title(self, field_path: FieldPath) -> str:
        node = self.subschema(field_path)
        if node and node.get("title"):
            return str(node["title"])
        return str(field_path[-1]) if field_path else ""

    def properties(self, field_path: FieldPath = ()) -> list[str]:
        """Allowed keys of the mapping at ``field_path``, in the schema's order."""
        node = self.subschema(field_path) or {}
        return list(node.get("properties", {}))

    def field_order(self) -> list[str]:
        order = self.raw.get("x-volgorde")
        return list(order) if isinstance(order, list) else self.properties()

    def required(self, field_path: FieldPath = ()) -> list[str]:
        node = self.subschema(field_path) or {}
        return list(node.get("required", []))

    def required_names(self, field_path: FieldPath = ()) -> frozenset[str]:
        """``required`` as a set, remembered per path: pruning asks it for every mapping of every file."""
        names = self._required_names.get(field_path)
        if names is None:
            names = self._required_names[field_path] = frozenset(self.required(field_path))
        return names

    def choices(self, field_path: FieldPath, *, deprecated: bool = False) -> list[Choice]:
        """The vocabulary of a field (for lists: of its items), or an empty list for free fields.

        Deprecated values are left out unless asked for: forms and hints offer only what to write now."""
        return choices_of(self.vocabulary_node(field_path), deprecated=deprecated)

    def vocabulary_node(self, field_path: FieldPath) -> dict[str, Any]:
        """The schema that holds a field's vocabulary: the field's own, or for a list that of its items."""
        node = self.subschema(field_path)
        if node and node.get("type") == "array" and isinstance(node.get("items"), dict):
            node = self.resolve(node["items"])
        return node or {}

    def label(self, field_path: FieldPath, value: str) -> str:
        for choice in self.choices(field_path, deprecated=True):
            if choice.value == value:
                return choice.label
        return value

    def all_field_paths(self) -> Iterator[tuple[FieldPath, dict[str, Any]]]:
        """Every named field, depth first, in schema order (list items are described by their list)."""

        def walk(node: dict[str, Any], prefix: FieldPath) -> Iterator[tuple[FieldPath, dict[str, Any]]]:
            for name, child in node.get("properties", {}).items():
                resolved = self.resolve(child)
                yield prefix + (name,), resolved
                yield from walk(resolved, prefix + (name,))
                items = resolved.get("items")
                if isinstance(items, dict):
                    yield from walk(self.resolve(items), prefix + (name,))

        yield from walk(self.resolve(self.raw), ())

    @property
    def checklist(self) -> list[ChecklistPart]:
        """The checklist parts, read from the schema once: completeness is measured for every file."""
        if self._checklist is None:
            self._checklist = tuple(
                ChecklistPart(
                    id=str(entry["id"]),
                    title=str(entry["titel"]),
                    question=str(entry.get("vraag", "")),
                    fields=tuple(entry["velden"]),
                    minimum=int(entry.get("minimum", 1)),
                )
                for entry in self.raw.get("x-checklist", [])
            )
        return list(self._checklist)


def choices_of(node: dict[str, Any], *, deprecated: bool = False) -> list[Choice]:
    """Vocabulary entries of a resolved schema node: ``oneOf`` of ``const`` with labels, or a plain ``enum``.

    An entry with ``"deprecated": true`` is kept for old files only; ``x-opgesplitst-in`` names what replaced it.
    """
    one_of = node.get("oneOf")
    if isinstance(one_of, list) and one_of and all(isinstance(o, dict) and "const" in o for o in one_of):
        choices = [Choice(str(o["const"]), str(o.get("title", o["const"])), str(o.get("description", "")),
                          bool(o.get("deprecated")), tuple(str(v) for v in o.get("x-opgesplitst-in", ())))
                   for o in one_of]
        return choices if deprecated else [choice for choice in choices if not choice.deprecated]
    enum = node.get("enum")
    if isinstance(enum, list):
        return [Choice(str(v), str(v)) for v in enum]
    return []
