"""Read a large collection of practice files in several processes, with the same result as reading them in one.

Checking a file is pure Python work (parsing, validating, looking for personal data), so threads would take turns;
processes use every core. Worker processes are forked from the loaded program (on Linux), so they start at once
and share the compiled schema. Files go out in chunks, in order, and come back in the same order, so findings,
messages and exit codes are exactly those of a run in one process.

Results travel as plain tuples (``marshal``, see ``forked``) rather than pickled objects: packing 5,000 results that
way takes a fifth of the time. Whenever processes cannot be used (no ``fork`` on this platform, no permission to
start a process, a worker that dies) the caller reads the files itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from praktijkbank.checking.collection import FileResult, load_file
from praktijkbank.core.findings import Finding, Severity
from praktijkbank.core.model import Completeness, PartStatus, Practice
from praktijkbank.core.schema import Schema
from praktijkbank.runtime import forked

#: Below this many files, starting processes and sending results back costs more than it saves.
MIN_FILES = 300

#: The schema of the current run, handed to forked workers by inheritance rather than by pickling.
_schema: Schema | None = None


def load_in_processes(found: Sequence[tuple[Path, str]], schema: Schema, workers: int) -> list[FileResult] | None:
    """``load_file`` for every ``(path, display path)``, in ``workers`` processes; None when that is not worth it or not possible."""
    if len(found) < MIN_FILES:
        return None
    global _schema
    schema.prepare()  # every worker inherits the compiled check instead of compiling its own
    _schema = schema
    try:
        packed = forked.map_forked(_load_packed, found, workers)
    finally:
        _schema = None
    if packed is None:
        return None
    return [_unpack(path, shown, item) for (path, shown), item in zip(found, packed, strict=True)]


def _load_packed(item: tuple[Path, str]) -> tuple[Any, ...]:
    """Runs in a worker: check one file and pack its result."""
    assert _schema is not None, "workers are forked after the schema is set"
    path, shown = item
    return _pack(load_file(path, _schema, shown))


def _pack(result: FileResult) -> tuple[Any, ...]:
    """A file's result as plain values; the path and display path are known to the receiving side."""
    findings = [(f.path, f.line, f.column, f.severity.value, f.field, f.message, f.hint, f.code) for f in result.findings]
    practice = result.practice
    packed_practice = None if practice is None else (
        practice.slug, practice.source_path, practice.data, practice.body,
        [(part.id, part.title, part.described) for part in practice.completeness.parts], practice.extra,
    )
    return result.slug, result.title, findings, packed_practice


def _unpack(path: Path, shown: str, packed: tuple[Any, ...]) -> FileResult:
    """The inverse of ``_pack``."""
    slug, title, findings, packed_practice = packed
    practice = None
    if packed_practice is not None:
        practice_slug, source_path, data, body, parts, extra = packed_practice
        completeness = Completeness(tuple(PartStatus(*part) for part in parts))
        practice = Practice(practice_slug, source_path, data, body, completeness, extra)
    return FileResult(path, shown, slug, practice,
                      [Finding(p, line, column, Severity(severity), field, message, hint, code)
                       for p, line, column, severity, field, message, hint, code in findings], title)
