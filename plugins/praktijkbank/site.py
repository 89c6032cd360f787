"""Every page, sheet and file a site gets, as plain values: what the MkDocs adapter only has to apply.

`SiteBuild.files` turns a checked collection into an ordered list: `GeneratedFile` (a page's Markdown, a static
file's bytes, or a file on disk to copy or link), `Note` (something to tell whoever builds the site) and at most one
`Refusal` (a setting that asks for what cannot be made; nothing after it is made). The adapter (``plugin/``) loops
once over that list: it adds the files to MkDocs, logs the notes and raises on the refusal. Nothing here imports
MkDocs or logs, so a test calls it directly on a small collection. The policies that decide what a site gets from
its settings live here too (`pdf_choice`; the admin's is ``contribute.decap.admin_decision``).
"""

from __future__ import annotations

import datetime
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import jinja2

from praktijkbank import ASSET_DIR
from praktijkbank.checking.collection import FileCache, LoadResult
from praktijkbank.contribute import decap, form
from praktijkbank.core.defaults import DEFAULTS, Choice
from praktijkbank.core.model import Practice
from praktijkbank.core.schema import Schema
from praktijkbank.pages.renderer import CardMemo, PageMemo, Renderer
from praktijkbank.pages.views import PracticeView, SiteView
from praktijkbank.publishing import publication, securitytxt, structured
from praktijkbank.publishing.opendata import OpenDataMemo
from praktijkbank.publishing.publication import Publication
from praktijkbank.search import pagefind as search
from praktijkbank.worksheets import sheets as worksheets
from praktijkbank.worksheets.pdf import PdfRenderer, PdfUnavailable

STYLESHEET = "assets/praktijkbank/praktijkbank.css"
PRINT_STYLESHEET = "assets/praktijkbank/praktijkbank-print.css"
SCRIPT = "assets/praktijkbank/praktijkbank.js"
#: The filter form's state in the address, shared by the overview's script and the search page's: loaded before both.
FACET_SCRIPT = "assets/praktijkbank/facetstaat.js"
SEARCH_SCRIPT = "assets/praktijkbank/zoeken.js"
#: A favicon of our own, for sites that set ``theme.favicon`` to it, and for the worksheets when the theme has none.
FAVICON = "assets/praktijkbank/favicon.svg"

#: How a generated file enters the site. ``practice``: a practice page, which a file of the same name in ``docs/``
#: may not hide (an error); ``page``: a generated page that a page in ``docs/`` replaces; ``static``: a file that
#: replaces any other of its name; ``linked``: the same, put into the site as a hard link to ``source``.
Kind = Literal["practice", "page", "static", "linked"]
#: Whether a page shows in the navigation: MkDocs's default, never (``not_in_nav``), or included although its path
#: starts with a dot (``included``: ``.well-known/security.txt``).
Inclusion = Literal["default", "not_in_nav", "included"]
Level = Literal["debug", "info", "warning"]


@dataclass(frozen=True)
class GeneratedFile:
    """One file of the site: its ``src_uri`` and its ``content``, or (``content`` None) the file at ``source``."""

    src_uri: str
    content: str | bytes | None = None
    source: Path | None = None
    kind: Kind = "static"
    inclusion: Inclusion = "default"


@dataclass(frozen=True)
class Note:
    """Something to tell whoever builds the site (Dutch). ``once``: said once per run, not on every serve rebuild."""

    level: Level
    message: str
    once: bool = False


@dataclass(frozen=True)
class Refusal:
    """The site cannot be built as its settings ask (Dutch, without the plugin's prefix)."""

    message: str


Item = GeneratedFile | Note | Refusal


@dataclass(frozen=True)
class SiteSettings:
    """The plugin's settings, as the adapter resolved them, and the few of MkDocs's that the site's files depend on.

    Each option defaults to `PluginDefaults` (one place for every default). A few come resolved: the practices' folder
    as a path, the security contacts as a tuple and their date as text, and ``search_page`` '' when search is off, so
    that nothing links to a page that is not made.
    """

    root: Path  # the folder of mkdocs.yml
    practices_dir: Path
    docs_dir: Path
    site_name: str
    site_url: str | None = None
    site_description: str = ""
    repo_url: str | None = None
    use_directory_urls: bool = True
    favicon: str = FAVICON
    url_prefix: str = DEFAULTS.url_prefix
    checklist_page: str = DEFAULTS.checklist_page
    contribute_page: str = DEFAULTS.contribute_page
    worksheets: bool = DEFAULTS.worksheets
    search_page: str = DEFAULTS.search_page
    submission_page: str = DEFAULTS.submission_page
    submission_email: str = DEFAULTS.submission_email
    submission_branch: str = DEFAULTS.submission_branch
    decap: Choice = DEFAULTS.decap
    decap_branch: str = DEFAULTS.decap_branch
    decap_local_backend: bool | str = DEFAULTS.decap_local_backend
    decap_base_url: str = DEFAULTS.decap_base_url
    decap_auth_endpoint: str = DEFAULTS.decap_auth_endpoint
    open_data: bool = DEFAULTS.open_data
    open_data_page: str = DEFAULTS.open_data_page
    feed: bool = DEFAULTS.feed
    publisher: str = DEFAULTS.publisher
    license: str = DEFAULTS.license
    security_contact: tuple[str, ...] = ()
    security_expires: str = ""


