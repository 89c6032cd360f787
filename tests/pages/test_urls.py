"""Where generated pages go and how they link to each other, also when practices sit at the site's root.

``url_prefix`` puts practice pages in a folder (``praktijken/<slug>/``); an empty prefix puts them at the root
(``<slug>/``), with the overview as the home page. Every link to a practice must then lead to the same place.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import Built

ROOT_NAV = [{"Praktijkvoorbeelden": "index.md"}, {"Werkbladen": "werkbladen/index.md"}, {"Zoeken": "zoeken/index.md"}]


def _hrefs(html: str) -> set[str]:
    return set(re.findall(r'href="([^"]*)"', html))


@pytest.mark.xfail(strict=True, reason="the renderer writes practice pages to '/<slug>.md' with an empty prefix")
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
    assert "../" in _hrefs(practice)
    worksheets = built.page("werkbladen")
    assert "../compleet/" in _hrefs(worksheets), "the worksheet list links to the practice page"
    sheet = built.page("compleet", "werkblad")
    assert "../" in _hrefs(sheet), "the worksheet links back to its practice"
    facet = next(path for path in built.site.glob("*/*/index.html") if path.parent.parent.name in ("regio", "thema"))
    assert "../../compleet/" in _hrefs(facet.read_text(encoding="utf-8")) or "../../bijna-leeg/" in _hrefs(
        facet.read_text(encoding="utf-8"))
