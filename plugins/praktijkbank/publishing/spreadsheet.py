"""``praktijkvoorbeelden.csv``: one row per practice, a column per field in the schema's order (nested fields as
dotted names), lists joined with ``"; "``, labels and plain text instead of codes and markup. UTF-8 with a byte
order mark, so Excel reads the accents; spreadsheet-safe: a cell that would start a formula gets an apostrophe in
front (OWASP's advice against CSV injection), and no cell is longer than Excel keeps."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from praktijkbank.core.fieldpath import Path as FieldPath
from praktijkbank.core.model import Practice
from praktijkbank.core.schema import Schema
from praktijkbank.publishing.fields import Fields, ordered
from praktijkbank.publishing.publication import CSV_PATH, Publication

#: How lists are joined in one CSV cell.
LIST_SEPARATOR = "; "


#: Excel keeps at most this many characters in a cell (counted in UTF-16 units, as Excel counts them).
EXCEL_CELL_LIMIT = 32_767


ELLIPSIS = "…"


#: Characters that make a spreadsheet read a cell as a formula (OWASP: =, +, -, @, tab, carriage return), and the
#: full-width forms that some spreadsheets treat the same.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


@dataclass(frozen=True)
class Column:
    """A CSV column: its dotted name, the keys to its values in the data, and its schema path (0 for list items)."""

    name: str
    keys: tuple[str, ...]
    schema_path: FieldPath


def columns(schema: Schema) -> list[Column]:
    """The fields as columns: top-level fields in the schema's order (``x-volgorde``), nested ones as their parts in
    the order of their ``properties``; a list of objects gives one column per property of its items."""

    def walk(keys: tuple[str, ...], path: FieldPath) -> Iterator[Column]:
        node = schema.subschema(path) or {}
        if node.get("type") == "array" and isinstance(node.get("items"), dict):
            path = (*path, 0)
            node = schema.resolve(node["items"])
        properties = list(node.get("properties", {})) if node.get("type") == "object" else []
        if not properties:
            yield Column(".".join(keys), keys, path)
            return
        for name in properties:
            yield from walk((*keys, name), (*path, name))

    return [column for name in schema.field_order() for column in walk((name,), (name,))]


def _values_at(value: Any, keys: tuple[str, ...]) -> list[Any]:
    """The values at a dotted path, through lists (``partners.rol`` -> the role of every partner, None if absent)."""
    if not keys:
        return value if isinstance(value, list) else [value]
    if isinstance(value, list):
        return [found for item in value for found in (_values_at(item, keys) or [None])]
    if isinstance(value, dict):
        return _values_at(value.get(keys[0]), keys[1:]) if keys[0] in value else [None]
    return [None]


def _cell_text(value: Any, path: FieldPath, fields: Fields) -> str:
    if isinstance(value, str):
        return fields.text(path, value) if value.strip() else ""
    if value is None or isinstance(value, (dict, list)):
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return str(value)


def cell(practice: Practice, fields: Fields, column: Column) -> str:
    first = practice.data.get(column.keys[0])
    if first is None:
        return ""  # most cells: a field the practice leaves out
    if len(column.keys) == 1 and not isinstance(first, list):
        return _cell_text(first, column.schema_path, fields)
    texts = [_cell_text(value, column.schema_path, fields) for value in _values_at(first, column.keys[1:])]
    return LIST_SEPARATOR.join(texts) if any(texts) else ""


def spreadsheet_safe(text: str) -> str:
    """A cell that a spreadsheet shows as the text it is: never a formula, never longer than Excel keeps."""
    if text.startswith(FORMULA_START):
        text = "'" + text
    return fit_excel(text)


def fit_excel(text: str, limit: int = EXCEL_CELL_LIMIT) -> str:
    """Cut ``text`` (with an ellipsis) to ``limit`` UTF-16 units, Excel's limit for a cell."""
    if len(text) <= limit // 2 or _utf16_length(text) <= limit:
        return text
    room = limit - _utf16_length(ELLIPSIS)
    used = end = 0
    while end < len(text) and used + _utf16_length(text[end]) <= room:
        used += _utf16_length(text[end])
        end += 1
    return text[:end].rstrip() + ELLIPSIS


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def csv_header(cols: Sequence[Column]) -> list[str]:
    return ["id", "url", *(column.name for column in cols), "volledigheid", "verhaal"]


def csv_row(practice: Practice, fields: Fields, publication: Publication, cols: Sequence[Column]) -> list[str]:
    values = [practice.slug, publication.href(publication.practice_path(practice.slug), CSV_PATH)]
    values += [cell(practice, fields, column) for column in cols]
    values += [practice.completeness.summary(), fields.story(practice.body)]
    return [spreadsheet_safe(value) for value in values]


def collection_csv(practices: Sequence[Practice], schema: Schema, publication: Publication,
                   fields: Fields | None = None) -> bytes:
    fields = fields or Fields(schema)
    cols = columns(schema)
    return csv_document(cols, [csv_row(practice, fields, publication, cols) for practice in ordered(practices)])


def csv_document(cols: Sequence[Column], rows: Sequence[Sequence[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180
    writer.writerow(csv_header(cols))
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")