@dataclass
class Memos:
    """What ``serve`` keeps between rebuilds to reuse; all None for a one-off build."""

    files: FileCache | None = None
    pages: PageMemo | None = None
    cards: CardMemo | None = None
    views: dict[str, PracticeView] | None = None
    sheets: worksheets.SheetMemo | None = None
    open_data: OpenDataMemo | None = None


@dataclass(frozen=True)
class PdfChoice:
    """The worksheets' PDFs: made with ``renderer`` when ``enabled``; ``refusal`` or ``note`` to say why not."""

    renderer: PdfRenderer | None
    enabled: bool
    refusal: str | None = None
    note: str | None = None


def pdf_choice(setting: Choice, *, worksheets: bool, renderer: PdfRenderer | None, cache_dir: Path | None) -> PdfChoice:
    """PDFs with ``auto`` when WeasyPrint loads; required with ``true``; never with ``false``. A ``renderer`` made
    before is kept (it caches rendered PDFs), and it keeps its PDFs in ``cache_dir`` (None: no cache)."""
    if not worksheets or setting is False:
        return PdfChoice(renderer, False)
    if renderer is None:
        try:
            renderer = PdfRenderer()
        except PdfUnavailable as exc:
            if setting is True:
                return PdfChoice(None, False, refusal=(
                    f"'worksheets_pdf: true' vraagt om PDF-werkbladen, maar {exc}. Installeer WeasyPrint "
                    "met: pip install 'praktijkbank[pdf]', of zet worksheets_pdf op auto of false."))
            return PdfChoice(None, False, note=f"werkbladen worden zonder PDF gebouwd: {exc}. Installeer 'praktijkbank[pdf]' voor PDF's.")
    renderer.use_cache_dir(cache_dir)
    return PdfChoice(renderer, True)


def _asset(src_uri: str) -> GeneratedFile:
    return GeneratedFile(src_uri, (ASSET_DIR / posixpath.basename(src_uri)).read_bytes())


