"""The whole collection as open data: the three files, and ``praktijkvoorbeelden.json`` itself.

``praktijkvoorbeelden.json`` holds per practice the front-matter exactly as validated (``gegevens``, valid against
the schema named at the top), the Dutch labels of its vocabulary values (``labels``) and the plain text of its text
fields (``tekst``), both in the shape of ``gegevens``; the story as Markdown and as plain text; its page's address.
The CSV is made in ``spreadsheet.py``, the DCAT-AP-NL description in ``dcat.py``; what they share in ``fields.py``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from praktijkbank.core.model import Practice
from praktijkbank.core.schema import Schema
from praktijkbank.publishing.dcat import dataset_description, dataset_jsonld, dataset_title
from praktijkbank.publishing.fields import Fields, jsonable, ordered
from praktijkbank.publishing.publication import CSV_PATH, DATASET_PATH, JSON_PATH, OutputFile, Publication, newest_update
from praktijkbank.publishing.spreadsheet import columns, csv_document, csv_row
from praktijkbank.runtime import forked
from praktijkbank.runtime.memo import IdentityMemo

#: A practice's JSON line and CSV row, kept by ``mkdocs serve`` between rebuilds (by slug; see ``runtime/memo.py``).
OpenDataMemo = IdentityMemo[tuple[str, list[str]]]


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
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=jsonable)


def open_data_files(practices: Sequence[Practice], schema: Schema, publication: Publication,
                    workers: int = 1, memo: OpenDataMemo | None = None) -> list[OutputFile]:
    """The three files; from ``forked.OPEN_DATA_MIN`` practices on, each practice's JSON line and CSV row in ``workers``
    forked processes (the same bytes as in one). With a ``memo`` (``serve``, in one process) an unchanged practice's
    line and row are taken from the rebuild before: a schema change starts a new memo, the settings are compared."""
    fields = Fields(schema)  # shared: the JSON and the CSV read the same texts
    cols = columns(schema)
    items = ordered(practices)

    def parts(practice: Practice) -> tuple[str, list[str]]:
        return _dumps(practice_record(practice, fields, publication)), csv_row(practice, fields, publication, cols)

    def remembered(practice: Practice, memo: OpenDataMemo) -> tuple[str, list[str]]:
        made = memo.get(practice.slug, (practice,), (publication,))
        if made is None:
            made = parts(practice)
            memo.put(practice.slug, (practice,), (publication,), made)
        return made

    if memo is not None:
        made = [remembered(practice, memo) for practice in items]
    else:
        in_workers = forked.map_forked(parts, items, workers) if workers > 1 and len(items) >= forked.OPEN_DATA_MIN else None
        made = in_workers if in_workers is not None else [parts(practice) for practice in items]
    data = _json_document(practices, schema, publication, [line for line, _ in made])
    table = csv_document(cols, [row for _, row in made])
    description = dataset_jsonld(practices, schema, publication, {JSON_PATH: len(data), CSV_PATH: len(table)})
    return [OutputFile(JSON_PATH, data, "application/json"), OutputFile(CSV_PATH, table, "text/csv"),
            OutputFile(DATASET_PATH, description, "application/ld+json")]
