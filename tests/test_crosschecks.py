"""The near-duplicate check takes shortcuts; they must never change its verdict."""

from __future__ import annotations

from difflib import SequenceMatcher

from hypothesis import given, settings
from hypothesis import strategies as st
from praktijkbank.crosschecks import _SIMILAR, _similar

TEXT = st.text(alphabet="abcde fgh", max_size=60)


@settings(max_examples=400, deadline=None)
@given(TEXT, TEXT, st.integers(min_value=0, max_value=8))
def test_similar_agrees_with_difflib(a: str, b: str, edits: int) -> None:
    b = b if edits == 0 else (a + b)[: len(a) + edits]  # also near-copies, where the verdict is close
    assert _similar(a, b) == (SequenceMatcher(None, a, b).ratio() >= _SIMILAR)


def test_similar_at_the_edges() -> None:
    assert _similar("", "")
    assert not _similar("", "abc")
    assert _similar("buurtteam zwolle-zuid leert samen", "buurtteam zwolle zuid leert samen!")
