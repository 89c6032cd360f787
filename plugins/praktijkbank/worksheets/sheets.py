"""Worksheets for facilitators: a sheet per practice to translate it to your own practice, and general sheets.

A worksheet is a light, standalone HTML page with a small stylesheet of its own, not a page of the theme:
a thousand practices then add a thousand cheap template renders to the build, not a thousand theme renders.
The same template also renders the variant that becomes the PDF (stylesheet inline, with the package's own font:
fonts.py; absolute links, no bar for the screen), so the PDF adapter (``pdf.py``) needs nothing from the built site.
What a sheet shows of its practice, and the room it leaves to write, is worked out in fit.py; this module renders
the sheets, their links and the two pages that list them. No MkDocs imports; the plugin hands the results to MkDocs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import astuple, dataclass
from typing import Any

import jinja2
from markupsafe import Markup

from praktijkbank import ASSET_DIR
from praktijkbank.pages.urls import page_file, page_url, practice_src, relative_href, relative_url
from praktijkbank.pages.views import PracticeView
from praktijkbank.runtime import forked
from praktijkbank.runtime.memo import IdentityMemo
from praktijkbank.worksheets import fonts
from praktijkbank.worksheets.fit import SUMMARY_CHARS, general_room, one_line, place_of, room_for, shorten, summarize

STYLESHEET = "assets/praktijkbank/werkblad.css"
SCRIPT = "assets/praktijkbank/sessiemap.js"
OVERVIEW_SRC = "werkbladen/index.md"
SESSION_PACK_SRC = "werkbladen/sessiemap/index.md"
GUIDE_SRC = "begeleiders.md"

#: The questions of the Checklist goede praktijken ("We ondersteunen vertaling naar de eigen praktijk").
TRANSLATION_QUESTIONS: tuple[str, ...] = (
    "Waardeer je eigen praktijk op basis van dit voorbeeld op een schaal van 0 tot 10. "
    "Waar liggen jullie sterke punten en ontwikkelpunten?",
    "Wat spreekt je aan? Wat zou in jouw praktijk helpen en is bruikbaar in jouw praktijk?",
    "Welke specifieke elementen neem je wel of juist niet mee naar jouw context? En waarom wel of niet?",
    "Hoe kun je elementen uit het praktijkvoorbeeld vertalen naar jouw context? Wat vraagt dit?",
    "Welke stappen kun je morgen al nemen om deze vertaling te maken?",
)


@dataclass(frozen=True)
class GeneralSheet:
    """A worksheet that belongs to no practice."""

    key: str
    title: str
    description: str
    template: str


#: The general worksheets, in the order a facilitator needs them.
GENERAL_SHEETS: tuple[GeneralSheet, ...] = (
    GeneralSheet("sessie", "Sessiewijzer",
                 "Voor de begeleider: de opbouw van een bijeenkomst, behulpzame vragen voor het gesprek en de vijf vuistregels "
                 "voor een leergroep, met ruimte voor je eigen planning.", "sessie.html.j2"),
    GeneralSheet("vertaling", "Vertaling naar je eigen praktijk",
                 "Het vertaalblad zonder voorbeeld erop: voor een voorbeeld dat (nog) niet in de Praktijkbank staat.",
                 "vertaling.html.j2"),
    GeneralSheet("presenteren", "Je praktijkvoorbeeld presenteren",
                 "Voor wie een eigen praktijk inbrengt: inleiding, opbrengsten, proces en tips, met ruimte voor "
                 "aantekeningen.", "presenteren.html.j2"),
)


def worksheet_paths(slug: str, url_prefix: str) -> tuple[str, str]:
    """Site-relative paths of a practice's worksheet and of its PDF, beside the practice's own folder."""
    folder = f"{url_prefix.strip('/')}/{slug}" if url_prefix.strip("/") else slug
    return f"{folder}/werkblad/index.html", f"{folder}/werkblad.pdf"


def general_paths(key: str) -> tuple[str, str]:
    """Site-relative paths of a general worksheet and of its PDF."""
    return f"werkbladen/{key}/index.html", f"werkbladen/{key}.pdf"


# -- links ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SheetLinks:
    """Where a worksheet points to. ``None``: no link (the PDF when there is none, or in a PDF without site_url).

    ``address`` is what the foot prints: the full address of the practice (or of a general sheet) with a site_url,
    which leads a reader of the paper back to it; without one only its path on the site.
    """

    css: str | None
    icon: str | None
    home: str | None
    overview: str | None
    practice: str | None
    pdf: str | None
    address: str

    @property
    def address_is_url(self) -> bool:
        return self.address.startswith(("https://", "http://"))


@dataclass(frozen=True)
class Worksheet:
    """One rendered worksheet: where its HTML and PDF go, the HTML for the site and the HTML for the PDF."""

    key: str
    title: str
    html_path: str
    pdf_path: str
    html: str
    pdf_html: str | None  # the document WeasyPrint turns into the PDF; None when the site has no PDFs


#: Worksheets from an earlier ``serve`` rebuild. A worksheet shows only its practice: the one object compared by identity.
SheetMemo = IdentityMemo[Worksheet]


@dataclass(frozen=True)
class PackEntry:
    """A row of the session pack page and of the worksheet overview."""

    key: str
    title: str
    description: str
    place: str | None
    sheet_url: str
    pdf_url: str | None
    practice_url: str | None
    general: bool


class WorksheetRenderer:
    """Renders every worksheet of one site, and the two Material pages that list them.

    ``pdf`` says whether PDFs will exist, so that pages only link to PDFs that are really there.
    """

    def __init__(self, env: jinja2.Environment, *, site_name: str, site_url: str | None = None,
                 url_prefix: str = "praktijken", use_directory_urls: bool = True, pdf: bool = False,
                 favicon: str | None = None) -> None:
        """``favicon``: the site path of the site's favicon, which the sheets link to (paper needs none)."""
        self.env = env
        self.favicon = favicon
        self.site_name = site_name
        self.site_url = site_url.rstrip("/") + "/" if site_url else None
        self.url_prefix = url_prefix.strip("/")
        self.use_directory_urls = use_directory_urls
        self.pdf = pdf
        self._css: Markup | None = None

    # -- worksheets ---------------------------------------------------------------------------

    def practice_sheet(self, practice: PracticeView) -> Worksheet:
        html_path, pdf_path = worksheet_paths(practice.slug, self.url_prefix)
        summary = summarize(practice)
        description = f"Werkblad bij het praktijkvoorbeeld {summary.title}: vertaal het naar je eigen praktijk."
        return self._sheet(practice.slug, summary.title, "vertaling.html.j2", html_path, pdf_path,
                           page_url(practice_src(practice.slug, self.url_prefix), self.use_directory_urls),
                           practice=summary, room=room_for(summary), description=description)

    def general_sheets(self) -> list[Worksheet]:
        sheets = []
        for general in GENERAL_SHEETS:
            html_path, pdf_path = general_paths(general.key)
            room = general_room(general.key) or room_for(None)
            sheets.append(self._sheet(general.key, general.title, general.template, html_path, pdf_path, None,
                                      practice=None, room=room, description=general.description))
        return sheets

    def all_sheets(self, practices: Sequence[PracticeView], workers: int = 1, memo: SheetMemo | None = None) -> list[Worksheet]:
        """The general sheets and one per practice; in ``workers`` processes when there are many practices.

        With a memo, a practice whose sheet was rendered before with the same settings keeps that sheet.
        """
        settings = (self.site_name, self.site_url, self.url_prefix, self.use_directory_urls, self.pdf, self.favicon)
        reused = {p.slug: sheet for p in practices
                  if memo is not None and (sheet := memo.get(p.slug, (p.practice,), settings)) is not None}
        todo = [p for p in practices if p.slug not in reused]
        fields = forked.map_forked(self._practice_sheet_fields, todo, workers) if len(todo) >= forked.SHEETS_MIN else None
        rendered = [Worksheet(*values) for values in fields] if fields is not None else [self.practice_sheet(p) for p in todo]
        for practice, sheet in zip(todo, rendered, strict=True):
            reused[practice.slug] = sheet
            if memo is not None:
                memo.put(practice.slug, (practice.practice,), settings, sheet)
        return self.general_sheets() + [reused[p.slug] for p in practices]

    def _practice_sheet_fields(self, practice: PracticeView) -> tuple[Any, ...]:
        """A worksheet as plain values, to travel between processes."""
        return astuple(self.practice_sheet(practice))

    def _sheet(self, key: str, title: str, template: str, html_path: str, pdf_path: str, practice_page: str | None,
               **context: Any) -> Worksheet:
        def render(for_pdf: bool) -> str:
            return self.env.get_template(f"praktijkbank/werkblad/{template}").render(
                title=title, key=key, for_pdf=for_pdf, site_name=self.site_name, questions=TRANSLATION_QUESTIONS,
                links=self._links(html_path, pdf_path, practice_page, for_pdf),
                inline_css=self._stylesheet() if for_pdf else None, **context,
            )

        return Worksheet(key, title, html_path, pdf_path, render(False), render(True) if self.pdf else None)

    def _links(self, html_path: str, pdf_path: str, practice_page: str | None, for_pdf: bool) -> SheetLinks:
        overview = page_url(OVERVIEW_SRC, self.use_directory_urls)
        home = page_url("index.md", self.use_directory_urls)
        address_target = practice_page if practice_page is not None else self._sheet_url(html_path)
        address = self.site_url + address_target if self.site_url else address_target
        if for_pdf:
            absolute = (lambda target: self.site_url + target) if self.site_url else (lambda target: None)
            return SheetLinks(None, None, absolute(home), absolute(overview),
                              absolute(practice_page) if practice_page is not None else None, None, address)
        return SheetLinks(
            css=relative_href(html_path, STYLESHEET),
            icon=relative_href(html_path, self.favicon) if self.favicon else None,
            home=relative_href(html_path, home),
            overview=relative_href(html_path, overview),
            practice=relative_href(html_path, practice_page) if practice_page is not None else None,
            pdf=relative_href(html_path, pdf_path) if self.pdf else None,
            address=address,
        )

    def _sheet_url(self, html_path: str) -> str:
        if self.use_directory_urls and html_path.endswith("/index.html"):
            return html_path[: -len("index.html")]
        return html_path

    def _stylesheet(self) -> Markup:
        """The PDF's stylesheet: our own file, inlined so that the PDF needs no request but for the package's fonts,
        which it lays the sheet out in on any machine (fonts.py); a site cannot inject markup through it."""
        if self._css is None:
            css = (ASSET_DIR / "werkblad.css").read_text(encoding="utf-8") + fonts.stylesheet()
            self._css = Markup(css.replace("</", "<\\/"))
        return self._css

    # -- the Material pages that list them ------------------------------------------------------

    def entries(self, from_src: str, practices: Iterable[PracticeView]) -> list[PackEntry]:
        """General sheets first, then one per practice, with links relative to the page ``from_src``."""
        here_file = page_file(from_src, self.use_directory_urls)

        def href(target: str) -> str:
            return relative_href(here_file, target)

        rows = []
        for general in GENERAL_SHEETS:
            html_path, pdf_path = general_paths(general.key)
            rows.append(PackEntry(general.key, general.title, general.description, None, href(self._sheet_url(html_path)),
                                  href(pdf_path) if self.pdf else None, None, True))
        for practice in practices:
            html_path, pdf_path = worksheet_paths(practice.slug, self.url_prefix)
            rows.append(PackEntry(practice.slug, one_line(practice.title), shorten(practice.summary, SUMMARY_CHARS),
                                  place_of(practice),
                                  href(self._sheet_url(html_path)), href(pdf_path) if self.pdf else None,
                                  relative_url(from_src, practice_src(practice.slug, self.url_prefix), self.use_directory_urls), False))
        return rows

    def _page(self, template: str, src: str, practices: Sequence[PracticeView], **context: Any) -> str:
        here_file = page_file(src, self.use_directory_urls)
        return self.env.get_template(f"praktijkbank/werkblad/{template}").render(
            entries=self.entries(src, practices), pdf=self.pdf,
            url=lambda target_src: relative_url(src, target_src, self.use_directory_urls),
            asset=lambda path: relative_href(here_file, path),
            overview_src=OVERVIEW_SRC, session_pack_src=SESSION_PACK_SRC, stylesheet=STYLESHEET, script=SCRIPT,
            **context,
        )

    def overview_page(self, practices: Sequence[PracticeView], guide_src: str | None = None) -> str:
        """``werkbladen/index.md``: every worksheet, general ones first."""
        return self._page("werkbladen.md.j2", OVERVIEW_SRC, practices, guide_src=guide_src)

    def session_pack_page(self, practices: Sequence[PracticeView], guide_src: str | None = None) -> str:
        """``werkbladen/sessiemap/index.md``: pick worksheets and print them as one document."""
        return self._page("sessiemap.md.j2", SESSION_PACK_SRC, practices, guide_src=guide_src)
