"""site.py on its own: a small collection in, the site's files, notes and refusals out, with no MkDocs at all."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from praktijkbank import site
from praktijkbank.checking.collection import load_practices
from praktijkbank.core.schema import Schema
from praktijkbank.pages.environment import make_environment

from tests.helpers import REPO

KLEIN = REPO / "tests" / "roots" / "klein"


def build(**settings: object) -> site.SiteBuild:
    schema = Schema.load(REPO / "schema" / "praktijkvoorbeeld.schema.json")
    result = load_practices([KLEIN / "practices"], schema, root=KLEIN)
    values = {"root": KLEIN, "practices_dir": KLEIN / "practices", "docs_dir": KLEIN / "docs", "site_name": "Testbank",
              "checklist_page": "checklist/index.md", "contribute_page": "bijdragen.md", "worksheets": False,
              "search_page": "zoeken/index.md", "submission_page": "insturen/index.md",
              "submission_email": "redactie@example.org", "open_data_page": "open-data.md", **settings}
    return site.SiteBuild(make_environment(), schema, result, site.SiteSettings(**values))  # type: ignore[arg-type]


def test_a_small_collection_gives_its_pages_and_files_in_order() -> None:
    built = build()
    items = built.files(present={"index.md"})
    made = [(item.src_uri, item.kind) for item in items if isinstance(item, site.GeneratedFile)]
    assert made[:3] == [("praktijken/bijna-leeg.md", "practice"), ("praktijken/compleet.md", "practice"),
                        ("praktijken/index.md", "page")]
    paths = [src_uri for src_uri, _ in made]
    for expected in ("checklist/index.md", "insturen/index.md", "zoeken/index.md", site.SEARCH_SCRIPT,
                     "praktijkvoorbeelden.json", "feed.xml", site.STYLESHEET, site.FAVICON):
        assert expected in paths
    assert not any(path.startswith(("werkbladen/", "admin/")) for path in paths)  # no worksheets, no admin asked for
    assert len(paths) == len(set(paths))
    assert not any(isinstance(item, site.Refusal) for item in items)
    assert set(built.sources) == {"praktijken/bijna-leeg.md", "praktijken/compleet.md"}
    assert [src_uri for src_uri, _ in built.practice_pages] == paths[:2]
    practice_page = next(item for item in items if isinstance(item, site.GeneratedFile) and item.src_uri == paths[1])
    assert isinstance(practice_page.content, str) and practice_page.inclusion == "not_in_nav"
    stylesheet = next(item for item in items if isinstance(item, site.GeneratedFile) and item.src_uri == site.STYLESHEET)
    assert stylesheet.content is None and stylesheet.source is not None and stylesheet.source.is_file()


def test_what_cannot_be_made_is_said_as_data() -> None:
    items = build(submission_email="", security_contact=("geen-adres",)).files(present=set())
    notes = [item for item in items if isinstance(item, site.Note)]
    assert any(note.level == "warning" and "insturen/index.md" in note.message for note in notes)
    assert isinstance(items[-1], site.Refusal) and "security" in items[-1].message
    assert not any(isinstance(item, site.GeneratedFile) and item.src_uri == site.STYLESHEET for item in items)


def test_a_bad_address_refuses_before_anything_is_made() -> None:
    assert build(submission_email="geen adres").files(present=set()) == [
        site.Refusal("submission_email 'geen adres' is geen e-mailadres; schrijf alleen het adres, zoals redactie@organisatie.nl.")]


def test_pdfs_are_never_made_with_false_and_required_with_true(monkeypatch: pytest.MonkeyPatch) -> None:
    assert site.pdf_choice(False, worksheets=True, renderer=None, cache_dir=None) == site.PdfChoice(None, False)
    assert site.pdf_choice("auto", worksheets=False, renderer=None, cache_dir=None) == site.PdfChoice(None, False)
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    refused = site.pdf_choice(True, worksheets=True, renderer=None, cache_dir=Path("cache"))
    assert not refused.enabled and refused.refusal is not None and "worksheets_pdf: true" in refused.refusal
    skipped = site.pdf_choice("auto", worksheets=True, renderer=None, cache_dir=None)
    assert not skipped.enabled and skipped.refusal is None and skipped.note is not None


def test_an_admin_asked_for_without_its_bundle_is_refused_and_nothing_after_it_is_made() -> None:
    items = build(decap=True, repo_url="https://github.com/voorbeeld/bank").files(present=set())
    assert isinstance(items[-1], site.Refusal) and items[-1].message.startswith("'decap: true' vraagt om een redactieomgeving")
    assert not any(isinstance(item, site.GeneratedFile) and item.src_uri.startswith("admin/") for item in items)
    skipped = build(decap="auto", repo_url="https://github.com/voorbeeld/bank").files(present=set())
    assert [note.level for note in skipped if isinstance(note, site.Note) and "Decap" in note.message] == ["info"]
    assert not any(isinstance(item, site.Refusal) for item in skipped)


def test_every_option_has_one_default() -> None:
    """The site's settings and the published files' settings take each option's default from `PluginDefaults`, so a
    site and its open data cannot disagree when an option is left out (a default written twice drifts)."""
    import dataclasses

    from praktijkbank.core.defaults import DEFAULTS
    from praktijkbank.publishing.publication import Publication

    options = {field.name: getattr(DEFAULTS, field.name) for field in dataclasses.fields(DEFAULTS)}
    # Resolved by the adapter into another shape: the folder as a path, the contacts as a tuple, the date as text.
    reshaped = {"practices_dir", "security_contact", "security_expires"}
    settings = site.SiteSettings(root=KLEIN, practices_dir=KLEIN / "practices", docs_dir=KLEIN / "docs", site_name="T")
    publication = Publication(site_name="T")
    # The pages the published files link to are resolved targets ('' for no link), not the options of the same name.
    links = {"contribute_page", "checklist_page"}
    for settings_object, skipped in ((settings, reshaped), (publication, reshaped | links)):
        shared = {field.name for field in dataclasses.fields(settings_object)} & options.keys() - skipped
        assert shared, type(settings_object).__name__
        assert {name: getattr(settings_object, name) for name in shared} == {name: options[name] for name in shared}
    assert (settings.security_contact, settings.security_expires) == ((), "")
    assert not DEFAULTS.security_contact and not DEFAULTS.security_expires
