"""Site search with Pagefind: a chunked index, so a reader's first search transfers a few chunks, not the whole site.

Material's own search loads one index of every page before it can answer; with thousands of practices that is
megabytes. Pagefind indexes each page's content and splits the index into small, hashed files that the browser
fetches per search term. This module runs the Pagefind binary (from the ``pagefind[bin]`` package) beside the
build and places the search field in the theme's header; it needs no MkDocs.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

#: Where Pagefind writes its bundle inside the site.
BUNDLE_DIR = "pagefind"
#: How long the indexer may take before we give up (it needs about two seconds per thousand pages).
TIMEOUT_SECONDS = 600

#: Parts of indexed content that are not text: the permalink marks that MkDocs puts after headings.
NOT_TEXT = (".headerlink",)

#: Attributes that tell Pagefind what to index: only content wrapped in it, so lists and menus stay out.
INDEXED_CONTENT = '<div class="pb-zoekinhoud" data-pagefind-body>{}</div>'

_HEADER = re.compile(r'<nav class="md-header__inner[^"]*"[^>]*>')
_HEADER_SOURCE = '<div class="md-header__source">'
_PAGEFIND_SUMMARY = re.compile(r"Indexed (\d+) pages?")


class SearchIndexError(Exception):
    """The search index could not be made; the message is Dutch and says what to do."""


@dataclass(frozen=True)
class IndexReport:
    pages: int


def find_pagefind() -> Path:
    """The Pagefind program that ``pip install 'pagefind[bin]'`` put next to Python."""
    try:
        import pagefind_bin
    except ImportError as exc:
        raise SearchIndexError(
            "het zoekprogramma Pagefind is niet geïnstalleerd. Installeer het met: pip install 'pagefind[bin]' "
            "(of zet 'search: false' bij de plugin praktijkbank om zonder zoekfunctie te bouwen)"
        ) from exc
    try:
        return pagefind_bin.get_executable()
    except (FileNotFoundError, OSError) as exc:
        raise SearchIndexError(f"het zoekprogramma Pagefind is niet te vinden ({exc}). Installeer 'pagefind[bin]' opnieuw") from exc


class StagingArea:
    """The folder of small pages that Pagefind reads, one per indexed page at that page's own path.

    A build uses a fresh one. ``mkdocs serve`` keeps one for as long as it runs, so that a rebuild only writes the
    pages whose content changed (and removes those that are gone): writing a thousand files is most of the cost.
    """

    def __init__(self) -> None:
        self._work = tempfile.TemporaryDirectory(prefix="praktijkbank-zoekindex-")
        self.pages_dir = Path(self._work.name, "pages")
        self.pages_dir.mkdir()
        self.log = Path(self._work.name, "pagefind.log")
        self._written: dict[str, bytes] = {}  # path -> digest of what is on disk
        self._current: set[str] = set()

    def begin(self) -> None:
        self._current = set()

    def put(self, dest_path: str, document: str) -> None:
        self._current.add(dest_path)
        digest = hashlib.blake2b(document.encode("utf-8"), digest_size=16).digest()
        if self._written.get(dest_path) == digest:
            return
        target = self.pages_dir / dest_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(document, encoding="utf-8")
        self._written[dest_path] = digest

    def end(self) -> None:
        """Remove the pages that were not handed over this time."""
        for gone in set(self._written) - self._current:
            (self.pages_dir / gone).unlink(missing_ok=True)
            del self._written[gone]

    def cleanup(self) -> None:
        self._work.cleanup()


class BackgroundIndexer:
    """Pagefind, run beside the build instead of after it.

    Indexing costs Pagefind about two milliseconds a page, as much as Material's own search cost the build. MkDocs
    builds on one core; Pagefind can use the other. The plugin hands over each page's content as soon as Markdown
    has made it (``add``, into a ``StagingArea``), starts Pagefind once all content is there (``start``), while
    MkDocs is still applying the theme to every page, and waits for it at the end (``finish``). Only what was
    handed over is indexed.
    """

    def __init__(self, site_dir: Path, page_template: Callable[..., str], *, keep_index_url: bool = False,
                 staging: StagingArea | None = None) -> None:
        self.site_dir = site_dir
        self.page_template = page_template
        self.keep_index_url = keep_index_url
        self._own_staging = staging is None
        self.staging = staging or StagingArea()
        self.staging.begin()
        self._process: subprocess.Popen[bytes] | None = None
        self.pages = 0

    def add(self, dest_path: str, content_html: str, *, language: str) -> None:
        self.staging.put(dest_path, self.page_template(content=content_html, language=language))
        self.pages += 1

    def start(self) -> None:
        self.staging.end()
        self.staging.log.unlink(missing_ok=True)
        command = [str(find_pagefind()), "--site", str(self.staging.pages_dir), "--output-path", str(self.site_dir / BUNDLE_DIR),
                   "--logfile", str(self.staging.log)]
        for selector in NOT_TEXT:
            command += ["--exclude-selectors", selector]
        if self.keep_index_url:
            command.append("--keep-index-url")
        try:
            self._process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
        except OSError as exc:
            self.close()
            raise SearchIndexError(f"Pagefind kon niet starten: {exc}") from exc

    def finish(self) -> IndexReport:
        """Wait for Pagefind; raise with a Dutch message when it failed."""
        if self._process is None:
            self.start()
        assert self._process is not None
        try:
            code = self._process.wait(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired as exc:
            self.close()
            raise SearchIndexError(f"Pagefind was na {TIMEOUT_SECONDS} seconden nog niet klaar met de zoekindex") from exc
        log = self.staging.log
        output = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
        self.close()
        if code != 0:
            raise SearchIndexError(f"Pagefind kon de zoekindex niet maken (afsluitcode {code}): {' '.join(output.split())[-600:]}")
        found = _PAGEFIND_SUMMARY.search(output)
        return IndexReport(pages=int(found.group(1)) if found else 0)

    def close(self) -> None:
        """Stop Pagefind if it still runs (a failed build) and remove a staging folder of its own."""
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        if self._own_staging:
            self.staging.cleanup()


def mark_indexed(content_html: str) -> str:
    """Wrap a page's content so Pagefind indexes it; pages not wrapped (lists of practices) stay out of search."""
    return INDEXED_CONTENT.format(content_html)


def insert_header_search(page_html: str, field_html: str) -> str:
    """Put the search field in Material's header, before the repository link; unchanged for another theme."""
    header = _HEADER.search(page_html)
    if header is None:
        return page_html
    end = page_html.find("</nav>", header.end())
    if end < 0:
        return page_html
    source = page_html.find(_HEADER_SOURCE, header.end(), end)
    at = source if source >= 0 else end
    return page_html[:at] + field_html + page_html[at:]
