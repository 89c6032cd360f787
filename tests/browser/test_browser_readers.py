"""Readers in a real browser: combining facets, the text filter, URL state, keyboard use, and accessibility."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs

import pytest

from tests.helpers import axe_violations, build_copy, configure, readers, require_chromium, serve_directory, settled

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    require_chromium()
    site = build_copy(tmp_path_factory.mktemp("readers"), lambda project: readers.write(project / "practices"))
    with serve_directory(site) as url:
        yield url


@pytest.fixture
def overview(browser, site_url: str):  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url + "praktijken/")
    yield page
    page.close()


def listed_titles(page) -> list[str]:  # type: ignore[no-untyped-def]
    """The titles of the cards shown; without JavaScript the page is done when it has loaded."""
    return page.locator(".pb-kaart:not([hidden]) .pb-kaart__titel").all_inner_texts()


def visible_titles(page) -> list[str]:  # type: ignore[no-untyped-def]
    """The titles of the cards shown, once the overview says it has shown the last change."""
    settled(page)
    return listed_titles(page)


def count_of(page, segment: str, value: str) -> str:  # type: ignore[no-untyped-def]
    settled(page)
    return page.locator(f"fieldset[data-facet='{segment}'] .pb-telling[data-waarde='{value}']").inner_text()


def overview_status(page) -> str:  # type: ignore[no-untyped-def]
    settled(page)
    return str(page.locator("[data-pb-status]").inner_text())


def test_facets_combine_or_within_and_across(overview) -> None:  # type: ignore[no-untyped-def]
    page = overview
    assert len(visible_titles(page)) == 5
    page.get_by_label("Sociale basis").check()
    assert visible_titles(page) == ["Wijkleergroep Utrecht", "Veiligheidslab Amersfoort"]
    # Counts in other facets show what each choice would give together with this one.
    assert count_of(page, "type", "leergroep") == "(1)"
    assert count_of(page, "type", "doorbraak") == "(0)"
    # Within a facet: OR.
    page.locator("fieldset[data-facet='thema']").get_by_label("Veiligheid").check()
    assert visible_titles(page) == ["Wijkleergroep Utrecht", "Veiligheidslab Amersfoort", "Leergroep veilig thuis Goes"]
    # Across facets: AND.
    page.get_by_label("Leergroep").check()
    assert visible_titles(page) == ["Wijkleergroep Utrecht", "Leergroep veilig thuis Goes"]
    assert overview_status(page) == "2 praktijkvoorbeelden gevonden met 3 filters."
    assert count_of(page, "thema", "digitalisering") == "(0)"


def test_url_holds_the_state_and_back_forward_work(overview, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page = overview
    page.get_by_label("Sociale basis").check()
    page.get_by_label("Leergroep").check()
    assert re.search(r"\?thema=sociale-basis&type=leergroep$", page.url)
    assert visible_titles(page) == ["Wijkleergroep Utrecht"]
    page.go_back()
    assert page.url.endswith("?thema=sociale-basis")
    assert visible_titles(page) == ["Wijkleergroep Utrecht", "Veiligheidslab Amersfoort"]
    assert not page.get_by_label("Leergroep").is_checked()
    page.go_forward()
    assert visible_titles(page) == ["Wijkleergroep Utrecht"]
    # A shared link opens the same view.
    page.goto(site_url + "praktijken/?regio=zeeland&sorteer=az")
    settled(page)
    assert page.get_by_label("Zeeland").is_checked()
    assert visible_titles(page) == ["Digitale doorbraak", "Leergroep veilig thuis Goes"]
    assert page.locator("#pb-sorteer").input_value() == "az"


def test_text_filter_searches_title_summary_and_place(overview) -> None:  # type: ignore[no-untyped-def]
    page = overview
    page.locator("#pb-zoek").fill("middelburg")
    assert visible_titles(page) == ["Digitale doorbraak"]
    assert "q=middelburg" in page.url
    page.locator("#pb-zoek").fill("veilig")
    assert visible_titles(page) == ["Veiligheidslab Amersfoort", "Leergroep veilig thuis Goes"]
    page.locator("#pb-zoek").fill("bestaat niet")
    assert visible_titles(page) == []
    assert page.locator("[data-pb-geen]").is_visible()
    assert overview_status(page) == "Geen praktijkvoorbeelden gevonden voor \u2018bestaat niet\u2019."


def test_sorting_a_to_z(overview) -> None:  # type: ignore[no-untyped-def]
    overview.locator("#pb-sorteer").select_option("az")
    assert visible_titles(overview) == sorted(visible_titles(overview), key=str.casefold)
    assert overview.url.endswith("?sorteer=az")


def test_filters_work_with_the_keyboard_alone(overview) -> None:  # type: ignore[no-untyped-def]
    page = overview
    page.locator("#pb-zoek").focus()
    page.keyboard.press("Tab")  # to the sort select
    page.keyboard.press("Tab")  # to the panel's summary
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Tab")  # to the first checkbox (the panel is open on wide screens)
    focused = page.evaluate("document.activeElement.name + '=' + document.activeElement.value")
    assert focused == "thema=sociale-basis"
    page.keyboard.press("Space")
    assert visible_titles(page) == ["Wijkleergroep Utrecht", "Veiligheidslab Amersfoort"]
    assert overview_status(page) == "2 praktijkvoorbeelden gevonden met 1 filter."


def test_reset_clears_all_filters(overview) -> None:  # type: ignore[no-untyped-def]
    page = overview
    page.get_by_label("Sociale basis").check()
    page.get_by_role("button", name="Alle filters wissen").click()
    assert len(visible_titles(page)) == 5 and overview_status(page) == "5 praktijkvoorbeelden gevonden."
    assert page.url.endswith("/praktijken/")


#: Records each text the overview's live region shows, in order, from now on (in window.__said).
LISTEN_TO_STATUS = """() => {
  const status = document.querySelector("[data-pb-status]");
  window.__said = [];
  if (window.__listening) return;
  window.__listening = new MutationObserver(() => window.__said.push(status.textContent));
  window.__listening.observe(status, {childList: true, characterData: true, subtree: true});
}"""

#: Whether the element is wholly inside the viewport and not covered by anything else at its centre.
IN_SIGHT = """element => {
  const box = element.getBoundingClientRect();
  const on = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return box.top >= 0 && box.bottom <= window.innerHeight && box.left >= 0 && box.right <= window.innerWidth
    && (on === element || element.contains(on));
}"""


def test_phone_shows_and_announces_the_result_of_a_filter(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    """On a phone the results are below the screen: the count stays in sight and is announced once per change."""
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(site_url + "praktijken/")
    settled(page)
    status = page.locator("[data-pb-status]")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    page.locator("[data-pb-paneel] summary").click()
    before = status.inner_text()
    page.evaluate(LISTEN_TO_STATUS)
    page.get_by_label("Ouderen").check()  # far down the panel: the cards are screens away
    settled(page)
    # No card is in sight: the count at the bottom of the screen is all that shows the change.
    assert page.evaluate("""() => document.querySelector(".pb-kaart:not([hidden])").getBoundingClientRect().top
        >= document.querySelector("[data-pb-status]").getBoundingClientRect().top""")
    message = "1 praktijkvoorbeeld gevonden met 1 filter."
    assert before != message and status.inner_text() == message
    assert status.evaluate(IN_SIGHT)
    assert page.evaluate("window.__said") == [message]

    page.get_by_label("Jongeren").check()  # the same facet: more practices
    settled(page)
    assert status.evaluate(IN_SIGHT)
    assert page.evaluate("window.__said") == [message, "3 praktijkvoorbeelden gevonden met 2 filters."]

    # Typing is announced once, when the reader pauses, not at every letter.
    page.evaluate(LISTEN_TO_STATUS)
    page.locator("#pb-zoek").press_sequentially("goes", delay=60)
    settled(page)
    assert page.evaluate("window.__said") == ["1 praktijkvoorbeeld gevonden voor \u2018goes\u2019, met 2 filters."]
    page.close()


@pytest.mark.parametrize("path", ["praktijken/?thema=veiligheid", "zoeken/?regio=zeeland"])
@pytest.mark.parametrize("width", [390, 1280])
def test_every_filter_choice_is_a_target_of_24_px(browser, site_url: str, path: str, width: int) -> None:  # type: ignore[no-untyped-def]
    """WCAG 2.2 (2.5.8): the box itself and the row around it, which is its label, are at least 24 by 24 CSS px."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(site_url + path, wait_until="networkidle")
    settled(page)
    sizes = page.evaluate("""() => Array.prototype.map.call(document.querySelectorAll(".pb-keuze"), label => {
        const row = label.getBoundingClientRect(), box = label.querySelector("input").getBoundingClientRect();
        return [label.textContent.trim(), row.width, row.height, box.width, box.height];
    })""")
    assert len(sizes) > 10
    small = [size for size in sizes if min(size[1:]) < 24]
    assert small == []
    # A tap on the row's far end, beside the words, ticks the box.
    row = page.locator(".pb-keuze:has(input:not(:checked))").first
    box = row.bounding_box()
    assert box is not None
    value = row.locator("input").get_attribute("value")
    row.click(position={"x": box["width"] - 2, "y": box["height"] / 2})
    assert page.locator(f".pb-keuze input[value='{value}']").is_checked()
    page.close()


