"""Worksheets for facilitators: real builds, real PDFs read back with pypdf.

Every worksheet must be one A4 page with its title, its questions and fillable fields; a practice with
very long fields must still fit, saying what it left out; and PDFs are optional: without WeasyPrint the
build goes on without them, unless the site asks for them explicitly.
"""

from __future__ import annotations

import html
import os
import posixpath
import random
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from subprocess import CompletedProcess

import pytest
import yaml
from praktijkbank.checking.collection import load_practices
from praktijkbank.core.schema import Schema
from praktijkbank.pages.environment import make_environment
from praktijkbank.pages.views import SiteView
from praktijkbank.worksheets import fit, fonts, textmetrics
from praktijkbank.worksheets import sheets as worksheets
from praktijkbank.worksheets.fit import Item, shorten, shorten_list
from praktijkbank.worksheets.pdf import SHEETS_PER_PROCESS, PdfRenderer, PdfUnavailable, render_pdf
from praktijkbank.worksheets.sheets import GENERAL_SHEETS, TRANSLATION_QUESTIONS, worksheet_paths

from tests.helpers import (
    MEASURED_SHEETS,
    MINIMAL_PRACTICE,
    REPO,
    SEED_SLUGS,
    bottom_gap_mm,
    build_copy,
    foot_text,
    has,
    pdf_fields,
    pdf_pages,
    pdf_text,
    require_poppler,
    set_plugin_option,
    very_long_practice,
)

pypdf = pytest.importorskip("pypdf")
pytest.importorskip("weasyprint")

Build = Callable[..., CompletedProcess[str]]

A4 = (595.0, 842.0)  # points; WeasyPrint rounds to whole points
TRANSLATION_FIELDS = {"naam", "datum", "cijfer", "sterke_punten", "ontwikkelpunten", "spreekt_aan", "wel_mee", "niet_mee",
                      "vertalen", "stap_1", "stap_2", "stap_3"}










def words(text: str) -> str:
    return " ".join(text.split())


def href_target(page: Path, href: str) -> Path:
    """The file a relative link on a built page points to (a folder means its index.html)."""
    target = (page.parent / href).resolve()
    return target / "index.html" if href.endswith("/") else target


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This repository's site, built once (strict) for the tests that only read it."""
    return build_copy(tmp_path_factory.mktemp("werkbladen"))


# -- the seed practices and the general sheets ---------------------------------------------------


@pytest.mark.parametrize("slug", SEED_SLUGS)
def test_practice_worksheet_pdf_is_one_a4_page_with_title_questions_and_fields(site: Path, slug: str) -> None:
    html_path, pdf_path = worksheet_paths(slug, "praktijken")
    pdf = site / pdf_path
    assert pdf_pages(pdf) == 1
    page = pypdf.PdfReader(str(pdf)).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == A4
    text = pdf_text(pdf)
    title = words(yaml.safe_load((REPO / "practices" / f"{slug}.md").read_text(encoding="utf-8").split("---")[1])["titel"])
    assert has(text, title)
    for question in TRANSLATION_QUESTIONS:
        assert has(text, question)
    assert pdf_fields(pdf) >= TRANSLATION_FIELDS
    assert (site / html_path).is_file()


def test_general_worksheets_are_one_page_each_with_their_content_and_fields(site: Path) -> None:
    expected = {
        "vertaling": (["Vertaling naar je eigen praktijk", *TRANSLATION_QUESTIONS], TRANSLATION_FIELDS | {"praktijkvoorbeeld"}),
        "presenteren": (["Je praktijkvoorbeeld presenteren", "Inleiding", "De opbrengsten", "Het proces",
                         "Tips voor andere lerende netwerken", "Welke randvoorwaarden waren nodig?"],
                        {"naam", "datum", "praktijkvoorbeeld", "inleiding", "opbrengsten", "proces", "tips"}),
        "sessie": (["Een bijeenkomst van je lerende netwerk", "Opstart en check-in", "Onderlinge coaching",
                    "Evaluatie en afsluiting", "Herken je belemmeringen of patronen?", "Je doet het niet alleen",
                    "Groter denken, kleiner doen", "Blijf relativeren"],
                   {"datum", "thema", "gespreksleider", "notulist", "opstart_minuten", "afsluiting_werkvorm"}),
    }
    assert {sheet.key for sheet in GENERAL_SHEETS} == set(expected)
    for key, (texts, fields) in expected.items():
        pdf = site / "werkbladen" / f"{key}.pdf"
        assert pdf_pages(pdf) == 1, key
        text = pdf_text(pdf)
        for snippet in texts:
            assert has(text, snippet), (key, snippet)
        assert fields <= pdf_fields(pdf), key
        assert (site / "werkbladen" / key / "index.html").is_file()


