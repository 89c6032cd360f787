"""The whole collection as open data: JSON with every field, CSV for spreadsheets, and a DCAT-AP-NL description.

- ``praktijkvoorbeelden.json``: per practice the front-matter exactly as validated (``gegevens``, valid against the
  schema named at the top), the Dutch labels of its vocabulary values (``labels``) and the plain text of its text
  fields (``tekst``), both in the shape of ``gegevens``; the story as Markdown and as plain text; its page's address.
- ``praktijkvoorbeelden.csv``: one row per practice, a column per field in the schema's order (nested fields as
  dotted names), lists joined with ``"; "``, labels and plain text instead of codes and markup. UTF-8 with a byte
  order mark, so Excel reads the accents; spreadsheet-safe: a cell that would start a formula gets an apostrophe in
  front (OWASP's advice against CSV injection), and no cell is longer than Excel keeps.
- ``dataset.jsonld``: the dataset and its two distributions in DCAT (DCAT-AP-NL), for data catalogues.
"""

from __future__ import annotations

import csv
import datetime
import html
import io
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from praktijkbank.core import textmarkup
from praktijkbank.core.fieldpath import Path as FieldPath
from praktijkbank.core.model import Practice
from praktijkbank.core.schema import Schema, choices_of
from praktijkbank.publishing.publication import CSV_PATH, DATASET_PATH, JSON_PATH, OutputFile, Publication, newest_update
from praktijkbank.runtime import forked

#: From this many practices on, the JSON lines and CSV rows are made in several processes (as pages are).
PARALLEL_MIN = 200
#: How lists are joined in one CSV cell.
LIST_SEPARATOR = "; "
#: Excel keeps at most this many characters in a cell (counted in UTF-16 units, as Excel counts them).
EXCEL_CELL_LIMIT = 32_767
ELLIPSIS = "…"
#: Characters that make a spreadsheet read a cell as a formula (OWASP: =, +, -, @, tab, carriage return), and the
#: full-width forms that some spreadsheets treat the same.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
#: Patterns of strings that are not free text (addresses, numbers, dates), which have no plain text of their own.
_TEXT_PATTERNS = (None, "\\S")

DCAT_CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
EU = "http://publications.europa.eu/resource/authority/"
MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"


# -- what every output shares: the practices in a fixed order, their fields walked with the schema ----------------


def ordered(practices: Sequence[Practice]) -> list[Practice]:
    """By slug: the order of the files does not depend on the order in which they were read."""
    return sorted(practices, key=lambda practice: practice.slug)


class Fields:
    """What each field of the schema is (a vocabulary with labels, a free text, or neither), looked up once per path,
    and the plain text of texts and stories, made once per run: a collection repeats the same paths thousands of times."""

    def __init__(self, schema: Schema) -> None:
        self.schema = schema
        self._kinds: dict[FieldPath, tuple[dict[str, str], bool]] = {}
        self._plain: dict[str, str] = {}
        self._stories: dict[str, str] = {}

    def kind(self, path: FieldPath) -> tuple[dict[str, str], bool]:
        """``(labels by value, is free text)`` of the field at ``path``, whose list indexes are all 0."""
        found = self._kinds.get(path)
        if found is None:
            node = self.schema.subschema(path) or {}
            labels = {choice.value: choice.label for choice in choices_of(node, deprecated=True)}
            is_text = node.get("type") == "string" and not labels and "format" not in node \
                and node.get("pattern") in _TEXT_PATTERNS
            found = self._kinds[path] = (labels, is_text)
        return found

    def text(self, path: FieldPath, value: str) -> str:
        """What a cell shows for a string: its label, its plain text, or the value itself with its spaces tidied."""
        labels, is_text = self.kind(path)
        label = labels.get(value)
        if label is not None:
            return label
        return self.plain(value) if is_text else " ".join(value.split())

    def plain(self, value: str) -> str:
        text = self._plain.get(value)
        if text is None:
            text = self._plain[value] = textmarkup.to_plain(value)
        return text

    def story(self, markdown_source: str) -> str:
        text = self._stories.get(markdown_source)
        if text is None:
            text = self._stories[markdown_source] = story_text(markdown_source)
        return text

    def annotate(self, value: Any, path: FieldPath = ()) -> tuple[Any, Any]:
        """``(labels, texts)`` of ``value``, each in its shape and holding only what it has (None when nothing): the
        labels of vocabulary values, and the plain text of free texts. One walk for both."""
        if isinstance(value, str):
            labels, is_text = self.kind(path)
            return labels.get(value), self.plain(value) if is_text else None
        if isinstance(value, dict):
            labels_of: dict[str, Any] = {}
            texts_of: dict[str, Any] = {}
            for key, child in value.items():
                label, text = self.annotate(child, (*path, key))
                if label is not None:
                    labels_of[key] = label
                if text is not None:
                    texts_of[key] = text
            return labels_of or None, texts_of or None
        if isinstance(value, list):
            item = (*path, 0)
            pairs = [self.annotate(child, item) for child in value]
            label_items = [label for label, _ in pairs]
            text_items = [text for _, text in pairs]
            return (label_items if any(x is not None for x in label_items) else None,
                    text_items if any(x is not None for x in text_items) else None)
        return None, None


