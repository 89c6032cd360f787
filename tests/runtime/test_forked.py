"""Work spread over forked processes gives exactly what one process gives, or the caller is told to do it itself."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from praktijkbank.checking.collection import load_practices
from praktijkbank.core.schema import Schema
from praktijkbank.pages.environment import make_environment
from praktijkbank.pages.renderer import Renderer
from praktijkbank.pages.views import SiteView
from praktijkbank.runtime import forked
from praktijkbank.worksheets import sheets as worksheets

from tests.helpers import REPO

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")


def square_and_name(number: int) -> tuple[int, str]:
    return number * number, f"nummer {number}"


def test_results_come_back_in_order() -> None:
    numbers = list(range(103))
    assert forked.map_forked(square_and_name, numbers, 2) == [square_and_name(n) for n in numbers]


def test_results_are_handed_over_in_order_as_they_come() -> None:
    seen: list[tuple[int, object]] = []
    numbers = list(range(37))
    results = forked.map_forked(square_and_name, numbers, 2, each=lambda index, result: seen.append((index, result)), chunk_size=5)
    assert results is not None
    assert seen == list(enumerate(results))


def test_what_the_caller_raises_while_handed_results_is_not_taken_for_a_worker_failure() -> None:
    def refuse(index: int, result: object) -> None:
        raise KeyError("van de aanroeper")

    with pytest.raises(KeyError, match="van de aanroeper"):
        forked.map_forked(square_and_name, list(range(10)), 2, each=refuse)


def test_one_worker_or_one_item_is_left_to_the_caller() -> None:
    assert forked.map_forked(square_and_name, [1, 2, 3], 1) is None
    assert forked.map_forked(square_and_name, [1], 2) is None


def die(number: int) -> int:
    os._exit(3)


def test_a_dying_worker_is_left_to_the_caller() -> None:
    assert forked.map_forked(die, list(range(10)), 2) is None


def test_pages_and_worksheets_from_processes_equal_those_from_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked, "PAGES_MIN", 2)
    monkeypatch.setattr(forked, "SHEETS_MIN", 2)
    schema = Schema.load(REPO / "schema" / "praktijkvoorbeeld.schema.json")
    practices = load_practices([REPO / "practices"], schema, root=REPO).practices
    assert len(practices) >= 2

    def render(workers: int) -> tuple[list[tuple[str, str]], list[str], list[object]]:
        renderer = Renderer(make_environment(), schema, SiteView(schema, practices))
        pages = renderer.practice_pages(practices, workers)
        # The finished HTML kept out of Markdown comes back too: restoring it gives the same page.
        restored = [renderer.restore(src, markdown) for src, markdown in pages]
        sheets = worksheets.WorksheetRenderer(make_environment(), site_name="Praktijkbank", pdf=True)
        return pages, restored, sheets.all_sheets(renderer.site.cards(), workers)

    one, many = render(1), render(2)
    assert [src for src, _ in one[0]] == [src for src, _ in many[0]]
    assert one[1] == many[1] and "<!--pb-" not in "".join(many[1])
    assert one[2] == many[2]
    assert Path(many[2][-1].html_path).name == "index.html"


def test_usable_cpus_is_at_least_one() -> None:
    assert forked.usable_cpus() >= 1