def test_score_is_one_radio_group_of_eleven_buttons(site: Path) -> None:
    _, pdf_path = worksheet_paths(SEED_SLUGS[0], "praktijken")
    field = pypdf.PdfReader(str(site / pdf_path)).get_fields()["cijfer"]
    assert field["/FT"] == "/Btn"
    assert [str(option) for option in field["/Opt"]] == [str(n) for n in range(11)]


def test_worksheet_pages_are_light_standalone_html(site: Path) -> None:
    for slug in SEED_SLUGS:
        html_path, pdf_path = worksheet_paths(slug, "praktijken")
        page = site / html_path
        text = page.read_text(encoding="utf-8")
        assert text.startswith("<!doctype html>")
        assert '<html lang="nl">' in text
        # Not a theme page: no Material chrome, no JavaScript (its JSON-LD is data), nothing from another site.
        assert "md-header" not in text and not re.search(r'<script(?! type="application/ld\+json">)', text)
        assert not re.search(r'(?:src|href)="(?:https?:)?//', text)
        hrefs = {label: href for href, label in re.findall(r'<a(?: class="[^"]*")? href="([^"]+)"[^>]*>([^<]+)</a>', text)}
        assert href_target(page, hrefs["Terug naar het praktijkvoorbeeld"]) == (site / "praktijken" / slug / "index.html").resolve()
        assert href_target(page, hrefs["Download als PDF (invulbaar op je laptop)"]) == (site / pdf_path).resolve()
        assert href_target(page, hrefs["Alle werkbladen"]).is_file()
        stylesheet = re.search(r'<link rel="stylesheet" href="([^"]+)">', text)
        assert stylesheet and href_target(page, stylesheet.group(1)).read_text(encoding="utf-8").startswith("/* Praktijkbank worksheets")


def test_overview_and_session_pack_list_every_worksheet_with_working_links(site: Path) -> None:
    for page in (site / "werkbladen" / "index.html", site / "werkbladen" / "sessiemap" / "index.html"):
        text = page.read_text(encoding="utf-8")
        for slug in SEED_SLUGS:
            html_path, pdf_path = worksheet_paths(slug, "praktijken")
            sheet_href = posixpath.relpath(posixpath.dirname(html_path), posixpath.dirname(page.relative_to(site).as_posix())) + "/"
            assert f'href="{sheet_href}"' in text, (page, slug)
            assert href_target(page, sheet_href).is_file()
            pdf_href = posixpath.relpath(pdf_path, posixpath.dirname(page.relative_to(site).as_posix()))
            assert f'href="{pdf_href}"' in text
            assert href_target(page, pdf_href).is_file()
    pack = (site / "werkbladen" / "sessiemap" / "index.html").read_text(encoding="utf-8")
    # Every worksheet has a checkbox (shown by the script), the session guide is ticked from the start.
    boxes = re.findall(r'<input type="checkbox" id="([^"]+)" name="blad"[^>]*>', pack)
    assert len(boxes) == len(SEED_SLUGS) + len(GENERAL_SHEETS)
    assert re.search(r'id="pb-blad-algemeen-sessie"[^>]* checked', pack)
    for box_id in boxes:
        assert f'<label for="{box_id}">' in pack
    assert 'role="status" aria-live="polite"' in pack
    script = re.search(r'<script src="([^"]+sessiemap\.js)" defer>', pack)
    assert script and href_target(site / "werkbladen" / "sessiemap" / "index.html", script.group(1)).is_file()


