"""Practice pages converted from Markdown to HTML ahead of MkDocs, in forked workers, exactly as MkDocs converts them.

MkDocs converts one page at a time in one process, and with thousands of practices that conversion is the largest
part of a build. A practice page's HTML depends only on its Markdown and the site's Markdown settings: the body may
only link outward (``body.py``) and the links the plugin makes are finished HTML kept out of Markdown. So during
``mkdocs build`` workers can convert every practice page ahead, with MkDocs's own ``Page.render``, while the plugin
hands MkDocs an empty page and puts the premade HTML back. ``mkdocs serve`` keeps the same records between rebuilds,
so an unchanged page is not converted again.

Whatever the conversion says to MkDocs's log is recorded and said again when MkDocs reaches the page, so warnings
still count for ``--strict`` and appear in the usual order.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents, get_toc

from . import forked

#: Below this many pages, starting workers costs more than converting in the main process.
PARALLEL_MIN = 200

LogRecord = tuple[str, int, str]  # logger name, level, message
TocToken = dict[str, Any]


@dataclass(frozen=True)
class Conversion:
    """What MkDocs made of one page's Markdown, as plain values that can travel between processes."""

    markdown: str
    html: str
    toc: list[TocToken]
    anchors: list[str]
    links_to_anchors: dict[str, dict[str, str]] | None  # target src_uri -> {anchor: link as written}; None when not kept
    log: list[LogRecord]

    def apply(self, page: Page, files: Files) -> str:
        """Give ``page`` the table of contents and anchors of this conversion, say its log again; its HTML."""
        page.toc = get_toc(self.toc)  # type: ignore[arg-type]
        page.present_anchor_ids = set(self.anchors)
        if self.links_to_anchors is not None:
            page.links_to_anchors = {target: dict(anchors) for src_uri, anchors in self.links_to_anchors.items()
                                     if (target := files.get_file_from_path(src_uri)) is not None}
        for name, level, message in self.log:
            logging.getLogger(name).log(level, "%s", message)
        return self.html

    def to_values(self) -> tuple[Any, ...]:
        return (self.markdown, self.html, self.toc, self.anchors, self.links_to_anchors, self.log)


def record(markdown: str, html: str, page: Page) -> Conversion:
    """A conversion MkDocs has just made in this process (while serving), to be reused when the Markdown is the same."""
    return Conversion(markdown, html, _toc_tokens(page.toc), sorted(page.present_anchor_ids or ()),
                      _links_to_anchors(page), [])


def convert_all(pages: Sequence[tuple[str, str]], config: MkDocsConfig, files: Files, workers: int) -> dict[str, Conversion]:
    """``src_uri -> Conversion`` of generated pages ``(src_uri, markdown)``, made by ``workers`` forked processes.

    Empty when there are too few pages to be worth it or when processes cannot be used: MkDocs then converts the
    pages itself, as always.
    """
    if len(pages) < PARALLEL_MIN:
        return {}

    def convert(item: tuple[str, str]) -> tuple[Any, ...]:
        return convert_one(item[0], item[1], config, files).to_values()

    values = forked.map_forked(convert, pages, workers)
    if values is None:
        return {}
    return {src_uri: Conversion(*value) for (src_uri, _), value in zip(pages, values, strict=True)}


def convert_one(src_uri: str, content: str, config: MkDocsConfig, files: Files) -> Conversion:
    """Convert a generated page the way MkDocs does: read its source (front matter becomes meta), then ``render``."""
    file = File(src_uri, src_dir=None, dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls)
    file.content_string = content
    page = Page(None, file, config)
    with _captured_log() as log:
        page.read_source(config)
        assert page.markdown is not None
        config._current_page = page  # as MkDocs sets it while it converts a page; some extensions read it
        try:
            page.render(config, files)
        finally:
            config._current_page = None
    return Conversion(page.markdown, page.content or "", _toc_tokens(page.toc), sorted(page.present_anchor_ids or ()),
                      _links_to_anchors(page), log)


@contextmanager
def _captured_log() -> Iterator[list[LogRecord]]:
    """Record what is said to MkDocs's loggers instead of printing it (the main process says it again)."""
    records: list[LogRecord] = []

    class Recorder(logging.Handler):
        def emit(self, entry: logging.LogRecord) -> None:
            records.append((entry.name, entry.levelno, entry.getMessage()))

    logger = logging.getLogger("mkdocs")
    handlers, propagate = logger.handlers[:], logger.propagate
    logger.handlers, logger.propagate = [Recorder()], False
    try:
        yield records
    finally:
        logger.handlers, logger.propagate = handlers, propagate


def _toc_tokens(toc: TableOfContents | None) -> list[TocToken]:
    def token(link: AnchorLink) -> TocToken:
        return {"level": link.level, "id": link.id, "name": link.title, "children": [token(child) for child in link.children]}

    return [token(link) for link in toc or ()]


def _links_to_anchors(page: Page) -> dict[str, dict[str, str]] | None:
    if page.links_to_anchors is None:
        return None
    return {target.src_uri: dict(anchors) for target, anchors in page.links_to_anchors.items()}
