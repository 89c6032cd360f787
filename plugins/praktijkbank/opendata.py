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
import io
import json
from collections.abc import Callable, Iterator, Sequence
from html.parser import HTMLParser
from typing import Any

from . import textmarkup
from .completeness import is_filled
from .model import Practice
from .publication import CSV_PATH, DATASET_PATH, JSON_PATH, OutputFile, Publication, newest_update
from .schema import Schema, choices_of
from .yamlnodes import Path as FieldPath

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


def _is_text(node: dict[str, Any]) -> bool:
    return node.get("type") == "string" and not choices_of(node) and "format" not in node \
        and node.get("pattern") in _TEXT_PATTERNS


def _mirror(value: Any, path: FieldPath, schema: Schema, leaf: Callable[[str, dict[str, Any]], Any]) -> Any:
    """``value`` in its own shape, holding ``leaf(text, node)`` for the strings where that is not None; None when
    nothing is left (so ``labels`` holds only vocabulary fields, ``tekst`` only text fields)."""
    if isinstance(value, dict):
        mirrored = {key: _mirror(child, (*path, key), schema, leaf) for key, child in value.items()}
        mirrored = {key: child for key, child in mirrored.items() if child is not None}
        return mirrored or None
    if isinstance(value, list):
        items = [_mirror(child, (*path, index), schema, leaf) for index, child in enumerate(value)]
        return items if any(item is not None for item in items) else None
    if isinstance(value, str):
        node = schema.subschema(path)
        return leaf(value, node) if node is not None else None
    return None


def _label(value: str, node: dict[str, Any]) -> str | None:
    for choice in choices_of(node, deprecated=True):
        if choice.value == value:
            return choice.label
    return None


def _plain(value: str, node: dict[str, Any]) -> str | None:
    return textmarkup.to_plain(value) if _is_text(node) else None


def labels(practice: Practice, schema: Schema) -> dict[str, Any]:
    return _mirror(practice.data, (), schema, _label) or {}


def plain_texts(practice: Practice, schema: Schema) -> dict[str, Any]:
    return _mirror(practice.data, (), schema, _plain) or {}


class _Text(HTMLParser):
    """The text of an HTML fragment, block elements separated by a space."""

    BLOCKS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "pre", "blockquote", "tr", "td", "th", "div"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


_MARKDOWN: Any = None


def story_text(markdown_source: str) -> str:
    """The story (Markdown) as plain text on one line: what a reader sees, without the markup."""
    global _MARKDOWN
    if not markdown_source.strip():
        return ""
    if _MARKDOWN is None:
        import markdown  # Python-Markdown, which MkDocs installs; imported only when there is a story

        _MARKDOWN = markdown.Markdown(extensions=["tables"])
    html = _MARKDOWN.reset().convert(markdown_source)
    parser = _Text()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())


def _jsonable(value: Any) -> Any:
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


# -- JSON -------------------------------------------------------------------------------------------------------


def practice_record(practice: Practice, schema: Schema, publication: Publication) -> dict[str, Any]:
    completeness = practice.completeness
    return {
        "id": practice.slug,
        "url": publication.href(publication.practice_path(practice.slug), JSON_PATH),
        "bestand": practice.source_path,
        "gegevens": practice.data,
        "labels": labels(practice, schema),
        "tekst": plain_texts(practice, schema),
        "verhaal": {"markdown": practice.body, "tekst": story_text(practice.body)},
        "volledigheid": {"beschreven": completeness.described, "totaal": completeness.total,
                         "ontbrekend": completeness.missing},
    }


def dataset_title(publication: Publication) -> str:
    return f"Praktijkvoorbeelden van {publication.site_name}" if publication.site_name else "Praktijkvoorbeelden"


def dataset_description(publication: Publication) -> str:
    text = ("Alle gepubliceerde praktijkvoorbeelden, beschreven volgens de Checklist goede praktijken: elk veld, met "
            "de Nederlandse namen van de gekozen waarden en de tekst zonder opmaak.")
    return f"{' '.join(publication.site_description.split())} {text}".strip()


def collection_json(practices: Sequence[Practice], schema: Schema, publication: Publication) -> bytes:
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
    document["praktijkvoorbeelden"] = [practice_record(practice, schema, publication) for practice in ordered(practices)]
    return (json.dumps(document, ensure_ascii=False, indent=2, default=_jsonable) + "\n").encode("utf-8")


# -- CSV --------------------------------------------------------------------------------------------------------


def columns(schema: Schema) -> list[FieldPath]:
    """The fields as columns: top-level fields in the schema's order (``x-volgorde``), nested ones as their parts in
    the order of their ``properties``; a list of objects gives one column per property of its items."""

    def walk(path: FieldPath) -> Iterator[FieldPath]:
        node = schema.subschema(path) or {}
        if node.get("type") == "array" and isinstance(node.get("items"), dict):
            node = schema.resolve(node["items"])
        properties = list(node.get("properties", {})) if node.get("type") == "object" else []
        if not properties:
            yield path
            return
        for name in properties:
            yield from walk((*path, name))

    return [column for name in schema.field_order() for column in walk((name,))]


def _values_at(value: Any, path: FieldPath) -> list[Any]:
    """The values at a dotted path, through lists (``partners.rol`` -> the role of every partner, None if absent)."""
    if not path:
        return value if isinstance(value, list) else [value]
    if isinstance(value, list):
        return [found for item in value for found in (_values_at(item, path) or [None])]
    if isinstance(value, dict):
        return _values_at(value.get(path[0]), path[1:]) if path[0] in value else [None]
    return [None]


def _cell_text(value: Any, node: dict[str, Any]) -> str:
    if value is None or not is_filled(value):
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, str):
        label = _label(value, node)
        if label is not None:
            return label
        return textmarkup.to_plain(value) if _is_text(node) else " ".join(value.split())
    return str(value)


def cell(practice: Practice, schema: Schema, column: FieldPath) -> str:
    node = schema.vocabulary_node(column)
    values = _values_at(practice.data, column)
    texts = [_cell_text(value, node) for value in values]
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


def csv_header(schema: Schema) -> list[str]:
    return ["id", "url", *(".".join(str(part) for part in column) for column in columns(schema)), "volledigheid", "verhaal"]


def csv_row(practice: Practice, schema: Schema, publication: Publication, cols: Sequence[FieldPath]) -> list[str]:
    values = [practice.slug, publication.href(publication.practice_path(practice.slug), CSV_PATH)]
    values += [cell(practice, schema, column) for column in cols]
    values += [practice.completeness.summary(), story_text(practice.body)]
    return [spreadsheet_safe(value) for value in values]


def collection_csv(practices: Sequence[Practice], schema: Schema, publication: Publication) -> bytes:
    cols = columns(schema)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180
    writer.writerow(csv_header(schema))
    for practice in ordered(practices):
        writer.writerow(csv_row(practice, schema, publication, cols))
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


def open_data_files(practices: Sequence[Practice], schema: Schema, publication: Publication) -> list[OutputFile]:
    data = collection_json(practices, schema, publication)
    table = collection_csv(practices, schema, publication)
    description = dataset_jsonld(practices, schema, publication, {JSON_PATH: len(data), CSV_PATH: len(table)})
    return [OutputFile(JSON_PATH, data, "application/json"), OutputFile(CSV_PATH, table, "text/csv"),
            OutputFile(DATASET_PATH, description, "application/ld+json")]

