"""The search module on its own: what gets indexed, where the header field goes, and how Pagefind failures read."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from praktijkbank import search

from .conftest import pagefind_records

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
    indexer = search.BackgroundIndexer(tmp_path, page_document)
    indexer.add("praktijken/een/index.html", search.mark_indexed("<h1>Eerste</h1><p>Kwartiermakers in de wijk.</p>"),
                language="nl")
    indexer.add("over/index.html", search.mark_indexed("<h1>Over</h1><p>Uitleg.</p>"), language="nl")
    indexer.start()
    report = indexer.finish()
    assert report.pages == 2
    records = {record["url"]: record for record in pagefind_records(tmp_path)}
    assert set(records) == {"/praktijken/een/", "/over/"}
    assert records["/praktijken/een/"]["meta"]["title"] == "Eerste"
    assert (tmp_path / "pagefind" / "pagefind-ui.js").is_file()


def test_a_failing_pagefind_gives_a_dutch_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "find_pagefind", lambda: Path("/bin/false"))
    indexer = search.BackgroundIndexer(tmp_path, page_document)
    indexer.add("index.html", search.mark_indexed("<h1>Home</h1>"), language="nl")
    with pytest.raises(search.SearchIndexError, match=r"^Pagefind kon de zoekindex niet maken \(afsluitcode 1\)"):
        indexer.finish()


def test_a_missing_pagefind_says_how_to_install_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pagefind_bin", None)  # as if the package were not installed
    indexer = search.BackgroundIndexer(tmp_path, page_document)
    with pytest.raises(search.SearchIndexError, match=r"pip install 'pagefind\[bin\]'"):
        indexer.start()
    indexer.close()


def test_closing_a_running_indexer_stops_pagefind_and_cleans_up(tmp_path: Path) -> None:
    indexer = search.BackgroundIndexer(tmp_path, page_document)
    indexer.add("index.html", search.mark_indexed("<h1>Home</h1>"), language="nl")
    indexer.start()
    indexer.close()
    assert not indexer.staging.pages_dir.exists()


def test_a_kept_staging_area_writes_only_what_changed_and_drops_what_is_gone(tmp_path: Path) -> None:
    staging = search.StagingArea()
    rounds = ({"a/index.html": "A", "b/index.html": "B", "c/index.html": "C"}, {"a/index.html": "A2", "c/index.html": "C"})
    unchanged = staging.pages_dir / "c" / "index.html"
    try:
        for number, pages in enumerate(rounds):
            indexer = search.BackgroundIndexer(tmp_path / str(number), page_document, staging=staging)
            for path, title in pages.items():
                indexer.add(path, search.mark_indexed(f"<h1>{title}</h1>"), language="nl")
            if number == 0:
                indexer.start()
                indexer.finish()
                written = unchanged.stat().st_mtime_ns
            else:
                indexer.start()
                assert indexer.finish().pages == 2
        assert {record["meta"]["title"] for record in pagefind_records(tmp_path / "1")} == {"A2", "C"}
        assert not (staging.pages_dir / "b" / "index.html").exists()
        assert unchanged.stat().st_mtime_ns == written  # not written again
    finally:
        staging.cleanup()
