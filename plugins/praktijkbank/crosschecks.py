"""Checks across practice files: one web address per practice, and no practice sent in twice.

They run after every file has been read on its own, and add their findings to the files concerned, so a
clash is reported on both sides.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from difflib import SequenceMatcher
from itertools import combinations
from typing import TYPE_CHECKING

from .findings import Finding, Severity

if TYPE_CHECKING:
    from .loading import FileResult


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
            line = file.practice.extra.get("titel_line", 2) if file.practice else 2
            file.findings.append(Finding(file.display_path, line, 1, Severity.WARNING, "titel",
                                         f"een ander praktijkvoorbeeld heeft dezelfde titel: {others}",
                                         "Staat dezelfde praktijk er twee keer in? Voeg ze samen, of maak de titels onderscheidend "
                                         "(bijvoorbeeld met de plaats).", "dubbele-titel"))


#: Words shared by more practices than this are too common to suggest a duplicate.
_COMMON_WORD = 40
_SIMILAR = 0.88


def _words(key: str) -> set[str]:
    """The longer words of a normalised text (see ``_title_key``)."""
    return {word for word in re.findall(r"\w+", key) if len(word) >= 4}


def _check_similar(files: list[FileResult]) -> None:
    """Warn when two practices have very similar titles or summaries: the same practice sent in twice, perhaps.

    Candidate pairs come from an index of the rarer words in titles and summaries, so the work grows with the
    pairs that share something rather than with the square of the collection. Each text is normalised once, and
    a pair's similarity is only computed in full when cheap upper bounds leave it possible.
    """
    valid = [(file, file.practice) for file in files if file.practice is not None and not any(f.is_error for f in file.findings)]
    practices = [file for file, _ in valid]
    titles = [_title_key(practice.title) for _, practice in valid]
    summaries = [_title_key(practice.summary) for _, practice in valid]
    index: dict[str, list[int]] = defaultdict(list)
    words = [_words(titles[position]) | _words(summaries[position]) for position in range(len(practices))]
    for position, own in enumerate(words):
        for word in own:
            index[word].append(position)
    shared: Counter[tuple[int, int]] = Counter(
        pair for members in index.values() if len(members) <= _COMMON_WORD for pair in combinations(members, 2))
    rare = [sum(1 for word in own if len(index[word]) <= _COMMON_WORD) for own in words]
    # Near-duplicates are near-copies: they share most of their rarer words. In a large collection many pairs share a
    # word or two by chance; comparing those character by character was most of the check's time.
    pairs = [pair for pair, count in shared.items() if 2 * count >= min(rare[pair[0]], rare[pair[1]])]
    for first, second in sorted(pairs):
        if titles[first] == titles[second]:
            continue  # identical titles already have their own warning
        if _similar(titles[first], titles[second]):
            what = "titel"
        elif _similar(summaries[first], summaries[second]):
            what = "samenvatting"
        else:
            continue
        for file, other in ((practices[first], practices[second]), (practices[second], practices[first])):
            line = file.practice.extra.get(f"{what}_line", 1) if file.practice else 1
            file.findings.append(Finding(file.display_path, line, 1, Severity.WARNING, what,
                                         f"lijkt erg op {other.display_path} (bijna dezelfde {what})",
                                         "Is het dezelfde praktijk? Voeg ze dan samen; anders maak je de verschillen duidelijk.",
                                         "lijkt-dubbel"))


def _similar(a: str, b: str) -> bool:
    """``SequenceMatcher(None, a, b).ratio() >= _SIMILAR``, trying difflib's cheap upper bounds of the ratio first.

    The first bound needs only the lengths (it is ``real_quick_ratio``, without building a matcher); the second
    compares which characters occur. Most pairs fail one of them, and the full comparison is by far the slowest.
    """
    total = len(a) + len(b)
    if total and 2.0 * min(len(a), len(b)) / total < _SIMILAR:
        return False
    matcher = SequenceMatcher(None, a, b)
    return matcher.quick_ratio() >= _SIMILAR and matcher.ratio() >= _SIMILAR
