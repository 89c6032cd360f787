"""Worksheets as PDF, with WeasyPrint: an optional dependency that may be missing or unable to load.

WeasyPrint needs system libraries (Pango, HarfBuzz) besides its Python package, so "installed" is not
enough: importing it can fail with ImportError or OSError. Both mean "no PDFs", never a crash; the plugin
decides whether that is fine ("auto") or an error (the setting is explicitly on).

``pdf_forms=True`` turns the worksheets' inputs and textareas into PDF form fields, so a participant can fill
in a sheet on a laptop as well as on paper. A sheet takes a noticeable fraction of a second, so results are
kept by a hash of their HTML: given a folder, on disk between builds (pdfcache.py, whose key also covers
WeasyPrint's version, its libraries and the fonts), where the site links to them instead of copying them; else in
memory (`mkdocs serve` only redoes sheets that changed). A large batch of new sheets is spread over the machine's
processors.

A sheet's HTML holds its stylesheet inline; the only files WeasyPrint may fetch for it are the package's own fonts,
which the stylesheet names (fonts.py), so that every machine lays the PDF out in the font the page-height model
measures. Anything else it asks for is refused.
"""

from __future__ import annotations

import atexit
import hashlib
import logging
import multiprocessing
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from praktijkbank.runtime import forked
from praktijkbank.worksheets import fonts, pdfcache

#: WeasyPrint's own warnings (an unsupported CSS property, say) mean nothing to a contributor.
_WEASYPRINT_LOGGERS = ("weasyprint", "weasyprint.progress", "fontTools")
#: Starting a process and importing WeasyPrint in it costs about as much as rendering this many sheets.
SHEETS_PER_PROCESS = 12


class PdfUnavailable(Exception):
    """WeasyPrint cannot be used here; the message says why, in Dutch."""


def _load_html_class() -> Any:
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: the package is there, its system libraries are not
        raise PdfUnavailable(f"WeasyPrint is niet beschikbaar ({type(exc).__name__}: {exc})") from exc
    return HTML


def render_pdf(html: str, html_class: Any | None = None) -> bytes:
    """One worksheet to PDF bytes. The same HTML always gives the same bytes (no dates, no random IDs)."""
    html_class = html_class if html_class is not None else _load_html_class()
    options: dict[str, Any] = {"pdf_forms": True, "finisher": _radio_buttons_as_widgets}
    if getattr(html_class, "__module__", "").startswith("weasyprint"):
        options["font_config"] = _font_config()
    with _quiet():
        document = html_class(string=html, url_fetcher=FETCHER)
        pdf: bytes = document.write_pdf(**options)
    return pdf


_FONT_CONFIG: Any = None


def _font_config() -> Any:
    """One WeasyPrint FontConfiguration (a Pango font map over fontconfig) for every sheet this process renders.
    Without one WeasyPrint makes a new one per document, which kept about 0.8 MB per sheet alive: a worker that
    rendered 2,500 sheets held 3 GB. The PDFs are byte for byte the same (tested)."""
    global _FONT_CONFIG
    if _FONT_CONFIG is None:
        from weasyprint.text.fonts import FontConfiguration

        _FONT_CONFIG = FontConfiguration()
        atexit.register(_drop_font_config)
    return _FONT_CONFIG


def _drop_font_config() -> None:
    """Let the font configuration go while the interpreter still runs: freed during its shutdown, WeasyPrint's
    cleanup finds its libraries gone and prints an ignored exception."""
    global _FONT_CONFIG
    _FONT_CONFIG = None


