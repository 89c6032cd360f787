"""Hostile text in every field of a practice ends up as text everywhere: pages, search index, worksheets, PDF.

The site publishes what strangers submit, so the test puts markup, attribute breakers, template syntax and
script in every text field at once, and checks the built output and a real browser loading it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from tests.helpers import REPO, build_copy, hostile_practice, pagefind_records, require_chromium, serve_directory

RAW_MARKERS = ["<script>window.__pwned", "<img src=x onerror", "</textarea> {{"]


class _Elements(HTMLParser):
    """Collects every attribute name and the contents of every script element of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.attributes: set[str] = set()
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes.update(name for name, _ in attrs)
        # JSON-LD is data that no browser runs (it holds the payload as JSON text; see test_open_data.py).
        self._in_script = tag == "script" and ("type", "application/ld+json") not in attrs

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)




@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    def prepare(project: Path) -> None:
        schema = json.loads((project / "schema" / "praktijkvoorbeeld.schema.json").read_text(encoding="utf-8"))
        front = yaml.safe_dump(hostile_practice(schema), allow_unicode=True, sort_keys=False)
        body = "Het verhaal noemt `<script>alert(1)</script>` alleen als code.\n"
        (project / "practices" / "vijandig.md").write_text(f"---\n{front}---\n\n{body}", encoding="utf-8")

    return build_copy(tmp_path_factory.mktemp("hostile"), prepare)


def test_every_html_file_contains_the_payload_only_as_text(hostile_site: Path) -> None:
    pages = list(hostile_site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for marker in RAW_MARKERS:
            assert marker not in text, (page, marker)
        elements = _Elements()
        elements.feed(text)
        assert not {"onmouseover", "onerror"} & elements.attributes, page
        assert not any("__pwned" in script for script in elements.scripts), page
    practice = (hostile_site / "praktijken" / "vijandig" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in practice
    assert "{{ 7*7 }}" in practice and ">49<" not in practice  # template syntax is never evaluated
    worksheet = (hostile_site / "praktijken" / "vijandig" / "werkblad" / "index.html").read_text(encoding="utf-8")
    assert "&lt;/textarea&gt;" in worksheet


def test_search_index_holds_the_payload_as_text(hostile_site: Path) -> None:
    records = {record["url"]: record for record in pagefind_records(hostile_site)}
    practice = records["/praktijken/vijandig/"]
    # Pagefind holds the text as typed; its interface shows it as text (see the browser test below).
    assert practice["meta"]["title"].startswith("<script>window.__pwned=1</script>")
    assert "<script>window.__pwned=1</script>" in practice["content"]


def test_pdf_holds_the_payload_as_text(hostile_site: Path) -> None:
    pdf = hostile_site / "praktijken" / "vijandig" / "werkblad.pdf"
    if not pdf.exists() or not shutil.which("pdftotext"):
        pytest.skip("PDFs need WeasyPrint and pdftotext")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "<script>window.__pwned=1</script>" in " ".join(text.split())


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Path) -> Iterator[str]:
    require_chromium()
    with serve_directory(hostile_site) as url:
        yield url


@pytest.mark.browser
@pytest.mark.parametrize("path", ["praktijken/vijandig/", "praktijken/", "praktijken/vijandig/werkblad/", "thema/",
                                  "werkbladen/sessiemap/", "", "zoeken/?q=pwned"])
def test_browser_runs_no_injected_script(browser, hostile_url: str, path: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(hostile_url + path, wait_until="networkidle")
    if path == "zoeken/?q=pwned":
        page.locator(".pb-zoekresultaat").first.wait_for(timeout=15_000)
        assert "window.__pwned=1" in page.locator("[data-pb-zoekresultaten]").inner_text()  # shown as text
    page.mouse.move(200, 300)
    page.mouse.move(400, 500)
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    page.close()


def test_repository_copy_is_untouched() -> None:
    assert not (REPO / "practices" / "vijandig.md").exists()
