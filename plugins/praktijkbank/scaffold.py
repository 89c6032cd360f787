"""Write a new practice file from the schema: every field of the checklist, each with a short Dutch hint.

Generated from the schema, the template can never drift from what ``check`` accepts. Optional fields are
left empty (which counts as not filled in); the required title and date are filled in, the required summary
is left for the contributor, so the new file passes ``check`` as soon as the required fields are written.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from .schema import Schema
from .slugs import is_reserved, slugify


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


def _hint(node: dict[str, Any], schema: Schema, path: tuple[str, ...]) -> str:
    parts = [str(node.get("description", ""))]
    choices = schema.choices(path)
    if node.get("type") == "array" and not choices:
        items = schema.resolve(node.get("items", {}))
        if items.get("type") == "object":
            names = list(items.get("properties", {}))
            parts.append(f"Per item: '  - {names[0]}: ...' met daaronder '    {names[1]}: ...'." if len(names) > 1 else "")
        elif "per regel" not in parts[0]:
            parts.append("Zet elk item op een eigen regel, ingesprongen en beginnend met '- '.")
    elif choices:
        where = " (elk op een eigen regel met '- ')" if node.get("type") == "array" else ""
        parts.append(f"Mogelijke waarden{where}: {', '.join(c.value for c in choices)}.")
    elif node.get("type") == "string" and "oneOf" not in node and node.get("maxLength", 0) > 1000:
        parts.append("Meer regels? Zet '|' achter de dubbele punt en de tekst ingesprongen eronder.")
    return " ".join(p for p in parts if p)


def template_fields(schema: Schema, title: str, today: datetime.date) -> list[TemplateField]:
    filled = {("titel",): json.dumps(title, ensure_ascii=False), ("bijgewerkt",): f'"{today.isoformat()}"',
              ("samenvatting",): '""'}
    fields: list[TemplateField] = []

    def walk(keys: list[str], prefix: tuple[str, ...]) -> None:
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
    return template.render(fields=template_fields(schema, title, today), title=title)


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