def test_links_work_without_directory_urls(project: Path, mkdocs_build: Build) -> None:
    config = project / "mkdocs.yml"
    config.write_text("use_directory_urls: false\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    result = mkdocs_build(project, "--strict")
    assert result.returncode == 0, result.stderr
    site = project / "site"
    for page in (site / "praktijken/buurt-in-bloei-eindhoven/werkblad/index.html", site / "werkbladen/sessiemap/index.html",
                 site / "werkbladen/index.html"):
        hrefs = re.findall(r'(?:href|src|data-werkblad-css)="([^"#:]+)"', page.read_text(encoding="utf-8"))
        assert hrefs
        for href in hrefs:
            assert not href.endswith("/"), (page, href)  # no folder links when pages are files
            assert href_target(page, href).is_file(), (page, href)


def test_session_pack_is_in_the_navigation_under_facilitators(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    nav = home[home.index("Voor begeleiders"):]
    assert "Sessiemap samenstellen" in nav and "Werkbladen" in nav
    assert (site / "begeleiders" / "index.html").is_file()


def test_every_page_has_the_print_stylesheet(site: Path) -> None:
    for page in ("index.html", "praktijken/leerwerkgemeenschap-geestverwanten/index.html", "werkbladen/sessiemap/index.html"):
        assert "assets/praktijkbank/praktijkbank-print.css" in (site / page).read_text(encoding="utf-8")
    stylesheet = (site / "assets" / "praktijkbank" / "praktijkbank-print.css").read_text(encoding="utf-8")
    assert "@media print" in stylesheet


# -- long and hostile practices ------------------------------------------------------------------




def test_practice_with_very_long_fields_fits_one_page_and_says_what_it_left_out(project: Path, mkdocs_build: Build) -> None:
    (project / "practices" / "heel-lang.md").write_text(very_long_practice(), encoding="utf-8")
    result = mkdocs_build(project, "--strict")
    assert result.returncode == 0, result.stderr
    pdf = project / "site" / "praktijken" / "heel-lang" / "werkblad.pdf"
    assert pdf_pages(pdf) == 1
    text = pdf_text(pdf)
    assert has(text, "Een heel lange titel over een leernetwerk dat alles tegelijk wil oplossen:")
    for question in TRANSLATION_QUESTIONS:
        assert has(text, question)
    assert pdf_fields(pdf) >= TRANSLATION_FIELDS
    # Nothing disappears silently: shown items end in "…", and the sheet counts the ones it leaves out.
    for label in ("Succesfactor nummer", "Knelpunt nummer"):
        shown = len(re.findall(label + r" \d+:", text))
        assert shown >= 1
        more = re.findall(r"… en (\d+) meer in het voorbeeld", text)
        assert str(20 - shown) in more, (label, shown, more)
    assert text.count("…") >= 3


def test_worksheet_escapes_everything_from_the_front_matter(project: Path, mkdocs_build: Build) -> None:
    (project / "practices" / "gevaarlijk.md").write_text(
        "---\n"
        "titel: 'Leergroep <script>alert(1)</script> & co'\n"
        "samenvatting: 'Een samenvatting met <img src=x onerror=alert(2)> en \"aanhalingstekens\" erin.'\n"
        "plaats: '<b>Zwolle</b>'\n"
        "bijgewerkt: '2026-01-15'\n"
        "hoe:\n"
        "  succesfactoren: ['<a href=\"javascript:alert(3)\">klik</a>']\n"
        "  knelpunten: [{knelpunt: '</textarea><script>alert(4)</script>', aanpak: '<style>body{}</style>'}]\n"
        "---\n",
        encoding="utf-8",
    )
    result = mkdocs_build(project, "--strict")
    assert result.returncode == 0, result.stderr
    site = project / "site"
    for page in (site / "praktijken/gevaarlijk/werkblad/index.html", site / "werkbladen/sessiemap/index.html",
                 site / "werkbladen/index.html"):
        text = page.read_text(encoding="utf-8")
        for raw in ("<script>alert", "<img src=x", "<b>Zwolle", 'href="javascript:', "</textarea><script>", "<style>body{}"):
            assert raw not in text, (page, raw)
    sheet = (site / "praktijken/gevaarlijk/werkblad/index.html").read_text(encoding="utf-8")
    assert "Leergroep &lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in sheet
    assert has(pdf_text(site / "praktijken/gevaarlijk/werkblad.pdf"), "Leergroep <script>alert(1)</script> & co")


# -- room to write: every sheet uses its A4 down to its foot ------------------------------------------






@pytest.mark.parametrize("sheet", MEASURED_SHEETS)
def test_pdf_worksheet_fills_its_page_down_to_the_foot(sheets_site: Path, sheet: str) -> None:
    """What the top of a sheet leaves is room to write: less than one ruled line stays white above the foot
    (the sheet's own margin, 2 mm), and nothing runs into it. Measured on the page as poppler renders it."""
    require_poppler()
    pdf = sheets_site / f"{sheet}.pdf"
    assert pdf_pages(pdf) == 1
    gap = bottom_gap_mm(pdf, foot_text((sheets_site / sheet / "index.html").read_text(encoding="utf-8")))
    assert 0 <= gap < fit.LINE_MM, f"{sheet}: {gap:.1f} mm above the foot"


def test_fuller_practices_get_their_room_in_lines(sheets_site: Path) -> None:
    """The room is what the practice leaves: a practice that tells little at the top gets more lines than a long one,
    and every writing area has at least two."""
    def lines(sheet: str) -> list[int]:
        page = (sheets_site / sheet / "index.html").read_text(encoding="utf-8")
        return [int(n) for n in re.findall(r'<textarea[^>]* rows="(\d+)"', page)]

    short, long = lines("praktijken/bijna-leeg/werkblad"), lines("praktijken/heel-lang/werkblad")
    assert min(short + long) >= fit.MIN_LINES
    assert sum(short) > sum(long)
    assert len(lines("werkbladen/sessie")) == 5  # a plan for each part of the meeting


def corpus_texts() -> list[str]:
    """Every text of the practices in this repository and in the test corpus, as a worksheet shows it."""
    texts: list[str] = []

    def collect(value: object) -> None:
        if isinstance(value, str):
            texts.append(words(value))
        elif isinstance(value, list):
            for item in value:
                collect(item)
        elif isinstance(value, dict):
            for item in value.values():
                collect(item)

    for path in sorted([*(REPO / "practices").glob("*.md"), *(REPO / "tests" / "corpus").rglob("*.md")]):
        parts = path.read_text(encoding="utf-8").split("---")
        data = yaml.safe_load(parts[1]) if len(parts) > 2 else None
        if isinstance(data, dict):
            collect(data)
    return [text for text in texts if len(text) > 20]


def test_line_count_never_counts_fewer_lines_than_weasyprint_lays_out(tmp_path: Path) -> None:
    """The room on a PDF is computed from the lines each text takes (textmetrics.py); a text that took more lines
    than counted would push the sheet into its foot. Texts from the corpus, at the sheet's widths and sizes, each on
    a page of its own, in the PDF's font (the package's own, whatever the machine has: fonts.py); the lines are
    counted from the PDF."""
    require_poppler()
    rng = random.Random(17)
    texts = corpus_texts()
    styles = [(fit.SUMMARY, fit.BOX_WIDTH_MM), (fit.SMALL, fit.LIST_WIDTH_MM),
              (fit.TITLE, fit.SHEET_WIDTH_MM), (fit.LONG_TITLE, fit.SHEET_WIDTH_MM),
              (fit.SMALL_BOLD, fit.BOX_WIDTH_MM)]
    cases = []
    for _ in range(160):
        text = rng.choice(texts)
        start = rng.randrange(max(1, len(text) - 400))
        cases.append((text[start:start + rng.randint(20, 420)].strip(), *rng.choice(styles)))
    pages = "".join(
        f'<p style="width: {width}mm; font-size: {font.size_pt}pt; font-weight: {700 if font.bold else 400}; '
        f'letter-spacing: {font.letter_spacing}em">{html.escape(text)}</p>' for text, font, width in cases)
    (tmp_path / "regels.pdf").write_bytes(render_pdf(
        f'<!doctype html><html lang="nl"><head><style>{fonts.stylesheet()} @page {{ size: 200mm 400mm; margin: 0 }} '
        f"body {{ margin: 0; font-family: var(--wb-letter); line-height: 2 }} p {{ margin: 0; break-after: page }}</style></head>"
        f"<body>{pages}</body></html>"))
    laid_out = pdftotext_lines(tmp_path / "regels.pdf")
    assert len(laid_out) == len(cases)
    counted = [font.lines(text, width) for text, font, width in cases]
    fewer = [(text, n, m) for (text, _, _), n, m in zip(cases, counted, laid_out, strict=True) if n < m]
    assert fewer == []
    assert sum(n == m for n, m in zip(counted, laid_out, strict=True)) >= 0.95 * len(cases)


def pdftotext_lines(pdf: Path) -> list[int]:
    """Per page, how many lines of text it has (by the distinct tops of its words)."""
    text = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True, text=True).stdout
    return [len({round(float(top)) for top in re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)"', page)})
            for page in text.split("<page ")[1:]]


def test_line_count_breaks_as_a_browser_does() -> None:
    width = textmetrics.line_count
    assert width("", 50, 9.5) == 1
    assert width("kort", 50, 9.5) == 1
    assert width("woord " * 40, 50, 9.5) > width("woord " * 20, 50, 9.5) > 1
    # An address wider than the line is broken after its slashes, not left on one line.
    assert width("https://www.voorbeeld.nl/een/heel/lang/adres/naar/een/pagina/over/lerende/netwerken", 40, 9.5) >= 3
    # Bold is wider; a dash after a space stays with the word before it.
    assert textmetrics.word_width("Succesfactoren", bold=True) > textmetrics.word_width("Succesfactoren")
    assert textmetrics._words("tijd – en geduld") == [[("tijd", False), ("–", False)], [("en", False)], [("geduld", False)]]


def test_room_is_shared_in_whole_lines_and_what_is_left_below_them() -> None:
    areas = fit.share_room(100.0, (1.25, 1.0, 1.25, 1.0))
    assert sum(area.lines for area in areas) == 14  # 98 mm of lines
    assert sum(area.mm for area in areas) == pytest.approx(100.0, abs=0.05)
    assert all(area.mm >= area.lines * fit.LINE_MM for area in areas)
    # Too little room: never fewer than two lines each (the sheet then shortens its top, see summarize).
    assert [area.lines for area in fit.share_room(10.0, (1, 1, 1))] == [2, 2, 2]


# -- the foot: the way back from paper -------------------------------------------------------------------


def test_foot_shows_the_full_address_of_the_practice_with_a_site_url(tmp_path: Path) -> None:
    """Paper cannot be clicked: the foot prints where the practice is, in full, when the site knows its address."""
    schema = Schema.load(REPO / "schema" / "praktijkvoorbeeld.schema.json")
    cards = SiteView(schema, load_practices([REPO / "practices"], schema, root=REPO).practices).cards()
    slug = cards[0].slug

    def sheets(**settings: object) -> dict[str, worksheets.Worksheet]:
        renderer = worksheets.WorksheetRenderer(make_environment(), site_name="Praktijkbank", pdf=True, **settings)  # type: ignore[arg-type]
        return {sheet.key: sheet for sheet in renderer.all_sheets(cards[:1])}

    with_url = sheets(site_url="https://praktijkbank.example/sub")
    address = f"https://praktijkbank.example/sub/praktijken/{slug}/"
    for html_text in (with_url[slug].html, with_url[slug].pdf_html or ""):
        assert f'<a href="{address}">{address}</a>' in foot_text_html(html_text)
    assert "https://praktijkbank.example/sub/werkbladen/sessie/" in foot_text_html(with_url["sessie"].html)
    (tmp_path / "blad.pdf").write_bytes(render_pdf(with_url[slug].pdf_html or ""))
    assert has(pdf_text(tmp_path / "blad.pdf"), address)
    # Without a site_url the foot can only name the path (and the build says what that costs, below).
    without = foot_text_html(sheets()[slug].pdf_html or "")
    assert f"praktijken/{slug}/" in without and "<a " not in without


def foot_text_html(page: str) -> str:
    foot = re.search(r'<footer class="wb-voet">(.*?)</footer>', page, re.S)
    assert foot
    return foot.group(1)


def test_without_a_site_url_the_build_says_once_what_it_costs(project: Path, mkdocs_build: Build) -> None:
    """One note for everything a missing site_url costs (publication.notes), not one per part of the site."""
    set_plugin_option(project, "worksheets_pdf: false")
    result = mkdocs_build(project, "--strict")
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.replace(str(project), "").splitlines() if "site_url" in line]
    assert len(lines) == 1, lines
    for cost in ("geprint werkblad leidt niet terug naar zijn praktijkvoorbeeld", "sitemap.xml blijft leeg",
                 "de feed, de open data en de tags voor gedeelde links gebruiken relatieve adressen"):
        assert cost in lines[0]


# -- settings and a missing WeasyPrint -------------------------------------------------------------




def test_pdfs_can_be_switched_off(project: Path, mkdocs_build: Build) -> None:
    set_plugin_option(project, "worksheets_pdf: false")
    result = mkdocs_build(project, "--strict")
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert list(site.rglob("*.pdf")) == []
    assert (site / "praktijken/buurt-in-bloei-eindhoven/werkblad/index.html").is_file()
    for page in ("praktijken/buurt-in-bloei-eindhoven/werkblad/index.html", "werkbladen/sessiemap/index.html"):
        assert ".pdf" not in (site / page).read_text(encoding="utf-8")


def test_worksheets_can_be_switched_off(project: Path, mkdocs_build: Build) -> None:
    set_plugin_option(project, "worksheets: false")
    config = project / "mkdocs.yml"
    config.write_text("\n".join(line for line in config.read_text(encoding="utf-8").splitlines() if "werkbladen/" not in line),
                      encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert not (site / "werkbladen").exists()
    assert not list(site.rglob("werkblad*"))


@pytest.fixture
def broken_weasyprint(tmp_path: Path) -> Iterator[dict[str, str]]:
    """An environment in which WeasyPrint is installed but its system libraries cannot be loaded."""
    fake = tmp_path / "fake-weasyprint" / "weasyprint"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("raise OSError(\"cannot load library 'libpango-1.0-0': not found\")\n", encoding="utf-8")
    yield {**os.environ, "PYTHONPATH": str(fake.parent), "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore"}


def build_with(env: dict[str, str], project: Path, *args: str) -> CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(project / "site"), *args],
                          cwd=project, capture_output=True, text=True, env=env, timeout=300)


