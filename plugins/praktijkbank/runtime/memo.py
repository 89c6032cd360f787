"""What ``mkdocs serve`` made in an earlier rebuild, reused while everything it was made from is the same.

Unchanged practice files come back from the file cache as the very same objects, so "the same" is an identity test
on those objects; the memo keeps them alive, so an identity can never be taken over by a new object. Anything else
the result depends on (settings, links) is compared by value. A changed schema starts a new memo.
"""

from __future__ import annotations

from typing import Generic, TypeVar

Result = TypeVar("Result")


class IdentityMemo(Generic[Result]):
    """Results by key, each kept with the objects (compared by identity) and values it was made from."""

    def __init__(self) -> None:
        self._entries: dict[str, tuple[tuple[object, ...], tuple[object, ...], Result]] = {}

    def get(self, key: str, objects: tuple[object, ...], values: tuple[object, ...]) -> Result | None:
        entry = self._entries.get(key)
        if entry is None or entry[1] != values or len(entry[0]) != len(objects):
            return None
        if any(old is not new for old, new in zip(entry[0], objects, strict=True)):
            return None
        return entry[2]

    def put(self, key: str, objects: tuple[object, ...], values: tuple[object, ...], result: Result) -> None:
        self._entries[key] = (objects, values, result)
