"""Golden pages of the small test site: a practice page, the overview and a worksheet, as a reviewer reads them.

The site `klein` (tests/roots/klein) holds the complete fixture practice and one that tells almost nothing, so the
goldens show both a page with every part of the checklist and the honest page of a sparse practice.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import Built, assert_golden, element

ARTICLE = ('<article class="md-content__inner md-typeset">', "</article>")


@pytest.fixture(scope="module")
def klein(tmp_path_factory: pytest.TempPathFactory) -> Built:
    from tests.helpers import build_site, configure, copy_root

    project = copy_root("klein", tmp_path_factory.mktemp("klein") / "project")
    configure(project, {"worksheets_pdf": False}, {})
    built = build_site(project)
    assert built.ok, built.error
    return built


@pytest.mark.parametrize("slug", ["compleet", "bijna-leeg"])
def test_practice_page(klein: Built, slug: str) -> None:
    assert_golden(f"klein/praktijk-{slug}.html", element(klein.page("praktijken", slug), *ARTICLE))


def test_overview(klein: Built) -> None:
    assert_golden("klein/overzicht.html", element(klein.page("praktijken"), *ARTICLE))


@pytest.mark.parametrize("slug", ["compleet", "bijna-leeg"])
def test_worksheet(klein: Built, slug: str) -> None:
    assert_golden(f"klein/werkblad-{slug}.html", element(klein.page("praktijken", slug, "werkblad"), "<body", "</body>"))


def test_the_golden_copies_are_read_not_written(site_build: Callable[..., Built], tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A page that differs from its golden copy fails with a diff that names the changed line."""
    from tests.helpers import golden

    monkeypatch.delenv("PRAKTIJKBANK_UPDATE_GOLDEN", raising=False)
    monkeypatch.setattr(golden, "GOLDEN", tmp_path)
    (tmp_path / "voorbeeld.html").write_text("<p>\n  oud\n</p>\n", encoding="utf-8")
    with pytest.raises(AssertionError, match=r"(?s)-  oud.*\+  nieuw"):
        assert_golden("voorbeeld.html", "<p>nieuw</p>")
    assert_golden("voorbeeld.html", "<p>\n oud </p>")  # white space is not a difference
