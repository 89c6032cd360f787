"""Paper, in real headless Chromium: worksheets print on one A4 each, the session pack prints the chosen
worksheets with the session guide, and a practice page prints as a clean document."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import axe_violations, build_copy, require_chromium, serve_directory

pypdf = pytest.importorskip("pypdf")

pytestmark = pytest.mark.browser

#: Replaces window.print in every frame: count the sheets it would print instead of opening a dialog.
PRINT_SPY = """
window.print = function () {
  var top = window.top;
  top.__pbPrinted = (top.__pbPrinted || []).concat([
    Array.prototype.map.call(document.querySelectorAll('.wb-blad h1'), function (h) { return h.textContent.trim(); })
  ]);
};
"""

LINKED_PRACTICE = """---
titel: Leergroep met een bron
samenvatting: Een praktijk met een verwijzing naar een publicatie op een andere website, om te printen.
themas: [sociale-basis]
bijgewerkt: "2026-01-15"
---

Lees meer in [de publicatie van het NJi](https://www.nji.nl/lerende-netwerken).
"""


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    require_chromium()

    def add_practice(project: Path) -> None:
        (project / "practices" / "met-bron.md").write_text(LINKED_PRACTICE, encoding="utf-8")

    site = build_copy(tmp_path_factory.mktemp("print"), add_practice)
    with serve_directory(site) as url:
        yield url


def page_count(pdf: bytes) -> int:
    import io

    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize("path", ["praktijken/buurt-in-bloei-eindhoven/werkblad/", "praktijken/met-bron/werkblad/",
                                  "werkbladen/vertaling/", "werkbladen/presenteren/", "werkbladen/sessie/"])
def test_worksheet_prints_on_one_a4_page_from_the_browser(browser, site_url: str, path: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url + path, wait_until="networkidle")
    assert [url for url in requests if not url.startswith(site_url)] == []
    assert page_count(page.pdf(prefer_css_page_size=True)) == 1
    page.emulate_media(media="print")
    assert not page.locator(".wb-balk").is_visible()
    page.close()


def test_worksheet_page_is_accessible_on_screen(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    page.goto(site_url + "praktijken/buurt-in-bloei-eindhoven/werkblad/", wait_until="networkidle")
    assert page.get_by_role("radiogroup", name="Jouw cijfer").get_by_role("radio").count() == 11
    assert page.get_by_role("textbox", name="Sterke punten").count() == 1
    assert axe_violations(page) == []
    page.close()


def test_session_pack_prints_the_chosen_worksheets_with_the_session_guide(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context()
    context.add_init_script(PRINT_SPY)
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site_url + "werkbladen/sessiemap/", wait_until="networkidle")
    guide = page.get_by_role("checkbox", name="Sessiewijzer")
    assert guide.is_visible() and guide.is_checked()
    # With the keyboard only: tick two practices and press the button.
    for title in ("Buurt in Bloei in Eindhoven", "Leerwerkgemeenschap Geestverwanten"):
        box = page.get_by_role("checkbox", name=title)
        box.focus()
        page.keyboard.press("Space")
        assert box.is_checked()
    status = page.locator("[data-pb-status]")
    assert status.get_attribute("aria-live") == "polite"
    assert status.inner_text() == "3 werkbladen gekozen."
    button = page.get_by_role("button", name="Print de sessiemap")
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("window.__pbPrinted && window.__pbPrinted.length === 1")
    printed = page.evaluate("window.__pbPrinted[0]")
    assert printed == ["Een bijeenkomst van je lerende netwerk", "Buurt in Bloei in Eindhoven", "Leerwerkgemeenschap Geestverwanten"]
    assert status.inner_text().startswith("Het printvenster is geopend met 3 werkbladen.")
    # The print view puts each sheet on its own A4: the same document, printed, has three pages.
    view = page.locator("iframe.pb-printmap").evaluate("frame => frame.contentDocument.documentElement.outerHTML")
    paper = context.new_page()
    paper.goto(site_url + "werkbladen/sessiemap/")
    paper.set_content(view, wait_until="networkidle")
    assert page_count(paper.pdf(prefer_css_page_size=True)) == 3
    assert [url for url in requests if not url.startswith(site_url)] == []
    assert errors == []
    assert axe_violations(page) == []
    context.close()


def test_session_pack_asks_for_a_choice_before_printing(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context()
    context.add_init_script(PRINT_SPY)
    page = context.new_page()
    page.goto(site_url + "werkbladen/sessiemap/", wait_until="networkidle")
    page.get_by_role("checkbox", name="Sessiewijzer").uncheck()
    page.get_by_role("button", name="Print de sessiemap").click()
    assert page.locator("[data-pb-status]").inner_text() == "Kies eerst ten minste één werkblad."
    assert page.evaluate("window.__pbPrinted") is None
    context.close()


def test_session_pack_without_javascript_links_every_worksheet_and_pdf(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "werkbladen/sessiemap/")
    assert page.get_by_role("checkbox").count() == 0  # nothing to tick without the script
    assert not page.get_by_role("button", name="Print de sessiemap").is_visible()
    sheets = page.get_by_role("link", name=re.compile(r"^Werkblad .* openen$"))
    pdfs = page.get_by_role("link", name=re.compile(r"^PDF van het werkblad "))
    assert sheets.count() == pdfs.count() == 9  # 3 general + 6 practices
    page.get_by_role("link", name="Werkblad Leerwerkgemeenschap Geestverwanten openen").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Leerwerkgemeenschap Geestverwanten"
    context.close()


def test_practice_page_prints_as_a_clean_document(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    page.goto(site_url + "praktijken/met-bron/", wait_until="networkidle")
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-top", ".md-search"):
        locator = page.locator(chrome)
        assert locator.count() == 0 or not locator.first.is_visible(), chrome
    assert page.locator("article h1").is_visible()
    # An outside link shows its address on paper; a link within the site prints as plain text.
    outside = page.locator('article a[href="https://www.nji.nl/lerende-netwerken"]')
    after = outside.evaluate("a => getComputedStyle(a, '::after').content")
    assert "https://www.nji.nl/lerende-netwerken" in after
    inside = page.locator(".pb-kenmerken a").first  # to the page of a theme
    assert inside.evaluate("a => getComputedStyle(a, '::after').content") in ("none", "normal")
    assert page_count(page.pdf(prefer_css_page_size=True)) >= 1
    page.close()
