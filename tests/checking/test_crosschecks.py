"""The near-duplicate check takes shortcuts; they must never change its verdict."""

from __future__ import annotations

import random
from difflib import SequenceMatcher

from hypothesis import given, settings
from hypothesis import strategies as st
from praktijkbank.checking.crosschecks import _SIMILAR, _common_subsequence, _similar, _Texts

TEXT = st.text(alphabet="abcde fgh", max_size=60)
WORDS = ["wijk", "team", "buurt", "leren", "samen", "inwoners", "zorg", "netwerk", "jongeren", "gemeente",
         "ouderen", "praktijk,", "verslag.", "2024", "(x)"]


def difflib_verdict(a: str, b: str) -> bool:
    return SequenceMatcher(None, a, b).ratio() >= _SIMILAR


@settings(max_examples=400, deadline=None)
@given(TEXT, TEXT, st.integers(min_value=0, max_value=8))
def test_similar_agrees_with_difflib(a: str, b: str, edits: int) -> None:
    b = b if edits == 0 else (a + b)[: len(a) + edits]  # also near-copies, where the verdict is close
    assert _similar(a, b) == difflib_verdict(a, b)


def _sentence(rng: random.Random, length: int) -> str:
    words: list[str] = []
    while sum(len(word) + 1 for word in words) < length:
        words.append(rng.choice(WORDS))
    return " ".join(words)[:length]


def _edited(rng: random.Random, text: str, edits: int) -> str:
    characters = list(text)
    for _ in range(edits):
        position = rng.randrange(len(characters) + 1)
        kind = rng.randrange(3)
        if kind == 0 or not characters[position:]:
            characters.insert(position, rng.choice("abcdefgh ."))
        elif kind == 1:
            del characters[position]
        else:
            characters[position] = rng.choice("abcdefgh ")
    return "".join(characters)


def test_long_texts_agree_with_difflib() -> None:
    """Summaries of 200 characters and more, where difflib's autojunk applies: unrelated texts and near-copies."""
    rng = random.Random(20261123)
    texts = []
    for _ in range(120):
        original = _sentence(rng, rng.randrange(150, 400))
        texts += [original, _edited(rng, original, rng.randrange(0, 40)), _sentence(rng, rng.randrange(150, 400))]
    collection = _Texts(texts)
    verdicts = {True: 0, False: 0}
    for first in range(len(texts)):
        for second in range(max(0, first - 4), min(len(texts), first + 4)):
            verdict = difflib_verdict(texts[first], texts[second])
            assert collection.similar(first, second) == verdict, (texts[first], texts[second])
            verdicts[verdict] += 1
    assert verdicts[True] and verdicts[False]  # both verdicts were exercised


def test_similar_at_the_edges() -> None:
    assert _similar("", "")
    assert not _similar("", "abc")
    assert _similar("buurtteam zwolle-zuid leert samen", "buurtteam zwolle zuid leert samen!")


@given(st.text(alphabet="abcé ", max_size=40), st.text(alphabet="abcé ", max_size=40))
def test_common_subsequence_is_the_longest(a: str, b: str) -> None:
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            table[i + 1][j + 1] = table[i][j] + 1 if x == y else max(table[i][j + 1], table[i + 1][j])
    assert _common_subsequence(a, b) == table[len(a)][len(b)]
