"""What the plugin keeps from one build to the next while ``mkdocs serve`` rebuilds, in one object with one reset.

``mkdocs serve`` keeps the plugin object across rebuilds, so a rebuild after one edited practice reuses what did not
change: the files read and checked, practice pages (Markdown, and the HTML kept out of it), the cards of practices in
lists and the views they show, worksheets, each practice's open data (its JSON line and CSV row), and practice
pages converted to HTML ahead (``conversion.py``). Each is reused only while its inputs are unchanged; a changed
schema, which can change every verdict and every label, empties them all (`reset`). A one-off ``mkdocs build`` uses
none of them (`memos` hands out nothing).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from praktijkbank.checking.collection import FileCache
from praktijkbank.pages.renderer import CardMemo, PageMemo
from praktijkbank.pages.views import PracticeView
from praktijkbank.plugin.conversion import AheadConversions
from praktijkbank.publishing.opendata import OpenDataMemo
from praktijkbank.site import Memos
from praktijkbank.worksheets.pdf import PdfRenderer
from praktijkbank.worksheets.sheets import SheetMemo


@dataclass
class ServeCaches:
    """Everything that outlives one build. `reset` empties the caches; three things outlast even that: the PDF
    renderer (its cache checks itself), the nonce (it lasts as long as the process, so an unchanged page gives the
    very same Markdown) and the notes said once per run."""

    files: FileCache = field(default_factory=FileCache)
    pages: PageMemo = field(default_factory=PageMemo)
    sheets: SheetMemo = field(default_factory=SheetMemo)
    cards: CardMemo = field(default_factory=CardMemo)
    views: dict[str, PracticeView] = field(default_factory=dict)
    conversions: AheadConversions = field(default_factory=AheadConversions)
    open_data: OpenDataMemo = field(default_factory=OpenDataMemo)
    pdf: PdfRenderer | None = None
    nonce: str = field(default_factory=lambda: secrets.token_hex(8))
    told: set[str] = field(default_factory=set)

    def reset(self) -> None:
        """Empty everything kept across ``serve`` rebuilds (the PDF renderer's cache aside, which checks itself)."""
        self.files, self.pages, self.conversions = FileCache(), PageMemo(), AheadConversions()
        self.sheets, self.cards, self.views, self.open_data = SheetMemo(), CardMemo(), {}, OpenDataMemo()

    def memos(self, *, serving: bool) -> Memos:
        """The caches a build of the site may reuse: all of them while serving, none for a one-off build."""
        if not serving:
            return Memos()
        return Memos(files=self.files, pages=self.pages, cards=self.cards, views=self.views, sheets=self.sheets,
                     open_data=self.open_data)

    def first_time(self, note: str) -> bool:
        """Is this the first time ``note`` is said in this run?"""
        if note in self.told:
            return False
        self.told.add(note)
        return True
