"""Is this data valid for the schema? A compiled quick check, and the reference validator that explains why not.

The schema itself (``praktijkbank.core.schema``) only answers questions about fields and vocabularies; validating
data against it belongs to checking. Both validators are built once per schema object and kept while it lives:
building them resolves references and compiles code, which is wasted work per file. ``prepare`` compiles the quick
check ahead, so worker processes forked afterwards (``praktijkbank.checking.file``) share it.
"""

from __future__ import annotations

import copy
import datetime
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jsonschema

from praktijkbank.core.schema import Schema


def is_valid(schema: Schema, data: Any) -> bool:
    """A quick yes/no. Compiled once with fastjsonschema (about ten times faster than walking the schema);
    jsonschema stays the reference and explains every problem of the files that are not valid."""
    return prepare(schema)(data)


def prepare(schema: Schema) -> Callable[[Any], bool]:
    """The compiled validity check, compiled now if it was not yet: worker processes forked afterwards share it."""
    built = _built(schema)
    if built.compiled is None:
        built.compiled = _compile(schema.raw)
    return built.compiled


def validator(schema: Schema) -> jsonschema.Draft202012Validator:
    """One validator per schema: building it resolves references, which is wasted work per file."""
    built = _built(schema)
    if built.reference is None:
        built.reference = jsonschema.Draft202012Validator(schema.raw, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    return built.reference


@dataclass
class _Built:
    """The validators built so far for one schema object."""

    reference: jsonschema.Draft202012Validator | None = None
    compiled: Callable[[Any], bool] | None = None


#: Per schema object (by its id, which stays unique while the weak reference is alive): a schema is a mutable
#: dataclass, so it cannot be a dictionary key itself. An entry goes when its schema does.
_by_schema: dict[int, tuple[weakref.ref[Schema], _Built]] = {}


def _built(schema: Schema) -> _Built:
    key = id(schema)
    entry = _by_schema.get(key)
    if entry is None or entry[0]() is not schema:
        def forget(reference: weakref.ref[Schema]) -> None:
            if (current := _by_schema.get(key)) is not None and current[0] is reference:
                del _by_schema[key]

        entry = _by_schema[key] = (weakref.ref(schema, forget), _Built())
    return entry[1]


def _is_date(value: Any) -> bool:
    if not isinstance(value, str):
        return True  # formats only apply to strings; the type is checked separately
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _compile(raw: dict[str, Any]) -> Callable[[Any], bool]:
    """A fast validity check, falling back to jsonschema where fastjsonschema is unavailable or cannot compile."""
    reference = jsonschema.Draft202012Validator(raw, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    try:
        import fastjsonschema

        # A copy, never our own: fastjsonschema rewrites the $refs of the schema it is given.
        compiled = fastjsonschema.compile(_for_fastjsonschema(raw, raw, ()), formats={"date": _is_date})
    except Exception:  # any failure to compile just means: use the reference validator
        return reference.is_valid

    def check(data: Any) -> bool:
        try:
            compiled(data)
        except fastjsonschema.JsonSchemaException:
            return False
        return True

    return check


#: Keywords that only describe a value, and do not change whether it is valid.
_ANNOTATIONS = frozenset({"title", "description", "examples", "$comment", "default", "deprecated", "readOnly", "writeOnly"})
#: Keywords whose value is a schema, a list of schemas, or a mapping of names to schemas.
_SUBSCHEMA = frozenset({"items", "additionalProperties", "additionalItems", "contains", "not", "if", "then", "else",
                        "propertyNames", "unevaluatedItems", "unevaluatedProperties", "contentSchema"})
_SUBSCHEMA_LISTS = frozenset({"allOf", "anyOf", "oneOf", "prefixItems", "items"})
_SUBSCHEMA_MAPPINGS = frozenset({"properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "dependencies"})


def _for_fastjsonschema(node: Any, root: dict[str, Any], active: tuple[str, ...]) -> Any:
    """A copy of a schema that fastjsonschema checks exactly as jsonschema does, and quickly.

    - Each local ``$ref`` becomes an ``allOf`` holding the schema it points to (recursive references stay). In
      2020-12 keywords beside a ``$ref`` apply too, while fastjsonschema follows draft 7 and ignores them; and it
      calls a function for every ``$ref``, formatting a field name for each call.
    - A vocabulary (``oneOf`` of distinct text constants) becomes the equivalent ``enum``: fastjsonschema tries
      every branch of a ``oneOf`` and raises an exception for each that does not match.
    - Annotations (titles, descriptions, examples, ``x-`` extensions) go: fastjsonschema copies each schema into
      the code for its error messages, which we never show, and the code then takes twice as long to compile.

    Only keywords that hold schemas are walked, so values (an ``enum``, a ``const``) are copied unchanged.
    """
    if not isinstance(node, dict):
        return copy.deepcopy(node)  # true, false
    result: dict[str, Any] = {}
    for key, value in node.items():
        if key in _ANNOTATIONS or key.startswith("x-") or key == "$ref":
            continue
        if key in _SUBSCHEMA_MAPPINGS and isinstance(value, dict):
            result[key] = {name: _for_fastjsonschema(sub, root, active) if isinstance(sub, dict) else copy.deepcopy(sub)
                           for name, sub in value.items()}
        elif key in _SUBSCHEMA_LISTS and isinstance(value, list):
            result[key] = [_for_fastjsonschema(sub, root, active) for sub in value]
        elif key in _SUBSCHEMA:
            result[key] = _for_fastjsonschema(value, root, active)
        else:
            result[key] = copy.deepcopy(value)
    ref = node.get("$ref")
    if ref is not None:
        target = _pointer_target(root, ref) if isinstance(ref, str) and ref not in active else None
        if target is None:
            result["$ref"] = ref  # remote, recursive or unusual: leave it to fastjsonschema
        else:
            result["allOf"] = [_for_fastjsonschema(target, root, (*active, ref)), *result.get("allOf", [])]
    branches = result.get("oneOf")
    if "enum" not in result and isinstance(branches, list) and branches and all(
        isinstance(branch, dict) and set(branch) == {"const"} and isinstance(branch["const"], str) for branch in branches
    ):
        constants = [branch["const"] for branch in branches]
        if len(set(constants)) == len(constants):  # then exactly one branch matches if and only if one constant does
            del result["oneOf"]
            result["enum"] = constants
    return result


def _pointer_target(root: dict[str, Any], ref: str) -> dict[str, Any] | None:
    """The schema a local JSON pointer (``#/$defs/thema``) points to, or None when it is not such a pointer."""
    if not ref.startswith("#/"):
        return None
    target: Any = root
    for part in ref[2:].split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        if not isinstance(target, dict) or part not in target:
            return None
        target = target[part]
    return target if isinstance(target, dict) else None
