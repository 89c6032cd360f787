"""Pages and worksheets in real headless Chromium: nothing the pages ask for is missing (no 404, a favicon on every
page), and every worksheet, printed, uses its A4 down to its foot and never runs into it, whatever the practice tells
and in a narrower font as well."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from praktijkbank.worksheets.fit import LINE_MM

from tests.helpers import MEASURED_SHEETS, bottom_gap_mm, foot_text, require_chromium, require_poppler, serve_directory

pytestmark = pytest.mark.browser

PAGES = ["", "praktijken/", "praktijken/compleet/", "praktijken/bijna-leeg/", "praktijken/compleet/werkblad/",
         "praktijken/bijna-leeg/werkblad/", "werkbladen/", "werkbladen/vertaling/", "werkbladen/sessiemap/",
         "checklist/", "bijdragen/", "thema/sociale-basis/", "zoeken/?q=wijk", "insturen/"]
#: Letters about a tenth narrower, as in Arial-like fonts (the tests have DejaVu Sans only, the widest of the stack).
NARROWER = "body, input, textarea { letter-spacing: -0.06em !important; }"


@pytest.fixture(scope="module")
def site_url(sheets_site: Path) -> Iterator[str]:
    require_chromium()
    with serve_directory(sheets_site) as url:
        yield url


def test_no_page_asks_for_something_that_is_not_there(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    missing: list[str] = []
    page.on("response", lambda response: missing.append(f"{response.status} {response.url}") if response.status >= 400 else None)
    page.on("requestfailed", lambda request: missing.append(f"failed {request.url}"))
    for path in PAGES:
        response = page.goto(site_url + path, wait_until="networkidle")
        assert response is not None and response.status == 200, path
        # A page without an icon of its own makes browsers ask for /favicon.ico, which no MkDocs site has.
        icons = page.locator("link[rel~='icon']")
        assert icons.count() == 1, path
        icon = page.evaluate("document.querySelector(\"link[rel~='icon']\").href")
        answer = page.request.get(icon)
        assert answer.status == 200 and answer.headers["content-type"] == "image/svg+xml", (path, icon)
    assert missing == []
    page.close()


@pytest.mark.parametrize("font", ["DejaVu Sans", "narrower"])
@pytest.mark.parametrize("sheet", MEASURED_SHEETS)
def test_printed_worksheet_fills_its_page_down_to_the_foot(browser, site_url: str, sheets_site: Path,  # type: ignore[no-untyped-def]
                                                           sheet: str, font: str, tmp_path: Path) -> None:
    """Printed from the browser (Chromium's print to PDF), a sheet's writing areas take what the rest leaves: less
    than one ruled line stays white above the foot, and nothing runs into it. In a browser the sheet's layout gives
    out that room itself, so a narrower font fills the page too; measured as poppler renders the page."""
    require_poppler()
    page = browser.new_page()
    page.goto(site_url + sheet + "/", wait_until="networkidle")
    if font == "narrower":
        page.add_style_tag(content=NARROWER)
    pdf = tmp_path / "blad.pdf"
    pdf.write_bytes(page.pdf(prefer_css_page_size=True))
    gap = bottom_gap_mm(pdf, foot_text((sheets_site / sheet / "index.html").read_text(encoding="utf-8")))
    assert 0 <= gap < LINE_MM, f"{sheet} ({font}): {gap:.1f} mm above the foot"
    if "praktijken/" in sheet:
        assert page.locator(".wb-vraag").count() == 5
    page.close()
