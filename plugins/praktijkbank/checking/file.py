"""One practice file's result: read, parse, validate and check it; here, or for many files in worker processes.

``load_file`` never raises for bad input: every problem of the file comes back as a finding in its ``FileResult``.
The collection (``praktijkbank.checking.collection``) finds the files, asks this module for each one's result and
then checks them against each other.

A large collection can be read in several processes with the same result as reading it in one
(``load_in_processes``). Checking a file is pure Python work (parsing, validating, looking for personal data), so
threads would take turns; processes use every core. Worker processes are forked from the loaded program (on Linux),
so they start at once and share the compiled schema. Files go out in chunks, in order, and come back in the same
order, so findings, messages and exit codes are exactly those of a run in one process.

Results travel as plain tuples (``marshal``, see ``runtime.forked``) rather than pickled objects: packing 5,000
results that way takes a fifth of the time. Whenever processes cannot be used (no ``fork`` on this platform, no
permission to start a process, a worker that dies) the caller reads the files itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from praktijkbank.checking import validators
from praktijkbank.checking.body import check_body
from praktijkbank.checking.consistency import check_consistency
from praktijkbank.checking.migration import migrate
from praktijkbank.checking.privacy import check_privacy
from praktijkbank.checking.pruning import prune_empty
from praktijkbank.checking.validation import validate_data
from praktijkbank.core import slugs
from praktijkbank.core.completeness import measure
from praktijkbank.core.findings import Finding, Severity
from praktijkbank.core.model import Completeness, PartStatus, Practice
from praktijkbank.core.schema import Schema
from praktijkbank.reading import source, yamlnodes
from praktijkbank.runtime import forked


@dataclass
class FileResult:
    """The outcome for one file: a practice when it is valid, and its findings either way."""

    path: Path
    display_path: str
    slug: str
    practice: Practice | None
    findings: list[Finding]
    title: str


def is_practice_file(path: Path) -> bool:
    """Markdown files, except helpers such as ``README.md`` and files starting with ``_`` or ``.``."""
    name = path.name
    return name.lower().endswith(".md") and not name.startswith(("_", ".")) and name.lower() != "readme.md"


def display_path(path: Path, root: Path | None) -> str:
    """The path as a contributor recognises it: relative to the project (or working) folder."""
    base = root or Path.cwd()
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):  # outside the project, or a symbolic link that points at itself
        return path.as_posix()


def load_file(path: Path, schema: Schema, shown: str) -> FileResult:
    """Read, parse and validate one practice file."""
    slug = slugs.slugify(path.stem)
    findings = _slug_findings(path, slug, shown)
    title = path.stem
    try:
        raw = path.read_bytes()
    except OSError as exc:
        findings.append(Finding(shown, 1, 1, Severity.ERROR, "", f"het bestand kan niet worden gelezen ({exc.strerror})",
                                "Controleer of het bestand bestaat en leesbaar is.", "onleesbaar"))
        return FileResult(path, shown, slug, None, findings, title)

    text, problems = source.decode(raw, shown)
    findings += problems
    if text is None:
        return FileResult(path, shown, slug, None, findings, title)
    split, problems = source.split(text, shown)
    findings += problems
    if split is None:
        return FileResult(path, shown, slug, None, findings, title)
    findings += check_body(split.body, shown, split.body_first_line)
    parsed, problems = yamlnodes.parse(split.yaml_text, shown, split.yaml_first_line)
    findings += problems
    if parsed is None:
        return FileResult(path, shown, slug, None, findings, title)
    data = prune_empty(parsed.data, schema)
    findings += migrate(data, parsed.positions, schema, shown)
    if isinstance(data, dict) and isinstance(data.get("titel"), str) and data["titel"].strip():
        title = data["titel"]
    # A refused value (an unsafe tag, an alias) was already reported; don't also call it empty.
    findings += [f for f in validate_data(data, parsed.positions, schema, shown)
                 if not (f.field in parsed.refused and f.code == "leeg")]

    if isinstance(data, dict) and not any(f.is_error for f in findings):
        findings += check_consistency(data, parsed.positions, shown)
    findings += check_privacy(data, parsed.positions, split.body, split.body_first_line, shown, locate=parsed.locate)
    practice = None
    if not any(f.is_error for f in findings):
        title_at, summary_at = parsed.positions.get(("titel",)), parsed.positions.get(("samenvatting",))
        practice = Practice(slug, shown, data, split.body, measure(data, schema),
                            title_line=title_at.key_line if title_at is not None else None,
                            summary_line=summary_at.key_line if summary_at is not None else None)
    return FileResult(path, shown, slug, practice, findings, title)


def _slug_findings(path: Path, slug: str, shown: str) -> list[Finding]:
    if not slug:
        return [Finding(shown, 1, 1, Severity.ERROR, "", "de bestandsnaam bevat geen letters of cijfers",
                        "Noem het bestand naar de praktijk, bijvoorbeeld 'buurt-in-bloei-eindhoven.md'.", "bestandsnaam")]
    if slugs.is_reserved(slug):
        return [Finding(shown, 1, 1, Severity.ERROR, "", f"de bestandsnaam '{path.name}' {slugs.reserved_reason(slug)}",
                        "Kies een langere naam die de praktijk beschrijft.", "bestandsnaam")]
    if path.stem != slug:
        return [Finding(shown, 1, 1, Severity.WARNING, "", f"de bestandsnaam is geen nette webnaam; de pagina krijgt het adres '{slug}'",
                        f"Hernoem het bestand naar '{slug}.md' (kleine letters, cijfers en streepjes).", "bestandsnaam")]
    return []


def load_in_processes(found: Sequence[tuple[Path, str]], schema: Schema, workers: int) -> list[FileResult] | None:
    """``load_file`` for every ``(path, display path)``, in ``workers`` processes; None when that is not worth it or not possible."""
    if len(found) < forked.CHECK_MIN:
        return None
    global _schema
    validators.prepare(schema)  # every worker inherits the compiled check instead of compiling its own
    _schema = schema
    try:
        packed = forked.map_forked(_load_packed, found, workers)
    finally:
        _schema = None
    if packed is None:
        return None
    return [_unpack(path, shown, item) for (path, shown), item in zip(found, packed, strict=True)]


#: The schema of the current run, handed to forked workers by inheritance rather than by pickling.
_schema: Schema | None = None


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
        [(part.id, part.title, part.described) for part in practice.completeness.parts], practice.title_line,
        practice.summary_line,
    )
    return result.slug, result.title, findings, packed_practice


def _unpack(path: Path, shown: str, packed: tuple[Any, ...]) -> FileResult:
    """The inverse of ``_pack``."""
    slug, title, findings, packed_practice = packed
    practice = None
    if packed_practice is not None:
        practice_slug, source_path, data, body, parts, title_line, summary_line = packed_practice
        completeness = Completeness(tuple(PartStatus(*part) for part in parts))
        practice = Practice(practice_slug, source_path, data, body, completeness, title_line, summary_line)
    return FileResult(path, shown, slug, practice,
                      [Finding(p, line, column, Severity(severity), field, message, hint, code)
                       for p, line, column, severity, field, message, hint, code in findings], title)
