"""The search index while MkDocs builds: pages handed to Pagefind as they are finished (``search/pagefind.py``).

Practice pages go first, in their own order, as they come out of the conversion ahead (``conversion.py``), so
Pagefind can start while workers still convert; the other pages follow as MkDocs makes them. The order is the same
with or without workers, and so is the search bundle. A failing Pagefind stops the build with a Dutch message.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from praktijkbank.search import pagefind as search

T = TypeVar("T")


class SearchIndex:
    """The indexer of one build (None between builds), fed one page at a time."""

    def __init__(self) -> None:
        self.indexer: search.StreamingIndexer | None = None

    def start(self, config: MkDocsConfig, env: jinja2.Environment) -> None:
        # Started before the last forked workers: it runs as programs of its own, no thread here, so forking stays safe.
        self.close()
        self.indexer = step(lambda: search.StreamingIndexer(
            Path(config.site_dir), env.get_template("praktijkbank/zoekindex.html.j2").render,
            keep_index_url=not config.use_directory_urls))

    def put(self, dest_uri: str, html: str, config: MkDocsConfig) -> str:
        """Hand a page's content to the index; its HTML as the site shows it (marked as indexed)."""
        if self.indexer is None:
            return html
        html = search.mark_indexed(html)
        self.indexer.put(dest_uri, html, language=config.theme.get("language") or "nl")  # the language picks the stemming
        return html

    def all_handed_over(self) -> None:
        if self.indexer is not None:
            step(self.indexer.all_handed_over)

    def finish(self) -> int | None:
        """Write the bundle; how many pages it holds (None when there was no index)."""
        if self.indexer is None:
            return None
        indexer, self.indexer = self.indexer, None
        return step(indexer.finish).pages

    def close(self) -> None:
        if self.indexer is not None:
            self.indexer.close()
            self.indexer = None


def step(action: Callable[[], T]) -> T:
    try:
        return action()
    except search.SearchIndexError as exc:
        raise PluginError(f"praktijkbank: de zoekfunctie is niet gemaakt: {exc}.") from exc


def excluded(page: Page) -> bool:
    """Pages that say ``search: exclude: true`` in their front matter (the lists of practices, the search page)."""
    setting = page.meta.get("search")
    return isinstance(setting, dict) and bool(setting.get("exclude"))
