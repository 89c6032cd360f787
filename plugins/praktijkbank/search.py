"""Site search with Pagefind: a chunked index, so a reader's first search transfers a few chunks, not the whole site.

Material's own search loads one index of every page before it can answer; with thousands of practices that is
megabytes. Pagefind indexes the built HTML after the build and splits the index into small, hashed files that
the browser fetches per search term. This module runs the Pagefind binary (from the ``pagefind[bin]`` package)
and places the search field in the theme's header; it needs no MkDocs.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

#: Where Pagefind writes its bundle inside the site.
BUNDLE_DIR = "pagefind"
#: How long the indexer may take before we give up (it needs about a second per thousand practices).
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


class BackgroundIndexer:
    """Pagefind, run beside the build instead of after it.

    Indexing costs Pagefind about two milliseconds a page, as much as Material's own search cost the build. MkDocs
    builds on one core; Pagefind can use the other. The plugin hands over each page's content as soon as Markdown
    has made it (``add``: a small HTML file per page in a staging folder, at the page's own path, so the URLs come
    out right), starts Pagefind once all content is there (``start``), while MkDocs is still applying the theme to
    every page, and waits for it at the end (``finish``). Only what was handed over is indexed.
    """

    def __init__(self, site_dir: Path, page_template: Callable[..., str], *, keep_index_url: bool = False) -> None:
        self.site_dir = site_dir
        self.page_template = page_template
        self.keep_index_url = keep_index_url
        self._work = tempfile.TemporaryDirectory(prefix="praktijkbank-zoekindex-")
        self._pages_dir = Path(self._work.name, "pages")
        self._log = Path(self._work.name, "pagefind.log")
        self._process: subprocess.Popen[bytes] | None = None
        self.pages = 0

    def add(self, dest_path: str, content_html: str, *, language: str) -> None:
        target = self._pages_dir / dest_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(self.page_template(content=content_html, language=language), encoding="utf-8")
        self.pages += 1

    def start(self) -> None:
        self._pages_dir.mkdir(exist_ok=True)
        command = [str(find_pagefind()), "--site", str(self._pages_dir), "--output-path", str(self.site_dir / BUNDLE_DIR),
                   "--logfile", str(self._log)]
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
        output = self._log.read_text(encoding="utf-8", errors="replace") if self._log.exists() else ""
        self.close()
        if code != 0:
            raise SearchIndexError(f"Pagefind kon de zoekindex niet maken (afsluitcode {code}): {' '.join(output.split())[-600:]}")
        found = _PAGEFIND_SUMMARY.search(output)
        return IndexReport(pages=int(found.group(1)) if found else 0)

    def close(self) -> None:
        """Stop Pagefind if it still runs (a failed build) and remove the staging folder."""
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        self._work.cleanup()


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
