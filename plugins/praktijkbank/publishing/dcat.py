"""``dataset.jsonld``: the dataset and its two distributions described in DCAT (DCAT-AP-NL), for data catalogues."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from praktijkbank.core.model import Practice
from praktijkbank.core.schema import Schema
from praktijkbank.publishing.publication import CSV_PATH, DATASET_PATH, JSON_PATH, Publication, newest_update

DCAT_CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


EU = "http://publications.europa.eu/resource/authority/"


MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"


def dataset_title(publication: Publication) -> str:
    return f"Praktijkvoorbeelden van {publication.site_name}" if publication.site_name else "Praktijkvoorbeelden"


def dataset_description(publication: Publication) -> str:
    text = ("Alle gepubliceerde praktijkvoorbeelden, beschreven volgens de Checklist goede praktijken: elk veld, met "
            "de Nederlandse namen van de gekozen waarden en de tekst zonder opmaak.")
    return f"{' '.join(publication.site_description.split())} {text}".strip()


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
    publisher: dict[str, Any] = {"@type": "foaf:Agent", "foaf:name": publication.publisher_name}
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
