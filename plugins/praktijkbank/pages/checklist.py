"""The schema as the checklist page shows it: every field with its title, explanation, kind, choices and example.

The checklist page (``checklist.md.j2``) is the contributors' reference for writing a practice file; it is made from
the same schema that ``praktijkbank check`` enforces, so it can never describe a field the checker does not know.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from praktijkbank.core.schema import Choice, Schema


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


def field_reference(schema: Schema) -> list[FieldDoc]:
    """Every field of the schema in the checklist's order (the schema's field order), each under its parent."""
    docs = []
    required_by_parent: dict[tuple[str | int, ...], set[str]] = {}
    for path, node in schema.all_field_paths():
        parent = path[:-1]
        if parent not in required_by_parent:
            required_by_parent[parent] = set(schema.required(parent))
            parent_node = schema.subschema(parent) or {}
            if parent_node.get("type") == "array":
                required_by_parent[parent] = set(schema.resolve(parent_node.get("items", {})).get("required", []))
        examples = node.get("examples")
        docs.append(FieldDoc(
            key=str(path[-1]),
            path=".".join(str(p) for p in path),
            top=str(path[0]),
            depth=len(path),
            title=str(node.get("title", path[-1])),
            description=str(node.get("description", "")),
            required=str(path[-1]) in required_by_parent[parent],
            kind="lijst met keuzes" if node.get("type") == "array" and schema.choices(path) else _kind(node),
            choices=tuple(schema.choices(path)),
            example=examples[0] if isinstance(examples, list) and examples else None,
        ))
    order = {key: index for index, key in enumerate(schema.field_order())}
    docs.sort(key=lambda d: order.get(d.path.split(".")[0], len(order)))
    return docs


def _kind(node: dict[str, Any]) -> str:
    """The kind of a field in Dutch words, as the checklist names it."""
    if node.get("oneOf") or node.get("enum"):
        return "keuze uit een lijst"
    kind = node.get("type")
    return {"string": "tekst", "object": "groep velden", "array": "lijst"}.get(str(kind), str(kind or ""))
