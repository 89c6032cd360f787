"""Build real sites in temporary folders and check the HTML that readers get."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import pytest

from tests.helpers import COMPLETE_PRACTICE, MINIMAL_PRACTICE, main_content, page, pagefind_records, text_of

Build = Callable[..., CompletedProcess[str]]









def test_every_seed_practice_gets_a_page_linked_from_the_overview(built_site: Path) -> None:
    overview = main_content(page(built_site, "praktijken"))
    sources = sorted((built_site.parent / "practices").glob("*.md"))
    assert len(sources) == 5
    for source in sources:
        slug = source.stem
        assert f'href="{slug}/"' in overview
        assert (built_site / "praktijken" / slug / "index.html").exists()
    assert "5 praktijkvoorbeelden" in text_of(overview)


def test_practices_stay_out_of_the_navigation(built_site: Path) -> None:
    nav_links = re.findall(r'<a href="([^"]*)" class="md-nav__link', page(built_site, "praktijken"))
    assert nav_links, "no navigation found"
    assert "./" in nav_links  # the overview itself is in the navigation
    assert not [link for link in nav_links if "buurt-in-bloei" in link or "geestverwanten" in link]


def test_practice_page_follows_the_checklist_order(empty_project: Path, mkdocs_build: Build) -> None:
    (empty_project / "practices" / "samen-sterk-zwolle.md").write_text(COMPLETE_PRACTICE, encoding="utf-8")
    assert mkdocs_build(empty_project).returncode == 0
    content = main_content(page(empty_project / "site", "praktijken", "samen-sterk-zwolle"))
    text = text_of(content)

    headings = re.findall(r"<h2[^>]*>(.*?)</h2>", content, re.S)
    titles = [text_of(h).rstrip("¶ ").strip() for h in headings]
    # The contributor's story introduces the practice; the checklist follows, sources and contact close it.
    assert titles == ["Het verhaal", "Waarom", "Hoe", "Wat", "Perspectieven", "Succesfactoren en knelpunten",
                      "Randvoorwaarden", "Waarden", "Tips voor andere praktijken", "Bronnen", "Contact"]
    assert text.index("Een leergroep van wijkteams") < text.index("Waarom")
    assert "Overijssel" in text and "Leergroep" in text and "Wijkteams en lokale teams" in text
    assert "september 2023 – 2025" in text
    assert "12 van 12 onderdelen van de checklist beschreven" in text
    assert "Laatst bijgewerkt op 1 februari 2026" in text
    # Success factors and obstacles side by side, each obstacle with how it was handled.
    columns = re.search(r'<div class="pb-naast-elkaar">(.*?)</div>', content, re.S)
    assert columns
    assert "Een vaste procesbegeleider" in columns.group(1)
    assert "Weinig tijd" in columns.group(1) and "Aanpak: Bijeenkomsten in werktijd" in text_of(columns.group(1))
    # Paragraphs in a text stay paragraphs; the Markdown body is rendered as Markdown.
    assert "<p>Eerst kennismaken.</p><p>Daarna samen een ambitie formuleren.</p>" in content
    assert "<strong>nadruk</strong>" in content
    assert 'href="https://www.nji.nl/"' in content


def test_completeness_names_what_is_missing(empty_project: Path, mkdocs_build: Build) -> None:
    (empty_project / "practices" / "kort.md").write_text(MINIMAL_PRACTICE.format(titel="Kort voorbeeld"), encoding="utf-8")
    assert mkdocs_build(empty_project).returncode == 0
    content = main_content(page(empty_project / "site", "praktijken", "kort"))
    text = text_of(content)
    # Nothing described: said in plain sight (not folded away in a <details>), with what is missing.
    assert "<details" not in content and 'class="pb-volledigheid pb-volledigheid--beperkt"' in content
    assert "Dit praktijkvoorbeeld is nog nauwelijks beschreven: van de 12 onderdelen van de checklist is er nog geen" in text
    assert "Nog niet beschreven: Brandende kwestie, Doel," in text
    assert "Vul het voorbeeld aan" in text
    assert not re.findall(r"<h2", content)


def test_front_matter_is_escaped_everywhere(empty_project: Path, mkdocs_build: Build) -> None:
    hostile = '<script>alert(1)</script> "onmouseover=x {{ jinja }} *ster* [link](javascript:x)'
    text = MINIMAL_PRACTICE.format(titel=json.dumps(hostile)).replace(
        "bijgewerkt:", f"tips:\n  - {json.dumps(hostile)}\nwaarom:\n  doel: {json.dumps(hostile)}\nbijgewerkt:")
    (empty_project / "practices" / "vijandig.md").write_text(text, encoding="utf-8")
    result = mkdocs_build(empty_project)
    assert result.returncode == 0, result.stderr
    for html_file in (empty_project / "site").rglob("*.html"):
        document = html_file.read_text(encoding="utf-8")
        assert "<script>alert(1)</script>" not in document, html_file
        assert 'href="javascript:' not in document, html_file
    practice = page(empty_project / "site", "praktijken", "vijandig")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in practice
    assert "{{ jinja }}" in text_of(practice)
    # Texts have a small Markdown subset (*ster* is italic there), the title has none; a javascript: link stays text.
    assert re.search(r"<h1[^>]*>[^<]*\*ster\*", practice)
    assert "<em>ster</em>" in main_content(practice) and "[link](javascript:x)" in practice


def test_checklist_page_is_generated_from_the_schema(built_site: Path, project: Path) -> None:
    schema = json.loads((project / "schema" / "praktijkvoorbeeld.schema.json").read_text(encoding="utf-8"))
    content = main_content(page(built_site, "checklist"))
    text = text_of(content.replace("<wbr>", ""))  # a line-break opportunity in a field name, not a space
    for part in schema["x-checklist"]:
        assert part["titel"] in text
        assert part["vraag"] in text
    for key, node in schema["properties"].items():
        assert f"<code>{key}</code>" in content, key
        assert node["title"] in text
    for choice in schema["$defs"]["netwerktype"]["oneOf"]:
        assert f'<code class="pb-veldnaam">{choice["const"]}</code>' in content and choice["title"] in text
    assert "hoe.randvoorwaarden.bestuurlijk_draagvlak" in text


def test_checklist_page_follows_a_changed_schema(project: Path, mkdocs_build: Build) -> None:
    schema_file = project / "schema" / "praktijkvoorbeeld.schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    schema["$defs"]["thema"]["oneOf"].append({"const": "eenzaamheid", "title": "Eenzaamheid"})
    schema_file.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    assert mkdocs_build(project).returncode == 0
    assert '<code class="pb-veldnaam">eenzaamheid</code>: Eenzaamheid' in page(project / "site", "checklist")


def test_site_is_dutch_and_uses_no_web_fonts(built_site: Path) -> None:
    home = page(built_site)
    assert '<html lang="nl"' in home
    assert "Made with" not in home and "Gemaakt met" in home  # Material's footer credit is English unless replaced
    assert "fonts.googleapis" not in home and "fonts.gstatic" not in home
    for html_file in built_site.rglob("*.html"):
        for url in re.findall(r'(?:src|href)="(https?://[^"]+)"', html_file.read_text(encoding="utf-8")):
            # Links for readers to follow are fine; nothing may be loaded from elsewhere.
            assert not re.search(r"\.(css|js|woff2?|png|svg|jpg)(\?|$)", url), (html_file, url)
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["nl"]  # Dutch stemming
    assert not (built_site / "search" / "search_index.json").exists()  # no second, whole-site index


def test_search_index_holds_front_matter_fields_and_filters(empty_project: Path, mkdocs_build: Build) -> None:
    (empty_project / "practices" / "samen-sterk-zwolle.md").write_text(COMPLETE_PRACTICE, encoding="utf-8")
    assert mkdocs_build(empty_project).returncode == 0
    records = {record["url"]: record for record in pagefind_records(empty_project / "site")}
    practice = records["/praktijken/samen-sterk-zwolle/"]
    assert practice["meta"]["title"] == "Leergroep Samen Sterk in Zwolle"
    assert "Een vaste procesbegeleider" in practice["content"]
    assert "Vertrouwelijke casusbesprekingen" in practice["content"]
    assert "¶" not in practice["content"]  # permalink marks are not text
    # Filters by the overview's names and values, which the search page offers and keeps in its address.
    assert sorted(practice["filters"]["thema"]) == ["lokale-teams", "sociale-basis"]
    assert practice["filters"]["regio"] == ["overijssel"]
    assert set(practice["filters"]) == {"thema", "type", "regio", "doelgroep"}
    # Lists of practices would match every search for a practice's words: they are not indexed.
    assert "/praktijken/" not in records and "/zoeken/" not in records
    assert not any(url.startswith("/thema/") for url in records)
    # The worksheet pages are found by what they say, not by the list of every practice's worksheet on them.
    for url, own_words in (("/werkbladen/", "Werkbladen voor een bijeenkomst"),
                           ("/werkbladen/sessiemap/", "Bereid je een bijeenkomst voor")):
        assert own_words in records[url]["content"]
        assert "Samen Sterk" not in records[url]["content"], url


def test_every_page_has_the_search_field_in_its_header(built_site: Path) -> None:
    for path, action in (("", "zoeken/"), ("praktijken", "../zoeken/"), ("praktijken/buurt-in-bloei-eindhoven", "../../zoeken/")):
        header = page(built_site, path).split('<header class="md-header', 1)[1].split("</header>", 1)[0]
        assert f'<form class="pb-kopzoek" action="{action}" method="get" role="search"' in header, path


def test_search_can_be_turned_off(project: Path, mkdocs_build: Build) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - praktijkbank:\n", "  - praktijkbank:\n      search: false\n"),
                      encoding="utf-8")
    assert mkdocs_build(project).returncode == 0
    assert not (project / "site" / "pagefind").exists() and not (project / "site" / "zoeken").exists()
    assert "pb-kopzoek" not in page(project / "site")


def test_material_search_beside_pagefind_is_a_warning(project: Path, mkdocs_build: Build) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("plugins:\n", "plugins:\n  - search\n"), encoding="utf-8")
    result = mkdocs_build(project, "--strict")
    assert result.returncode == 1
    assert "haal de plugin 'search' weg uit mkdocs.yml" in result.stderr


def test_invalid_practice_fails_the_build_with_every_problem(project: Path, mkdocs_build: Build) -> None:
    practices = project / "practices"
    (practices / "kapot-een.md").write_text("---\ntitel: Kapot\nsamenvatting: 12\n---\n", encoding="utf-8")
    (practices / "kapot-twee.md").write_text("---\ntitel: [\n---\n", encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 1
    log = result.stderr
    assert "practices/kapot-een.md:3:15: fout: samenvatting: moet tekst zijn, maar is het getal 12" in log
    assert "practices/kapot-een.md:2:1: fout: bijgewerkt: dit verplichte veld ontbreekt" in log
    assert "practices/kapot-twee.md:2:9: fout: een '[' of '{' is niet afgesloten" in log
    assert "3 fouten in 2 van 7 praktijkvoorbeelden" in log
    assert "Traceback" not in log
    assert not (project / "site" / "index.html").exists()


def test_warnings_fail_a_strict_build(project: Path, mkdocs_build: Build) -> None:
    (project / "practices" / "Met Hoofdletters.md").write_text(MINIMAL_PRACTICE.format(titel="Met hoofdletters"), encoding="utf-8")
    assert mkdocs_build(project, "--no-strict").returncode == 0
    assert (project / "site" / "praktijken" / "met-hoofdletters" / "index.html").exists()
    result = mkdocs_build(project, "--strict")
    assert result.returncode == 1
    assert "de bestandsnaam is geen nette webnaam" in result.stderr


def test_serve_mode_shows_problems_on_the_practice_page(project: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    (project / "practices" / "half-af.md").write_text("---\ntitel: Half af\nsamenvatting: kort\n---\n", encoding="utf-8")
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"))
    config.plugins["praktijkbank"].on_startup(command="serve", dirty=False)
    build(config)
    broken = main_content(page(project / "site", "praktijken", "half-af"))
    text = text_of(broken)
    assert "Dit praktijkvoorbeeld kan nog niet worden gepubliceerd" in text
    assert "regel 3, kolom 15" in text and "samenvatting: is te kort" in text
    assert "bijgewerkt: dit verplichte veld ontbreekt" in text
    # The valid practices are still served, and the broken one is not listed as if it were fine.
    overview = page(project / "site", "praktijken")
    assert "Half af" not in overview and "Geestverwanten" in overview


def test_site_can_override_a_template(project: Path, mkdocs_build: Build) -> None:
    overrides = project / "overrides" / "praktijkbank"
    overrides.mkdir(parents=True)
    (overrides / "overzicht.md.j2").write_text("# Onze voorbeelden\n\n{{ practices | length }} stuks\n", encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n"),
                                        encoding="utf-8")
    assert mkdocs_build(project).returncode == 0
    assert "5 stuks" in page(project / "site", "praktijken")


@pytest.mark.parametrize(("name", "text", "line", "kind"), [
    ("kaart.html.j2", "<li>\n{{ p.title }}\n{{ p.title | }}\n</li>\n", 3, "schrijffout in het sjabloon"),
    ("praktijk.md.j2", "# {{ practice.title }}\n\n{{ practice.bestaat_niet.veld }}\n", 3, "onbekende naam"),
    ("werkblad/vertaling.html.j2", "<p>\n{{ practice.summary | geen_filter }}</p>\n", 2, "schrijffout in het sjabloon"),
])
def test_a_broken_template_override_is_reported_in_dutch_without_traceback(project: Path, mkdocs_build: Build, name: str,
                                                                          text: str, line: int, kind: str) -> None:
    override = project / "overrides" / "praktijkbank" / name
    override.parent.mkdir(parents=True)
    override.write_text(text, encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n"),
                                        encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 1
    assert f"het sjabloon overrides/praktijkbank/{name}:{line} is niet te gebruiken ({kind}: " in result.stderr
    assert "custom_dir van het thema: herstel het" in result.stderr
    assert "Traceback" not in result.stderr and "jinja2" not in result.stderr


@pytest.mark.parametrize("use_directory_urls", [True, False])
def test_links_work_with_and_without_directory_urls(project: Path, mkdocs_build: Build, use_directory_urls: bool) -> None:
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config + f"use_directory_urls: {str(use_directory_urls).lower()}\n", encoding="utf-8")
    assert mkdocs_build(project).returncode == 0
    site = project / "site"
    overview = site / "praktijken" / ("index.html")
    practice = site / "praktijken" / ("buurt-in-bloei-eindhoven/index.html" if use_directory_urls else "buurt-in-bloei-eindhoven.html")
    for source in (overview, practice):
        for href in re.findall(r'<a href="([^"#:]+)"', main_content(source.read_text(encoding="utf-8"))):
            target = (source.parent / href).resolve()
            if target.is_dir():
                target = target / "index.html"
            assert target.exists(), (source, href)


def test_a_failed_build_leaves_no_site_that_looks_complete(project: Path, mkdocs_build: Build) -> None:
    assert mkdocs_build(project).returncode == 0
    assert (project / "site" / "index.html").exists()
    # A theme override that breaks on one page makes the build fail after other pages were written.
    overrides = project / "overrides"
    overrides.mkdir()
    (overrides / "main.html").write_text(
        '{% extends "base.html" %}{% block content %}{% if page.file.src_uri == "checklist/index.md" %}'
        "{{ kapot.veld.bestaat.niet }}{% endif %}{{ super() }}{% endblock %}", encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n"),
                                        encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert "de site is niet (volledig) gebouwd" in result.stderr
    assert not list((project / "site").rglob("*.html"))