def test_without_weasyprint_the_build_goes_on_without_pdfs(project: Path, broken_weasyprint: dict[str, str]) -> None:
    result = build_with(broken_weasyprint, project, "--strict")
    assert result.returncode == 0, result.stderr
    notices = [line for line in result.stderr.splitlines() if "zonder PDF" in line]
    assert len(notices) == 1 and notices[0].startswith("INFO"), result.stderr
    assert "libpango" in notices[0]
    site = project / "site"
    assert list(site.rglob("*.pdf")) == []
    assert (site / "praktijken/buurt-in-bloei-eindhoven/werkblad/index.html").is_file()
    assert ".pdf" not in (site / "werkbladen/sessiemap/index.html").read_text(encoding="utf-8")


def test_without_weasyprint_an_explicit_pdf_setting_fails_clearly(project: Path, broken_weasyprint: dict[str, str]) -> None:
    set_plugin_option(project, "worksheets_pdf: true")
    result = build_with(broken_weasyprint, project)
    assert result.returncode != 0
    assert "'worksheets_pdf: true' vraagt om PDF-werkbladen, maar WeasyPrint is niet beschikbaar" in result.stderr
    assert "pip install 'praktijkbank[pdf]'" in result.stderr
    assert "Traceback" not in result.stderr


# -- the core, without MkDocs ----------------------------------------------------------------------


