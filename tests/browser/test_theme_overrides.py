"""The plugin's theme templates: a Dutch 404 page with a way on, Dutch link titles, and no GitHub API calls."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import build_copy, require_chromium, serve_directory

REPO_URL = "https://github.com/voorbeeld-org/praktijkbank"
SITE_URL = "https://praktijkbank.voorbeeld.nl/"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    def with_repo_url(project: Path) -> None:
        config = (project / "mkdocs.yml").read_text(encoding="utf-8")
        config = config.replace("plugins:\n", f"repo_url: {REPO_URL}\nsite_url: {SITE_URL}\n\nplugins:\n", 1)
        (project / "mkdocs.yml").write_text(config, encoding="utf-8")

    return build_copy(tmp_path_factory.mktemp("thema"), with_repo_url)


def test_404_is_dutch_with_search_home_and_overview(site: Path) -> None:
    page = (site / "404.html").read_text(encoding="utf-8")
    assert "Not found" not in page and "<h1>Deze pagina bestaat niet</h1>" in page
    assert 'action="/zoeken/"' in page and 'name="q"' in page  # leads to the search page with the words typed
    assert '<a href="/">Naar de startpagina</a>' in page and '<a href="/praktijken/">Alle praktijkvoorbeelden</a>' in page


def test_heading_links_have_a_dutch_title(site: Path) -> None:
    page = (site / "bijdragen" / "index.html").read_text(encoding="utf-8")
    assert 'title="Directe link naar dit kopje"' in page and "Permanent link" not in page


def test_repository_link_without_the_github_api(site: Path) -> None:
    page = (site / "index.html").read_text(encoding="utf-8")
    assert f'href="{REPO_URL}"' in page and 'class="md-source"' in page
    assert 'data-md-component="source"' not in page  # Material's script would fetch stars and forks from api.github.com


@pytest.fixture(scope="module")
def site_url(site: Path) -> Iterator[str]:
    require_chromium()
    with serve_directory(site) as url:
        yield url


@pytest.mark.browser
def test_no_third_party_requests_with_repo_url(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    outside: list[str] = []
    page = browser.new_page()
    page.on("request", lambda request: outside.append(request.url)
            if not request.url.startswith(("http://127.0.0.1", "data:", "blob:", SITE_URL)) else None)  # SITE_URL: the site itself
    for path in ("", "praktijken/", "praktijken/buurt-in-bloei-eindhoven/", "404.html"):
        page.goto(site_url + path)
        page.wait_for_load_state("load")
    page.close()
    assert outside == []


def test_a_practice_page_describes_itself_for_search_engines_and_sharing(site: Path) -> None:
    page = (site / "praktijken" / "buurt-in-bloei-eindhoven" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="description" content="Buurt in Bloei werkt aan een wijk waar het fijn wonen en werken is.' in page
    assert '<meta property="og:type" content="article">' in page
    assert '<meta property="og:title" content="Buurt in Bloei in Eindhoven">' in page
    assert f'<meta property="og:url" content="{SITE_URL}praktijken/buurt-in-bloei-eindhoven/">' in page
    assert f'<meta property="og:image" content="{SITE_URL}assets/praktijkbank/delen.png">' in page
    assert f'<link rel="canonical" href="{SITE_URL}praktijken/buurt-in-bloei-eindhoven/">' in page
    assert (site / "assets" / "praktijkbank" / "delen.png").read_bytes().startswith(b"\x89PNG")
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<meta property="og:type" content="website">' in home
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{SITE_URL}praktijken/buurt-in-bloei-eindhoven/</loc>" in sitemap  # with site_url, not empty
