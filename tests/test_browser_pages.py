"""Pages and worksheets in real headless Chromium: nothing the pages ask for is missing (no 404, a favicon on every
page), and a practice's worksheet keeps its questions above the foot of the sheet, whatever the practice tells."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import FIXTURES, MINIMAL_PRACTICE, build_copy, require_chromium, serve_directory
from .test_worksheets import very_long_practice

pytestmark = pytest.mark.browser

PAGES = ["", "praktijken/", "praktijken/compleet/", "praktijken/bijna-leeg/", "praktijken/compleet/werkblad/",
         "praktijken/bijna-leeg/werkblad/", "werkbladen/", "werkbladen/vertaling/", "werkbladen/sessiemap/",
         "checklist/", "bijdragen/", "thema/sociale-basis/", "zoeken/?q=wijk", "insturen/"]
SHEETS = ["compleet", "bijna-leeg", "heel-lang", "buurt-in-bloei-eindhoven", "leerwerkgemeenschap-geestverwanten",
          "leernetwerken-wijkverpleging"]


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    require_chromium()

    def add_practices(project: Path) -> None:
        shutil.copy(FIXTURES / "valid" / "complete-practice.md", project / "practices" / "compleet.md")
        (project / "practices" / "bijna-leeg.md").write_text(MINIMAL_PRACTICE.format(titel="Bijna leeg"), encoding="utf-8")
        (project / "practices" / "heel-lang.md").write_text(very_long_practice(), encoding="utf-8")

    with serve_directory(build_copy(tmp_path_factory.mktemp("pages-browser"), add_practices)) as url:
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


@pytest.mark.parametrize("slug", SHEETS)
def test_worksheet_questions_end_above_the_foot(browser, site_url: str, slug: str) -> None:  # type: ignore[no-untyped-def]
    """The sheet is one A4 of fixed height with its foot at the bottom: what the practice tells at the top, and
    the ruled lines below it, must leave the foot free (worksheets.room_for), in the CI's font (DejaVu Sans)."""
    page = browser.new_page()
    page.goto(site_url + f"praktijken/{slug}/werkblad/", wait_until="networkidle")
    page.emulate_media(media="print")
    gap_mm = page.evaluate("""() => {
        const sheet = document.querySelector('.wb-blad');
        const foot = sheet.querySelector('.wb-voet').getBoundingClientRect();
        const bottom = Math.max(...[...sheet.children].filter(el => !el.classList.contains('wb-voet'))
                                                   .map(el => el.getBoundingClientRect().bottom));
        return (foot.top - bottom) * 25.4 / 96;
    }""")
    assert gap_mm >= 0, f"{slug}: the questions run {-gap_mm:.1f} mm into the foot"
    assert page.locator(".wb-vraag").count() == 5
    page.close()
