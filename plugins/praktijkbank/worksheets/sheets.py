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
from collections.abc import Iterable, Sequence
from dataclasses import astuple, dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from praktijkbank.core.textmarkup import to_plain
from praktijkbank.pages.urls import page_file, page_url, practice_src, relative_href, relative_url
from praktijkbank.pages.views import PracticeView, scale_label
from praktijkbank.runtime import forked
from praktijkbank.runtime.memo import IdentityMemo
from praktijkbank.worksheets import textmetrics

#: From this many practices on, worksheets are rendered in several processes.
PARALLEL_MIN = 200

ASSET_DIR = Path(__file__).parents[1] / "assets"
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

    @property
    def more_text(self) -> str:
        """The last line of a shortened list."""
        return f"… en {self.more} meer in het voorbeeld"


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

    @property
    def limited_note(self) -> str:
        """What the sheet of a sparse practice says about it (only shown when ``limited``)."""
        how = "nauwelijks" if self.described == 0 else "maar beperkt"
        ask = f", en vraag het na bij {self.contact}" if self.contact else ""
        return (f"Dit voorbeeld is nog {how} beschreven ({self.described} van {self.total} onderdelen van de checklist). "
                f"Bespreek bij de vragen ook wat je nog zou willen weten{ask}.")


def fact_runs(facts: Sequence[Fact]) -> list[tuple[str, bool]]:
    """The line with the facts as the sheet shows it: each label in bold, then its text, with " · " between."""
    runs: list[tuple[str, bool]] = []
    for index, fact in enumerate(facts):
        runs += [(f"{fact.label}:", True), (f" {fact.text}" + (" ·" if index < len(facts) - 1 else ""), False)]
    return runs


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
        if room_for(summary).lines >= ENOUGH_LINES:
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
# A sheet is one A4 of fixed height with its foot at the bottom; what is not text is room to write, in ruled lines.
# In a browser the sheet's layout hands out that room itself (a column whose writing areas grow, werkblad.css),
# whatever the font. The PDF is plain block layout, because WeasyPrint lays nested flex out many times over (seven
# times slower), so here the height of everything else is computed, and the rest is shared among the writing areas:
# whole ruled lines, and what is left below them as a little more height for each. Text heights follow from the
# lines each text wraps into in DejaVu Sans (textmetrics.py), the widest font of the stack and the one CI renders
# PDFs with; the other heights are the stylesheet's, measured in WeasyPrint and Chromium. With a narrower font the
# PDF keeps a little white space above the foot, never an overflow. Tests measure the gap in the PDF and in
# Chromium's print (tests/worksheets/test_worksheets.py, tests/browser/test_browser_pages.py).

LINE_MM = 7.0                      # one ruled line, as on writing paper (--wb-regel)
#: The sheet's content box: 297 mm less its padding (13 mm on top, 20 mm below, where the foot is).
SHEET_MM = 264.0
BLOCK_GAP_MM = 4.5                 # between the head, the practice and the questions (.wb-blad > * + *)
SHEET_WIDTH_MM = 180.0
BOX_WIDTH_MM = 169.8               # inside the box with the practice: less its 1.2 mm border and 4.5 mm padding
LIST_WIDTH_MM = 78.7               # a list in one of the box's two columns, less the 3.2 mm of its bullets
#: The head's first row (the kind of sheet, and name and date to fill in); in DejaVu Sans the kind takes two lines.
HEAD_ROW_MM = 12.0
TITLE_GAP_MM = 3.0                 # above the title
PLACE_GAP_MM = 1.2
BOX_PADDING_MM = 6.8
NOTE_GAP_MM = 2.4                  # above the line with the facts, and above the note
KERN_GAP_MM = 2.8                  # above the two columns
KERN_HEADING_MM = 3.56             # "Succesfactoren", "Knelpunten" (7.2 pt)
ITEM_GAP_MM = 0.8
#: The blank translation sheet: its head and its two lines to fill in, instead of a practice.
BLANK_TOP_MM = 41.51
#: The questions of a translation sheet without their lines: the gap above them, their texts, the scale from 0 to
#: 10, the labels of the areas, the spacing, and the three steps of the last question.
QUESTIONS_MM = 102.35


@dataclass(frozen=True)
class Font:
    """Type size and line height of a text on the sheet, as in werkblad.css."""

    size_pt: float
    line_height: float
    bold: bool = False
    letter_spacing: float = 0.0  # em

    @property
    def line_mm(self) -> float:
        return self.size_pt * self.line_height * textmetrics.PT_MM

    def lines(self, text: textmetrics.Runs, width_mm: float) -> int:
        return textmetrics.line_count(text, width_mm, self.size_pt, bold=self.bold, letter_spacing=self.letter_spacing)

    def height(self, text: textmetrics.Runs, width_mm: float) -> float:
        return self.lines(text, width_mm) * self.line_mm


TITLE = Font(19, 1.15, bold=True, letter_spacing=-0.01)
LONG_TITLE = Font(15, 1.15, bold=True, letter_spacing=-0.01)
PLACE = Font(9.5, 1.4)
SUMMARY = Font(9.5, 1.42)
SMALL = Font(8.5, 1.35)            # the facts, the note on a sparse practice, the lists
SMALL_BOLD = Font(8.5, 1.35, bold=True)
EMPTY = Font(8.5, 1.4)             # "Niet beschreven in dit voorbeeld."

