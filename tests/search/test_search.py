"""The search module on its own: what gets indexed, where the header field goes, and how Pagefind failures read."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from praktijkbank.search import bundle_writer as pagefind_answers
from praktijkbank.search import pagefind as search

from tests.helpers import pagefind_records

MATERIAL_HEADER = (
    '<header class="md-header"><nav class="md-header__inner md-grid" aria-label="Koptekst">'
    '<div class="md-header__title">Titel</div>{source}</nav></header><main><nav class="md-nav">menu</nav></main>'
)
FIELD = '<form class="pb-kopzoek"></form>'


def page_document(content: str, language: str) -> str:
    return f'<!doctype html><html lang="{language}"><body>{content}</body></html>'


def test_header_field_goes_before_the_repository_link() -> None:
    page = MATERIAL_HEADER.format(source='<div class="md-header__source">repo</div>')
    result = search.insert_header_search(page, FIELD)
    assert f'Titel</div>{FIELD}<div class="md-header__source">' in result


def test_header_field_goes_at_the_end_of_the_header_without_a_repository() -> None:
    result = search.insert_header_search(MATERIAL_HEADER.format(source=""), FIELD)
    assert f"Titel</div>{FIELD}</nav></header>" in result
    assert result.count(FIELD) == 1


def test_other_themes_are_left_alone() -> None:
    page = "<html><body><header>Kop</header></body></html>"
    assert search.insert_header_search(page, FIELD) == page


def test_indexer_indexes_exactly_the_pages_handed_over(tmp_path: Path) -> None:
    indexer = search.StreamingIndexer(tmp_path, page_document)
    indexer.put("praktijken/een/index.html", search.mark_indexed("<h1>Eerste</h1><p>Kwartiermakers in de wijk.</p>"),
                language="nl")
    indexer.put("over/index.html", search.mark_indexed("<h1>Over</h1><p>Uitleg, met een komma.</p>"), language="nl")
    report = indexer.finish()
    assert report.pages == 2
    records = {record["url"]: record for record in pagefind_records(tmp_path)}
    assert set(records) == {"/praktijken/een/", "/over/"}
    assert records["/praktijken/een/"]["meta"]["title"] == "Eerste"
    assert "Uitleg, met een komma." in str(records["/over/"]["content"])
    assert (tmp_path / "pagefind" / "pagefind-ui.js").is_file()


def test_index_urls_are_kept_for_sites_without_directory_urls(tmp_path: Path) -> None:
    indexer = search.StreamingIndexer(tmp_path, page_document, keep_index_url=True)
    indexer.put("over/index.html", search.mark_indexed("<h1>Over</h1>"), language="nl")
    indexer.finish()
    assert [record["url"] for record in pagefind_records(tmp_path)] == ["/over/index.html"]


def test_a_failing_pagefind_gives_a_dutch_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "find_pagefind", lambda: Path("/bin/false"))
    indexer = search.StreamingIndexer(tmp_path, page_document)
    indexer.put("index.html", search.mark_indexed("<h1>Home</h1>"), language="nl")
    with pytest.raises(search.SearchIndexError, match=r"^Pagefind kon de zoekindex niet maken \(afsluitcode 1\)"):
        indexer.finish()


def test_what_pagefind_says_on_failure_is_in_the_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    script = tmp_path / "pagefind"
    script.write_text("#!/bin/sh\necho 'kapot: geen geheugen' >&2\nexit 3\n", encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setattr(search, "find_pagefind", lambda: script)
    indexer = search.StreamingIndexer(tmp_path, page_document)
    with pytest.raises(search.SearchIndexError, match=r"afsluitcode 3\): kapot: geen geheugen"):
        indexer.finish()


def test_a_missing_pagefind_says_how_to_install_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pagefind_bin", None)  # as if the package were not installed
    with pytest.raises(search.SearchIndexError, match=r"pip install 'pagefind\[bin\]'"):
        search.StreamingIndexer(tmp_path, page_document)


def test_closing_a_running_indexer_stops_pagefind_and_writes_nothing(tmp_path: Path) -> None:
    indexer = search.StreamingIndexer(tmp_path, page_document)
    indexer.put("index.html", search.mark_indexed("<h1>Home</h1>"), language="nl")
    indexer.close()
    assert not (tmp_path / "pagefind").exists()


def test_the_bundle_is_only_written_inside_its_folder(tmp_path: Path) -> None:
    for path in ("../../elders.js", "/tmp/elders.js", ""):
        with pytest.raises(pagefind_answers.BundleError, match="buiten"):
            pagefind_answers.write_bundle(tmp_path / "site" / "pagefind", [{"path": path, "content": "YWxlcnQoMSk="}])
    assert not (tmp_path / "elders.js").exists()


def test_a_bundle_that_cannot_be_written_is_reported_in_dutch(tmp_path: Path) -> None:
    (tmp_path / "site").write_text("geen map", encoding="utf-8")  # the output folder cannot be made
    indexer = search.StreamingIndexer(tmp_path / "site", page_document)
    indexer.put("index.html", search.mark_indexed("<h1>Home</h1>"), language="nl")
    with pytest.raises(search.SearchIndexError, match="de zoekindex kon niet geschreven worden"):
        indexer.finish()


def test_a_page_handed_over_again_with_other_content_is_indexed_as_it_is_now(tmp_path: Path) -> None:
    indexer = search.StreamingIndexer(tmp_path, page_document)
    for title in ("Eerste versie", "Blijft"):
        indexer.put(f"{title[0].lower()}/index.html", search.mark_indexed(f"<h1>{title}</h1>"), language="nl")
    indexer.put("e/index.html", search.mark_indexed("<h1>Tweede versie</h1>"), language="nl")
    indexer.put("b/index.html", search.mark_indexed("<h1>Blijft</h1>"), language="nl")  # the same again: no change
    assert indexer.finish().pages == 2
    records = {record["url"]: record["meta"]["title"] for record in pagefind_records(tmp_path)}
    assert records == {"/e/": "Tweede versie", "/b/": "Blijft"}