def test_worksheet_paths() -> None:
    assert worksheet_paths("buurt-in-bloei", "praktijken") == ("praktijken/buurt-in-bloei/werkblad/index.html",
                                                              "praktijken/buurt-in-bloei/werkblad.pdf")
    assert worksheet_paths("x", "/voorbeelden/") == ("voorbeelden/x/werkblad/index.html", "voorbeelden/x/werkblad.pdf")


def test_shortening_cuts_whole_words_and_counts_what_it_leaves_out() -> None:
    assert shorten("kort genoeg", 20) == "kort genoeg"
    assert shorten("Een  zin\nmet   veel witruimte", 100) == "Een zin met veel witruimte"
    assert shorten("Samenwerking tussen wijkteam en huisarts", 25) == "Samenwerking tussen…"
    short = shorten_list([Item("a" * 50)] * 9)
    assert len(short.items) + short.more == 9 and short.more > 0
    assert shorten_list([]).more == 0 and not shorten_list([])


def test_pdf_renderer_reuses_unchanged_worksheets() -> None:
    renderer = PdfRenderer()
    page = '<!doctype html><html lang="nl"><body><form><p>Blad</p><input type="text" name="naam"></form></body></html>'
    first = renderer.render(page)
    assert first.startswith(b"%PDF") and renderer.render(page) == first
    assert renderer.rendered == 1
    renderer.start_build()
    renderer.render(page.replace("Blad", "Ander blad"))
    renderer.start_build()  # the first page was not used in the last build: forgotten
    renderer.render(page)
    assert renderer.rendered == 3


