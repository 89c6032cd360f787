"""The caches that outlive a build during `mkdocs serve`: one object, one reset."""

from __future__ import annotations

from praktijkbank.plugin.state import ServeCaches


def test_one_reset_empties_every_cache_but_keeps_what_outlasts_it() -> None:
    caches = ServeCaches()
    caches.views["x"] = object()  # type: ignore[assignment]
    caches.conversions.converted["praktijken/x.md"] = object()  # type: ignore[assignment]
    before = (caches.files, caches.pages, caches.sheets, caches.cards, caches.nonce)
    assert caches.first_time("een melding") and not caches.first_time("een melding")
    caches.reset()
    assert caches.views == {} and caches.conversions.converted == {}
    assert all(new is not old for new, old in zip((caches.files, caches.pages, caches.sheets, caches.cards), before[:4], strict=True))
    assert caches.nonce == before[-1] and not caches.first_time("een melding")


def test_a_one_off_build_reuses_nothing() -> None:
    caches = ServeCaches()
    assert caches.memos(serving=False).files is None and caches.memos(serving=False).views is None
    assert caches.memos(serving=True).files is caches.files
