"""Worksheets for facilitators: a sheet per practice to translate it to your own practice, and general sheets.

A worksheet is a light, standalone HTML page with a small stylesheet of its own, not a page of the theme:
a thousand practices then add a thousand cheap template renders to the build, not a thousand theme renders.
The same template also renders the variant that becomes the PDF (stylesheet inline, absolute links, no bar
for the screen), so the PDF adapter (``pdf.py``) needs nothing from the built site.

Paper does not scroll. What a practice tells at the top of its sheet is shortened here, in whole words and
visibly ("…", "… en 2 meer"), so that every sheet fits one A4 and no text disappears without saying so.
This module is part of the pure core: no MkDocs imports; the plugin hands the results to MkDocs.
"""

from __future__ import annotations

import math
import posixpath
from collections.abc import Iterable, Sequence
from dataclasses import astuple, dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from . import forked
from .memo import IdentityMemo
from .textmarkup import to_plain
from .urls import page_url, relative_url
from .views import PracticeView, scale_label

#: From this many practices on, worksheets are rendered in several processes.
PARALLEL_MIN = 200

ASSET_DIR = Path(__file__).parent / "assets"
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

TITLE_LONG = 70          # longer titles get a smaller type size
SUMMARY_CHARS = 420      # the schema allows 400
SUMMARY_BRIEF_CHARS = 240  # when a long title, summary and lists together leave too little room to write
PLACE_CHARS = 90         # one line
FACT_CHARS = 80          # the scale, the rhythm: each at most most of a line


@dataclass(frozen=True)
class Brevity:
    """How much of the success factors and obstacles a sheet shows, per column, in characters."""

    max_items: int
    item_chars: int
    note_chars: int      # how an obstacle was dealt with
    column_chars: int


#: From generous to brief: a practice with long lists gets the first level that leaves room to write.
BREVITY = (Brevity(4, 120, 90, 330), Brevity(3, 100, 70, 240), Brevity(2, 90, 50, 160))


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


# -- shortening, in whole words and never silently ------------------------------------------------