def test_many_new_worksheets_render_in_processes_with_the_same_result() -> None:
    pages = [f'<!doctype html><html lang="nl"><body><form><h1>Blad {i}</h1><textarea name="t"></textarea></form></body></html>'
             for i in range(2 * SHEETS_PER_PROCESS)]
    in_processes = PdfRenderer(processes=2).render_all(pages)
    assert in_processes == [render_pdf(page) for page in pages]
    assert len(set(in_processes)) == len(pages)


def test_pdf_renderer_reports_a_missing_weasyprint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import weasyprint -> ImportError
    with pytest.raises(PdfUnavailable, match="WeasyPrint is niet beschikbaar"):
        PdfRenderer()


def test_practice_minimal_worksheet_has_no_empty_columns(project: Path, mkdocs_build: Build) -> None:
    (project / "practices" / "kaal.md").write_text(MINIMAL_PRACTICE.format(titel="Kale praktijk"), encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    sheet = (project / "site" / "praktijken" / "kaal" / "werkblad" / "index.html").read_text(encoding="utf-8")
    assert "Kale praktijk" in sheet and "Succesfactoren" not in sheet
    assert pdf_pages(project / "site" / "praktijken" / "kaal" / "werkblad.pdf") == 1


def test_worksheets_of_unchanged_practices_come_from_the_memo() -> None:
    """While serving, a practice whose file did not change (the same object) keeps its worksheet; others are redone."""
    schema = Schema.load(REPO / "schema" / "praktijkvoorbeeld.schema.json")
    practices = load_practices([REPO / "practices"], schema, root=REPO).practices
    memo = worksheets.SheetMemo()

    def sheets(practice_list: list[object], **settings: object) -> dict[str, worksheets.Worksheet]:
        renderer = worksheets.WorksheetRenderer(make_environment(), site_name="Praktijkbank", **settings)  # type: ignore[arg-type]
        cards = SiteView(schema, practice_list).cards()  # type: ignore[arg-type]
        return {sheet.key: sheet for sheet in renderer.all_sheets(cards, memo=memo)}

    first = sheets(practices)
    # What the file cache gives for an edited file: a new object.
    changed = replace(practices[0], data={**practices[0].data, "titel": practices[0].title + " (bijgewerkt)"})
    second = sheets([changed, *practices[1:]])
    slug = practices[0].slug
    assert second[slug] is not first[slug] and "(bijgewerkt)" in second[slug].html
    assert all(second[p.slug] is first[p.slug] for p in practices[1:])
    third = sheets([changed, *practices[1:]], site_url="https://praktijkbank.example/")  # other settings: all redone
    assert all(third[p.slug] is not second[p.slug] for p in practices)
