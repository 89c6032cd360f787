"""Run pure work over many items in forked processes, results in input order; or say it cannot.

Checking and rendering thousands of practices is pure Python, so threads would take turns; processes use every core.
Workers are forked from the running program, so they start at once with everything it has already loaded and
computed (the schema, the practices, the related lists) and nothing needs pickling on the way out. Only results
travel back, as plain values packed with ``marshal`` (much faster than pickle for strings, lists and tuples).

Whenever processes cannot be used (no ``fork`` on this platform, no permission to start a process, a worker that
dies) ``map_forked`` returns None and the caller does the work itself, with the same result.
"""

from __future__ import annotations

import gc
import marshal
import os
import signal
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

Item = TypeVar("Item")
T = TypeVar("T")

#: Chunks per worker: enough to even out slow items, few enough to keep the overhead per chunk small.
CHUNKS_PER_WORKER = 4

# From how many items on each pass forks workers; below it, starting them and sending results back costs more than
# it saves (benchmarks/RESULTS-build.md and RESULTS-check.md). One place, so that the passes can be tuned together.
#: Checking practice files (checking/file.py): reading and validating is cheap per file, so the bar is higher.
CHECK_MIN = 300
#: The Markdown of practice pages (pages/renderer.py).
PAGES_MIN = 200
#: Practice pages' Markdown converted to HTML ahead of MkDocs (plugin/conversion.py).
CONVERSION_MIN = 200
#: The fields of practice worksheets (worksheets/sheets.py).
SHEETS_MIN = 200
#: Each practice's JSON line and CSV row of the open data (publishing/opendata.py).
OPEN_DATA_MIN = 200

#: The function and items of the current run, handed to forked workers by inheritance rather than by pickling.
_work: Callable[[Any], Any] | None = None
_items: list[Any] = []


def usable_cpus() -> int:
    """How many cores this process may use (a container or ``taskset`` may allow fewer than the machine has)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def map_forked(work: Callable[[Item], Any], items: Sequence[Item], workers: int, *,
               each: Callable[[int, Any], None] | None = None, chunk_size: int | None = None) -> list[Any] | None:
    """``[work(item) for item in items]`` in ``workers`` forked processes; None when that is not possible.

    ``work`` must return values that ``marshal`` can pack (None, numbers, strings, bytes, lists, tuples, dicts).
    ``each(index, result)`` is called in this process as results arrive, in order, so the caller can go on with
    them while the workers still work; smaller chunks make the first ones arrive sooner. When None is returned,
    ``each`` may have seen some of the results already.
    """
    if workers < 2 or len(items) < 2 or not sys.platform.startswith("linux"):
        return None  # Python considers fork unsafe on macOS, and Windows has none
    try:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context("fork")
    except (ImportError, ValueError):  # no multiprocessing, or no fork (Windows)
        return None

    global _work
    _work = work
    _items[:] = items  # inherited by the forked workers; only indexes travel
    size = chunk_size or -(-len(items) // (workers * CHUNKS_PER_WORKER))
    chunks = [list(range(start, min(start + size, len(items)))) for start in range(0, len(items), size)]
    results: list[Any] = []
    # Objects that exist before the fork go to a permanent generation: a worker's garbage collection then never
    # writes to their pages (which would copy them), and this process's collections stop walking them. A caller
    # that froze the heap itself keeps it frozen.
    frozen_by_caller = gc.get_freeze_count() > 0
    gc.freeze()
    try:
        pool = _guarded(lambda: ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_end_on_interrupt))
        with pool:
            answers = _guarded(lambda: pool.map(_run_chunk, chunks))
            while (packed := _guarded(lambda: next(answers, None))) is not None:
                for result in marshal.loads(packed):
                    if each is not None:
                        each(len(results), result)  # what this raises is the caller's own, and goes up
                    results.append(result)
    except _NoWorkers:
        return None
    finally:
        if not frozen_by_caller:
            gc.unfreeze()
        _work = None
        _items.clear()
    return results


class _NoWorkers(Exception):
    """The workers could not do the work; the caller does it itself."""


def _guarded(step: Callable[[], T]) -> T:
    """A step of running the workers; any failure in it means: no workers."""
    try:
        return step()
    except Exception as exc:
        # No permission to start a process (OSError), a worker that died (BrokenProcessPool), or anything else:
        # the caller then does the work itself, where a genuine bug shows up just the same.
        raise _NoWorkers from exc


def _run_chunk(indexes: list[int]) -> bytes:
    assert _work is not None
    return marshal.dumps([_work(_items[index]) for index in indexes])


def _end_on_interrupt() -> None:
    """Ctrl-C ends a worker at once, without a traceback of its own; the main process reports the interruption."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
