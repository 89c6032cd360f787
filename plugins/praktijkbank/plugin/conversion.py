"""Practice pages converted from Markdown to HTML ahead of MkDocs, exactly as MkDocs converts them.

MkDocs converts one page at a time in one process, and with thousands of practices that conversion is the largest
part of a build. A practice page's HTML depends only on its Markdown and the site's Markdown settings: the body may
only link outward (``body.py``) and the links the plugin makes are finished HTML kept out of Markdown. So the plugin
converts every practice page ahead with MkDocs's own ``Page.render`` (during ``mkdocs build`` with many practices
in forked workers, else in the build's own process), hands MkDocs an empty page and puts the premade HTML back.
Having the pages early also lets the search index take them while the workers still work. ``mkdocs serve`` keeps
the conversions between rebuilds, so an unchanged page is not converted again.

Whatever the conversion says to MkDocs's log is recorded and said again when MkDocs reaches the page, so warnings
still count for ``--strict`` and appear in the usual order.

This is the one place where the plugin leans on MkDocs's internals rather than its documented plugin API; they are
the same in MkDocs 1.6 and ProperDocs 1.6 (``tests/plugin/test_generators.py`` builds with both and compares):

- ``Page(None, file, config)``, ``Page.read_source`` and ``Page.render``: how MkDocs itself turns a page's Markdown
  into HTML (``mkdocs.commands.build._populate_page``). No documented API converts one page, and doing it with
  Python-Markdown directly would miss MkDocs's own extensions (link checks, anchors, the table of contents).
- ``config._current_page``: set as MkDocs sets it while converting, because the documented ``!relative`` setting of
  Markdown extensions reads it.
- ``Page.present_anchor_ids`` and ``Page.links_to_anchors``: what MkDocs's anchor check (``validation.anchors``)
  reads after all pages are converted; copied so that the check sees premade pages as if MkDocs made them.
- ``mkdocs.structure.toc.get_toc``: rebuilds ``page.toc`` (documented for themes) from plain values.
- The generator's loggers, by name: its own modules log under its package name (``mkdocs``, or ``properdocs``, under
  which ProperDocs also hangs the ``mkdocs`` logger), and both are recorded.

If a later MkDocs or ProperDocs changes one of these, the tests that compare premade pages with pages MkDocs made
itself (``tests/plugin/test_premade.py``) fail; setting ``convert_all`` aside (returning nothing) then gives a correct, slower
build, since MkDocs converts every page it is not handed.

`AheadConversions` keeps the plugin's books of it: the conversions kept between ``serve`` rebuilds, the HTML of this
build's practice pages as the site shows it, and the pages for which MkDocs takes that HTML instead of converting."""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents, get_toc

from praktijkbank.runtime import forked

#: Pages per chunk of work: small, so that the first pages come back (and go on to the search index) early.
CHUNK_SIZE = 50

LogRecord = tuple[str, int, str]  # logger name, level, message
#: The loggers of the generator that runs: MkDocs logs under ``mkdocs``; ProperDocs, whose modules MkDocs's names stand
#: for while it runs, logs under ``properdocs`` (and plugins that name ``mkdocs`` get that logger hung under it).
GENERATOR_LOGGERS = tuple(dict.fromkeys(("mkdocs", Page.__module__.partition(".")[0])))
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


