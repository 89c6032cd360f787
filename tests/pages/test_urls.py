"""Where generated pages go and how they link to each other, also when practices sit at the site's root.

``url_prefix`` puts practice pages in a folder (``praktijken/<slug>/``); an empty prefix puts them at the root
(``<slug>/``), with the overview as the home page. Every link to a practice must then lead to the same place.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from praktijkbank.pages.urls import edit_url, overview_src, practice_src, relative_file_url, relative_href

from tests.helpers import Built

ROOT_NAV = [{"Praktijkvoorbeelden": "index.md"}, {"Werkbladen": "werkbladen/index.md"}, {"Zoeken": "zoeken/index.md"}]


def _hrefs(html: str) -> set[str]:
    return set(re.findall(r'href="([^"]*)"', html))


def test_an_empty_url_prefix_puts_practices_at_the_root_and_every_link_finds_them(site_build: Callable[..., Built]) -> None:
    def without_home(project: Path) -> None:
        (project / "docs" / "index.md").unlink()  # the overview becomes the home page

    built = site_build("klein", url_prefix="", worksheets_pdf=False, config={"nav": ROOT_NAV}, prepare=without_home)
    assert built.ok, "\n".join(built.messages)
    assert (built.site / "compleet" / "index.html").is_file()
    assert (built.site / "compleet" / "werkblad" / "index.html").is_file()
    assert not (built.site / "praktijken").exists()

    overview = built.page("")
    assert "compleet/" in _hrefs(overview), "the overview's card links to the practice beside it"
    practice = built.page("compleet")
    assert "werkblad/" in _hrefs(practice), "the practice page links to its worksheet"
    assert "../thema/sociale-basis/" in _hrefs(practice), "and to the facet pages beside it"
    assert "../../compleet/" in _hrefs(built.page("regio", "overijssel")), "a facet value's page lists the practice"
    assert "../compleet/werkblad/" in _hrefs(built.page("werkbladen")), "the worksheet list links to the sheet"
    assert "../" in _hrefs(built.page("compleet", "werkblad")), "the worksheet links back to its practice"


def test_practice_and_overview_sources_with_and_without_a_prefix() -> None:
    assert practice_src("x", "praktijken") == "praktijken/x.md"
    assert practice_src("x", "/voorbeelden/") == "voorbeelden/x.md"
    assert practice_src("x", "") == "x.md"
    assert overview_src("praktijken") == "praktijken/index.md"
    assert overview_src("") == "index.md"


def test_links_to_static_files_from_pages_and_from_output_files() -> None:
    assert relative_file_url("praktijken/x.md", "praktijken/x/werkblad/index.html") == "werkblad/"
    assert relative_file_url("praktijken/x.md", "praktijken/x/werkblad/index.html", False) == "x/werkblad/index.html"
    assert relative_file_url("index.md", "assets/praktijkbank/zoeken.js") == "assets/praktijkbank/zoeken.js"
    assert relative_file_url("zoeken/index.md", "pagefind/") == "../pagefind/"
    assert relative_file_url("x.md", "assets/a.css", False) == "assets/a.css"
    assert relative_href("praktijken/x/werkblad/index.html", "assets/praktijkbank/werkblad.css") == \
        "../../../assets/praktijkbank/werkblad.css"
    assert relative_href("werkbladen/sessie/index.html", "") == "../../"
    assert relative_href("index.html", "praktijken/") == "praktijken/"


def test_the_edit_link_of_a_practice_points_at_its_file(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    github = "https://github.com/o/r"
    assert edit_url(github, "edit/main/docs/", docs, tmp_path, "practices/x.md") == \
        "https://github.com/o/r/edit/main/practices/x.md"
    assert edit_url(github + "/", "blob/main/docs", docs, tmp_path, "practices/x.md") == \
        "https://github.com/o/r/blob/main/practices/x.md"
    assert edit_url(github, "edit/main/site/", docs, tmp_path, "practices/x.md") is None  # not docs_dir
    assert edit_url(None, "edit/main/docs/", docs, tmp_path, "practices/x.md") is None
    assert edit_url(github, "", docs, tmp_path, "practices/x.md") is None
    assert edit_url(github, "edit/main/docs/", tmp_path.parent / "elders", tmp_path, "practices/x.md") is None
