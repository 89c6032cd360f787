"""Facets: the ways readers narrow the collection (theme, type, region, target group, perspective, value, status).

Which fields are facets, and the URL segment of their pages, is declared in the schema (``x-facetten``),
so a site can change them without touching code. A facet over a vocabulary field takes its values from
the field; a facet over a group of texts (perspectives, values) takes the names of the texts filled in.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from praktijkbank.core.completeness import is_filled
from praktijkbank.core.model import Practice
from praktijkbank.core.schema import Schema, SchemaError


@dataclass(frozen=True)
class FacetDef:
    field: str
    segment: str
    title: str
    plural: str
    #: For a facet over whether a field is filled in at all (``beoordeeld``): the label of its one value, "ja".
    filled_label: str = ""


@dataclass
class FacetValue:
    value: str
    label: str
    description: str = ""
    practices: list[Practice] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.practices)


@dataclass
class Facet:
    """One facet with the values that occur in the collection, in vocabulary order."""

    definition: FacetDef
    values: list[FacetValue]

    @property
    def segment(self) -> str:
        return self.definition.segment

    @property
    def title(self) -> str:
        return self.definition.title

    @property
    def plural(self) -> str:
        return self.definition.plural

    def value(self, value: str) -> FacetValue | None:
        return next((v for v in self.values if v.value == value), None)


#: The one value of a facet over whether a field is filled in.
FILLED = "ja"

_SEGMENT = re.compile(r"[a-z][a-z0-9-]*")


def definitions(schema: Schema) -> list[FacetDef]:
    """The facets declared in the schema; their URL segments double as HTML attribute names, so they are checked."""
    result = []
    for entry in schema.raw.get("x-facetten", []):
        segment = str(entry["pad"])
        if not _SEGMENT.fullmatch(segment):
            raise SchemaError(f"x-facetten: het pad '{segment}' mag alleen kleine letters, cijfers en streepjes bevatten")
        result.append(FacetDef(str(entry["veld"]), segment, str(entry["titel"]), str(entry.get("meervoud", entry["titel"])),
                               str(entry.get("ingevuld", ""))))
    return result


def values_of(practice: Practice, definition: FacetDef) -> list[str]:
    """The facet values of one practice, e.g. ``["sociale-basis", "jeugd-en-gezin"]`` for themes."""
    raw: Any = practice.data.get(definition.field)
    if definition.filled_label:
        return [FILLED] if is_filled(raw) else []
    if isinstance(raw, dict):
        return [key for key, text in raw.items() if is_filled(text)]
    if isinstance(raw, list):
        return [str(v) for v in raw]
    return [str(raw)] if is_filled(raw) else []


def _all_values(schema: Schema, definition: FacetDef) -> list[tuple[str, str, str]]:
    """(value, label, description) in schema order: vocabulary entries, or the sub-fields of a group."""
    if definition.filled_label:
        return [(FILLED, definition.filled_label, str((schema.subschema((definition.field,)) or {}).get("description", "")))]
    choices = schema.choices((definition.field,), deprecated=True)
    if choices:
        return [(c.value, c.label, c.description) for c in choices]
    node = schema.subschema((definition.field,)) or {}
    return [(key, str(schema.resolve(sub).get("title", key)), str(schema.resolve(sub).get("description", "")))
            for key, sub in node.get("properties", {}).items()]


def build(practices: list[Practice], schema: Schema) -> list[Facet]:
    """Every facet with the practices per value; values no practice has are left out."""
    facets = []
    for definition in definitions(schema):
        by_value: dict[str, list[Practice]] = defaultdict(list)
        for practice in practices:
            for value in values_of(practice, definition):
                by_value[value].append(practice)
        values = [FacetValue(value, label, description, by_value[value])
                  for value, label, description in _all_values(schema, definition) if by_value.get(value)]
        facets.append(Facet(definition, values))
    return facets


#: How much sharing one value of a facet counts towards being related.
RELATED_WEIGHTS = {"themas": 2, "netwerktype": 1, "doelgroepen": 1}
#: Per shared value, only this many practices (the newest, as ``practices`` is newest first) are candidates:
#: keeps the work linear in the collection, while ties go to the newest anyway.
RELATED_CANDIDATES = 60


def related(practices: list[Practice], limit: int = 3) -> dict[str, list[Practice]]:
    """For each practice, the few others that share most themes, type or target groups.

    Scores come from an inverted index (value -> practices), scanning at most ``RELATED_CANDIDATES`` entries per
    value, so the work grows linearly with the collection. Ties go to the most recently updated, then the title.
    """
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    for position, practice in enumerate(practices):
        for field_name in RELATED_WEIGHTS:
            for value in values_of(practice, FacetDef(field_name, "", "", "")):
                index[(field_name, value)].append(position)
    # The tie-break order (newest first, then by title), ranked once rather than compared per candidate.
    by_tie_break = sorted(range(len(practices)), key=lambda i: (_negated(practices[i].updated), practices[i].title.casefold()))
    rank = [0] * len(practices)
    for place, position in enumerate(by_tie_break):
        rank[position] = place
    result: dict[str, list[Practice]] = {}
    for position, practice in enumerate(practices):
        scores: Counter[int] = Counter()
        for field_name, weight in RELATED_WEIGHTS.items():
            for value in values_of(practice, FacetDef(field_name, "", "", "")):
                for other in index[(field_name, value)][:RELATED_CANDIDATES]:
                    scores[other] += weight
        scores.pop(position, None)
        best = heapq.nsmallest(limit, scores.items(), key=lambda item: (-item[1], rank[item[0]]))
        result[practice.slug] = [practices[other] for other, _ in best]
    return result


def _negated(iso_date: str) -> tuple[int, ...]:
    """Sort key that puts later ISO dates first."""
    return tuple(-int(part) for part in iso_date.split("-") if part.isdigit())
