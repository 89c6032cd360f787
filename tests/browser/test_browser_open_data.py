"""The pages about the site (open data, accessibility, privacy) in Chromium: accessible, and true to what they say."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import axe_violations, build_copy, require_chromium, serve_directory

pytestmark = pytest.mark.browser

PAGES = ["open-data/", "toegankelijkheid/", "privacy/"]


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    require_chromium()
    with serve_directory(build_copy(tmp_path_factory.mktemp("about"))) as url:
        yield url


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("width", [390, 1280])
def test_about_pages_are_accessible_and_fit(browser, site_url: str, path: str, width: int, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": width, "height": 900})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    response = page.goto(site_url + path, wait_until="networkidle")
    assert response is not None and response.status == 200
    assert [url for url in requests if not url.startswith(site_url)] == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert axe_violations(page) == []
    page.screenshot(path=str(tmp_path / f"{path.strip('/')}-{width}.png"), full_page=True)
    page.close()


def test_open_data_page_links_files_that_exist(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    page.goto(site_url + "open-data/")
    for name in ("praktijkvoorbeelden.json", "praktijkvoorbeelden.csv", "dataset.jsonld", "feed.xml"):
        href = page.locator("article").get_by_role("link", name=name, exact=True).first.get_attribute("href")
        assert href is not None
        response = page.request.get(site_url + "open-data/" + href)
        assert response.status == 200, name
    page.close()


def test_what_the_privacy_page_says_holds(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    """No cookies and nothing stored while reading; only the submission form keeps its draft, in localStorage."""
    context = browser.new_context()
    page = context.new_page()
    for path in ["", "praktijken/", "praktijken/?thema=sociale-basis", "zoeken/?q=wijk", "privacy/", "open-data/"]:
        page.goto(site_url + path, wait_until="networkidle")
    assert context.cookies() == []
    assert page.evaluate("document.cookie") == ""
    assert page.evaluate("window.localStorage.length + window.sessionStorage.length") == 0
    page.goto(site_url + "insturen/", wait_until="networkidle")
    page.locator("input[type=text]").first.fill("Een titel voor het concept")
    page.locator("input[type=text]").first.dispatch_event("input")
    keys = page.evaluate("Object.keys(window.localStorage)")
    assert keys == ["praktijkbank:insturen:concept:v1"]
    assert page.evaluate("window.sessionStorage.length") == 0 and context.cookies() == []
    context.close()