class AheadConversions:
    """Practice pages converted ahead, from ``on_files`` until MkDocs reaches each page."""

    def __init__(self) -> None:
        self.converted: dict[str, Conversion] = {}  # kept across `serve` rebuilds: reused while the Markdown is the same
        self.finished: dict[str, str] = {}  # the same pages' HTML as the site shows it, until MkDocs reaches them
        self.reusing: dict[str, Conversion] = {}  # this build's pages that take their HTML from `converted`

    def start_build(self, *, keep: bool) -> None:
        """A new build: nothing finished or reused yet; the earlier conversions kept only with ``keep`` (serve)."""
        self.reusing, self.finished = {}, {}
        if not keep:
            self.converted = {}

    def convert(self, pages: Sequence[tuple[str, str]], config: MkDocsConfig, files: Files, workers: int,
                finish: Callable[[str, Conversion], str]) -> None:
        """Convert ``pages`` (see `convert_all`); ``finish(src_uri, conversion)`` gives each page's HTML as shown."""
        self.finished = {}

        def ready(src_uri: str, conversion: Conversion) -> None:
            self.finished[src_uri] = finish(src_uri, conversion)

        self.converted = convert_all(pages, config, files, workers, earlier=self.converted, each=ready)

    def reuse(self, src_uri: str, markdown: str) -> bool:
        """Will this page take its premade HTML? Only when its Markdown is still what was converted."""
        conversion = self.converted.get(src_uri)
        if conversion is not None and conversion.markdown == markdown:
            self.reusing[src_uri] = conversion
            return True
        return False

    def take(self, src_uri: str) -> tuple[Conversion, str] | None:
        """The conversion and finished HTML of a page MkDocs has reached, when it reuses them (once)."""
        conversion = self.reusing.pop(src_uri, None)
        finished = self.finished.pop(src_uri, None)
        return (conversion, finished) if conversion is not None and finished is not None else None

    def end_build(self) -> None:
        self.reusing, self.finished = {}, {}


def convert_all(pages: Sequence[tuple[str, str]], config: MkDocsConfig, files: Files, workers: int, *,
                earlier: Mapping[str, Conversion] | None = None,
                each: Callable[[str, Conversion], None] | None = None) -> dict[str, Conversion]:
    """``src_uri -> Conversion`` of generated pages ``(src_uri, markdown)``, in their order.

    A page whose Markdown is the same as in ``earlier`` keeps that conversion. The others are converted by
    ``workers`` forked processes when there are enough of them, else (or when processes cannot be used) here.
    ``each(src_uri, conversion)`` is called for every page, in order, as soon as its conversion is there.
    """
    earlier = earlier or {}
    made = {src_uri: found for src_uri, markdown in pages
            if (found := earlier.get(src_uri)) is not None and found.markdown == markdown}
    todo = [(src_uri, markdown) for src_uri, markdown in pages if src_uri not in made]
    waiting = deque(src_uri for src_uri, _ in pages)  # not yet handed to `each`, in page order

    def hand_over() -> None:
        while waiting and waiting[0] in made:
            src_uri = waiting.popleft()
            if each is not None:
                each(src_uri, made[src_uri])

    def take(index: int, values: tuple[Any, ...]) -> None:
        made[todo[index][0]] = Conversion(*values)
        hand_over()

    def convert(item: tuple[str, str]) -> tuple[Any, ...]:
        return convert_one(item[0], item[1], config, files).to_values()

    hand_over()
    if len(todo) >= forked.CONVERSION_MIN:
        forked.map_forked(convert, todo, workers, each=take, chunk_size=CHUNK_SIZE)
    for index, (src_uri, markdown) in enumerate(todo):  # what the workers did not do (all of it, without them)
        if src_uri not in made:
            take(index, convert_one(src_uri, markdown, config, files).to_values())
    return {src_uri: made[src_uri] for src_uri, _ in pages}


def convert_one(src_uri: str, content: str, config: MkDocsConfig, files: Files) -> Conversion:
    """Convert a generated page the way MkDocs does: read its source (front matter becomes meta), then ``render``."""
    # The documented File API; File.generated would read which plugin event is running, and this also runs outside one.
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

    loggers = [logging.getLogger(name) for name in GENERATOR_LOGGERS]
    saved = [(logger.handlers[:], logger.propagate) for logger in loggers]
    for logger in loggers:
        logger.handlers, logger.propagate = [Recorder()], False
    try:
        yield records
    finally:
        for logger, (handlers, propagate) in zip(loggers, saved, strict=True):
            logger.handlers, logger.propagate = handlers, propagate


def _toc_tokens(toc: TableOfContents | None) -> list[TocToken]:
    def token(link: AnchorLink) -> TocToken:
        return {"level": link.level, "id": link.id, "name": link.title, "children": [token(child) for child in link.children]}

    return [token(link) for link in toc or ()]


def _links_to_anchors(page: Page) -> dict[str, dict[str, str]] | None:
    if page.links_to_anchors is None:
        return None
    return {target.src_uri: dict(anchors) for target, anchors in page.links_to_anchors.items()}
