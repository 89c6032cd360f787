"""What templates see: practices with labels resolved, dates in Dutch, and the schema as a field reference.

Templates stay declarative because the lookups live here: the label of a vocabulary value, the title of
a field, whether a part of the checklist is filled in. Nothing here escapes; the templates do.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .completeness import is_filled, lookup
from .model import Completeness, Practice
from .schema import Choice, Schema

MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december"]

#: The front-matter fields shown as facets on a practice page and its card, in this order.
FACET_KEYS = ("plaats", "regio", "netwerktype", "themas", "doelgroepen", "status", "periode", "organisaties")


def dutch_date(iso: str) -> str:
    """``2026-03-05`` -> ``5 maart 2026``; ``2019-09`` -> ``september 2019``; ``2019`` -> ``2019``."""
    parts = iso.split("-")
    try:
        if len(parts) == 3:
            return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        pass
    return iso


@dataclass(frozen=True)
class Facet:
    key: str
    title: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class PracticeView:
    """A practice as its page shows it."""

    practice: Practice
    schema: Schema
    facets: tuple[Facet, ...]

    @property
    def slug(self) -> str:
        return self.practice.slug

    @property
    def title(self) -> str:
        return self.practice.title

    @property
    def summary(self) -> str:
        return self.practice.summary

    @property
    def body(self) -> str:
        return self.practice.body

    @property
    def completeness(self) -> Completeness:
        return self.practice.completeness

    @property
    def updated(self) -> str:
        return dutch_date(self.practice.updated)

    def value(self, dotted: str) -> Any:
        value = lookup(self.practice.data, dotted)
        return value if is_filled(value) else None

    def has(self, *dotted: str) -> bool:
        return any(self.value(d) is not None for d in dotted)

    def items(self, dotted: str) -> list[Any]:
        value = self.value(dotted)
        return [item for item in value if is_filled(item)] if isinstance(value, list) else []

    def title_of(self, dotted: str) -> str:
        return self.schema.title(tuple(dotted.split(".")))

    def filled(self, dotted: str) -> list[tuple[str, str, Any]]:
        """``(key, title, value)`` of every filled sub-field of a mapping, in schema order."""
        path = tuple(dotted.split("."))
        return [(key, self.schema.title((*path, key)), self.value(f"{dotted}.{key}"))
                for key in self.schema.properties(path) if self.value(f"{dotted}.{key}") is not None]

    def facet(self, key: str) -> Facet | None:
        return next((f for f in self.facets if f.key == key), None)


@dataclass(frozen=True)
class FieldDoc:
    """One field of the schema, described for the checklist page."""

    key: str
    path: str
    top: str
    depth: int
    title: str
    description: str
    required: bool
    kind: str
    choices: tuple[Choice, ...]
    example: Any


class SiteView:
    """Views over all valid practices of a site."""

    def __init__(self, schema: Schema, practices: list[Practice]) -> None:
        self.schema = schema
        self.practices = sorted(practices, key=lambda p: (p.title.casefold(), p.slug))

    def facets(self, practice: Practice) -> tuple[Facet, ...]:
        facets = []
        for key in FACET_KEYS:
            value = practice.data.get(key)
            if not is_filled(value):
                continue
            if key == "periode":
                values: tuple[str, ...] = (period_label(value),)
            elif isinstance(value, list):
                values = tuple(self.schema.label((key,), str(v)) for v in value)
            else:
                values = (self.schema.label((key,), str(value)),)
            facets.append(Facet(key, self.schema.title((key,)), values))
        return tuple(facets)

    def view(self, practice: Practice) -> PracticeView:
        return PracticeView(practice, self.schema, self.facets(practice))

    def cards(self) -> list[PracticeView]:
        return [self.view(p) for p in self.practices]

    def field_reference(self) -> list[FieldDoc]:
        docs = []
        required_by_parent: dict[tuple[str | int, ...], set[str]] = {}
        for path, node in self.schema.all_field_paths():
            parent = path[:-1]
            if parent not in required_by_parent:
                required_by_parent[parent] = set(self.schema.required(parent))
                parent_node = self.schema.subschema(parent) or {}
                if parent_node.get("type") == "array":
                    required_by_parent[parent] = set(self.schema.resolve(parent_node.get("items", {})).get("required", []))
            examples = node.get("examples")
            docs.append(FieldDoc(
                key=str(path[-1]),
                path=".".join(str(p) for p in path),
                top=str(path[0]),
                depth=len(path),
                title=str(node.get("title", path[-1])),
                description=str(node.get("description", "")),
                required=str(path[-1]) in required_by_parent[parent],
                kind="lijst met keuzes" if node.get("type") == "array" and self.schema.choices(path) else _kind(node),
                choices=tuple(self.schema.choices(path)),
                example=examples[0] if isinstance(examples, list) and examples else None,
            ))
        order = {key: index for index, key in enumerate(self.schema.field_order())}
        docs.sort(key=lambda d: order.get(d.path.split(".")[0], len(order)))
        return docs


def period_label(period: dict[str, str]) -> str:
    start, end = period.get("van"), period.get("tot")
    if start and end:
        return f"{dutch_date(start)} – {dutch_date(end)}"
    if start:
        return f"sinds {dutch_date(start)}"
    return f"tot {dutch_date(end)}" if end else ""


def _kind(node: dict[str, Any]) -> str:
    if node.get("oneOf") or node.get("enum"):
        return "keuze uit een lijst"
    kind = node.get("type")
    return {"string": "tekst", "object": "groep velden", "array": "lijst"}.get(str(kind), str(kind or ""))