def test_text_filter_says_what_it_searches_and_offers_the_search_page(overview, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page = overview
    box = page.get_by_role("searchbox", name="Zoek in deze lijst")
    hint = page.locator("#" + str(box.get_attribute("aria-describedby")))
    assert hint.inner_text().startswith("Zoekt in titel, samenvatting en plaats.") and hint.is_visible()
    everywhere = page.locator("[data-pb-alletekst] a")
    assert everywhere.is_hidden()

    box.fill("verhaal")  # in every story, in no title, summary or place
    assert visible_titles(page) == []
    assert everywhere.is_visible() and everywhere.inner_text() == "Zoek in alle tekst: \u2018verhaal\u2019"
    box.fill("in")  # in every summary: enough results, no need to look further
    assert len(visible_titles(page)) == 5 and everywhere.is_hidden()
    box.fill("goes")  # few results: the search page may find more
    assert visible_titles(page) == ["Leergroep veilig thuis Goes"] and everywhere.is_visible()

    words = "zorg & welzijn? #1 \u2018thuis\u2019 50%"
    box.fill(words)
    href = str(everywhere.get_attribute("href"))
    address, _, query = href.partition("?")
    assert address == "../zoeken/"
    assert "#" not in query and query.count("=") == 1 and " " not in query
    assert parse_qs(query) == {"q": [words]}

    box.fill("verhaal")
    settled(page)
    everywhere.click()
    page.wait_for_url("**/zoeken/?q=verhaal")
    assert search_status(page).endswith("voor \u2018verhaal\u2019.")
    assert int(search_status(page).split()[0]) >= 5


def test_phone_width_collapses_the_panel(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(site_url + "praktijken/")
    panel = page.locator("[data-pb-paneel]")
    assert not panel.evaluate("element => element.open")
    panel.locator("summary").click()
    page.get_by_label("Digitalisering").check()
    assert visible_titles(page) == ["Digitale doorbraak"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.close()


def test_without_javascript_facet_pages_do_the_filtering(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "praktijken/")
    assert not page.locator("form.pb-filters").is_visible()
    assert len(listed_titles(page)) == 5
    page.locator(".pb-bladeren").get_by_role("link", name="Zeeland").click()
    page.wait_for_url("**/regio/zeeland/")
    assert sorted(listed_titles(page)) == ["Digitale doorbraak", "Leergroep veilig thuis Goes"]
    page.get_by_role("link", name="Digitale doorbraak").click()
    page.wait_for_url("**/praktijken/digitaal-middelburg/")
    page.get_by_role("link", name="Ouderen").click()
    page.wait_for_url("**/doelgroep/ouderen/")
    assert listed_titles(page) == ["Digitale doorbraak"]
    context.close()


# -- the search page ------------------------------------------------------------------------------------------------


def search_status(page) -> str:  # type: ignore[no-untyped-def]
    """The search page's message, once the page says the last search (results, message, counts) is done."""
    settled(page)
    return str(page.locator("[data-pb-zoekstatus]").inner_text())


def result_titles(page) -> list[str]:  # type: ignore[no-untyped-def]
    settled(page)
    return page.locator(".pb-zoekresultaat__titel").all_inner_texts()


def search_count(page, segment: str, value: str) -> str:  # type: ignore[no-untyped-def]
    settled(page)
    return page.locator(f"fieldset[data-facet='{segment}'] input[value='{value}'] ~ .pb-telling").inner_text()


def open_search_filters(page) -> str:  # type: ignore[no-untyped-def]
    """Open the search page's filters; returns what the page says about their counts once it is done: 'ja' or 'nee'.

    The panel's toggle event comes after the click, so the page announces the outcome on the panel itself."""
    page.get_by_text("Verfijnen op thema").click()
    panel = page.locator("[data-pb-zoekfilters][data-pb-tellingen]")
    panel.wait_for(state="attached", timeout=15_000)
    settled(page)
    return str(panel.get_attribute("data-pb-tellingen"))


def test_first_search_fetches_neither_filters_nor_a_ready_made_interface(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(site_url + "zoeken/?q=veilig", wait_until="networkidle")
    assert re.fullmatch(r"\d+ resultaten voor \u2018veilig\u2019\.", search_status(page))
    assert result_titles(page)[:2] == ["Veiligheidslab Amersfoort", "Leergroep veilig thuis Goes"]  # stemmed: veilig(heid)
    bundle = [url.split("/pagefind/")[1] for url in fetched if "/pagefind/" in url]
    assert "pagefind.js" in bundle and any(name.startswith("index/") for name in bundle)
    assert not any(name.startswith("filter/") or "-ui" in name for name in bundle), bundle
    assert not page.locator("[data-pb-zoekfilters]").get_attribute("open")

    assert open_search_filters(page) == "ja"  # opening the filters fetches them, with counts for this search
    assert any("/pagefind/filter/" in url for url in fetched)
    assert search_count(page, "regio", "zeeland") == "(1)" and search_count(page, "regio", "utrecht") == "(1)"
    assert search_count(page, "regio", "overijssel") == "(0)"
    page.close()


def test_search_filters_combine_like_the_overview_and_live_in_the_address(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url + "zoeken/?regio=zeeland", wait_until="networkidle")  # filters alone, no words
    assert search_status(page) == "2 resultaten met 1 filter."
    assert sorted(result_titles(page)) == ["Digitale doorbraak", "Leergroep veilig thuis Goes"]
    assert page.locator("[data-pb-zoekfilters]").get_attribute("open") is not None
    assert page.get_by_label("Zeeland").is_checked()
    # A count says what choosing the value would give: OR within a filter, AND with the other filters.
    assert search_count(page, "regio", "utrecht") == "(2)" and search_count(page, "type", "leergroep") == "(1)"

    page.get_by_label("Utrecht").check()
    assert search_status(page) == "4 resultaten met 2 filters."
    page.get_by_label("Leergroep").check()
    assert search_status(page) == "2 resultaten met 3 filters."
    assert sorted(result_titles(page)) == ["Leergroep veilig thuis Goes", "Wijkleergroep Utrecht"]
    assert page.url.endswith("zoeken/?type=leergroep&regio=utrecht&regio=zeeland")  # in the order of the filters
    assert page.locator("[data-pb-actief]").inner_text() == "(3 gekozen)"

    page.go_back()
    assert search_status(page) == "4 resultaten met 2 filters."
    assert not page.get_by_label("Leergroep").is_checked()
    page.get_by_role("button", name="Alle filters wissen").click()
    assert search_status(page) == ""
    assert result_titles(page) == [] and page.url.endswith("zoeken/")
    page.close()


def test_search_words_and_filters_together_and_clearing(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(site_url + "zoeken/?q=veilig&regio=overijssel&regio=onbekend", wait_until="networkidle")
    message = search_status(page)
    assert message == "Geen resultaten voor \u2018veilig\u2019, met 1 filter. Haal een filter weg of zoek op een ander woord."
    page.get_by_label("Overijssel").uncheck()
    assert re.fullmatch(r"\d+ resultaten voor \u2018veilig\u2019\.", search_status(page))
    assert page.url.endswith("zoeken/?q=veilig")
    page.get_by_role("button", name="Wissen", exact=True).click()
    assert search_status(page) == ""
    assert result_titles(page) == [] and page.url.endswith("zoeken/")
    assert page.evaluate("document.activeElement.id") == "pb-zoekterm"
    field = page.get_by_role("searchbox", name="Zoek in alle praktijkvoorbeelden en pagina's")
    field.press_sequentially("middelburg")
    assert re.fullmatch(r"\d+ (resultaat|resultaten) voor \u2018middelburg\u2019\.", search_status(page))
    assert result_titles(page)[0] == "Digitale doorbraak"
    first = page.locator(".pb-zoekresultaat").first
    assert first.locator(".pb-zoekresultaat__kenmerken").inner_text() == "Digitalisering \u00b7 Doorbraak \u00b7 Zeeland \u00b7 Ouderen"
    assert first.locator(".pb-zoekresultaat__uittreksel mark").first.inner_text().lower() == "middelburg"
    page.wait_for_url("**/zoeken/?q=middelburg")
    page.close()


def test_more_search_results_on_request(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url + "zoeken/?q=het", wait_until="networkidle")
    total = int(search_status(page).split()[0])
    assert total > 5
    assert len(result_titles(page)) == 5
    more = page.get_by_role("button", name="Meer resultaten")
    more.click()
    assert len(result_titles(page)) == min(total, 15)
    # Keyboard and screen-reader users go on at the first result that was added.
    assert page.evaluate("document.activeElement.closest('.pb-zoekresultaat') === document.querySelectorAll('.pb-zoekresultaat')[5]")
    assert more.is_hidden() == (total <= 15)
    page.close()


def test_results_stay_when_only_the_filter_counts_cannot_be_loaded(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.route("**/pagefind/filter/**", lambda route: route.abort())
    page.goto(site_url + "zoeken/?q=veilig", wait_until="networkidle")
    assert "voor \u2018veilig\u2019" in search_status(page)
    titles = result_titles(page)
    assert titles
    # Pagefind does not fail on a filter chunk it cannot fetch: it answers as if there were no filters. Not zero.
    assert open_search_filters(page) == "nee"
    assert result_titles(page) == titles and page.locator("[data-pb-zoekfout]").is_hidden()
    assert page.locator(".pb-telling").all_inner_texts() == [""] * page.locator(".pb-telling").count()
    assert page.locator(".pb-keuze--leeg").count() == 0
    page.close()


def test_search_page_says_so_when_the_index_cannot_be_loaded(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    page.route("**/pagefind/**", lambda route: route.abort())
    page.goto(site_url + "zoeken/?q=veilig")
    settled(page, "fout")
    failure = page.locator("[data-pb-zoekfout]")
    assert failure.is_visible()
    assert failure.inner_text().startswith("De zoekindex is nu niet te laden.")
    failure.get_by_role("link", name="overzicht van alle praktijkvoorbeelden").click()
    page.wait_for_url("**/praktijken/")
    page.close()


@pytest.mark.parametrize("path", ["", "praktijken/", "praktijken/?thema=sociale-basis&type=leergroep", "praktijken/?q=niets",
                                  "praktijken/?q=goes", "thema/", "thema/veiligheid/", "praktijken/lab-amersfoort/",
                                  "checklist/", "zoeken/?q=veiligheid", "zoeken/?q=het&regio=utrecht&regio=zeeland",
                                  "insturen/", "werkbladen/"])
@pytest.mark.parametrize("width", [1280, 390])
def test_no_accessibility_violations(browser, site_url: str, path: str, width: int) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(site_url + path, wait_until="networkidle")
    settled(page)
    assert axe_violations(page) == []
    page.close()


def test_screenshots_for_review(browser, site_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Screenshots at phone and desktop width, kept in the pytest temp folder for a person to look at."""
    for width in (390, 1280):
        for name, path in (("overzicht", "praktijken/?thema=veiligheid"), ("checklist", "checklist/")):
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto(site_url + path, wait_until="networkidle")
            settled(page)
            shot = tmp_path / f"{name}-{width}.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 10_000
            page.close()


def test_long_results_show_in_pages(browser, tmp_path_factory: pytest.TempPathFactory) -> None:  # type: ignore[no-untyped-def]
    from benchmarks.synthetic import write_practices

    def prepare(project: Path) -> None:
        for old in (project / "practices").glob("*.md"):
            old.unlink()
        write_practices(project / "practices", 130, project / "schema" / "praktijkvoorbeeld.schema.json")
        configure(project, {"worksheets_pdf": False}, {})  # paging the overview needs no PDFs (130 of them cost a minute)

    site = build_copy(tmp_path_factory.mktemp("many"), prepare)
    with serve_directory(site) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url + "praktijken/")
        assert len(visible_titles(page)) == 60
        assert overview_status(page) == "130 praktijkvoorbeelden gevonden."
        more = page.locator("[data-pb-meer]")
        assert more.inner_text() == "Toon meer (nog 70)"
        more.click()
        assert len(visible_titles(page)) == 120
        focused = page.evaluate("document.activeElement.closest('.pb-kaart') === document.querySelectorAll('.pb-kaart')[60]")
        assert focused
        more.click()
        assert len(visible_titles(page)) == 130 and not more.is_visible()
        page.close()


# -- the checklist page ---------------------------------------------------------------------------------------------


#: Every word of inline code in the article (a run between dots, underscores, hyphens) that the browser split over two
#: lines: the text nodes of each code element are walked, so <wbr> and other markup inside it make no difference.
SPLIT_WORDS = """() => {
  const split = [];
  let words = 0;
  for (const code of document.querySelectorAll("article code")) {
    if (code.closest("pre")) continue;
    const nodes = [];
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(), start = 0; node; start += node.length, node = walker.nextNode()) {
      nodes.push([node, start]);
    }
    const at = offset => {
      const [node, start] = nodes.filter(([, start]) => start <= offset).pop();
      return [node, offset - start];
    };
    for (const word of code.textContent.matchAll(/[^._\\s-]+/g)) {
      words += 1;
      const range = document.createRange();
      range.setStart(...at(word.index));
      range.setEnd(...at(word.index + word[0].length - 1));
      range.setEnd(range.endContainer, range.endOffset + 1);
      const lines = new Set(Array.from(range.getClientRects()).filter(r => r.width > 0).map(r => Math.round(r.bottom)));
      if (lines.size > 1) split.push(code.textContent + ": " + word[0]);
    }
  }
  return {words, split};
}"""


@pytest.mark.parametrize("width", [390, 1280])
def test_checklist_never_breaks_a_field_name_inside_a_word(browser, site_url: str, width: int) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(site_url + "checklist/")
    found = page.evaluate(SPLIT_WORDS)
    assert found["words"] > 100
    assert found["split"] == []
    # Long names still fit: they break after a dot or an underscore, and the page never scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    if width == 390:  # the measurement sees a name cut inside a word, as Material's own code style did
        page.add_style_tag(content=".md-typeset code.pb-veldnaam { word-break: break-all !important; }")
        assert page.evaluate(SPLIT_WORDS)["split"] != []
    page.close()
