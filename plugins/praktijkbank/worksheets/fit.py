"""What fits on one A4: the practice at the top of its sheet, shortened, and the room that leaves to write.

Paper does not scroll. What a practice tells at the top of its sheet is shortened here, in whole words and
visibly ("…", "… en 2 meer"), so that every sheet fits one A4 and no text disappears without saying so: long
lists are shortened more until the questions below keep enough lines to write on. Whether they do follows from
the page-height model: the height of each text from the lines it wraps into (textmetrics.py), in the font every
PDF is laid out in (fonts.py), and the stylesheet's other heights. The sheets themselves are rendered in sheets.py.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from praktijkbank.core.textmarkup import to_plain
from praktijkbank.pages.views import PracticeView, scale_label
from praktijkbank.worksheets import textmetrics

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



# -- the practice at the top of its sheet --------------------------------------------------------


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
# lines each text wraps into in DejaVu Sans (textmetrics.py), the font every PDF is laid out in, from the package's
# own files on any machine (fonts.py); the other heights are the stylesheet's, measured in WeasyPrint and Chromium.
# Tests measure the gap in the PDF and in Chromium's print (tests/worksheets/test_worksheets.py,
# tests/browser/test_browser_pages.py).

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
