"""Where a worksheet's content ends on paper: its first page rendered by poppler (pdftoppm, pdftotext), as printed.

The same measure for WeasyPrint's PDF and for Chromium's print to PDF: the white space between the lowest ink of the
sheet and the rule at the top of its foot. Negative when something other than the foot's own text lies below that
rule, that is, when the sheet runs into its foot.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import pytest

MM_PER_INCH = 25.4
PT_MM = MM_PER_INCH / 72
DPI = 150
INK = 245                           # a grey level darker than this is ink (white is 255)
SHEET_LEFT_MM, SHEET_RIGHT_MM = 15.0, 195.0  # the sheet's content box, where the foot's rule runs
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def require_poppler() -> None:
    if shutil.which("pdftoppm") and shutil.which("pdftotext"):
        return
    if os.environ.get("CI"):
        pytest.fail("poppler-utils (pdftoppm, pdftotext) is missing in CI")
    pytest.skip("poppler-utils is not installed (apt-get install poppler-utils)")


@dataclass(frozen=True)
class Page:
    """Page 1 of a PDF in grey levels, and the boxes of its words (in mm)."""

    width: int
    height: int
    pixels: bytes
    words: list[tuple[float, float, float, float, str]]

    def px(self, mm: float) -> int:
        return round(mm * DPI / MM_PER_INCH)

    def mm(self, px: int) -> float:
        return px * MM_PER_INCH / DPI

    def inked(self, y: int, left: int = 0, right: int | None = None) -> int:
        row = self.pixels[y * self.width + left: y * self.width + (self.width if right is None else right)]
        return sum(1 for value in row if value < INK)


def read_page(pdf: Path) -> Page:
    grey = subprocess.run(["pdftoppm", "-gray", "-r", str(DPI), "-f", "1", "-l", "1", str(pdf)],
                          capture_output=True, check=True).stdout
    magic, width, height, _, pixels = grey.split(maxsplit=4)
    assert magic == b"P5"
    text = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
                          capture_output=True, check=True, text=True).stdout
    words = [(*(float(v) * PT_MM for v in match.groups()[:4]), unescape(match.group(5))) for match in _WORD.finditer(text)]
    return Page(int(width), int(height), pixels, words)  # type: ignore[arg-type]


def foot_text(html: str) -> str:
    """The text of a worksheet's foot, from its HTML."""
    foot = re.search(r'<footer class="wb-voet">(.*?)</footer>', html, re.S)
    assert foot, "no foot in the sheet"
    return unescape(re.sub(r"<[^>]+>", " ", foot.group(1)))


def bottom_gap_mm(pdf: Path, foot: str) -> float:
    """The white space (mm) above the foot's rule on page 1; negative: how far the sheet runs below that rule.

    ``foot`` is the foot's own text (``foot_text``): below the rule only that text may stand, on as many lines as
    it takes (a long address makes the foot longer towards the edge of the paper). Anything else there, ink or
    words, is the sheet running into its foot.
    """
    page = read_page(pdf)
    left, right = page.px(SHEET_LEFT_MM + 1), page.px(SHEET_RIGHT_MM - 1)
    full = 0.98 * (right - left)
    # The foot's rule: the lowest row inked across the whole width of the sheet.
    rule = next((y for y in range(page.height - 1, 0, -1) if page.inked(y, left, right) >= full), None)
    assert rule is not None, f"{pdf}: no foot found"
    top = rule
    while page.inked(top - 1, left, right) >= full:
        top -= 1
    below = [word for word in page.words if word[1] > page.mm(rule)]
    mask = bytearray(page.width * page.height)
    pad = page.px(0.4)
    for x0, y0, x1, y1, _ in below:
        start, end = max(0, page.px(x0) - pad), min(page.width, page.px(x1) + pad)
        for y in range(max(0, page.px(y0) - pad), min(page.height, page.px(y1) + pad)):
            mask[y * page.width + start: y * page.width + end] = b"\1" * (end - start)
    intruding = [y for y in range(rule + 2, page.height)  # the row under the rule may hold its anti-aliased end
                 if any(page.pixels[i] < INK and not mask[i] for i in range(y * page.width, (y + 1) * page.width))]
    words_below = sorted("".join(word[4] for word in below).replace("-", ""))
    if intruding or words_below != sorted("".join(foot.split()).replace("-", "")):
        deepest = max([*intruding, *(page.px(word[3]) for word in below)])
        return -page.mm(deepest - top)
    blank = 0
    while top - blank - 1 > 0 and page.inked(top - blank - 1) == 0:
        blank += 1
    return page.mm(blank)


def _pypdf():
    return pytest.importorskip("pypdf")


def pdf_text(path: Path) -> str:
    """All text of a PDF with white space collapsed, as a reader would copy it."""
    reader = _pypdf().PdfReader(str(path))
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def has(text: str, snippet: str) -> bool:
    """Whether a PDF's text contains a snippet, wherever lines were broken (after a hyphen, say)."""
    return "".join(snippet.split()) in "".join(text.split())


def pdf_pages(path: Path) -> int:
    return len(_pypdf().PdfReader(str(path)).pages)


def pdf_fields(path: Path) -> set[str]:
    return set(_pypdf().PdfReader(str(path)).get_fields() or {})