def shorten(text: str, limit: int) -> str:
    """Collapse white space and cut at a word boundary before ``limit`` characters, ending in "…"."""
    words = " ".join(str(text).split())
    if len(words) <= limit:
        return words
    cut = words[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–—") + "…"


@dataclass(frozen=True)
class Item:
    """One line at the top of a sheet; ``note`` says how an obstacle was dealt with."""

    text: str
    note: str | None = None


@dataclass(frozen=True)
class ShortList:
    """The first items of a list that fit, and how many more the practice names ("… en 3 meer")."""

    items: tuple[Item, ...]
    more: int = 0

    def __bool__(self) -> bool:
        return bool(self.items)


def shorten_list(items: Sequence[Item], brevity: Brevity = BREVITY[0]) -> ShortList:
    kept: list[Item] = []
    used = 0
    for item in items:
        if len(kept) == brevity.max_items:
            break
        short = Item(shorten(item.text, brevity.item_chars),
                     shorten(item.note, brevity.note_chars) if item.note else None)
        size = len(short.text) + len(short.note or "")
        if kept and used + size > brevity.column_chars:
            break
        kept.append(short)
        used += size
    return ShortList(tuple(kept), len(items) - len(kept))


# -- what a sheet shows of a practice ------------------------------------------------------------


@dataclass(frozen=True)
class Fact:
    """A short characteristic in the box with the practice, such as its scale or how often it meets."""

    label: str
    text: str


@dataclass(frozen=True)
class PracticeSummary:
    """The practice at the top of its worksheet: who, where, what, and what helped or got in the way.

    ``described`` of ``total`` checklist parts: a sheet of a practice that describes few of them says so, and
    names the ``contact`` organisation to ask for more.
    """

    slug: str
    title: str
    place: str | None
    summary: str
    success: ShortList
    obstacles: ShortList
    facts: tuple[Fact, ...] = ()
    described: int = 0
    total: int = 0
    contact: str | None = None

    @property
    def long_title(self) -> bool:
        return len(self.title) > TITLE_LONG

    @property
    def limited(self) -> bool:
        return self.described * 2 < self.total


def summarize(practice: PracticeView) -> PracticeSummary:
    """Success factors and obstacles come from their lists; a practice that describes them only in prose
    (``wat.waarom_het_werkt``, ``wat.wat_nog_niet_werkt``) gets that prose, shortened, instead.

    Long lists are shortened more until the questions keep enough lines to write on.
    """
    # Paper shows plain text: the texts' Markdown subset (lists, bold, links) is read as words (textmarkup.py).
    success = [Item(to_plain(str(text))) for text in practice.items("hoe.succesfactoren")]
    if not success and practice.value("wat.waarom_het_werkt"):
        success = [Item(to_plain(str(practice.value("wat.waarom_het_werkt"))))]
    obstacles = [Item(to_plain(str(item.get("knelpunt", ""))), to_plain(str(item["aanpak"])) if item.get("aanpak") else None)
                 for item in practice.items("hoe.knelpunten") if isinstance(item, dict) and item.get("knelpunt")]
    if not obstacles and practice.value("wat.wat_nog_niet_werkt"):
        obstacles = [Item(to_plain(str(practice.value("wat.wat_nog_niet_werkt"))))]
    place = place_of(practice)
    facts = facts_of(practice)
    completeness = practice.completeness
    organisation = practice.value("contact.organisatie")

    def summarized(brevity: Brevity, summary_chars: int) -> PracticeSummary:
        return PracticeSummary(
            slug=practice.slug,
            title=one_line(practice.title),
            place=place,
            summary=shorten(practice.summary, summary_chars),
            success=shorten_list(success, brevity),
            obstacles=shorten_list(obstacles, brevity),
            facts=facts,
            described=completeness.described,
            total=completeness.total,
            contact=shorten(str(organisation), PLACE_CHARS) if organisation else None,
        )

    for brevity in BREVITY:
        summary = summarized(brevity, SUMMARY_CHARS)
        if sum(vars(room_for(summary)).values()) >= ENOUGH_LINES:
            return summary
    if free_lines(summary) < MIN_LINES * len(ROOM_WEIGHTS):
        # Even the briefest lists leave less than two lines per question: the summary is shortened too (visibly).
        summary = summarized(BREVITY[-1], SUMMARY_BRIEF_CHARS)
    return summary


def one_line(text: str) -> str:
    return " ".join(text.split())


def place_of(practice: PracticeView) -> str | None:
    """Place and provinces, as a sheet and the lists of sheets show where a practice is."""
    regions = [practice.schema.label(("regio",), str(region)) for region in practice.items("regio")]
    place = shorten(", ".join(part for part in (str(practice.value("plaats") or ""), *regions) if part.strip()),
                    PLACE_CHARS)
    return place or None


def facts_of(practice: PracticeView) -> tuple[Fact, ...]:
    """How large the network is and how often it meets: what a facilitator weighs against their own practice."""
    facts = []
    scale = practice.value("omvang")
    if isinstance(scale, dict):
        # The counts say it shortest; only without them the explanation stands in.
        text = scale_label(scale, practice.schema) or to_plain(str(scale.get("toelichting", "")))
        if text:
            facts.append(Fact(practice.title_of("omvang"), shorten(text, FACT_CHARS)))
    rhythm = practice.value("ritme")
    if rhythm is not None:
        facts.append(Fact(practice.title_of("ritme"), shorten(to_plain(str(rhythm)), FACT_CHARS)))
    return tuple(facts)


# -- room to write ------------------------------------------------------------------------------
#
# The sheet is plain block layout (see werkblad.css), so how much room the questions get is decided here:
# estimate the height of the title and the practice in short, and give the rest to the questions as whole
# ruled lines. Estimates are measured on DejaVu Sans, the widest font of the stack (and the one CI and many
# Linux machines have); Arial-like fonts (Liberation Sans, Helvetica, Segoe UI) leave some white space above
# the foot, never an overflow. tests/test_browser_pages.py measures the gap in Chromium.

LINE_MM = 7.0                      # one ruled line, as on writing paper (--wb-regel)
#: Height on a translation sheet for the questions' own lines when the title and the practice take no room.
QUESTIONS_MM = 147.0
#: (characters per line, mm per line) for the texts at the top.
TITLE_METRICS = (44, 7.8)
LONG_TITLE_METRICS = (56, 6.2)
SUMMARY_METRICS = (90, 4.8)
ITEM_METRICS = (46, 4.1)
TITLE_GAP_MM = 3.0                 # above the title
PLACE_MM = 5.2
BOX_MM = 7.5                       # padding of the box with the practice
KERN_MM = 6.6                      # the headings of the two columns and the space above them
ITEM_GAP_MM = 0.8
BLANK_BOX_MM = 23.0                # the blank sheet's two lines to fill in, in the same box
FACT_METRICS = (95, 4.3)          # the line with the scale and the rhythm
NOTE_MM = 2.4                      # the space above the line with the facts, and above the note
#: The note on the sheet of a practice that describes few parts of the checklist (without the contact's name):
#: its length decides its lines.
LIMITED_NOTE_CHARS = 165
#: How the lines are shared: score (two columns), what appeals, take or leave (two columns), translate.
ROOM_WEIGHTS = (1.25, 1.0, 1.25, 1.0)
MIN_LINES = 2
ENOUGH_LINES = 13                  # in all, before the lists at the top are shortened further


@dataclass(frozen=True)
class Room:
    """Ruled lines to write on, per question of the translation sheet."""

    score: int
    appeals: int
    take: int
    translate: int


def _lines(text: str, chars_per_line: int) -> int:
    return max(1, math.ceil(len(text) / chars_per_line))


def top_height(practice: PracticeSummary | None) -> float:
    """Estimated height (mm) of the title, the place and the box with the practice in short."""
    if practice is None:
        return TITLE_GAP_MM + TITLE_METRICS[1] + BLANK_BOX_MM
    chars, line_mm = LONG_TITLE_METRICS if practice.long_title else TITLE_METRICS
    height = TITLE_GAP_MM + _lines(practice.title, chars) * line_mm + (PLACE_MM if practice.place else 0.0)
    height += BOX_MM + _lines(practice.summary, SUMMARY_METRICS[0]) * SUMMARY_METRICS[1]
    if practice.facts:
        text = " · ".join(f"{fact.label}: {fact.text}" for fact in practice.facts)
        height += NOTE_MM + _lines(text, FACT_METRICS[0]) * FACT_METRICS[1]
    if practice.limited:
        note = LIMITED_NOTE_CHARS + len(practice.contact or "")
        height += NOTE_MM + _lines("x" * note, FACT_METRICS[0]) * FACT_METRICS[1]
    if practice.success or practice.obstacles:
        def column(short: ShortList) -> float:
            texts = [item.text + (f" Aanpak: {item.note}" if item.note else "") for item in short.items]
            texts += ["… en 00 meer in het voorbeeld"] if short.more else []
            texts = texts or ["Niet beschreven in dit voorbeeld."]
            return sum(_lines(t, ITEM_METRICS[0]) * ITEM_METRICS[1] + ITEM_GAP_MM for t in texts)
        height += KERN_MM + max(column(practice.success), column(practice.obstacles))
    return height


def free_lines(practice: PracticeSummary | None) -> int:
    """How many ruled lines fit below the top, in all."""
    return int((QUESTIONS_MM - top_height(practice)) // LINE_MM)


def room_for(practice: PracticeSummary | None) -> Room:
    """Share the lines that fit below the top among the questions, by weight, never fewer than two each."""
    lines = max(MIN_LINES * len(ROOM_WEIGHTS), free_lines(practice))
    shares = [lines * weight / sum(ROOM_WEIGHTS) for weight in ROOM_WEIGHTS]
    counts = [max(MIN_LINES, math.floor(share)) for share in shares]
    # Hand out what rounding down left, to the largest remainders first.
    for index in sorted(range(len(shares)), key=lambda i: shares[i] - math.floor(shares[i]), reverse=True):
        if sum(counts) >= lines:
            break
        counts[index] += 1
    return Room(*counts)


# -- links ------------------------------------------------------------------------------------


def relative_href(from_file: str, target: str) -> str:
    """The link from an output file (``a/b/index.html``) to a site path (``c/d.pdf``, ``c/`` or ``""``)."""
    relative = posixpath.relpath(target or ".", posixpath.dirname(from_file) or ".")
    if (not target or target.endswith("/")) and not relative.endswith("/"):
        relative += "/"
    return relative


@dataclass(frozen=True)
class SheetLinks:
    """Where a worksheet points to. ``None``: no link (the PDF when there is none, or in a PDF without site_url)."""

    css: str | None
    icon: str | None
    home: str | None
    overview: str | None
    practice: str | None
    pdf: str | None
    address: str


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
                           page_url(self._practice_src(practice.slug), self.use_directory_urls),
                           practice=summary, room=room_for(summary), description=description)

    def general_sheets(self) -> list[Worksheet]:
        sheets = []
        for general in GENERAL_SHEETS:
            html_path, pdf_path = general_paths(general.key)
            sheets.append(self._sheet(general.key, general.title, general.template, html_path, pdf_path, None,
                                      practice=None, room=room_for(None), description=general.description))
        return sheets

    def all_sheets(self, practices: Sequence[PracticeView], workers: int = 1, memo: SheetMemo | None = None) -> list[Worksheet]:
        """The general sheets and one per practice; in ``workers`` processes when there are many practices.

        With a memo, a practice whose sheet was rendered before with the same settings keeps that sheet.
        """
        settings = (self.site_name, self.site_url, self.url_prefix, self.use_directory_urls, self.pdf, self.favicon)
        reused = {p.slug: sheet for p in practices
                  if memo is not None and (sheet := memo.get(p.slug, (p.practice,), settings)) is not None}
        todo = [p for p in practices if p.slug not in reused]
        fields = forked.map_forked(self._practice_sheet_fields, todo, workers) if len(todo) >= PARALLEL_MIN else None
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

    def _practice_src(self, slug: str) -> str:
        return f"{self.url_prefix}/{slug}.md" if self.url_prefix else f"{slug}.md"

    def _page_file(self, src: str) -> str:
        """The output file of a Markdown page, to compute links to static files from."""
        here = page_url(src, self.use_directory_urls)
        return here + "index.html" if here.endswith("/") or not here else here

    def _sheet_url(self, html_path: str) -> str:
        if self.use_directory_urls and html_path.endswith("/index.html"):
            return html_path[: -len("index.html")]
        return html_path

    def _stylesheet(self) -> Markup:
        # Our own file, inlined so that the PDF needs no request; a site cannot inject markup through it.
        if self._css is None:
            self._css = Markup((ASSET_DIR / "werkblad.css").read_text(encoding="utf-8").replace("</", "<\\/"))
        return self._css

    # -- the Material pages that list them ------------------------------------------------------

    def entries(self, from_src: str, practices: Iterable[PracticeView]) -> list[PackEntry]:
        """General sheets first, then one per practice, with links relative to the page ``from_src``."""
        here_file = self._page_file(from_src)

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
                                  relative_url(from_src, self._practice_src(practice.slug), self.use_directory_urls), False))
        return rows

    def _page(self, template: str, src: str, practices: Sequence[PracticeView], **context: Any) -> str:
        here_file = self._page_file(src)
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
