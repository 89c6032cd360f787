"""Checks across practice files: one web address per practice, and no practice sent in twice.

They run after every file has been read on its own, and add their findings to the files concerned, so a
clash is reported on both sides.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from difflib import SequenceMatcher
from itertools import combinations

from praktijkbank.checking.file import FileResult
from praktijkbank.core.findings import Finding, Severity
from praktijkbank.core.model import Practice


def check_collection(files: list[FileResult]) -> None:
    _check_unique_slugs(files)
    _check_unique_titles(files)
    _check_similar(files)


def _check_unique_slugs(files: list[FileResult]) -> None:
    by_slug: dict[str, list[FileResult]] = {}
    for file in files:
        if file.slug:
            by_slug.setdefault(file.slug, []).append(file)
    for slug, group in by_slug.items():
        if len(group) < 2:
            continue
        for file in group:
            # "Rename it to <slug>.md" would point at the other file: the clash is the problem to solve.
            file.findings[:] = [f for f in file.findings if f.code != "bestandsnaam"]
            others = ", ".join(other.display_path for other in group if other is not file)
            file.findings.append(Finding(file.display_path, 1, 1, Severity.ERROR, "",
                                         f"een ander bestand krijgt hetzelfde webadres '{slug}': {others}",
                                         "Geef elk praktijkvoorbeeld een eigen bestandsnaam.", "dubbele-slug"))


def _title_key(title: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", title).casefold().split())


def _check_unique_titles(files: list[FileResult]) -> None:
    """Two practices with the same title (ignoring case, spacing and Unicode composition) are probably one practice twice."""
    by_title: dict[str, list[FileResult]] = {}
    for file in files:
        if file.practice is not None and not any(f.is_error for f in file.findings):
            by_title.setdefault(_title_key(file.practice.title), []).append(file)
    for group in by_title.values():
        if len(group) < 2:
            continue
        for file in group:
            others = ", ".join(other.display_path for other in group if other is not file)
            line = _key_line(file.practice, "titel", 2)
            file.findings.append(Finding(file.display_path, line, 1, Severity.WARNING, "titel",
                                         f"een ander praktijkvoorbeeld heeft dezelfde titel: {others}",
                                         "Staat dezelfde praktijk er twee keer in? Voeg ze samen, of maak de titels onderscheidend "
                                         "(bijvoorbeeld met de plaats).", "dubbele-titel"))


def _key_line(practice: Practice | None, key: str, default: int) -> int:
    """The line of the ``titel`` or ``samenvatting`` key of a practice, or ``default`` when it is not known."""
    line = None if practice is None else practice.title_line if key == "titel" else practice.summary_line
    return default if line is None else line


#: Words shared by more practices than this are too common to suggest a duplicate.
_COMMON_WORD = 40
_SIMILAR = 0.88


def _words(key: str) -> set[str]:
    """The longer words of a normalised text (see ``_title_key``)."""
    return {word for word in re.findall(r"\w+", key) if len(word) >= 4}


def _check_similar(files: list[FileResult]) -> None:
    """Warn when two practices have very similar titles or summaries: the same practice sent in twice, perhaps.

    Candidate pairs come from an index of the rarer words in titles and summaries, so the work grows with the
    pairs that share something rather than with the square of the collection. That can still be hundreds of
    thousands of pairs, so each pair first meets cheap upper bounds of its similarity (see ``_Texts``); only the
    few that pass them all are compared in full, which gives the same verdicts as comparing every pair in full.
    """
    valid = [(file, file.practice) for file in files if file.practice is not None and not any(f.is_error for f in file.findings)]
    practices = [file for file, _ in valid]
    titles = _Texts([_title_key(practice.title) for _, practice in valid])
    summaries = _Texts([_title_key(practice.summary) for _, practice in valid])
    index: dict[str, list[int]] = defaultdict(list)
    for position in range(len(practices)):
        for word in _words(titles.texts[position]) | _words(summaries.texts[position]):
            index[word].append(position)
    pairs = {pair for members in index.values() if len(members) <= _COMMON_WORD for pair in combinations(members, 2)}
    for first, second, what in sorted(_similar_pairs(pairs, titles, summaries)):  # in the order of the files
        for file, other in ((practices[first], practices[second]), (practices[second], practices[first])):
            line = _key_line(file.practice, what, 1)
            file.findings.append(Finding(file.display_path, line, 1, Severity.WARNING, what,
                                         f"lijkt erg op {other.display_path} (bijna dezelfde {what})",
                                         "Is het dezelfde praktijk? Voeg ze dan samen; anders maak je de verschillen duidelijk.",
                                         "lijkt-dubbel"))


def _similar_pairs(pairs: Iterable[tuple[int, int]], titles: _Texts, summaries: _Texts) -> list[tuple[int, int, str]]:
    """The pairs whose title, or else whose summary, is nearly the same, with which of the two it is.

    There can be hundreds of thousands of pairs and nearly all fail the bound on common characters (which is never
    weaker than the one on lengths), so that bound is tried here, in one loop, before ``_Texts.similar`` is asked;
    it is one of its own steps, so nothing changes.
    """
    found = []
    title_texts, title_lengths, title_characters = titles.texts, titles.lengths, titles.characters
    summary_lengths, summary_characters = summaries.lengths, summaries.characters
    for first, second in pairs:
        if title_texts[first] == title_texts[second]:
            continue  # identical titles already have their own warning
        total = title_lengths[first] + title_lengths[second]
        if (not total or 2.0 * (title_characters[first] & title_characters[second]).bit_count() / total >= _SIMILAR) \
                and titles.similar(first, second):
            found.append((first, second, "titel"))
            continue
        total = summary_lengths[first] + summary_lengths[second]
        if (not total or 2.0 * (summary_characters[first] & summary_characters[second]).bit_count() / total >= _SIMILAR) \
                and summaries.similar(first, second):
            found.append((first, second, "samenvatting"))
    return found


#: How many characters get a field of their own in ``_Texts``; the others share one.
_OWN_CHARACTERS = 64

#: difflib's ``autojunk``: in a second text this long, characters it holds often are no starting point for a match.
_AUTOJUNK_LENGTH = 200


class _Texts:
    """One kind of text (titles or summaries) of every practice, with what is needed to compare two of them quickly.

    ``SequenceMatcher(None, a, b).ratio()`` is 2·M / (len(a) + len(b)), where M counts the characters in matching
    blocks. Four upper bounds of M, from cheap to dear, decide nearly every pair without comparing it in full, so
    every verdict is the same as difflib's:

    1. the shorter length (difflib's ``real_quick_ratio``);
    2. the characters the two texts have in common, counted with multiplicity (difflib's ``quick_ratio``);
    3. for a second text of 200 characters or more: the pairs of adjacent characters they have in common, plus one,
       plus the common characters that the second text holds rarely. A block of L characters holds L - 1 pairs, and
       with difflib's ``autojunk`` every block but one at the very start contains such a rare character. Pairs are
       counted as the distinct pairs in common plus the fewer repeated ones, which is never less;
    4. the longest common subsequence: the blocks, in order, are one (see ``_common_subsequence``).

    Counting common characters for every pair is slow in Python, so each text's counts are packed once into an
    integer: every character a field of bits holding its count in unary. What two texts have in common is then the
    number of bits their integers share: one AND and one bit count. Less frequent characters share one field,
    which can only overstate what two texts have in common, so the bound stays a bound.
    """

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.lengths = [len(text) for text in texts]
        counts = [Counter(text) for text in texts]
        fields = _Fields(counts, _OWN_CHARACTERS)
        self.characters = [fields.pack(count) for count in counts]
        self.rare = [fields.pack(Counter({c: n for c, n in count.items() if n <= len(text) // 100 + 1}))
                     if len(text) >= _AUTOJUNK_LENGTH else 0 for text, count in zip(texts, counts, strict=True)]
        self._bigrams: dict[int, frozenset[str]] = {}

    def similar(self, first: int, second: int) -> bool:
        """``SequenceMatcher(None, a, b).ratio() >= _SIMILAR`` for texts ``first`` and ``second``, bounds first."""
        length_a, length_b = self.lengths[first], self.lengths[second]
        total = length_a + length_b
        if total:
            if 2.0 * min(length_a, length_b) / total < _SIMILAR:
                return False
            if 2.0 * (self.characters[first] & self.characters[second]).bit_count() / total < _SIMILAR:
                return False
            if length_b >= _AUTOJUNK_LENGTH and 2.0 * self._blocks_bound(first, second) / total < _SIMILAR:
                return False
            if 2.0 * _common_subsequence(self.texts[first], self.texts[second]) / total < _SIMILAR:
                return False
        return SequenceMatcher(None, self.texts[first], self.texts[second]).ratio() >= _SIMILAR

    def _blocks_bound(self, first: int, second: int) -> int:
        """Bound 3 above: common pairs of characters, plus the number of blocks there can be."""
        a, b = self._distinct_bigrams(first), self._distinct_bigrams(second)
        repeated = min(max(self.lengths[first] - 1, 0) - len(a), max(self.lengths[second] - 1, 0) - len(b))
        blocks = 1 + (self.characters[first] & self.rare[second]).bit_count()
        return len(a & b) + repeated + blocks

    def _distinct_bigrams(self, position: int) -> frozenset[str]:
        """The distinct pairs of adjacent characters of a text, made when first needed."""
        bigrams = self._bigrams.get(position)
        if bigrams is None:
            text = self.texts[position]
            bigrams = self._bigrams[position] = frozenset(map(str.__add__, text, text[1:]))
        return bigrams


def _common_subsequence(a: str, b: str) -> int:
    """The length of the longest common subsequence of ``a`` and ``b``, with one integer as a row of bits.

    The bit-parallel algorithm of Allison and Dix (as written by Hyyrö, 2004): a handful of operations on
    integers of ``len(a)`` bits per character of ``b``, instead of a table of ``len(a)`` by ``len(b)`` cells.
    """
    positions: dict[str, int] = {}
    for index, character in enumerate(a):
        positions[character] = positions.get(character, 0) | 1 << index
    row = all_ones = (1 << len(a)) - 1
    for character in b:
        matches = row & positions.get(character, 0)
        row = (row + matches) | (row - matches)
    return len(a) - (row & all_ones).bit_count()


class _Fields:
    """Where each character has its field of bits in a packed count; see ``_Texts``."""

    def __init__(self, counts: list[Counter[str]], own: int) -> None:
        usage: Counter[str] = Counter()
        widest: dict[str, int] = {}
        for count in counts:
            usage.update(count.keys())
            for key, times in count.items():
                if times > widest.get(key, 0):
                    widest[key] = times
        self.offsets: dict[str, int] = {}
        position = 0
        for key, _ in sorted(usage.items(), key=lambda item: (-item[1], item[0]))[:own]:
            self.offsets[key] = position
            position += widest[key]
        self.shared = position

    def pack(self, count: Counter[str]) -> int:
        """The counts in unary, each in its field; the characters without a field of their own together in one."""
        packed = rest = 0
        for key, times in count.items():
            if key in self.offsets:
                packed |= ((1 << times) - 1) << self.offsets[key]
            else:
                rest += times
        return packed | ((1 << rest) - 1) << self.shared


def _similar(a: str, b: str) -> bool:
    """``SequenceMatcher(None, a, b).ratio() >= _SIMILAR``, for two texts on their own."""
    return _Texts([a, b]).similar(0, 1)
