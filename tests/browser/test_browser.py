"""The built site in real headless Chromium: it renders, fits a phone, and never calls a third party."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import build_copy, require_chromium, serve_directory, settled

pytestmark = pytest.mark.browser

PAGES = ["", "praktijken/", "praktijken/leerwerkgemeenschap-geestverwanten/", "checklist/", "bijdragen/",
         "lerende-netwerken/", "thema/", "thema/professionalisering/", "zoeken/?q=wijk", "open-data/", "toegankelijkheid/",
         "privacy/"]


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    require_chromium()
    with serve_directory(build_copy(tmp_path_factory.mktemp("browser"))) as url:
        yield url


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("width", [390, 1280])
def test_page_renders_without_third_party_requests(browser, site_url: str, path: str, width: int, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": width, "height": 900})
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    response = page.goto(site_url + path, wait_until="networkidle")
    assert response is not None and response.status == 200
    settled(page)  # the overview's filters and the search page's results are on the page
    assert page.locator("h1").count() == 1
    assert page.evaluate("document.documentElement.lang") == "nl"
    foreign = [url for url in requests if not url.startswith(site_url)]
    assert foreign == []
    assert errors == []
    # Nothing sticks out sideways on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    shot = tmp_path / f"{path.strip('/').replace('/', '_') or 'home'}-{width}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    page.close()


def heading(text: str) -> str:
    """Heading text without the permalink sign that the toc extension appends."""
    return text.rstrip("¶").strip()


def test_practice_page_shows_checklist_structure(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    page.goto(site_url + "praktijken/leerwerkgemeenschap-geestverwanten/")
    assert heading(page.locator("h1").inner_text()) == "Leerwerkgemeenschap Geestverwanten"
    headings = page.locator("article h2").all_inner_texts()
    assert [heading(h) for h in headings][:3] == ["Het verhaal", "Waarom", "Hoe"]
    # 4 of 12 parts: said in plain sight, not folded away.
    notice = page.locator(".pb-volledigheid--beperkt")
    assert notice.is_visible()
    assert "4 van de 12 onderdelen van de checklist zijn ingevuld" in notice.inner_text()
    assert "Nog niet beschreven: Bijdrage aan de transformatie" in notice.inner_text()
    page.close()


def test_overview_links_reach_every_practice(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    page.goto(site_url + "praktijken/")
    settled(page)
    links = page.locator(".pb-kaart__titel a")
    assert links.count() == 5
    links.filter(has_text="Buurt in Bloei").click()
    page.wait_for_url(site_url + "praktijken/buurt-in-bloei-eindhoven/")
    assert heading(page.locator("h1").inner_text()) == "Buurt in Bloei in Eindhoven"
    page.close()


def search_results(page, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The titles the search page shows, once it says it is done and that they are the results for ``query``."""
    settled(page)
    assert f"voor \u2018{query}\u2019" in page.locator("[data-pb-zoekstatus]").inner_text()
    return [heading(title) for title in page.locator(".pb-zoekresultaat__titel").all_inner_texts()]


def test_header_search_finds_a_practice_by_a_field(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    page.goto(site_url + "praktijken/", wait_until="networkidle")
    settled(page)
    field = page.get_by_role("searchbox", name="Zoeken")
    field.fill("kwartiermakers")  # a word from the front-matter field 'hoe.werkzame_elementen'
    field.press("Enter")
    page.wait_for_url("**/zoeken/?q=kwartiermakers")
    assert "Leerwerkgemeenschap Geestverwanten" in search_results(page, "kwartiermakers")
    page.close()


def test_search_uses_dutch_stemming_filters_and_keeps_the_query_in_the_address(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url + "zoeken/?q=kwartiermaker", wait_until="networkidle")  # singular finds the plural
    assert "Leerwerkgemeenschap Geestverwanten" in search_results(page, "kwartiermaker")
    assert page.get_by_role("button", name="Wissen", exact=True).is_visible()

    box = page.get_by_role("searchbox", name="Zoek in alle praktijkvoorbeelden en pagina's")
    box.fill("leernetwerk")
    page.wait_for_url("**/zoeken/?q=leernetwerk")
    everything = search_results(page, "leernetwerk")
    assert len(everything) >= 2
    page.get_by_text("Verfijnen op thema").click()
    page.get_by_label("Zuid-Holland").check()
    assert search_results(page, "leernetwerk") == ["Leernetwerk Integraal Werken in Leiden"]
    assert page.locator("[data-pb-zoekstatus]").inner_text().startswith("1 resultaat voor")
    assert page.url.endswith("zoeken/?q=leernetwerk&regio=zuid-holland")
    page.close()


def test_search_page_without_javascript_points_to_the_overview(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "zoeken/?q=wijk")
    assert "Zoeken werkt met JavaScript" in page.locator("article").inner_text()
    page.get_by_role("link", name="overzicht van alle praktijkvoorbeelden").click()
    page.wait_for_url(site_url + "praktijken/")
    context.close()


def test_site_works_without_javascript(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    _ = site_url
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "praktijken/")
    links = page.locator(".pb-kaart__titel a")
    assert links.count() == 5
    links.filter(has_text="Geestverwanten").click()
    page.wait_for_url(site_url + "praktijken/leerwerkgemeenschap-geestverwanten/")
    assert "Brandende kwestie" in page.locator("article").inner_text()
    context.close()
