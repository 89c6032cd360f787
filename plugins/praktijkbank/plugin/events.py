"""The MkDocs plugin: a thin adapter that feeds MkDocs the pages the core renders.

It loads and validates practices with the same code as ``praktijkbank check``, fails the build when any
practice is invalid (listing every problem), and during ``mkdocs serve`` shows the problems on the
broken practice's own page instead, so a contributor can keep editing with live reload.

Each event makes one call into the core and applies what it returns: ``on_files`` asks ``site.py`` for every file of
the site and adds them (``files.py``); what outlives a build while serving is in ``state.py``, the pages converted
ahead in ``conversion.py``, the search index being made in ``indexing.py``, the Dutch last lines of a failed build in
``verdicts.py``.

It runs on MkDocs 1.6 and on ProperDocs, its maintained fork (``tests/plugin/test_generators.py`` builds with both). Beyond
the documented plugin API it uses four things, each explained where it is used and in the README (*Generators*):
``config.theme.dirs``, ``page.update_date``, ``Abort`` with MkDocs's text for a strict stop, and the logger
``mkdocs.commands.build``; ``conversion.py`` lists its own.
"""

from __future__ import annotations

import gc
import logging
import os
import re
from pathlib import Path
from typing import Any, cast

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import BuildError, PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from praktijkbank import site
from praktijkbank.checking.collection import LoadResult, load_practices
from praktijkbank.checking.reporting import finding_line
from praktijkbank.core.defaults import Choice
from praktijkbank.core.findings import Finding
from praktijkbank.core.schema import Schema, SchemaError
from praktijkbank.pages.environment import make_environment
from praktijkbank.pages.urls import edit_url, relative_url
from praktijkbank.plugin import conversion, indexing, mkdocs_messages, verdicts
from praktijkbank.plugin.config import PraktijkbankConfig, search_enabled, site_settings
from praktijkbank.plugin.files import add_generated
from praktijkbank.plugin.state import ServeCaches
from praktijkbank.publishing import structured
from praktijkbank.runtime import forked
from praktijkbank.search.pagefind import insert_header_search

log = get_plugin_logger(__name__)

#: Theme templates of the plugin (a Dutch 404 page; the repository link without GitHub API calls). They come after
#: the site's own ``custom_dir``, so a site can still override them, and before the theme's.
OVERRIDES_DIR = Path(__file__).parents[1] / "overrides"
#: The title of the link next to every heading, which MkDocs's table of contents gives in English.
PERMALINK_TITLE = "Directe link naar dit kopje"
BLOCK_MARKER = re.compile(r"<!--\s*praktijkbank:([a-z-]+)\s*-->")
LEVELS = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING}