_LAST: list[Fields] = []


def fields_of(schema: Schema) -> Fields:
    """One ``Fields`` for the schema in use (the last one asked for): pages ask it per practice."""
    if not _LAST or _LAST[0].schema is not schema:
        _LAST[:] = [Fields(schema)]
    return _LAST[0]


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^ {0,3}#{1,6}(?=\s|$)|\s+#+\s*$")
_RULE = re.compile(r"^ {0,3}([-*_=])( *\1){2,} *$")
_QUOTE = re.compile(r"^ {0,3}(> ?)+")
_ITEM = re.compile(r"^\s*([-*+]|\d{1,9}[.)])\s+")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)+\|?\s*$")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_LINK = re.compile(r"!?\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])")
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^>\s]+)>")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_EM = re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])|(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~])")
#: The first characters of a line that may start block syntax (a heading, quote, list item, rule, table or reference).
_BLOCK_STARTS = frozenset("#>-*+_=|:[0123456789")
_INLINE_MARKS = re.compile(r"[`*_\[<\\&]")


def story_text(markdown_source: str) -> str:
    """The story (Markdown) as plain text on one line: what a reader sees, without the markup.

    A reading of the syntax the story may use (headings, lists, quotes, emphasis, links, code, tables), not a full
    Markdown parser: about a hundred times faster than converting the story to HTML, which counts at 5,000 practices.
    Code keeps its text exactly as typed.
    """
    lines: list[str] = []
    fence: str | None = None
    for line in markdown_source.replace("\r\n", "\n").split("\n"):
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            else:
                lines.append(line)
            continue
        if opening:
            fence = opening.group(1)
            continue
        first = line.lstrip()[:1]
        if first in _BLOCK_STARTS and first:  # most lines are plain paragraphs: no block syntax to look for
            if _RULE.match(line) or _TABLE_RULE.match(line) or _REFERENCE.match(line):
                continue
            line = _ITEM.sub("", _QUOTE.sub("", _HEADING.sub("", line)))
            if line.lstrip().startswith("|"):
                line = line.replace("|", " ")
        lines.append(_inline_text(line))
    return " ".join(" ".join(lines).split())


def _inline_text(line: str) -> str:
    if not _INLINE_MARKS.search(line):
        return line
    parts, position = [], 0
    for match in _CODE_SPAN.finditer(line):
        parts.append(_unmark(line[position:match.start()]))
        parts.append(match.group(2).strip())
        position = match.end()
    parts.append(_unmark(line[position:]))
    return "".join(parts)


def _unmark(text: str) -> str:
    text = _AUTOLINK.sub(r"\1", _LINK.sub(r"\1", text))
    text = _MD_EM.sub(lambda m: m.group(1) or m.group(2), _MD_STRONG.sub(r"\2", text))
    return html.unescape(_MD_ESCAPE.sub(r"\1", text))


def _jsonable(value: Any) -> Any:
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


# -- JSON -------------------------------------------------------------------------------------------------------