@dataclass
class SiteBuild:
    """One build of the site from a checked collection; `files` makes its files, the other fields are what the
    adapter's later events read (the renderer, the practice of each page, the publication settings)."""

    env: jinja2.Environment
    schema: Schema
    result: LoadResult
    settings: SiteSettings
    memos: Memos = field(default_factory=Memos)
    nonce: str | None = None
    pdf: PdfChoice = field(default_factory=lambda: PdfChoice(None, False))
    workers: int = 1
    renderer: Renderer | None = None
    sources: dict[str, Practice] = field(default_factory=dict)  # src_uri -> the practice of that page
    practice_pages: list[tuple[str, str]] = field(default_factory=list)  # (src_uri, Markdown), to convert ahead
    publication: Publication | None = None
    by_slug: dict[str, Practice] = field(default_factory=dict)
    today: datetime.date = field(default_factory=datetime.date.today)
    content_date: str | None = None  # the newest 'bijgewerkt' date: what the content says, unlike the clock

    def __post_init__(self) -> None:
        self.content_date = max((practice.updated for practice in self.result.practices), default=None)

    def worksheet_links(self, slug: str) -> tuple[str | None, str | None]:
        if not self.settings.worksheets:
            return None, None
        sheet, pdf = worksheets.worksheet_paths(slug, self.settings.url_prefix)
        return sheet, pdf if self.pdf.enabled else None

    def files(self, present: frozenset[str] | set[str]) -> list[Item]:
        """Every file of the site in the order MkDocs gets them, the notes, and a refusal that ends the list.

        ``present``: the source paths of the files MkDocs found (``docs/``), which some pages link to when they exist.
        """
        made: list[Item] = []
        s, result = self.settings, self.result
        try:
            routes = form.submission_routes(s.repo_url, s.submission_branch, s.submission_email, s.submission_page)
        except ValueError as exc:
            return [Refusal(f"{exc}.")]
        self.renderer = renderer = Renderer(
            self.env, self.schema, SiteView(self.schema, result.practices, views=self.memos.views),
            url_prefix=s.url_prefix, use_directory_urls=s.use_directory_urls, contribute_page=s.contribute_page,
            worksheet_paths=self.worksheet_links, nonce=self.nonce, memo=self.memos.pages, card_memo=self.memos.cards)
        renderer.routes = routes
        renderer.search_src = s.search_page
        self.practice_pages = renderer.practice_pages(result.practices, self.workers)
        for practice, (src_uri, markdown) in zip(result.practices, self.practice_pages, strict=True):
            self.sources[src_uri] = practice
            made.append(GeneratedFile(src_uri, markdown, kind="practice", inclusion="not_in_nav"))
        for broken in result.broken:  # only while serving
            findings = [f for f in result.findings if f.path == broken.source_path]
            made.append(GeneratedFile(renderer.practice_src(broken.slug), renderer.broken_page(broken, findings),
                                      kind="page", inclusion="not_in_nav"))
        self.publication = self._publication(present)
        self.env.globals["open_data"] = publication.overview_links(self.publication, renderer.overview_src)
        self.by_slug = {practice.slug: practice for practice in result.practices}  # for the worksheets' JSON-LD
        made.append(GeneratedFile(renderer.overview_src, renderer.overview_page(), kind="page"))
        made += [GeneratedFile(src_uri, content, kind="page", inclusion="not_in_nav") for src_uri, content in renderer.facet_pages()]
        if s.checklist_page:
            made.append(GeneratedFile(s.checklist_page, renderer.checklist_page(s.checklist_page), kind="page"))
        if s.submission_page:
            made += self._submission_form(routes)
        if s.search_page:
            made.append(GeneratedFile(s.search_page, renderer.search_page(
                s.search_page, bundle_dir=search.BUNDLE_DIR, script=SEARCH_SCRIPT), kind="page"))
            made.append(_asset(SEARCH_SCRIPT))
        if s.worksheets:
            made += self._worksheets(renderer, present)
        made += self._admin()
        if any(isinstance(item, Refusal) for item in made):
            return made
        made += self._published()
        if any(isinstance(item, Refusal) for item in made):
            return made
        made += [GeneratedFile(src_uri, source=ASSET_DIR / posixpath.basename(src_uri))
                 for src_uri in (STYLESHEET, PRINT_STYLESHEET, FACET_SCRIPT, SCRIPT)]
        made += [_asset(FAVICON), _asset(structured.SHARE_IMAGE)]
        return made

    def _publication(self, present: frozenset[str] | set[str]) -> Publication:
        """The settings of the open data, feed and security.txt."""
        s = self.settings
        return Publication(
            site_name=s.site_name, site_url=s.site_url or None, site_description=s.site_description,
            publisher=s.publisher, license=s.license, url_prefix=s.url_prefix,
            use_directory_urls=s.use_directory_urls, contribute_page=s.contribute_page,
            checklist_page=s.checklist_page, documentation_page=s.open_data_page if s.open_data_page in present else "",
            open_data=s.open_data, feed=s.feed, security_contact=s.security_contact, security_expires=s.security_expires)

    def _submission_form(self, routes: form.SubmissionRoutes) -> list[Item]:
        """The form that writes a practice file in the browser, for contributors without git; its script and styles."""
        s = self.settings
        content = form.render_submission_page(
            self.env, self.schema, s.submission_page, use_directory_urls=s.use_directory_urls,
            contribute_page=s.contribute_page, checklist_page=s.checklist_page, github_base=routes.new_file,
            email=routes.email, folder=form.practices_folder(s.practices_dir, s.root))
        made: list[Item] = []
        if not routes.any:
            made.append(Note("warning", f"het formulier op '{s.submission_page}' kan een praktijkvoorbeeld alleen downloaden "
                             "en kopiëren: er is geen manier ingesteld om het in te sturen. Zet submission_email (het adres "
                             "van de redactie) of een GitHub-repo_url in mkdocs.yml."))
        return [*made, GeneratedFile(s.submission_page, content, kind="page"), _asset(form.SCRIPT), _asset(form.STYLESHEET)]

    def _worksheets(self, renderer: Renderer, present: frozenset[str] | set[str]) -> list[Item]:
        """Worksheets are light static HTML files (and PDFs) of their own; only the pages listing them are theme pages."""
        s, pdf = self.settings, self.pdf.renderer
        sheets = worksheets.WorksheetRenderer(
            self.env, site_name=s.site_name, site_url=s.site_url, url_prefix=s.url_prefix,
            use_directory_urls=s.use_directory_urls, pdf=self.pdf.enabled, favicon=s.favicon)
        practices = renderer.site.cards()
        all_sheets = sheets.all_sheets(practices, self.workers, memo=self.memos.sheets)
        made: list[Item] = [GeneratedFile(sheet.html_path, self._with_structured_data(sheet)) for sheet in all_sheets]
        if pdf is not None and self.pdf.enabled:
            pdf.start_build()
            before, reused = pdf.rendered, pdf.reused
            for sheet, output in zip(all_sheets, pdf.outputs([each.pdf_html or "" for each in all_sheets]), strict=True):
                # A checked entry of the PDF cache is linked into the site, not written again.
                made.append(GeneratedFile(sheet.pdf_path, source=output, kind="linked") if isinstance(output, Path)
                            else GeneratedFile(sheet.pdf_path, output))
            removed = pdf.finish_build()
            made.append(Note("debug", f"{len(all_sheets)} werkbladen als PDF: {pdf.rendered - before} nieuw gemaakt, "
                                      f"{pdf.reused - reused} uit de PDF-cache, {removed} oude uit de cache gehaald"))
            problem = pdf.new_problem()
            if problem is not None:
                made.append(Note("info", f"{problem}."))
        guide = worksheets.GUIDE_SRC if worksheets.GUIDE_SRC in present else None
        made.append(GeneratedFile(worksheets.OVERVIEW_SRC, sheets.overview_page(practices, guide), kind="page"))
        made.append(GeneratedFile(worksheets.SESSION_PACK_SRC, sheets.session_pack_page(practices, guide), kind="page"))
        return [*made, _asset(worksheets.STYLESHEET), _asset(worksheets.SCRIPT)]

    def _with_structured_data(self, sheet: worksheets.Worksheet) -> str:
        """A worksheet's HTML with its schema.org description (a LearningResource) in its head."""
        if self.publication is None:
            return sheet.html
        script = structured.worksheet_script(self.publication, sheet, self.by_slug, pdf=self.pdf.enabled)
        return structured.insert_into_head(sheet.html, script)

    def _admin(self) -> list[Item]:
        """The Decap CMS admin, as ``decap.admin_decision`` decides from the settings."""
        s = self.settings
        decision = decap.admin_decision(s.decap, repo_url=s.repo_url, root=s.root, practices_dir=s.practices_dir,
                                        docs_dir=s.docs_dir, base_url=s.decap_base_url, local_backend=s.decap_local_backend)
        made: list[Item] = [Note("warning" if level == "warning" else "info", message) for level, message in decision.notes]
        if decision.error is not None:
            return [*made, Refusal(decision.error)]
        if not decision.build or decision.bundle is None:
            return made
        backend = decap.Backend(decision.repo, s.decap_branch, s.decap_base_url, s.decap_auth_endpoint)
        cms = decap.cms_config(self.schema, practices_folder=decision.practices_folder, media_folder=decision.media_folder,
                               backend=backend, local_backend=s.decap_local_backend, site_url=s.site_url)
        made.append(GeneratedFile(decap.INDEX, decap.admin_page(self.env, site_name=s.site_name)))
        made.append(GeneratedFile(decap.CONFIG, decap.config_yaml(cms)))
        bundle = decision.bundle
        for src_uri, source in ((decap.BUNDLE, bundle), (decap.BUNDLE_LICENSE, bundle.with_name(bundle.name + ".LICENSE.txt"))):
            if source.is_file():
                made.append(GeneratedFile(src_uri, source=source))
        return made

    def _published(self) -> list[Item]:
        """The files the core publishes beside the pages (open data, feed, security.txt), and what to say about them."""
        pub = self.publication
        if pub is None:
            return []
        try:
            outputs = publication.files(self.result.practices, self.schema, pub, self.workers, self.memos.open_data)
        except publication.PublicationError as exc:
            return [Refusal(str(exc))]
        # Included explicitly: MkDocs leaves out files whose path starts with a dot (.well-known) by default.
        made: list[Item] = [GeneratedFile(output.path, output.content, inclusion="included") for output in outputs]
        made += [Note("info", note, once=True) for note in publication.notes(pub, worksheets=self.settings.worksheets)]
        if securitytxt.expired(pub, self.today):
            made.append(Note("warning", f"security.txt is verlopen (security_expires: {pub.security_expires}); zet een "
                                        "nieuwe datum, binnen een jaar."))
        return made
