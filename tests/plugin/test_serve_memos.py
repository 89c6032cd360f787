"""While serving, lists of practices reuse the cards and views of practices whose file did not change."""

from __future__ import annotations

from dataclasses import replace

from praktijkbank.checking.collection import load_practices
from praktijkbank.core.model import Practice
from praktijkbank.core.schema import Schema
from praktijkbank.pages.environment import make_environment
from praktijkbank.pages.renderer import CardMemo, Renderer
from praktijkbank.pages.views import PracticeView, SiteView

from tests.helpers import REPO


def test_cards_and_views_of_unchanged_practices_are_reused_and_changed_ones_redone() -> None:
    schema = Schema.load(REPO / "schema" / "praktijkvoorbeeld.schema.json")
    practices = load_practices([REPO / "practices"], schema, root=REPO).practices
    card_memo, views = CardMemo(), {}

    def overview(practice_list: list[Practice]) -> tuple[str, dict[str, PracticeView]]:
        site = SiteView(schema, practice_list, views=views)
        renderer = Renderer(make_environment(), schema, site, card_memo=card_memo)
        markdown = renderer.overview_page()
        return renderer.restore(renderer.overview_src, markdown), {p.slug: site.view(p) for p in practice_list}

    first_page, first_views = overview(practices)
    assert practices[0].title in first_page
    # What the file cache gives for an edited file: a new object.
    changed = replace(practices[0], data={**practices[0].data, "titel": "Een nieuwe titel"})
    second_page, second_views = overview([changed, *practices[1:]])
    assert "Een nieuwe titel" in second_page and practices[0].title not in second_page
    assert second_views[changed.slug] is not first_views[changed.slug]
    assert all(second_views[p.slug] is first_views[p.slug] for p in practices[1:])
    # Without the memo the page is the same: reuse changes nothing a reader sees.
    fresh = Renderer(make_environment(), schema, SiteView(schema, [changed, *practices[1:]]))
    assert fresh.restore(fresh.overview_src, fresh.overview_page()) == second_page
