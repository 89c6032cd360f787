"""Reader features in the built HTML: facet pages, links from practices, related practices, home blocks."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import pytest

from tests.helpers import main_content, page, readers, text_of

Build = Callable[..., CompletedProcess[str]]


@pytest.fixture
def readers_site(empty_project: Path, mkdocs_build: Build) -> Path:
    readers.write(empty_project / "practices")
    result = mkdocs_build(empty_project, "--strict")
    assert result.returncode == 0, result.stderr
    return empty_project / "site"


def card_titles(fragment: str) -> list[str]:
    return [text_of(t) for t in re.findall(r'<h[23] class="pb-kaart__titel">(.*?)</h[23]>', fragment, re.S)]


def test_facet_value_pages_list_exactly_the_matching_practices(readers_site: Path) -> None:
    veiligheid = main_content(page(readers_site, "thema", "veiligheid"))
    assert sorted(card_titles(veiligheid)) == ["Leergroep veilig thuis Goes", "Veiligheidslab Amersfoort"]
    assert "Thema: Veiligheid" in text_of(veiligheid)
    assert "2 praktijkvoorbeelden" in text_of(veiligheid)
    leergroep = main_content(page(readers_site, "type", "leergroep"))
    assert sorted(card_titles(leergroep)) == ["Leergroep veilig thuis Goes", "Wijkleergroep Utrecht"]
    assert card_titles(main_content(page(readers_site, "regio", "zeeland"))) == ["Leergroep veilig thuis Goes", "Digitale doorbraak"]
    assert card_titles(main_content(page(readers_site, "perspectief", "inwoners"))) == ["Wijkleergroep Utrecht"]
    assert card_titles(main_content(page(readers_site, "waarde", "veiligheid"))) == ["Veiligheidslab Amersfoort"]
    assert card_titles(main_content(page(readers_site, "status", "lopend"))) == ["Armoedenetwerk Zwolle"]


def test_facet_index_pages_show_counts(readers_site: Path) -> None:
    themes = text_of(main_content(page(readers_site, "thema")))
    assert "Sociale basis (2)" in themes and "Veiligheid (2)" in themes and "Digitalisering (1)" in themes
    assert "Jeugd en gezin" not in themes  # values without practices get no page
    assert not (readers_site / "thema" / "jeugd-en-gezin").exists()


def test_every_facet_value_on_a_practice_page_links_to_its_page(readers_site: Path) -> None:
    content = main_content(page(readers_site, "praktijken", "lab-amersfoort"))
    links = sorted((text_of(label), href) for href, label in re.findall(r'<a class="pb-label" href="([^"]+)"[^>]*>(.*?)</a>', content))
    assert links == [
        ("Living lab", "../../type/living-lab/"), ("Ouders en gezinnen", "../../doelgroep/gezinnen/"),
        ("Sociale basis", "../../thema/sociale-basis/"), ("Utrecht", "../../regio/utrecht/"),
        ("Veiligheid", "../../thema/veiligheid/"), ("Veiligheid", "../../waarde/veiligheid/"),
    ]
    for _, href in links:
        assert (readers_site / "praktijken" / "lab-amersfoort" / href / "index.html").resolve().exists()


def test_related_practices_share_themes_type_or_target_group(readers_site: Path) -> None:
    content = main_content(page(readers_site, "praktijken", "wijk-utrecht"))
    related = content.split("Verwante praktijkvoorbeelden", 1)[1]
    titles = card_titles(related)
    assert 1 <= len(titles) <= 3
    # Goes shares type and target group, Amersfoort shares a theme (worth two); Zwolle shares nothing.
    assert set(titles) == {"Leergroep veilig thuis Goes", "Veiligheidslab Amersfoort"}
    assert "Armoedenetwerk Zwolle" not in related


def test_overview_is_newest_first_with_filter_data(readers_site: Path) -> None:
    content = main_content(page(readers_site, "praktijken"))
    assert card_titles(content) == ["Wijkleergroep Utrecht", "Veiligheidslab Amersfoort", "Leergroep veilig thuis Goes",
                                     "Digitale doorbraak", "Armoedenetwerk Zwolle"]
    assert 'data-f-thema="sociale-basis veiligheid"' in content
    assert 'data-f-waarde="veiligheid"' in content
    assert re.search(r'<form class="pb-filters"[^>]*hidden', content)  # revealed by the script only
    assert 'role="status" aria-live="polite"' in content
    browse = content.split("Bladeren per kenmerk", 1)[1]
    assert 'href="../thema/veiligheid/">Veiligheid</a> (2)' in browse


def test_home_shows_newest_practices_and_themes(readers_site: Path) -> None:
    home = main_content(page(readers_site))
    assert "praktijkbank:" not in home
    newest = home.split("Nieuwste praktijkvoorbeelden", 1)[1].split("</ul>", 1)[0]
    assert card_titles(newest) == ["Wijkleergroep Utrecht", "Veiligheidslab Amersfoort", "Leergroep veilig thuis Goes"]
    themes = text_of(home.split("Thema's", 1)[1])
    assert "Sociale basis 2 praktijkvoorbeelden" in themes and "Digitalisering 1 praktijkvoorbeeld" in themes
    assert 'href="thema/sociale-basis/"' in home


def test_card_lists_skip_markdown_but_arrive_whole(readers_site: Path) -> None:
    for page_path in (("praktijken",), ("thema", "veiligheid")):
        document = page(readers_site, *page_path)
        assert "praktijkbank-html" not in document  # every placeholder was filled in again
        assert document.count('<li class="pb-kaart"') == len(card_titles(main_content(document)))