class PdfRenderer:
    """Renders worksheet HTML to PDF, remembering results by the hash of their HTML: on disk when given a folder
    (`use_cache_dir`), else in memory.

    ``rendered`` counts real renders, ``reused`` the PDFs taken from the folder on disk, so tests can see that
    unchanged sheets are reused. ``processes`` caps the worker processes for large batches (default: the cores this
    process may use).
    """

    def __init__(self, html_class: Any | None = None, processes: int | None = None, cache_dir: Path | None = None) -> None:
        self._html_class = html_class if html_class is not None else _load_html_class()
        self.processes = processes if processes is not None else forked.usable_cpus()
        self._cache: dict[str, bytes] = {}  # PDFs in memory, when there is no folder on disk (or it cannot be written)
        # Entries on disk checked in this process, with their file's identity then: a `serve` rebuild takes an entry
        # whose file is still the same without reading it again. A new process (each `mkdocs build`) checks every one.
        self._checked: dict[str, tuple[Path, tuple[int, int, int]]] = {}
        self._used: set[str] = set()
        self._fingerprint: str | None = None
        self._started = pdfcache.now()
        self._told: set[str] = set()
        self.disk: pdfcache.PdfCache | None = None
        self.rendered = 0
        self.reused = 0
        self.use_cache_dir(cache_dir)

    def use_cache_dir(self, folder: Path | None) -> None:
        """Keep the PDFs in ``folder`` between builds (see pdfcache.py); None: in memory only."""
        if folder is None:
            self.disk = None
        elif self.disk is None or self.disk.folder != folder:
            if self._fingerprint is None:
                self._fingerprint = pdfcache.fingerprint(Path(__file__).read_bytes() + fonts.font_bytes())
            self.disk = pdfcache.PdfCache(folder, self._fingerprint)
        else:
            return
        self._checked = {}

    def start_build(self) -> None:
        """Forget PDFs that the previous build did not use, so a long `serve` session does not grow forever."""
        if self._used:
            self._cache = {key: pdf for key, pdf in self._cache.items() if key in self._used}
            self._checked = {key: known for key, known in self._checked.items() if key in self._used}
        self._used = set()
        self._started = pdfcache.now()
        if self.disk is not None:
            self.disk.rescan()

    def finish_build(self) -> int:
        """Remove the entries on disk that this build did not use (see pdfcache.py); returns how many."""
        return self.disk.prune(self._used, self._started) if self.disk is not None else 0

    def new_problem(self) -> str | None:
        """Why the folder on disk could not be used (in Dutch), the first time it is asked; else None."""
        if self.disk is None or self.disk.problem is None or self.disk.problem in self._told:
            return None
        self._told.add(self.disk.problem)
        return self.disk.problem

    def render(self, html: str) -> bytes:
        return self.render_all([html])[0]

    def render_all(self, pages: Sequence[str]) -> list[bytes]:
        """PDFs for many worksheets at once, in order; only new or changed HTML is rendered."""
        return [pdf if isinstance(pdf, bytes) else pdf.read_bytes() for pdf in self.outputs(pages)]

    def outputs(self, pages: Sequence[str]) -> list[Path | bytes]:
        """The PDF of each worksheet, in order: a checked entry on disk (to link or copy, never to change), or the
        bytes when there is no folder on disk. Only new or changed HTML is rendered."""
        disk = self.disk
        keys = [disk.key(html) if disk is not None else hashlib.sha256(html.encode()).hexdigest() for html in pages]
        self._used.update(keys)
        found: dict[str, Path | bytes] = {}
        missing: dict[str, str] = {}
        for key, html in zip(keys, pages, strict=True):
            if key in found or key in missing:
                continue
            known = self._cache.get(key) or self._stored(key)
            if known is not None:
                found[key] = known
            else:
                missing[key] = html
        if missing:
            for key, pdf in zip(missing, self._render_missing(list(missing.values())), strict=True):
                self.rendered += 1
                path = disk.put(key, pdf) if disk is not None else None
                if path is not None:
                    self._checked[key] = (path, _identity(path))
                    found[key] = path
                else:
                    self._cache[key] = found[key] = pdf
        return [found[key] for key in keys]

    def _stored(self, key: str) -> Path | None:
        """The checked entry on disk for ``key`` (see pdfcache.PdfCache.get), or None."""
        if self.disk is None:
            return None
        known = self._checked.get(key)
        if known is not None and _identity(known[0]) == known[1]:
            self.reused += 1
            return known[0]
        path = self.disk.get(key)
        if path is None:
            self._checked.pop(key, None)
            return None
        self._checked[key] = (path, _identity(path))
        self.reused += 1
        return path

    def _render_missing(self, pages: list[str]) -> Iterator[bytes]:
        """The PDFs of ``pages`` in order, each as soon as it is made, so it is stored at once: a build stopped
        halfway keeps on disk what it rendered."""
        processes = min(self.processes, len(pages) // SHEETS_PER_PROCESS)
        if processes < 2:
            for html in pages:
                yield render_pdf(html, self._html_class)
            return
        # "spawn": a fresh interpreter per worker, safe beside the threads of `mkdocs serve`.
        with ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("spawn")) as pool:
            # Small chunks: a chunk's PDFs (about 0.4 MB each) travel and wait in memory together.
            yield from pool.map(render_pdf, pages, chunksize=max(1, min(16, len(pages) // (processes * 8))))


def _identity(path: Path) -> tuple[int, int, int]:
    """A file's inode, size and modification time: the same while nobody replaces or writes it."""
    try:
        stat = path.stat()
    except OSError:
        return (-1, -1, -1)
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


class PackageFonts:
    """WeasyPrint's url fetcher for every sheet: the package's font files that the PDF's stylesheet names
    (fonts.py), and nothing else. The stylesheet is inline; images, links and any other address are refused, and
    WeasyPrint then leaves them out."""

    #: Read by newer WeasyPrint when a fetch fails: a refused address is skipped, never a failed sheet.
    _fail_on_errors = False

    def __call__(self, url: str, *args: Any, **kwargs: Any) -> Any:
        file = fonts.font_file(url)
        if file is None:
            raise ValueError(f"werkbladen laden geen externe bronnen: {url}")
        font = file.read_bytes()
        try:
            from weasyprint.urls import URLFetcherResponse
        except ImportError:  # older WeasyPrint takes a dict
            return {"string": font, "mime_type": "font/ttf", "redirected_url": url}
        return URLFetcherResponse(url, font, {"Content-Type": "font/ttf"})


FETCHER = PackageFonts()


def _radio_buttons_as_widgets(document: Any, pdf: Any) -> None:
    """WeasyPrint names every radio button like its group, so PDF viewers see eleven fields "cijfer.cijfer"
    instead of one group "cijfer". A radio button is a widget of its group, not a field of its own: it
    inherits name and type from the group (PDF 1.7, 12.7.4.2.4)."""
    for obj in pdf.objects:
        if isinstance(obj, dict) and obj.get("Subtype") == "/Widget" and "Parent" in obj and "AS" in obj:
            for key in ("T", "TU", "FT"):
                obj.pop(key, None)


@contextmanager
def _quiet() -> Iterator[None]:
    """Keep WeasyPrint's warnings out of the build log while it renders; errors still show."""
    loggers = [logging.getLogger(name) for name in _WEASYPRINT_LOGGERS]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)
