"""The MkDocs plugin: a thin adapter that feeds MkDocs the pages the core renders.

It loads and validates practices with the same code as ``praktijkbank check``, fails the build when any
practice is invalid (listing every problem), and during ``mkdocs serve`` shows the problems on the
broken practice's own page instead, so a contributor can keep editing with live reload.

It runs on MkDocs 1.6 and on ProperDocs, its maintained fork (``tests/plugin/test_generators.py`` builds with both). Beyond
the documented plugin API it uses four things, each explained where it is used and in the README (*Generators*):
``config.theme.dirs``, ``page.update_date``, ``Abort`` with MkDocs's text for a strict stop, and the logger
``mkdocs.commands.build``; ``premade.py`` lists its own.
"""

from __future__ import annotations

import datetime
import functools
import gc
import logging
import os
import posixpath
import re
import secrets
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

import click
import jinja2
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError, PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from praktijkbank.checking.collection import FileCache, LoadResult, load_practices
from praktijkbank.checking.reporting import finding_line, summary_line
from praktijkbank.contribute import decap, form
from praktijkbank.core.findings import Finding
from praktijkbank.core.model import Practice
from praktijkbank.core.schema import Schema, SchemaError
from praktijkbank.pages import templateerrors
from praktijkbank.pages.environment import make_environment
from praktijkbank.pages.renderer import CardMemo, PageMemo, Renderer
from praktijkbank.pages.urls import edit_url, relative_url
from praktijkbank.pages.views import PracticeView, SiteView
from praktijkbank.plugin import conversion as premade
from praktijkbank.plugin import mkdocs_messages
from praktijkbank.plugin.config import PraktijkbankConfig
from praktijkbank.plugin.linkedfile import add_linked
from praktijkbank.publishing import publication, securitytxt, structured
from praktijkbank.runtime import forked
from praktijkbank.search import pagefind as search
from praktijkbank.worksheets import sheets as worksheets
from praktijkbank.worksheets.pdf import PdfRenderer, PdfUnavailable

log = get_plugin_logger(__name__)

ASSET_DIR = Path(__file__).parents[1] / "assets"
#: Theme templates of the plugin (a Dutch 404 page; the repository link without GitHub API calls). They come after
#: the site's own ``custom_dir``, so a site can still override them, and before the theme's.
OVERRIDES_DIR = Path(__file__).parents[1] / "overrides"
#: The title of the link next to every heading, which MkDocs's table of contents gives in English.
PERMALINK_TITLE = "Directe link naar dit kopje"
STYLESHEET = "assets/praktijkbank/praktijkbank.css"
PRINT_STYLESHEET = "assets/praktijkbank/praktijkbank-print.css"
SCRIPT = "assets/praktijkbank/praktijkbank.js"
SEARCH_SCRIPT = "assets/praktijkbank/zoeken.js"
#: A favicon of our own, for sites that set ``theme.favicon`` to it, and for the worksheets when the theme has none.
FAVICON = "assets/praktijkbank/favicon.svg"
BLOCK_MARKER = re.compile(r"<!--\s*praktijkbank:([a-z-]+)\s*-->")
T = TypeVar("T")
Event = TypeVar("Event", bound=Callable[..., Any])
#: How MkDocs says that ``--strict`` stopped the build: "Aborted with 2 warnings, 1 errors in strict mode!".
_STRICT_ABORT = re.compile(r"^Aborted with (?P<counts>.*) in strict mode!$")
_STRICT_COUNT = re.compile(r"(?P<number>\d+) (?P<level>warning|error)s?", re.IGNORECASE)


class SiteNotBuilt(Abort):
    """The build stops, and this Dutch message is the last line the contributor sees (MkDocs prints it as it is)."""

    def show(self, *args: Any, **kwargs: Any) -> None:
        click.echo("\n" + self.format_message(), err=True)  # with the log lines above it, not on stdout like Abort


