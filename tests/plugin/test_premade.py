"""Practice pages converted ahead, by forked workers or in the build's own process, make exactly the same site."""

from __future__ import annotations

import gc
import logging
import os
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from praktijkbank.plugin import conversion as premade
from praktijkbank.runtime import forked

from tests.helpers import pagefind_records, snapshot

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")

ANCHOR_LINKS = "\nZie ook [het doel](#doel) en [iets dat er niet is](#bestaat-niet).\n"


def build_in_process(project: Path, site: Path, *, workers: int, monkeypatch: pytest.MonkeyPatch, strict: bool = False) -> list[int]:
    """Build with ``workers`` cores and thresholds low enough for five practices; how many pages workers converted."""
    monkeypatch.setattr(forked, "usable_cpus", lambda: workers)
    monkeypatch.setattr(forked, "PAGES_MIN", 2)
    monkeypatch.setattr(forked, "CONVERSION_MIN", 2)
    by_workers: list[int] = []
    map_forked = forked.map_forked

    def counting(work: Any, items: Any, count: int, **kwargs: Any) -> Any:
        result = map_forked(work, items, count, **kwargs)
        if kwargs.get("chunk_size") == premade.CHUNK_SIZE and result is not None:
            by_workers.append(len(result))
        return result

    monkeypatch.setattr(forked, "map_forked", counting)
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=strict)
    config.plugins.on_startup(command="build", dirty=False)  # MkDocs reuses plugin instances within one process
    build(config)
    return by_workers


def with_anchor_links(project: Path) -> None:
    """A practice body that links to an anchor on its own page and to one that is not there; MkDocs warns about it."""
    practice = sorted((project / "practices").glob("*.md"))[0]
    practice.write_text(practice.read_text(encoding="utf-8") + ANCHOR_LINKS, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nvalidation:\n  anchors: warn\n", encoding="utf-8")


def test_the_site_is_the_same_with_premade_pages(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with_anchor_links(project)
    premade_count = build_in_process(project, project / "premade", workers=2, monkeypatch=monkeypatch)
    assert gc.get_freeze_count() == 0  # the heap frozen during the build is thawed again
    practices = len(list((project / "practices").glob("*.md")))
    assert premade_count == [practices]  # every practice page was converted by the workers
    assert build_in_process(project, project / "plain", workers=1, monkeypatch=monkeypatch) == []
    first, second = snapshot(project / "premade"), snapshot(project / "plain")
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
    # The table of contents (from the premade conversion) is on the page, with the theme's permalinks.
    page = next(name for name in first if name.startswith("praktijken/") and name.endswith("/index.html"))
    assert b'href="#waarom"' in first[page] and b'class="headerlink"' in first[page]

    # Without premade pages at all MkDocs converts every page itself: the pages are the same (the search bundle
    # differs only in the order its pages were indexed).
    monkeypatch.setattr(premade, "convert_all", lambda *args, **kwargs: {})
    build_in_process(project, project / "mkdocs", workers=1, monkeypatch=monkeypatch)
    third = {name: data for name, data in snapshot(project / "mkdocs").items() if not name.startswith("pagefind/")}
    assert third == {name: data for name, data in first.items() if not name.startswith("pagefind/")}


def test_warnings_from_a_premade_page_still_count(project: Path, monkeypatch: pytest.MonkeyPatch,
                                                 caplog: pytest.LogCaptureFixture) -> None:
    with_anchor_links(project)
    for workers in (2, 1):
        caplog.clear()
        with caplog.at_level(logging.INFO), pytest.raises(Abort):
            build_in_process(project, project / f"site-{workers}", workers=workers, monkeypatch=monkeypatch, strict=True)
        assert gc.get_freeze_count() == 0  # also when the build is aborted
        warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
        assert any("#bestaat-niet" in message for message in warnings), (workers, warnings)
        assert not any("'#doel'" in message for message in warnings)


def test_markdown_another_plugin_changed_is_converted_by_mkdocs(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A conversion is only used for the very Markdown it was made of: a hook's change to a page is not lost."""
    (project / "hooks.py").write_text(
        "def on_page_markdown(markdown, page, **kwargs):\n"
        "    return markdown + '\\n\\nToegevoegd door een *hook*.\\n' if page.file.src_uri.startswith('praktijken/') else markdown\n",
        encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nhooks:\n  - hooks.py\n", encoding="utf-8")
    assert build_in_process(project, project / "site", workers=2, monkeypatch=monkeypatch) != []
    pages = list((project / "site" / "praktijken").glob("*/index.html"))
    assert pages and all("Toegevoegd door een <em>hook</em>." in page.read_text(encoding="utf-8") for page in pages)
    # The search index, made ahead from the practice pages as the plugin made them, was made again.
    practices = [record for record in pagefind_records(project / "site") if str(record["url"]).startswith("/praktijken/")]
    assert len(practices) == len(pages)
    assert all("Toegevoegd door een hook." in str(record["content"]) for record in practices)


def test_a_conversion_keeps_html_table_of_contents_and_anchors(project: Path) -> None:
    from mkdocs.structure.files import Files

    config = load_config(str(project / "mkdocs.yml"))
    made = premade.convert_one("praktijken/x.md", "---\nsearch:\n  exclude: true\n---\n# Titel\n\n## Deel\n\nTekst.\n",
                               config, Files([]))
    assert made.markdown.startswith("# Titel")  # the front matter became meta, as MkDocs reads it
    assert '<h2 id="deel">' in made.html and made.anchors == ["deel", "titel"]
    assert [token["id"] for token in made.toc] == ["titel"] and made.toc[0]["children"][0]["id"] == "deel"
    assert made.log == []


def test_what_a_conversion_says_is_said_again_where_mkdocs_uses_it(project: Path, caplog: pytest.LogCaptureFixture) -> None:
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    config = load_config(str(project / "mkdocs.yml"))
    with caplog.at_level(logging.INFO):
        made = premade.convert_one("praktijken/x.md", "Zie [elders](elders.md).\n", config, Files([]))
    assert caplog.records == []  # recorded, not printed, in the worker
    assert [(level, "elders.md" in message) for _, level, message in made.log] == [(logging.WARNING, True)]
    page = Page(None, File("praktijken/x.md", src_dir=None, dest_dir=config.site_dir, use_directory_urls=True), config)
    with caplog.at_level(logging.INFO):
        assert made.apply(page, Files([])) == made.html
    assert [r.levelno for r in caplog.records] == [logging.WARNING] and "elders.md" in caplog.records[0].getMessage()
