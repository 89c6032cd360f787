"""Read a large collection of practice files in several processes, with the same result as reading them in one.

Checking a file is pure Python work (parsing, validating, looking for personal data), so threads would take turns;
processes use every core. Worker processes are forked from the loaded program (on Linux), so they start at once
and share the compiled schema. Files go out in chunks, in order, and come back in the same order, so findings,
messages and exit codes are exactly those of a run in one process.

Results travel as plain tuples (``marshal``) rather than pickled objects: packing 5,000 results that way takes a
fifth of the time. Whenever processes cannot be used (no ``fork`` on this platform, no permission to start a
process, a worker that dies) the caller reads the files itself.
"""

from __future__ import annotations

import marshal
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .findings import Finding, Severity
from .loading import FileResult, load_file
from .model import Completeness, PartStatus, Practice
from .schema import Schema

#: Below this many files, starting processes and sending results back costs more than it saves.
MIN_FILES = 300

#: Chunks per worker: enough to even out slow files, few enough to keep the overhead per chunk small.
CHUNKS_PER_WORKER = 4

#: The schema of the current run, handed to forked workers by inheritance rather than by pickling.
_schema: Schema | None = None


def usable_cpus() -> int:
    """How many cores this process may use (a container or ``taskset`` may allow fewer than the machine has)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def load_in_processes(found: Sequence[tuple[Path, str]], schema: Schema, workers: int) -> list[FileResult] | None:
    """``load_file`` for every ``(path, display path)``, in ``workers`` processes; None when that is not worth it or not possible."""
    if workers < 2 or not found or len(found) < MIN_FILES or not sys.platform.startswith("linux"):
        return None  # elsewhere forking is unavailable (Windows) or unsafe once system libraries run threads (macOS)
    try:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context("fork")
    except (ImportError, ValueError):  # a Python built without multiprocessing or without fork
        return None

    global _schema
    schema.prepare()  # every worker inherits the compiled check instead of compiling its own
    _schema = schema
    size = -(-len(found) // (workers * CHUNKS_PER_WORKER))
    starts = range(0, len(found), size)
    chunks = [[(str(path), shown) for path, shown in found[start:start + size]] for start in starts]
    results: list[FileResult] = []
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_stop_quietly_on_interrupt) as pool:
            for start, packed in zip(starts, pool.map(_load_chunk, chunks), strict=True):
                for (path, shown), item in zip(found[start:start + size], marshal.loads(packed), strict=True):
                    results.append(_unpack(path, shown, item))
    except Exception:
        # No permission to start a process (OSError), a worker that died (BrokenProcessPool), or anything else: the
        # caller then reads the files itself, where a genuine bug in checking a file shows up just the same.
        return None
    finally:
        _schema = None
    return results


def _stop_quietly_on_interrupt() -> None:
    """On Ctrl-C a worker just stops (the system's default), without a traceback; the main process ends the run."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _load_chunk(chunk: list[tuple[str, str]]) -> bytes:
    """Runs in a worker: check a chunk of files and pack the results."""
    assert _schema is not None, "workers are forked after the schema is set"
    return marshal.dumps([_pack(load_file(Path(path), _schema, shown)) for path, shown in chunk])


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