def _reports_template_errors(event: Event) -> Event:
    """A failing template (mostly a site's own override) becomes a Dutch build error with its file and line.

    Without this, a mistake in an override in the theme's ``custom_dir`` ends the build with a Jinja traceback.
    """

    @functools.wraps(event)
    def reported(self: PraktijkbankPlugin, *args: Any, **kwargs: Any) -> Any:
        try:
            return event(self, *args, **kwargs)
        except jinja2.TemplateError as exc:
            raise PluginError(f"praktijkbank: {templateerrors.describe(exc, self.template_dirs)}") from None

    return cast(Event, reported)


class PraktijkbankPlugin(BasePlugin[PraktijkbankConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.is_serve = False
        self.schema: Schema | None = None
        self.result = LoadResult()
        self.sources: dict[str, Practice] = {}
        self.renderer: Renderer | None = None
        self.site_dir: Path | None = None
        # Kept across `serve` rebuilds, like the PDF cache (see `_fresh_caches`): the files read, practice pages
        # (Markdown, and the HTML kept out of it), worksheets, the cards of practices in lists and the views they show,
        # and practice pages converted to HTML ahead (see premade.py), each reused while its inputs are unchanged.
        self.file_cache = FileCache()
        self.page_memo = PageMemo()
        self.sheet_memo = worksheets.SheetMemo()
        self.card_memo = CardMemo()
        self.views: dict[str, PracticeView] = {}
        self.converted: dict[str, premade.Conversion] = {}
        self.nonce = secrets.token_hex(8)
        self.finished: dict[str, str] = {}  # the same pages' HTML as the site shows it, until MkDocs reaches them
        self.reusing: dict[str, premade.Conversion] = {}  # this build's pages that take their HTML from `converted`
        self.pdf: PdfRenderer | None = None  # kept across `serve` rebuilds: it caches rendered PDFs
        self.pdf_enabled = False
        self.search_enabled = False
        self.indexer: search.StreamingIndexer | None = None  # per build, while the search index is being made
        self.content_date: str | None = None
        self.template_dirs: list[str] = []  # the theme's folders, where a site may override the plugin's templates
        self.publication: publication.Publication | None = None  # per build: what the open data, feed and security.txt need
        self.told: set[str] = set()  # notes said once per run, not on every `serve` rebuild
        self.by_slug: dict[str, Practice] = {}

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.is_serve = command == "serve"
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
            self._fresh_caches()
        self.root = Path(config.config_file_path).parent
        if str(OVERRIDES_DIR) not in config.theme.dirs:
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(OVERRIDES_DIR))
        if "toc" in config.markdown_extensions:
            config.mdx_configs.setdefault("toc", {}).setdefault("permalink_title", PERMALINK_TITLE)
        self.template_dirs = list(config.theme.dirs)
        self.env = make_environment(self.template_dirs)
        for stylesheet in (STYLESHEET, PRINT_STYLESHEET):
            if stylesheet not in config.extra_css:
                config.extra_css.append(stylesheet)
        if SCRIPT not in config.extra_javascript:
            config.extra_javascript.append(SCRIPT)
        self.sources = {}
        self.reusing, self.finished = {}, {}
        if not self.is_serve:
            self.converted = {}
        self.site_dir = Path(config.site_dir)
        self.pdf_enabled = self._load_pdf()
        self.search_enabled = bool(self.config.search and self.config.search_page)
        if self.search_enabled and any(name in config.plugins for name in ("search", "material/search")):
            log.warning("praktijkbank zoekt met Pagefind; haal de plugin 'search' weg uit mkdocs.yml, anders staan er "
                        "twee zoekfuncties op de site en laadt de ene bij de eerste zoekvraag een index van de hele site.")
        return config

    @event_priority(-50)  # after other plugins have added their files, so ours never hide theirs
    @_reports_template_errors
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self.schema is None:
            return files
        # `serve` keeps to one process: its live-reload server runs threads, and forking those is not safe.
        workers = 1 if self.is_serve else forked.usable_cpus()
        self.result = load_practices([Path(self.config.practices_dir)], self.schema, root=self.root,
                                     cache=self.file_cache if self.is_serve else None, workers=workers)
        if not self.is_serve:
            # What is read now lives until the end of the build: out of the garbage collector's way (and out of the
            # way of the forked workers' collectors, which would copy the pages it is on) until ``on_post_build``.
            gc.freeze()
        self._report(self.result.findings)
        if self.result.has_errors and not self.is_serve:
            # Not a PluginError: MkDocs would end with "Aborted with a BuildError!" below this Dutch summary.
            to_fix = "de fouten en waarschuwingen" if config.strict and any(not f.is_error for f in self.result.findings) \
                else "de fouten"
            raise SiteNotBuilt(
                "praktijkbank: de site is niet gebouwd, want niet alle praktijkvoorbeelden zijn in orde: "
                + summary_line(self.result.findings, len(self.result.files))
                + f" Los {to_fix} hierboven op en bouw opnieuw; 'praktijkbank check"
                + (" --strict" if config.strict else "") + "' toont dezelfde lijst."
            )

        # The newest 'bijgewerkt' date: what the content says, unlike the clock.
        self.content_date = max((practice.updated for practice in self.result.practices), default=None)
        try:
            self.routes = form.submission_routes(config.repo_url, self.config.submission_branch,
                                                 self.config.submission_email, self.config.submission_page)
        except ValueError as exc:
            raise PluginError(f"praktijkbank: {exc}.") from None
        self.renderer = renderer = Renderer(
            self.env, self.schema, SiteView(self.schema, self.result.practices, views=self.views if self.is_serve else None),
            url_prefix=self.config.url_prefix,
            use_directory_urls=config.use_directory_urls,
            contribute_page=self.config.contribute_page,
            worksheet_paths=self._worksheet_links,
            nonce=self.nonce, memo=self.page_memo if self.is_serve else None,
            card_memo=self.card_memo if self.is_serve else None,
        )
        renderer.routes = self.routes
        renderer.search_src = self.config.search_page if self.search_enabled else ""
        practice_pages = renderer.practice_pages(self.result.practices, workers)
        for practice, (src_uri, markdown) in zip(self.result.practices, practice_pages, strict=True):
            self.sources[src_uri] = practice
            self._add(files, config, src_uri, markdown, InclusionLevel.NOT_IN_NAV)
        for broken in self.result.broken:  # only reached while serving
            findings = [f for f in self.result.findings if f.path == broken.source_path]
            self._add(files, config, renderer.practice_src(broken.slug), renderer.broken_page(broken, findings),
                      InclusionLevel.NOT_IN_NAV)
        self._prepare_publication(files, config, renderer.overview_src)
        self._add(files, config, renderer.overview_src, renderer.overview_page())
        for src_uri, content in renderer.facet_pages():
            self._add(files, config, src_uri, content, InclusionLevel.NOT_IN_NAV)
        if self.config.checklist_page:
            self._add(files, config, self.config.checklist_page, renderer.checklist_page(self.config.checklist_page))
        if self.config.submission_page:
            self._add_submission_form(files, config)
        if self.search_enabled:
            self._add(files, config, self.config.search_page,
                      renderer.search_page(self.config.search_page, bundle_dir=search.BUNDLE_DIR, script=SEARCH_SCRIPT))
            self._add_static(files, config, SEARCH_SCRIPT, (ASSET_DIR / posixpath.basename(SEARCH_SCRIPT)).read_bytes())
        if self.config.worksheets:
            self._add_worksheets(files, config, renderer, workers)
        self._add_decap(files, config)
        self._add_published(files, config, workers)
        files.append(File.generated(config, STYLESHEET, abs_src_path=str(ASSET_DIR / "praktijkbank.css")))
        files.append(File.generated(config, PRINT_STYLESHEET, abs_src_path=str(ASSET_DIR / "praktijkbank-print.css")))
        files.append(File.generated(config, SCRIPT, abs_src_path=str(ASSET_DIR / "praktijkbank.js")))
        self._add_static(files, config, FAVICON, (ASSET_DIR / posixpath.basename(FAVICON)).read_bytes())
        self._add_static(files, config, structured.SHARE_IMAGE, (ASSET_DIR / posixpath.basename(structured.SHARE_IMAGE)).read_bytes())
        self._convert_practice_pages(practice_pages, files, config, workers)
        if not self.is_serve:
            gc.freeze()  # the pages, and what the workers made, live until the end of the build too
        return files

    def _convert_practice_pages(self, pages: list[tuple[str, str]], files: Files, config: MkDocsConfig, workers: int) -> None:
        """Convert practice pages to HTML now (on every core during ``build``), and hand them to search as they come.

        Practice pages go to the search index first, in their own order, so Pagefind can start while the workers
        still convert; the other pages follow as MkDocs makes them. The order is the same with or without workers,
        and so is the search bundle.
        """
        self._close_indexer()
        if self.search_enabled:
            # Started before the last forked workers: it runs as programs of its own, no thread here, so forking stays safe.
            self.indexer = self._search_step(lambda: search.StreamingIndexer(
                Path(config.site_dir), self.env.get_template("praktijkbank/zoekindex.html.j2").render,
                keep_index_url=not config.use_directory_urls))
        renderer = self.renderer
        assert renderer is not None
        self.finished = {}

        def ready(src_uri: str, conversion: premade.Conversion) -> None:
            html = renderer.restore(src_uri, conversion.html, keep=True)  # kept in case MkDocs must convert after all
            if self.indexer is not None:
                html = search.mark_indexed(html)
                self.indexer.put(files.get_file_from_path(src_uri).dest_uri, html, language=_language(config))  # type: ignore[union-attr]
            self.finished[src_uri] = html

        self.converted = premade.convert_all(pages, config, files, workers, earlier=self.converted, each=ready)

    def _worksheet_links(self, slug: str) -> tuple[str | None, str | None]:
        if not self.config.worksheets:
            return None, None
        sheet, pdf = worksheets.worksheet_paths(slug, self.config.url_prefix)
        return sheet, pdf if self.pdf_enabled else None

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page | None:
        # Reproducible builds: MkDocs dates pages (and the sitemap) with the clock unless SOURCE_DATE_EPOCH
        # is set. Without it, use the content's own date, so the same input gives the same bytes on any day.
        if self.content_date and not os.environ.get("SOURCE_DATE_EPOCH"):
            page.update_date = self.content_date
        return page

    @_reports_template_errors
    def _page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        practice = self.sources.get(page.file.src_uri)
        if practice is not None:
            # Themes print the title unescaped (Material even un-escapes it with `striptags` in <title>),
            # so hand them an HTML-escaped title through the page's meta.
            page.meta["title"] = str(escape(practice.title))
            # The theme's <meta name="description">: the summary, which search engines show (escaped, as the title).
            page.meta["description"] = str(escape(" ".join(practice.summary.split())))
        if self.renderer is not None and "praktijkbank:" in markdown:
            renderer = self.renderer
            markdown = BLOCK_MARKER.sub(lambda m: renderer.block(m.group(1), page.file.src_uri) or m.group(0), markdown)
        return markdown

    @event_priority(-100)  # after every other plugin: only Markdown that nobody changed may take the premade HTML
    def _premade_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """A practice page whose Markdown was converted already (see ``_convert_practice_pages``).

        MkDocs then converts an empty page, and ``on_page_content`` puts the premade HTML back. When another plugin
        changed the Markdown, MkDocs converts it as always.
        """
        conversion = self.converted.get(page.file.src_uri)
        if conversion is not None and conversion.markdown == markdown:
            self.reusing[page.file.src_uri] = conversion
            return ""
        return markdown

    on_page_markdown = CombinedEvent(_page_markdown, _premade_markdown)

    @event_priority(100)  # first: other plugins get the finished HTML, and search gets it as the plugin made it
    @_reports_template_errors
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        src_uri = page.file.src_uri
        conversion = self.reusing.pop(src_uri, None)
        finished = self.finished.pop(src_uri, None)
        if conversion is not None and finished is not None:
            conversion.apply(page, files)
            if self.renderer is not None:
                self.renderer.forget(src_uri)
            return finished  # restored, and handed to search, in `_convert_practice_pages`
        if self.renderer is not None:
            html = self.renderer.restore(src_uri, html)
        if self.indexer is not None and not _excluded_from_search(page):
            html = search.mark_indexed(html)
            self.indexer.put(page.file.dest_uri, html, language=_language(config))
        return html

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        # Where the Dutch 404 page (overrides/404.html) leads: paths from the site's root, as that page has no place.
        env.globals["praktijkbank_search_path"] = (relative_url("index.md", self.config.search_page, config.use_directory_urls)
                                                   if self.search_enabled else "")
        env.globals["praktijkbank_overview_path"] = (relative_url("index.md", self.renderer.overview_src, config.use_directory_urls)
                                                     if self.renderer is not None else "")
        # Every page's content is there now: Pagefind makes the bundle while MkDocs applies the theme to the pages.
        if self.indexer is not None:
            self._search_step(self.indexer.all_handed_over)
        return env

    def on_page_context(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
        practice = self.sources.get(page.file.src_uri)
        if practice is not None:
            page.edit_url = edit_url(config.repo_url, config.edit_uri, Path(config.docs_dir), self.root, practice.source_path)
        return context

    @_reports_template_errors
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if self.publication is not None:
            practice = self.sources.get(page.file.src_uri)
            output = structured.insert_into_head(output, structured.head_additions(
                self.publication, page.url, practice, self.schema if practice is not None else None,
                title=page.title or "", description=str(page.meta.get("description") or "")))
        if not self.search_enabled or self.renderer is None:
            return output
        return search.insert_header_search(output, self.renderer.header_search(page.file.src_uri, self.config.search_page))

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        gc.unfreeze()
        if self.indexer is not None:
            indexer, self.indexer = self.indexer, None
            report = self._search_step(indexer.finish)
            log.debug("zoekindex gemaakt van %d pagina's", report.pages)

    def _close_indexer(self) -> None:
        if self.indexer is not None:
            self.indexer.close()
            self.indexer = None

    def _search_step(self, step: Callable[[], T]) -> T:
        try:
            return step()
        except search.SearchIndexError as exc:
            raise PluginError(f"praktijkbank: de zoekfunctie is niet gemaakt: {exc}.") from exc

    @event_priority(-100)  # last: the Dutch verdict raised here ends the build, so other plugins clean up first
    def on_build_error(self, *, error: Exception) -> None:
        """Never leave a half-written site that looks complete: empty the output folder and say so.

        Then make sure the last line is Dutch and says what stopped the build. MkDocs ends a strict build stopped by
        warnings with "Aborted with 1 warnings in strict mode!", and a build error with "Aborted with a BuildError!";
        raising our own message here replaces those lines (MkDocs prints an ``Abort`` as it is).
        """
        gc.unfreeze()
        self._close_indexer()
        if self.is_serve:
            return
        verdict = None
        strict = _STRICT_ABORT.match(error.format_message()) if isinstance(error, Abort) else None
        if strict is not None and not isinstance(error, SiteNotBuilt):
            verdict = self._strict_verdict(strict.group("counts"))
        elif isinstance(error, BuildError):
            logging.getLogger("mkdocs.commands.build").error(str(error))  # what MkDocs logs before its English last line
            verdict = "praktijkbank: de site is niet gebouwd door de fout hierboven. Los die op en bouw opnieuw."
        if self.site_dir is not None and self.site_dir.is_dir():
            for child in self.site_dir.iterdir():
                if child.is_dir() and not child.is_symlink():
                    shutil.rmtree(child, ignore_errors=True)
                else:
                    child.unlink(missing_ok=True)
            log.error("de site is niet (volledig) gebouwd; de map %s is leeggemaakt, zodat er geen half gebouwde site "
                      "achterblijft.", self.site_dir)
        if verdict is not None:
            raise SiteNotBuilt(verdict) from None

    def _strict_verdict(self, counts: str) -> str:
        """The last line when ``--strict`` (or ``strict: true``) stopped the build because of warnings."""
        numbers = {"warning": 0, "error": 0}
        for match in _STRICT_COUNT.finditer(counts):
            numbers[match.group("level").lower()] += int(match.group("number"))
        warnings, errors = numbers["warning"], numbers["error"]
        parts = [f"{warnings} {'waarschuwing' if warnings == 1 else 'waarschuwingen'}"] if warnings else []
        parts += [f"{errors} {'fout' if errors == 1 else 'fouten'}"] if errors else []
        total = warnings + errors
        if total == 1:
            what, verb, them = f"de {'waarschuwing' if warnings else 'fout'}", "telt", "die"
        else:
            what, verb, them = f"de {' en '.join(parts) or 'meldingen'}", "tellen", "ze"
        text = (f"praktijkbank: de site is niet gebouwd: in strikte modus (--strict, of strict: true in mkdocs.yml) {verb} "
                f"{what} hierboven als fout. Los {them} op en bouw opnieuw.")
        if any(not finding.is_error for finding in self.result.findings):
            text += " 'praktijkbank check --strict' toont ook de waarschuwingen over de praktijkvoorbeelden."
        return text

    def on_shutdown(self) -> None:
        self._close_indexer()
        # MkDocs keeps its plugins until the program ends. Let go of the practices, pages and caches now: freed
        # here they cost a fraction of what the interpreter's last garbage collection would spend walking them.
        self.result, self.sources, self.renderer, self.finished = LoadResult(), {}, None, {}
        self._fresh_caches()
        gc.unfreeze()

    def _fresh_caches(self) -> None:
        """Empty everything kept across ``serve`` rebuilds (the PDF renderer's cache aside, which checks itself)."""
        self.file_cache, self.page_memo, self.converted = FileCache(), PageMemo(), {}
        self.sheet_memo, self.card_memo, self.views = worksheets.SheetMemo(), CardMemo(), {}

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        if self.config.enabled:
            server.watch(str(self.config.practices_dir))
            server.watch(str(self.config.schema))
        return server

    # -- helpers ----------------------------------------------------------------------------

    def _add(self, files: Files, config: MkDocsConfig, src_uri: str, content: str,
             inclusion: InclusionLevel = InclusionLevel.UNDEFINED) -> None:
        existing = files.get_file_from_path(src_uri)
        if existing is not None and existing.generated_by is None:
            if src_uri in self.sources:
                raise PluginError(f"praktijkbank: '{src_uri}' bestaat al in docs/ en botst met een praktijkvoorbeeld")
            log.debug("%s staat in docs/ en wordt niet gegenereerd", src_uri)
            return
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, src_uri, content=content, inclusion=inclusion))

    def _load_pdf(self) -> bool:
        """PDFs with ``auto`` when WeasyPrint loads; required with ``true``; never with ``false``."""
        setting = self.config.worksheets_pdf
        if not self.config.worksheets or setting is False:
            return False
        if self.pdf is None:
            try:
                self.pdf = PdfRenderer()
            except PdfUnavailable as exc:
                if setting is True:
                    raise PluginError(
                        f"praktijkbank: 'worksheets_pdf: true' vraagt om PDF-werkbladen, maar {exc}. Installeer WeasyPrint "
                        "met: pip install 'praktijkbank[pdf]', of zet worksheets_pdf op auto of false."
                    ) from exc
                log.info("werkbladen worden zonder PDF gebouwd: %s. Installeer 'praktijkbank[pdf]' voor PDF's.", exc)
                return False
        cache_dir = self.config.pdf_cache_dir
        self.pdf.use_cache_dir(self.root / cache_dir if cache_dir else None)
        return True

    def _add_worksheets(self, files: Files, config: MkDocsConfig, renderer: Renderer, workers: int) -> None:
        """Worksheets are light static HTML files (and PDFs) of their own; only the pages listing them are theme pages."""
        sheets = worksheets.WorksheetRenderer(
            self.env, site_name=config.site_name, site_url=config.site_url, url_prefix=self.config.url_prefix,
            use_directory_urls=config.use_directory_urls, pdf=self.pdf_enabled, favicon=_favicon(config),
        )
        practices = renderer.site.cards()
        all_sheets = sheets.all_sheets(practices, workers, memo=self.sheet_memo if self.is_serve else None)
        for sheet in all_sheets:
            self._add_static(files, config, sheet.html_path, self._with_structured_data(sheet))
        if self.pdf is not None and self.pdf_enabled:
            self.pdf.start_build()
            before, reused = self.pdf.rendered, self.pdf.reused
            for sheet, pdf in zip(all_sheets, self.pdf.outputs([s.pdf_html or "" for s in all_sheets]), strict=True):
                if isinstance(pdf, Path):  # a checked entry of the PDF cache: linked into the site, not written again
                    add_linked(files, config, sheet.pdf_path, pdf)
                else:
                    self._add_static(files, config, sheet.pdf_path, pdf)
            removed = self.pdf.finish_build()
            log.debug("%d werkbladen als PDF: %d nieuw gemaakt, %d uit de PDF-cache, %d oude uit de cache gehaald",
                      len(all_sheets), self.pdf.rendered - before, self.pdf.reused - reused, removed)
            problem = self.pdf.new_problem()
            if problem is not None:
                log.info("%s.", problem)
        guide = worksheets.GUIDE_SRC if files.get_file_from_path(worksheets.GUIDE_SRC) else None
        self._add(files, config, worksheets.OVERVIEW_SRC, sheets.overview_page(practices, guide))
        self._add(files, config, worksheets.SESSION_PACK_SRC, sheets.session_pack_page(practices, guide))
        for asset in (worksheets.STYLESHEET, worksheets.SCRIPT):
            self._add_static(files, config, asset, (ASSET_DIR / posixpath.basename(asset)).read_bytes())

    def _add_decap(self, files: Files, config: MkDocsConfig) -> None:
        """The Decap CMS admin: ``auto`` with a GitHub ``repo_url`` and a login service (``decap_base_url``, or the local
        backend); optional, since its bundle comes from ``npm install``."""
        setting = self.config.decap
        repo = decap.github_repo(config.repo_url)
        if setting is False or self.schema is None or (setting == "auto" and repo is None):
            return

        def skip(reason: str) -> None:
            if setting is True:
                raise PluginError(f"praktijkbank: 'decap: true' vraagt om een redactieomgeving, maar {reason}.")
            log.info("de redactieomgeving (Decap CMS) wordt niet gebouwd: %s.", reason)

        bundle = decap.find_bundle(self.root)
        if bundle is None:
            return skip(f"{decap.NPM_BUNDLE.as_posix()} ontbreekt; 'npm install' in {self.root} installeert het")
        try:
            practices = Path(self.config.practices_dir).resolve().relative_to(self.root.resolve()).as_posix()
            docs = Path(config.docs_dir).resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return skip("practices_dir en docs_dir moeten in de map van mkdocs.yml staan")
        if not (self.config.decap_base_url or self.config.decap_local_backend):
            # Without a login service, Decap would send every editor to Netlify's, which this site never set up.
            reason = ("er is geen inlogdienst ingesteld. Zet decap_base_url op de dienst die GitHub-tokens uitgeeft "
                      "(zie CONTRIBUTING.md) of decap_local_backend om op deze computer te werken")
            if setting is True:
                raise PluginError(f"praktijkbank: 'decap: true' vraagt om een redactieomgeving, maar {reason}.")
            log.warning("de redactieomgeving (Decap CMS) wordt niet gebouwd: %s; of zet 'decap: false'.", reason)
            return
        if repo is None and not self.config.decap_local_backend:
            log.info("de redactieomgeving kan pas inloggen bij GitHub als repo_url naar een GitHub-repository wijst.")
        backend = decap.Backend(repo, self.config.decap_branch, self.config.decap_base_url, self.config.decap_auth_endpoint)
        cms = decap.cms_config(self.schema, practices_folder=practices, media_folder=f"{docs}/assets/redactie",
                               backend=backend, local_backend=self.config.decap_local_backend, site_url=config.site_url)
        self._add_static(files, config, decap.INDEX, decap.admin_page(self.env, site_name=config.site_name))
        self._add_static(files, config, decap.CONFIG, decap.config_yaml(cms))
        for src_uri, source in ((decap.BUNDLE, bundle), (decap.BUNDLE_LICENSE, bundle.with_name(bundle.name + ".LICENSE.txt"))):
            existing = files.get_file_from_path(src_uri)
            if existing is not None:
                files.remove(existing)
            if source.is_file():
                files.append(File.generated(config, src_uri, abs_src_path=str(source)))

    def _add_submission_form(self, files: Files, config: MkDocsConfig) -> None:
        """The form that writes a practice file in the browser, for contributors without git; its script and styles."""
        assert self.schema is not None
        src_uri = self.config.submission_page
        content = form.render_submission_page(
            self.env, self.schema, src_uri, use_directory_urls=config.use_directory_urls,
            contribute_page=self.config.contribute_page, checklist_page=self.config.checklist_page,
            github_base=self.routes.new_file, email=self.routes.email,
            folder=form.practices_folder(Path(self.config.practices_dir), self.root),
        )
        if not self.routes.any:
            log.warning("het formulier op '%s' kan een praktijkvoorbeeld alleen downloaden en kopiëren: er is geen manier "
                        "ingesteld om het in te sturen. Zet submission_email (het adres van de redactie) of een GitHub-"
                        "repo_url in mkdocs.yml.", src_uri)
        self._add(files, config, src_uri, content)
        for asset in (form.SCRIPT, form.STYLESHEET):
            self._add_static(files, config, asset, (ASSET_DIR / posixpath.basename(asset)).read_bytes())

    def _prepare_publication(self, files: Files, config: MkDocsConfig, overview_src: str) -> None:
        """The settings of the open data, feed and security.txt; the overview's links to the open data."""
        docs_page = self.config.open_data_page if files.get_file_from_path(self.config.open_data_page) else ""
        contact = self.config.security_contact
        self.publication = pub = publication.Publication(
            site_name=config.site_name, site_url=config.site_url or None, site_description=config.site_description or "",
            publisher=self.config.publisher, license=self.config.license, url_prefix=self.config.url_prefix,
            use_directory_urls=config.use_directory_urls, contribute_page=self.config.contribute_page,
            checklist_page=self.config.checklist_page, documentation_page=docs_page,
            open_data=self.config.open_data, feed=self.config.feed,
            security_contact=tuple(contact) if isinstance(contact, list) else (contact,) if contact else (),
            security_expires=str(self.config.security_expires or ""),
        )
        self.env.globals["open_data"] = publication.overview_links(pub, overview_src)
        self.by_slug = {practice.slug: practice for practice in self.result.practices}  # for the worksheets' JSON-LD

    def _add_published(self, files: Files, config: MkDocsConfig, workers: int) -> None:
        """The files the core publishes beside the pages (open data, feed, security.txt), written as it returns them."""
        if self.publication is None or self.schema is None:
            return
        try:
            made = publication.files(self.result.practices, self.schema, self.publication, workers)
        except publication.PublicationError as exc:
            raise PluginError(f"praktijkbank: {exc}") from None
        for output in made:
            existing = files.get_file_from_path(output.path)
            if existing is not None:
                files.remove(existing)
            # Included explicitly: MkDocs leaves out files whose path starts with a dot (.well-known) by default.
            files.append(File.generated(config, output.path, content=output.content, inclusion=InclusionLevel.INCLUDED))
        for note in publication.notes(self.publication, worksheets=self.config.worksheets):
            if note not in self.told:
                self.told.add(note)
                log.info(note)
        if securitytxt.expired(self.publication, datetime.date.today()):
            log.warning("security.txt is verlopen (security_expires: %s); zet een nieuwe datum, binnen een jaar.",
                        self.publication.security_expires)

    def _with_structured_data(self, sheet: worksheets.Worksheet) -> str:
        """A worksheet's HTML with its schema.org description (a LearningResource) in its head."""
        if self.publication is None:
            return sheet.html
        script = structured.worksheet_script(self.publication, sheet, self.by_slug, pdf=self.pdf_enabled)
        return structured.insert_into_head(sheet.html, script)

    def _add_static(self, files: Files, config: MkDocsConfig, src_uri: str, content: str | bytes) -> None:
        existing = files.get_file_from_path(src_uri)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, src_uri, content=content))

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


def _favicon(config: MkDocsConfig) -> str:
    """The site's favicon (the theme's setting), which the worksheets link to as well: without a link of their own,
    browsers ask for ``/favicon.ico``, which no MkDocs site has."""
    favicon = config.theme.get("favicon")
    return str(favicon) if favicon else FAVICON


def _language(config: MkDocsConfig) -> str:
    """The site's language, which chooses the search index's stemming."""
    return config.theme.get("language") or "nl"


def _excluded_from_search(page: Page) -> bool:
    """Pages that say ``search: exclude: true`` in their front matter (the lists of practices, the search page)."""
    setting = page.meta.get("search")
    return isinstance(setting, dict) and bool(setting.get("exclude"))
