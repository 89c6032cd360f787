"""Readers in a real browser: combining facets, the text filter, URL state, keyboard use, and accessibility."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from . import readers_fixture
from .conftest import axe_violations, build_copy, require_chromium, serve_directory

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    require_chromium()
    site = build_copy(tmp_path_factory.mktemp("readers"), lambda project: readers_fixture.write(project / "practices"))
    with serve_directory(site) as url:
        yield url


@pytest.fixture
def overview(browser, site_url: str):  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url + "praktijken/")
    yield page
    page.close()


def visible_titles(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.locator(".pb-kaart:not([hidden]) .pb-kaart__titel").all_inner_texts()


def count_of(page, segment: str, value: str) -> str:  # type: ignore[no-untyped-def]
    return page.locator(f"fieldset[data-facet='{segment}'] .pb-telling[data-waarde='{value}']").inner_text()


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
    assert page.locator("[data-pb-status]").inner_text() == "2 praktijkvoorbeelden gevonden."
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
    page.wait_for_function("document.querySelector('[data-pb-status]').textContent.startsWith('Geen')")


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
    assert page.get_by_role("status").inner_text() == "2 praktijkvoorbeelden gevonden."


def test_reset_clears_all_filters(overview) -> None:  # type: ignore[no-untyped-def]
    page = overview
    page.get_by_label("Sociale basis").check()
    page.get_by_role("button", name="Alle filters wissen").click()
    page.wait_for_function("document.querySelectorAll('.pb-kaart:not([hidden])').length === 5")
    assert page.url.endswith("/praktijken/")


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
    assert len(visible_titles(page)) == 5
    page.locator(".pb-bladeren").get_by_role("link", name="Zeeland").click()
    assert sorted(visible_titles(page)) == ["Digitale doorbraak", "Leergroep veilig thuis Goes"]
    page.get_by_role("link", name="Digitale doorbraak").click()
    page.get_by_role("link", name="Ouderen").click()
    assert visible_titles(page) == ["Digitale doorbraak"]
    context.close()


@pytest.mark.parametrize("path", ["", "praktijken/", "praktijken/?thema=sociale-basis&type=leergroep", "praktijken/?q=niets",
                                  "thema/", "thema/veiligheid/", "praktijken/lab-amersfoort/", "checklist/",
                                  "zoeken/?q=veiligheid"])
@pytest.mark.parametrize("width", [1280, 390])
def test_no_accessibility_violations(browser, site_url: str, path: str, width: int) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(site_url + path, wait_until="networkidle")
    assert axe_violations(page) == []
    page.close()


def test_screenshots_for_review(browser, site_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Screenshots at phone and desktop width, kept in the pytest temp folder for a person to look at."""
    for width in (390, 1280):
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(site_url + "praktijken/?thema=veiligheid", wait_until="networkidle")
        shot = tmp_path / f"overzicht-{width}.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000
        page.close()


def test_long_results_show_in_pages(browser, tmp_path_factory: pytest.TempPathFactory) -> None:  # type: ignore[no-untyped-def]
    from benchmarks.synthetic import write_practices

    def prepare(project: Path) -> None:
        for old in (project / "practices").glob("*.md"):
            old.unlink()
        write_practices(project / "practices", 130, project / "schema" / "praktijkvoorbeeld.schema.json")

    site = build_copy(tmp_path_factory.mktemp("many"), prepare)
    with serve_directory(site) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url + "praktijken/")
        assert len(visible_titles(page)) == 60
        assert page.locator("[data-pb-status]").inner_text() == "130 praktijkvoorbeelden gevonden."
        more = page.locator("[data-pb-meer]")
        assert more.inner_text() == "Toon meer (nog 70)"
        more.click()
        assert len(visible_titles(page)) == 120
        focused = page.evaluate("document.activeElement.closest('.pb-kaart') === document.querySelectorAll('.pb-kaart')[60]")
        assert focused
        more.click()
        assert len(visible_titles(page)) == 130 and not more.is_visible()
        page.close()