def practice_record(practice: Practice, fields: Fields, publication: Publication) -> dict[str, Any]:
    completeness = practice.completeness
    found_labels, texts = fields.annotate(practice.data)
    return {
        "id": practice.slug,
        "url": publication.href(publication.practice_path(practice.slug), JSON_PATH),
        "bestand": practice.source_path,
        "gegevens": practice.data,
        "labels": found_labels or {},
        "tekst": texts or {},
        "verhaal": {"markdown": practice.body, "tekst": fields.story(practice.body)},
        "volledigheid": {"beschreven": completeness.described, "totaal": completeness.total,
                         "ontbrekend": completeness.missing},
    }


def dataset_title(publication: Publication) -> str:
    return f"Praktijkvoorbeelden van {publication.site_name}" if publication.site_name else "Praktijkvoorbeelden"


def dataset_description(publication: Publication) -> str:
    text = ("Alle gepubliceerde praktijkvoorbeelden, beschreven volgens de Checklist goede praktijken: elk veld, met "
            "de Nederlandse namen van de gekozen waarden en de tekst zonder opmaak.")
    return f"{' '.join(publication.site_description.split())} {text}".strip()


def collection_json(practices: Sequence[Practice], schema: Schema, publication: Publication,
                    fields: Fields | None = None) -> bytes:
    """The JSON document, one practice per line: compact (and written by the C encoder), yet readable line by line."""
    fields = fields or Fields(schema)
    lines = [_dumps(practice_record(practice, fields, publication)) for practice in ordered(practices)]
    return _json_document(practices, schema, publication, lines)


def _json_document(practices: Sequence[Practice], schema: Schema, publication: Publication, lines: Sequence[str]) -> bytes:
    document: dict[str, Any] = {
        "titel": dataset_title(publication),
        "beschrijving": dataset_description(publication),
        "uitgever": publication.publisher_name,
        "bijgewerkt": newest_update(practices),
        "aantal": len(practices),
        "schema": schema.raw.get("$id"),
    }
    if publication.license:
        document["licentie"] = publication.license
    if publication.documentation_page:
        document["documentatie"] = publication.href(publication.page_path(publication.documentation_page), JSON_PATH)
    if publication.checklist_page:
        document["velden"] = publication.href(publication.page_path(publication.checklist_page), JSON_PATH)
    head = _dumps(document)[:-1] + ',"praktijkvoorbeelden":['
    records = ",\n".join(lines)
    return (head + ("\n" + records + "\n" if records else "") + "]}\n").encode("utf-8")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_jsonable)


# -- CSV --------------------------------------------------------------------------------------------------------


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
    return _csv_document(cols, [csv_row(practice, fields, publication, cols) for practice in ordered(practices)])


