"""Treat optional fields left empty as absent, so a contributor can fill in a template and leave the rest blank.

``plaats:`` with nothing after it, an empty list or an empty group means "not described", exactly as if the
line were not there. Required fields are kept, so an empty ``titel`` is still reported as empty.
"""

from __future__ import annotations

from typing import Any

from .schema import Schema
from .yamlnodes import Path


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
    if isinstance(data, list):
        return [prune_empty(item, schema, (*field_path, index)) for index, item in enumerate(data)]
    if not isinstance(data, dict):
        return data
    required = set(schema.required(field_path)) if schema.subschema(field_path) is not None else set()
    result = {}
    for key, value in data.items():
        pruned = prune_empty(value, schema, (*field_path, key))
        if is_empty(pruned) and key not in required:
            continue
        result[key] = pruned
    if field_path and all(is_empty(value) for value in result.values()):
        return {}  # a group whose every field, required ones included, was left empty is an empty group
    return result
