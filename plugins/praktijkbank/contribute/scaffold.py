"""Write a new practice file from the schema: every field of the checklist, each with a short Dutch hint.

Generated from the schema, the template can never drift from what ``check`` accepts. Optional fields are
left empty (which counts as not filled in); the required title and date are filled in, the required summary
is left for the contributor, and the example story (``body.STORY_PLACEHOLDER``) is an error until it is replaced
or removed: the new file passes ``check`` once the summary and the story are the contributor's own.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from praktijkbank.checking.body import STORY_PLACEHOLDER
from praktijkbank.core.fieldpath import Path as FieldPath
from praktijkbank.core.schema import Schema
from praktijkbank.core.slugs import is_reserved, slugify


class ScaffoldError(Exception):
    """The file cannot be written; the message is Dutch and meant for the contributor."""


@dataclass(frozen=True)
class TemplateField:
    key: str
    depth: int
    title: str
    hint: str
    required: bool
    value: str  # what goes after the colon: '' for an empty field
    group: bool  # has sub-fields on the lines below


#: Text fields longer than this are written over several lines, with '|' (as in the submission form).
_LONG_TEXT = 1000


def field_kind(node: dict[str, Any], schema: Schema, path: FieldPath) -> str:
    """What a field holds, read from its (resolved) schema: the hint in the template is chosen by it.

    One of: group, choices (a list from a vocabulary), items (a list of groups), list, choice, number, date, url,
    email, pattern (another fixed form, explained by the schema's ``x-hint``), long-text, text.
    """
    node_type = node.get("type")
    choices = schema.choices(path)
    if node_type == "object":
        return "group"
    if node_type == "array":
        if choices:
            return "choices"
        return "items" if schema.resolve(node.get("items", {})).get("type") == "object" else "list"
    if choices:
        return "choice"
    if node_type in ("integer", "number"):
        return "number"
    if node.get("format") == "date":
        return "date"
    pattern = str(node.get("pattern", ""))
    if "https?" in pattern or node.get("format") in ("uri", "iri"):
        return "url"
    if "@" in pattern or node.get("format") == "email":
        return "email"
    if pattern and pattern != "\\S" and node.get("x-hint"):
        return "pattern"
    return "long-text" if int(node.get("maxLength", 0)) > _LONG_TEXT else "text"


_ITEM_PLACEHOLDERS = {"url": "https://...", "email": "info@..."}
_ITEM_KINDS = {"url": "een webadres dat begint met https://", "email": "een e-mailadres, zoals info@organisatie.nl"}


def _items_hint(node: dict[str, Any], schema: Schema, path: FieldPath) -> str:
    """How an item of a list of groups is written, with what its web-address or e-mail fields hold."""
    items = schema.resolve(node.get("items", {}))
    kinds = {name: field_kind(schema.subschema((*path, 0, name)) or {}, schema, (*path, 0, name))
             for name in items.get("properties", {})}
    shown = [f"{name}: {_ITEM_PLACEHOLDERS.get(kind, '...')}" for name, kind in kinds.items()]
    if len(shown) < 2:
        return ""
    hint = f"Per item: '  - {shown[0]}' met daaronder '    {shown[1]}'."
    return " ".join([hint, *(f"'{name}' is {_ITEM_KINDS[kind]}." for name, kind in kinds.items() if kind in _ITEM_KINDS)])


def _hint(node: dict[str, Any], schema: Schema, path: FieldPath) -> str:
    description = str(node.get("description", ""))
    kind = field_kind(node, schema, path)
    values = ", ".join(c.value for c in schema.choices(path))
    if kind == "items":
        extra = _items_hint(node, schema, path)
    elif kind == "list":
        extra = "" if "per regel" in description else "Zet elk item op een eigen regel, ingesprongen en beginnend met '- '."
    else:
        extra = {
            "choices": f"Mogelijke waarden (elk op een eigen regel met '- '): {values}.",
            "choice": f"Kies één van: {values}.",
            "number": "Een getal, zonder aanhalingstekens.",
            "date": 'Een datum als jaar-maand-dag, tussen aanhalingstekens, zoals "2026-03-15".',
            "url": "Een webadres dat begint met https://.",
            "email": "Een e-mailadres, zoals info@organisatie.nl.",
            "pattern": str(node.get("x-hint", "")),
            "long-text": "Meer regels? Zet '|' achter de dubbele punt en de tekst ingesprongen eronder.",
        }.get(kind, "")
    return " ".join(part for part in (description, extra) if part)


def template_fields(schema: Schema, title: str, today: datetime.date) -> list[TemplateField]:
    filled: dict[FieldPath, str] = {("titel",): json.dumps(title, ensure_ascii=False), ("bijgewerkt",): f'"{today.isoformat()}"',
              ("samenvatting",): '""'}
    fields: list[TemplateField] = []

    def walk(keys: list[str], prefix: FieldPath) -> None:
        required = set(schema.required(prefix))
        for key in keys:
            path = (*prefix, key)
            node = schema.subschema(path) or {}
            group = node.get("type") == "object" and bool(node.get("properties"))
            fields.append(TemplateField(key, len(prefix), str(node.get("title", key)), _hint(node, schema, path),
                                        key in required and not prefix, filled.get(path, ""), group))
            if group:
                walk(list(node["properties"]), path)

    walk(schema.field_order(), ())
    return fields


def render_new_practice(env: jinja2.Environment, schema: Schema, title: str, today: datetime.date) -> str:
    template = env.get_template("praktijkbank/nieuw.md.j2")
    return template.render(fields=template_fields(schema, title, today), title=title, story_placeholder=STORY_PLACEHOLDER)


def write_new_practice(folder: Path, title: str, schema: Schema, env: jinja2.Environment,
                       today: datetime.date | None = None) -> Path:
    """Create ``<folder>/<slug>.md``; never overwrites an existing file."""
    if not title.strip():
        raise ScaffoldError("geef een titel op, bijvoorbeeld: praktijkbank nieuw \"Buurtteam Zwolle\"")
    slug = slugify(title)
    if not slug or is_reserved(slug):
        raise ScaffoldError(f"van de titel '{title}' kan geen bestandsnaam worden gemaakt; gebruik letters of cijfers")
    existing = [p for p in folder.glob("*.md") if slugify(p.stem) == slug] if folder.is_dir() else []
    if existing:
        raise ScaffoldError(f"er bestaat al een praktijkvoorbeeld met deze naam: {(folder / existing[0].name).as_posix()}; "
                            "kies een andere titel of vul dat bestand aan")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{slug}.md"
    content = render_new_practice(env, schema, title.strip(), today or datetime.date.today())
    with path.open("x", encoding="utf-8") as handle:  # 'x': fail rather than overwrite, even in a race
        handle.write(content)
    return path