#: How the lines are shared: score (two columns), what appeals, take or leave (two columns), translate.
ROOM_WEIGHTS = (1.25, 1.0, 1.25, 1.0)
MIN_LINES = 2
ENOUGH_LINES = 13                  # in all, before the lists at the top are shortened further


@dataclass(frozen=True)
class Area:
    """A writing area: its ruled lines, and its height in mm (the lines, and a share of what is left below them)."""

    lines: int
    mm: float


@dataclass(frozen=True)
class Room:
    """The writing areas of the translation sheet, per question (two side by side share one)."""

    score: Area
    appeals: Area
    take: Area
    translate: Area

    @property
    def lines(self) -> int:
        return self.score.lines + self.appeals.lines + self.take.lines + self.translate.lines


def share_room(free_mm: float, weights: Sequence[float], minimum: int = MIN_LINES) -> tuple[Area, ...]:
    """Share ``free_mm`` among writing areas one above the other, by weight: whole lines (never fewer than
    ``minimum`` each), and the rest below the last whole line as a little more height for each."""
    lines = max(minimum * len(weights), int(free_mm // LINE_MM))
    shares = [lines * weight / sum(weights) for weight in weights]
    counts = [max(minimum, math.floor(share)) for share in shares]
    # Hand out what rounding down left, to the largest remainders first.
    for index in sorted(range(len(shares)), key=lambda i: shares[i] - math.floor(shares[i]), reverse=True):
        if sum(counts) >= lines:
            break
        counts[index] += 1
    spare = max(0.0, free_mm - sum(counts) * LINE_MM)
    return tuple(Area(count, round(count * LINE_MM + spare * weight / sum(weights), 2))
                 for count, weight in zip(counts, weights, strict=True))


def _column_mm(short: ShortList) -> float:
    """One of the two columns in the box: its heading and its items (or the note that there are none)."""
    if not short:
        return KERN_HEADING_MM + 0.6 + EMPTY.height("Niet beschreven in dit voorbeeld.", LIST_WIDTH_MM)
    texts = [item.text + (f" Aanpak: {item.note}" if item.note else "") for item in short.items]
    texts += [short.more_text] if short.more else []
    return KERN_HEADING_MM + sum(ITEM_GAP_MM + SMALL.height(text, LIST_WIDTH_MM) for text in texts)


def top_height(practice: PracticeSummary | None) -> float:
    """Height (mm) of the head of a translation sheet and the box with the practice in short."""
    if practice is None:
        return BLANK_TOP_MM
    title = LONG_TITLE if practice.long_title else TITLE
    height = HEAD_ROW_MM + TITLE_GAP_MM + title.height(practice.title, SHEET_WIDTH_MM)
    if practice.place:
        height += PLACE_GAP_MM + PLACE.height(practice.place, SHEET_WIDTH_MM)
    height += BLOCK_GAP_MM + BOX_PADDING_MM + SUMMARY.height(practice.summary, BOX_WIDTH_MM)
    if practice.facts:
        height += NOTE_GAP_MM + SMALL.height(fact_runs(practice.facts), BOX_WIDTH_MM)
    if practice.limited:
        height += NOTE_GAP_MM + SMALL_BOLD.height(practice.limited_note, BOX_WIDTH_MM)
    if practice.success or practice.obstacles:
        height += KERN_GAP_MM + max(_column_mm(practice.success), _column_mm(practice.obstacles))
    return height


def free_mm(practice: PracticeSummary | None) -> float:
    """What the questions of a translation sheet leave to write on, in mm."""
    return SHEET_MM - top_height(practice) - QUESTIONS_MM


def free_lines(practice: PracticeSummary | None) -> int:
    """How many ruled lines fit below the top, in all."""
    return int(free_mm(practice) // LINE_MM)


def room_for(practice: PracticeSummary | None) -> Room:
    """Share what fits below the top among the questions, by weight, never fewer than two lines each."""
    return Room(*share_room(free_mm(practice), ROOM_WEIGHTS))


#: The writing areas of the other general sheets (name, weight, at least so many lines), and the height (mm) of all
#: else on them in DejaVu Sans: the areas get the rest of the sheet.
GENERAL_ROOM: dict[str, tuple[float, tuple[tuple[str, float], ...], int]] = {
    "presenteren": (86.64, (("inleiding", 6), ("opbrengsten", 7), ("proces", 8), ("tips", 5)), 4),
    "sessie": (191.98, (("opstart", 1), ("reflectie", 1), ("inhoud", 1), ("coaching", 1), ("afsluiting", 1)), 2),
}


def general_room(key: str) -> dict[str, Area] | None:
    """The writing areas of a general sheet by name; None for a sheet without them."""
    if key not in GENERAL_ROOM:
        return None
    fixed, areas, minimum = GENERAL_ROOM[key]
    shared = share_room(SHEET_MM - fixed, [weight for _, weight in areas], minimum)
    return {name: area for (name, _), area in zip(areas, shared, strict=True)}


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
