"""Load a collection of practice files: find them, have each one checked, and check them against each other.

``load_practices`` is the one entry point that both the command line and the MkDocs plugin use, so a
contributor's local check and the site build can never disagree. It never raises for bad input: every
problem in every file comes back as a finding. Its ``LoadResult`` is the checking wing's public result: the
reporters (``reporting``) format it, the CLI and the plugin decide what it means for the run. One file's
result, read here or in worker processes, comes from ``praktijkbank.checking.file``; ``FileCache`` keeps those
results between ``mkdocs serve`` rebuilds.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from praktijkbank.checking.crosschecks import check_collection
from praktijkbank.checking.file import FileResult, display_path, is_practice_file, load_file, load_in_processes
from praktijkbank.core.findings import Finding
from praktijkbank.core.model import BrokenPractice, Practice
from praktijkbank.core.schema import Schema
from praktijkbank.reading import source


@dataclass
class LoadResult:
    """What checking a collection found: the valid practices, the files that cannot be published yet, every finding
    (sorted by file and line) and each file's own result. Reporters receive this and nothing else."""

    practices: list[Practice] = field(default_factory=list)
    broken: list[BrokenPractice] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    files: list[FileResult] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return any(f.is_error for f in self.findings)

    def escalated(self) -> LoadResult:
        """The same result with every finding an error (``--strict``); the files keep the findings as they were read."""
        return LoadResult(self.practices, self.broken, [f.escalated() for f in self.findings], self.files)


def is_notes_file(path: Path) -> bool:
    """A notes file beside the practices: a name in capitals (``BRONNEN.md``, ``NOTES.md``) and no front-matter.

    Only files with front-matter are practices; with a name in capitals a file without it is taken for notes and
    skipped without a word (a file in capitals with front-matter is still a practice, so nothing meant as one
    disappears). The rule is named in the message for a file without front-matter (``source.NOTES_RULE``).
    """
    if not path.stem.isupper():
        return False
    try:
        with path.open("rb") as handle:
            start = handle.read(256)
    except OSError:
        return False  # read (and reported) like any other file
    return not source.starts_with_front_matter(start)


def discover(paths: Iterable[Path]) -> list[Path]:
    """Expand folders into the practice files below them; explicit files are taken unless they are notes files."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            for folder, dirnames, filenames in os.walk(path):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                found.extend(Path(folder) / name for name in sorted(filenames)
                             if is_practice_file(Path(name)) and not is_notes_file(Path(folder) / name))
        elif not is_notes_file(path):
            found.append(path)
    return found


class _DisplayPaths:
    """``display_path`` for many files at once, resolving the project folder and each folder only once.

    Resolving a path looks up every folder on the way; for thousands of files in one folder that was most of the
    cost. A file's own name only needs a look when it is a symbolic link, and then the general function decides.
    """

    def __init__(self, root: Path | None) -> None:
        self.root = root
        self.base = (root or Path.cwd()).resolve()
        self.folders: dict[Path, str | None] = {}

    def __call__(self, path: Path) -> str:
        name = path.name
        if name in ("", "..") or os.path.islink(path):
            return display_path(path, self.root)
        folder = path.parent
        if folder not in self.folders:
            try:
                self.folders[folder] = folder.resolve().relative_to(self.base).as_posix()
            except (ValueError, OSError, RuntimeError):
                self.folders[folder] = None
        relative = self.folders[folder]
        if relative is None:
            return path.as_posix()
        return name if relative == "." else f"{relative}/{name}"


class FileCache:
    """Results of files that have not changed since the last load, for `mkdocs serve` rebuilds.

    A file counts as unchanged when its size and modification time are the same and the schema is the same
    object; cross-file checks always run again, on copies, so a cached result is never mutated.
    """

    def __init__(self) -> None:
        self._entries: dict[Path, tuple[tuple[int, int, int], FileResult]] = {}
        self.hits = 0

    def load(self, path: Path, schema: Schema, shown: str) -> FileResult:
        try:
            stat = path.stat()
            stamp = (stat.st_mtime_ns, stat.st_size, id(schema))
        except OSError:
            return load_file(path, schema, shown)
        cached = self._entries.get(path)
        if cached is not None and cached[0] == stamp and cached[1].display_path == shown:
            self.hits += 1
            result = cached[1]
        else:
            result = load_file(path, schema, shown)
            self._entries[path] = (stamp, result)
        return FileResult(result.path, result.display_path, result.slug, result.practice, list(result.findings), result.title)


def load_practices(paths: Sequence[Path], schema: Schema, root: Path | None = None, cache: FileCache | None = None,
                   workers: int = 1) -> LoadResult:
    """Load every practice file under ``paths``; report all problems of all files, including clashes between files.

    With ``workers`` above 1 and no cache, a large collection is read by that many processes (see
    ``file.load_in_processes``); the result is the same as reading it here, file for file and in the same order.
    """
    result = LoadResult()
    shown = _DisplayPaths(root)
    found = [(path, shown(path)) for path in discover(paths)]
    with _collector_paused():
        loaded = None
        if cache is None and workers > 1:
            loaded = load_in_processes(found, schema, workers)
        if loaded is None:
            loaded = [cache.load(path, schema, name) if cache else load_file(path, schema, name) for path, name in found]
        result.files = loaded
        check_collection(result.files)
    for file in result.files:
        result.findings.extend(file.findings)
        if file.practice is not None and not any(f.is_error for f in file.findings):
            result.practices.append(file.practice)
        else:
            result.broken.append(BrokenPractice(file.slug, file.display_path, file.title))
    result.findings.sort(key=lambda f: (f.path, f.line, f.column))
    return result


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while files are read and compared.

    Loading creates millions of objects that all stay alive and hold no cycles, and comparing the files makes
    hundreds of thousands of short-lived ones; every collection re-examines the growing heap for nothing (a tenth
    of the loading time at 5,000 files, and a quarter of the comparing). Reference counting still frees
    everything else at once; the collector resumes, as it was, afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
