"""Site search with Pagefind: a chunked index, so a reader's first search transfers a few chunks, not the whole site.

Material's own search loads one index of every page before it can answer; with thousands of practices that is
megabytes. Pagefind indexes the built HTML after the build and splits the index into small, hashed files that
the browser fetches per search term. This module runs the Pagefind binary (from the ``pagefind[bin]`` package)
and places the search field in the theme's header; it needs no MkDocs.
"""

from __future__ import annotations

import re
import subprocess
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


def index_site(site_dir: Path, *, keep_index_url: bool = False) -> IndexReport:
    """Index the built site in ``site_dir`` into ``site_dir/pagefind``; raise with a Dutch message when that fails."""
    command = [str(find_pagefind()), "--site", str(site_dir), "--output-subdir", BUNDLE_DIR]
    for selector in NOT_TEXT:
        command += ["--exclude-selectors", selector]
    if keep_index_url:
        command.append("--keep-index-url")
    try:
        finished = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False)
    except subprocess.TimeoutExpired as exc:
        raise SearchIndexError(f"Pagefind was na {TIMEOUT_SECONDS} seconden nog niet klaar met de zoekindex") from exc
    except OSError as exc:
        raise SearchIndexError(f"Pagefind kon niet starten: {exc}") from exc
    output = finished.stdout + finished.stderr
    if finished.returncode != 0:
        detail = " ".join(output.split())[-600:]
        raise SearchIndexError(f"Pagefind kon de zoekindex niet maken (afsluitcode {finished.returncode}): {detail}")
    found = _PAGEFIND_SUMMARY.search(output)
    return IndexReport(pages=int(found.group(1)) if found else 0)


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