class PraktijkbankPlugin(BasePlugin[PraktijkbankConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.is_serve = False
        self.schema: Schema | None = None
        self.caches = ServeCaches()  # kept across `serve` rebuilds (see state.py)
        self.result = LoadResult()
        self.site: site.SiteBuild | None = None  # per build: the renderer, the practice of each page, publication
        self.site_dir: Path | None = None
        self.pdf = site.PdfChoice(None, False)  # per build: whether the worksheets get PDFs, and the renderer of them
        self.search_enabled = False
        self.search = indexing.SearchIndex()  # per build, while the search index is being made
        self.template_dirs: list[str] = []  # the theme's folders, where a site may override the plugin's templates

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # A run (one `build`, or one `serve` with all its rebuilds) starts here. MkDocs keeps plugin instances for the
        # life of the process, so a second run in the same process starts with caches and told notes of its own.
        self.is_serve = command == "serve"
        self.caches = ServeCaches()
        mkdocs_messages.install()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        # Runs again on every `serve` rebuild: all per-build state starts here.
        if not self.config.enabled:
            return config
        try:
            schema = Schema.load(Path(self.config.schema))
        except SchemaError as exc:
            raise PluginError(f"praktijkbank: {exc}") from exc
        if self.schema is None or schema.raw != self.schema.raw:
            # A changed schema can change every verdict and every label: start the caches afresh.
            self.schema = schema
            self.caches.reset()
        self.root = Path(config.config_file_path).parent
        if str(OVERRIDES_DIR) not in config.theme.dirs:
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(OVERRIDES_DIR))
        if "toc" in config.markdown_extensions:
            config.mdx_configs.setdefault("toc", {}).setdefault("permalink_title", PERMALINK_TITLE)
        self.template_dirs = list(config.theme.dirs)
        self.env = make_environment(self.template_dirs)
        for stylesheet in (site.STYLESHEET, site.PRINT_STYLESHEET):
            if stylesheet not in config.extra_css:
                config.extra_css.append(stylesheet)
        for script in (site.FACET_SCRIPT, site.SCRIPT):
            if script not in config.extra_javascript:
                config.extra_javascript.append(script)
        self.site = None
        self.caches.conversions.start_build(keep=self.is_serve)
        self.site_dir = Path(config.site_dir)
        cache_dir = self.config.pdf_cache_dir
        self.pdf = site.pdf_choice(cast(Choice, self.config.worksheets_pdf), worksheets=self.config.worksheets, renderer=self.caches.pdf,
                                   cache_dir=self.root / cache_dir if cache_dir else None)
        if self.pdf.refusal is not None:
            raise PluginError(f"praktijkbank: {self.pdf.refusal}")
        if self.pdf.note is not None:
            log.info(self.pdf.note)
        self.caches.pdf = self.pdf.renderer
        self.search_enabled = search_enabled(self.config)
        if self.search_enabled and any(name in config.plugins for name in ("search", "material/search")):
            log.warning("praktijkbank zoekt met Pagefind; haal de plugin 'search' weg uit mkdocs.yml, anders staan er "
                        "twee zoekfuncties op de site en laadt de ene bij de eerste zoekvraag een index van de hele site.")
        return config

    @event_priority(-50)  # after other plugins have added their files, so ours never hide theirs
    @verdicts.reports_template_errors
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self.schema is None:
            return files
        # `serve` keeps to one process: its live-reload server runs threads, and forking those is not safe.
        workers = 1 if self.is_serve else forked.usable_cpus()
        memos = self.caches.memos(serving=self.is_serve)
        self.result = load_practices([Path(self.config.practices_dir)], self.schema, root=self.root, cache=memos.files,
                                     workers=workers)
        if not self.is_serve:
            # What is read now lives until the end of the build: out of the garbage collector's way (and out of the
            # way of the forked workers' collectors, which would copy the pages it is on) until ``on_post_build``.
            gc.freeze()
        self._report(self.result.findings)
        if self.result.has_errors and not self.is_serve:
            raise verdicts.not_built(self.result, strict=bool(config.strict))
        self.site = built = site.SiteBuild(self.env, self.schema, self.result, site_settings(self.config, config, self.root),
                                           memos, nonce=self.caches.nonce, pdf=self.pdf, workers=workers)
        for item in built.files({file.src_uri for file in files}):
            if isinstance(item, site.Refusal):
                raise PluginError(f"praktijkbank: {item.message}")
            if isinstance(item, site.Note):
                if not item.once or self.caches.first_time(item.message):
                    log.log(LEVELS[item.level], item.message)
            else:
                add_generated(files, config, item)
        self._convert_practice_pages(built, files, config, workers)
        if not self.is_serve:
            gc.freeze()  # the pages, and what the workers made, live until the end of the build too
        return files

    def _convert_practice_pages(self, built: site.SiteBuild, files: Files, config: MkDocsConfig, workers: int) -> None:
        """Convert practice pages to HTML now (on every core during ``build``), and hand them to search as they come.

        Practice pages go to the search index first (``indexing.py``).
        """
        self.search.close()
        if self.search_enabled:
            self.search.start(config, self.env)
        renderer = built.renderer
        assert renderer is not None

        def finish(src_uri: str, made: conversion.Conversion) -> str:
            html = renderer.restore(src_uri, made.html, keep=True)  # kept in case MkDocs must convert after all
            return self.search.put(files.get_file_from_path(src_uri).dest_uri, html, config)  # type: ignore[union-attr]

        self.caches.conversions.convert(built.practice_pages, config, files, workers, finish)

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page | None:
        # Reproducible builds: MkDocs dates pages (and the sitemap) with the clock unless SOURCE_DATE_EPOCH
        # is set. Without it, use the content's own date, so the same input gives the same bytes on any day.
        if self.site is not None and self.site.content_date and not os.environ.get("SOURCE_DATE_EPOCH"):
            page.update_date = self.site.content_date
        return page

    @verdicts.reports_template_errors
    def _page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if self.site is None:
            return markdown
        practice = self.site.sources.get(page.file.src_uri)
        if practice is not None:
            # Themes print the title unescaped (Material even un-escapes it with `striptags` in <title>),
            # so hand them an HTML-escaped title through the page's meta.
            page.meta["title"] = str(escape(practice.title))
            # The theme's <meta name="description">: the summary, which search engines show (escaped, as the title).
            page.meta["description"] = str(escape(" ".join(practice.summary.split())))
        if self.site.renderer is not None and "praktijkbank:" in markdown:
            renderer = self.site.renderer
            markdown = BLOCK_MARKER.sub(lambda m: renderer.block(m.group(1), page.file.src_uri) or m.group(0), markdown)
        return markdown

    @event_priority(-100)  # after every other plugin: only Markdown that nobody changed may take the premade HTML
    def _premade_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """A practice page whose Markdown was converted already (see ``_convert_practice_pages``).

        MkDocs then converts an empty page, and ``on_page_content`` puts the premade HTML back. When another plugin
        changed the Markdown, MkDocs converts it as always.
        """
        return "" if self.caches.conversions.reuse(page.file.src_uri, markdown) else markdown

    on_page_markdown = CombinedEvent(_page_markdown, _premade_markdown)

    @event_priority(100)  # first: other plugins get the finished HTML, and search gets it as the plugin made it
    @verdicts.reports_template_errors
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        src_uri = page.file.src_uri
        renderer = self.site.renderer if self.site is not None else None
        premade = self.caches.conversions.take(src_uri)
        if premade is not None:
            made, finished = premade
            made.apply(page, files)
            if renderer is not None:
                renderer.forget(src_uri)
            return finished  # restored, and handed to search, in `_convert_practice_pages`
        if renderer is not None:
            html = renderer.restore(src_uri, html)
        return html if indexing.excluded(page) else self.search.put(page.file.dest_uri, html, config)

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        # Where the Dutch 404 page (overrides/404.html) leads: paths from the site's root, as that page has no place.
        renderer = self.site.renderer if self.site is not None else None
        env.globals["praktijkbank_search_path"] = (relative_url("index.md", self.config.search_page, config.use_directory_urls)
                                                   if self.search_enabled else "")
        env.globals["praktijkbank_overview_path"] = (relative_url("index.md", renderer.overview_src, config.use_directory_urls)
                                                     if renderer is not None else "")
        # Every page's content is there now: Pagefind makes the bundle while MkDocs applies the theme to the pages.
        self.search.all_handed_over()
        return env

    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Any) -> TemplateContext | None:
        practice = self.site.sources.get(page.file.src_uri) if self.site is not None else None
        if practice is not None:
            page.edit_url = edit_url(config.repo_url, config.edit_uri, Path(config.docs_dir), self.root, practice.source_path)
        return context

    @verdicts.reports_template_errors
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if self.site is None:
            return output
        if self.site.publication is not None:
            practice = self.site.sources.get(page.file.src_uri)
            output = structured.insert_into_head(output, structured.head_additions(
                self.site.publication, page.url, practice, self.schema if practice is not None else None,
                title=page.title or "", description=str(page.meta.get("description") or "")))
        if not self.search_enabled or self.site.renderer is None:
            return output
        return insert_header_search(output, self.site.renderer.header_search(page.file.src_uri, self.config.search_page))

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        gc.unfreeze()
        pages = self.search.finish()
        if pages is not None:
            log.debug("zoekindex gemaakt van %d pagina's", pages)

    @event_priority(-100)  # last: the Dutch verdict raised here ends the build, so other plugins clean up first
    def on_build_error(self, *, error: Exception) -> None:
        """Never leave a half-written site that looks complete: empty the output folder and say so; then make sure the
        last line is Dutch and says what stopped the build (``verdicts.py``)."""
        gc.unfreeze()
        self.search.close()
        if self.is_serve:
            return
        verdict = verdicts.verdict(error, self.result.findings)
        if isinstance(error, BuildError):
            logging.getLogger("mkdocs.commands.build").error(str(error))  # what MkDocs logs before its English last line
        if self.site_dir is not None and verdicts.empty(self.site_dir):
            log.error("de site is niet (volledig) gebouwd; de map %s is leeggemaakt, zodat er geen half gebouwde site "
                      "achterblijft.", self.site_dir)
        if verdict is not None:
            raise verdicts.SiteNotBuilt(verdict) from None

    def on_shutdown(self) -> None:
        self.search.close()
        # MkDocs keeps its plugins until the program ends. Let go of the practices, pages and caches now: freed
        # here they cost a fraction of what the interpreter's last garbage collection would spend walking them.
        self.result, self.site = LoadResult(), None
        self.caches.reset()
        gc.unfreeze()

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        if self.config.enabled:
            server.watch(str(self.config.practices_dir))
            server.watch(str(self.config.schema))
        return server

    # -- applying what the core returns ------------------------------------------------------

    def _report(self, findings: list[Finding]) -> None:
        # While serving, problems are shown on the practice's page; logging them as warnings would make
        # a strict `serve` abort the rebuild and leave the contributor looking at a stale page.
        for finding in findings:
            if self.is_serve:
                log.info(finding_line(finding))
            elif finding.is_error:
                log.error(finding_line(finding))
            else:
                log.warning(finding_line(finding))
