"""The MkDocs plugin: a thin adapter that feeds MkDocs the pages the core renders.

It loads and validates practices with the same code as ``praktijkbank check``, fails the build when any
practice is invalid (listing every problem), and during ``mkdocs serve`` shows the problems on the
broken practice's own page instead, so a contributor can keep editing with live reload.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from .config import PraktijkbankConfig
from .findings import Finding
from .loading import LoadResult, load_practices
from .model import Practice
from .rendering import Renderer, make_environment
from .reporting import finding_line, summary_line
from .schema import Schema, SchemaError
from .views import SiteView

log = get_plugin_logger(__name__)

ASSET_DIR = Path(__file__).parent / "assets"
STYLESHEET = "assets/praktijkbank/praktijkbank.css"
SCRIPT = "assets/praktijkbank/praktijkbank.js"
BLOCK_MARKER = re.compile(r"<!--\s*praktijkbank:([a-z-]+)\s*-->")


class PraktijkbankPlugin(BasePlugin[PraktijkbankConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.is_serve = False
        self.schema: Schema | None = None
        self.result = LoadResult()
        self.sources: dict[str, Practice] = {}
        self.renderer: Renderer | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.is_serve = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        # Runs again on every `serve` rebuild: all per-build state starts here.
        if not self.config.enabled:
            return config
        try:
            self.schema = Schema.load(Path(self.config.schema))
        except SchemaError as exc:
            raise PluginError(f"praktijkbank: {exc}") from exc
        self.root = Path(config.config_file_path).parent
        self.env = make_environment(config.theme.dirs)
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        if SCRIPT not in config.extra_javascript:
            config.extra_javascript.append(SCRIPT)
        self.sources = {}
        return config

    @event_priority(-50)  # after other plugins have added their files, so ours never hide theirs
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self.schema is None:
            return files
        self.result = load_practices([Path(self.config.practices_dir)], self.schema, root=self.root)
        self._report(self.result.findings)
        if self.result.has_errors and not self.is_serve:
            raise PluginError(
                "praktijkbank: de site wordt niet gebouwd, want niet alle praktijkvoorbeelden zijn in orde: "
                + summary_line(self.result.findings, len(self.result.files))
                + " Los de problemen hierboven op; 'praktijkbank check' toont dezelfde lijst."
            )

        self.renderer = renderer = Renderer(
            self.env, self.schema, SiteView(self.schema, self.result.practices),
            url_prefix=self.config.url_prefix,
            use_directory_urls=config.use_directory_urls,
            contribute_page=self.config.contribute_page,
        )
        for practice in self.result.practices:
            src_uri = renderer.practice_src(practice.slug)
            self.sources[src_uri] = practice
            self._add(files, config, src_uri, renderer.practice_page(practice), InclusionLevel.NOT_IN_NAV)
        for broken in self.result.broken:  # only reached while serving
            findings = [f for f in self.result.findings if f.path == broken.source_path]
            self._add(files, config, renderer.practice_src(broken.slug), renderer.broken_page(broken, findings),
                      InclusionLevel.NOT_IN_NAV)
        self._add(files, config, renderer.overview_src, renderer.overview_page())
        for src_uri, content in renderer.facet_pages():
            self._add(files, config, src_uri, content, InclusionLevel.NOT_IN_NAV)
        if self.config.checklist_page:
            self._add(files, config, self.config.checklist_page, renderer.checklist_page(self.config.checklist_page))
        files.append(File.generated(config, STYLESHEET, abs_src_path=str(ASSET_DIR / "praktijkbank.css")))
        files.append(File.generated(config, SCRIPT, abs_src_path=str(ASSET_DIR / "praktijkbank.js")))
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        practice = self.sources.get(page.file.src_uri)
        if practice is not None:
            # Themes print the title unescaped (Material even un-escapes it with `striptags` in <title>),
            # so hand them an HTML-escaped title through the page's meta.
            page.meta["title"] = str(escape(practice.title))
        if self.renderer is not None and "praktijkbank:" in markdown:
            renderer = self.renderer
            markdown = BLOCK_MARKER.sub(lambda m: renderer.block(m.group(1), page.file.src_uri) or m.group(0), markdown)
        return markdown

    def on_page_context(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
        practice = self.sources.get(page.file.src_uri)
        if practice is not None:
            page.edit_url = self._edit_url(practice, config)
        return context

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

    def _edit_url(self, practice: Practice, config: MkDocsConfig) -> str | None:
        """Point "edit this page" at the practice file rather than at a generated page that has no source."""
        if not (config.repo_url and config.edit_uri):
            return None
        edit_base = urljoin(config.repo_url.rstrip("/") + "/", config.edit_uri)
        try:
            docs_rel = Path(config.docs_dir).resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return None
        if not edit_base.rstrip("/").endswith(docs_rel):
            return None
        project_base = edit_base.rstrip("/")[: -len(docs_rel)]
        return posixpath.join(project_base, practice.source_path) if project_base.endswith("/") else None
