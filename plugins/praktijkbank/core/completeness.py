"""Measure a practice against the checklist parts declared in the schema (``x-checklist``).

Only three fields are required to publish; the rest is what the checklist recommends. Instead of forcing
contributors to invent content, we show how many parts are described and which ones are missing.
"""

from __future__ import annotations

import functools
from typing import Any

from praktijkbank.core.model import Completeness, PartStatus
from praktijkbank.core.schema import Schema


def is_filled(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, (list, dict)):
        return any(is_filled(v) for v in (value.values() if isinstance(value, dict) else value))
    return True


def lookup(data: dict[str, Any], dotted: str) -> Any:
    value: Any = data
    for part in _keys(dotted):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


@functools.cache
def _keys(dotted: str) -> tuple[str, ...]:
    """``"hoe.proces"`` -> ``("hoe", "proces")``, split once: the same few names are looked up in every file."""
    return tuple(dotted.split("."))


def measure(data: dict[str, Any], schema: Schema) -> Completeness:
    parts = []
    for part in schema.checklist:
        filled = 0
        for dotted in part.fields:
            if is_filled(lookup(data, dotted)):
                filled += 1
        parts.append(PartStatus(part.id, part.title, filled >= part.minimum))
    return Completeness(tuple(parts))
