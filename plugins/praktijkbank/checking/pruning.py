"""Treat optional fields left empty as absent, so a contributor can fill in a template and leave the rest blank.

``plaats:`` with nothing after it, an empty list or an empty group means "not described", exactly as if the
line were not there. Required fields are kept, so an empty ``titel`` is still reported as empty.
"""

from __future__ import annotations

from typing import Any

from praktijkbank.core.fieldpath import Path
from praktijkbank.core.schema import Schema


def is_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, dict)):
        return not value
    return False


def prune_empty(data: Any, schema: Schema, field_path: Path = ()) -> Any:
    """A copy of ``data`` without empty optional mapping values (recursively; list items are left alone)."""
    return _prune(data, schema, tuple(0 if isinstance(part, int) else part for part in field_path))


def _prune(data: Any, schema: Schema, schema_path: Path) -> Any:
    """``prune_empty`` on a path whose list indexes are all 0: the schema is the same for every item of a list,
    so the required fields can be looked up once per place in the schema instead of once per value."""
    if isinstance(data, list):
        item_path = (*schema_path, 0)
        return [_prune(item, schema, item_path) if isinstance(item, (dict, list)) else item for item in data]
    if not isinstance(data, dict):
        return data
    required = schema.required_names(schema_path)
    result = {}
    for key, value in data.items():
        if isinstance(value, (dict, list)):
            value = _prune(value, schema, (*schema_path, key))
        if key not in required and is_empty(value):
            continue
        result[key] = value
    if schema_path and all(is_empty(value) for value in result.values()):
        return {}  # a group whose every field, required ones included, was left empty is an empty group
    return result