def _csv_document(cols: Sequence[Column], rows: Sequence[Sequence[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180
    writer.writerow(csv_header(cols))
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


# -- DCAT-AP-NL -------------------------------------------------------------------------------------------------


def _nl(text: str) -> dict[str, str]:
    return {"@value": text, "@language": "nl"}


def _ref(address: str) -> dict[str, str]:
    return {"@id": address}


def keywords(practices: Sequence[Practice], schema: Schema) -> list[str]:
    """The labels of the themes, network types and target groups that the practices use, in the schema's order."""
    found: list[str] = []
    for field in ("themas", "netwerktype", "doelgroepen"):
        used = {value for practice in practices for value in _as_list(practice.data.get(field))}
        found += [choice.label for choice in schema.choices((field,), deprecated=True) if choice.value in used]
    return list(dict.fromkeys(found))


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def dataset_jsonld(practices: Sequence[Practice], schema: Schema, publication: Publication,
                   sizes: dict[str, int] | None = None) -> bytes:
    """The DCAT description of the dataset; ``sizes`` gives the byte size of each distribution by its path."""
    sizes = sizes or {}
    modified = newest_update(practices)

    def at(path: str) -> str:
        return publication.href(path, DATASET_PATH)

    license_ref = _ref(publication.license) if publication.license else None

    def distribution(path: str, title: str, description: str, media_type: str, file_type: str) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "@id": at(path) + "#distributie",
            "@type": "dcat:Distribution",
            "dct:title": _nl(title),
            "dct:description": _nl(description),
            "dcat:accessURL": _ref(at(path)),
            "dcat:downloadURL": _ref(at(path)),
            "dcat:mediaType": _ref(MEDIA_TYPES + media_type),
            "dct:format": _ref(EU + "file-type/" + file_type),
            "dct:language": _ref(EU + "language/NLD"),
        }
        if path in sizes:
            entry["dcat:byteSize"] = {"@value": str(sizes[path]), "@type": "xsd:nonNegativeInteger"}
        if modified:
            entry["dct:modified"] = {"@value": modified, "@type": "xsd:date"}
        if license_ref:
            entry["dct:license"] = license_ref
        return entry

    dataset_id = at(DATASET_PATH) + "#dataset"
    publisher = {"@type": "foaf:Agent", "foaf:name": publication.publisher_name}
    if publication.base:
        publisher["foaf:homepage"] = _ref(publication.base)
    dataset: dict[str, Any] = {
        "@context": DCAT_CONTEXT,
        "@id": dataset_id,
        "@type": "dcat:Dataset",
        "dct:identifier": dataset_id,
        "dct:title": _nl(dataset_title(publication)),
        "dct:description": _nl(dataset_description(publication)),
        "dct:language": _ref(EU + "language/NLD"),
        "dct:publisher": publisher,
        "dct:accessRights": _ref(EU + "access-right/PUBLIC"),
        "dct:spatial": _ref(EU + "country/NLD"),
        "dcat:theme": _ref(EU + "data-theme/SOCI"),
        "dcat:keyword": [_nl(keyword) for keyword in keywords(practices, schema)],
        "dcat:landingPage": _ref(at(publication.overview_path)),
    }
    contact: dict[str, Any] = {"@type": "vcard:Organization", "vcard:fn": publication.publisher_name}
    if publication.contribute_page:
        contact["vcard:hasURL"] = _ref(at(publication.page_path(publication.contribute_page)))
    dataset["dcat:contactPoint"] = contact
    if modified:
        dataset["dct:modified"] = {"@value": modified, "@type": "xsd:date"}
    if license_ref:
        dataset["dct:license"] = license_ref
    if schema.raw.get("$id"):
        dataset["dct:conformsTo"] = _ref(str(schema.raw["$id"]))
    if publication.documentation_page:
        dataset["foaf:page"] = _ref(at(publication.page_path(publication.documentation_page)))
    dataset["dcat:distribution"] = [
        distribution(JSON_PATH, "Praktijkvoorbeelden als JSON",
                     "Elk veld van elk praktijkvoorbeeld, met labels en tekst zonder opmaak.", "application/json", "JSON"),
        distribution(CSV_PATH, "Praktijkvoorbeelden als CSV",
                     "Eén rij per praktijkvoorbeeld, voor een spreadsheet (UTF-8, komma's).", "text/csv", "CSV"),
    ]
    return (json.dumps(dataset, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def open_data_files(practices: Sequence[Practice], schema: Schema, publication: Publication,
                    workers: int = 1) -> list[OutputFile]:
    """The three files; from ``PARALLEL_MIN`` practices on, each practice's JSON line and CSV row in ``workers``
    forked processes (the same bytes as in one)."""
    fields = Fields(schema)  # shared: the JSON and the CSV read the same texts
    cols = columns(schema)
    items = ordered(practices)

    def parts(practice: Practice) -> tuple[str, list[str]]:
        return _dumps(practice_record(practice, fields, publication)), csv_row(practice, fields, publication, cols)

    made = forked.map_forked(parts, items, workers) if workers > 1 and len(items) >= PARALLEL_MIN else None
    if made is None:
        made = [parts(practice) for practice in items]
    data = _json_document(practices, schema, publication, [line for line, _ in made])
    table = _csv_document(cols, [row for _, row in made])
    description = dataset_jsonld(practices, schema, publication, {JSON_PATH: len(data), CSV_PATH: len(table)})
    return [OutputFile(JSON_PATH, data, "application/json"), OutputFile(CSV_PATH, table, "text/csv"),
            OutputFile(DATASET_PATH, description, "application/ld+json")]
