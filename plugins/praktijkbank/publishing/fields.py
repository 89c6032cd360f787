"""The practices' fields as every open-data file reads them: in a fixed order, walked with the schema (labels of
vocabulary values, plain text of text fields), and the story's Markdown as plain text."""

from __future__ import annotations

import datetime
import html
import re
from collections.abc import Sequence
from typing import Any

from praktijkbank.core import textmarkup
from praktijkbank.core.fieldpath import Path as FieldPath
from praktijkbank.core.model import Practice
from praktijkbank.core.schema import Schema, choices_of

#: Patterns of strings that are not free text (addresses, numbers, dates), which have no plain text of their own.
_TEXT_PATTERNS = (None, "\\S")


def ordered(practices: Sequence[Practice]) -> list[Practice]:
    """By slug: the order of the files does not depend on the order in which they were read."""
    return sorted(practices, key=lambda practice: practice.slug)


class Fields:
    """What each field of the schema is (a vocabulary with labels, a free text, or neither), looked up once per path,
    and the plain text of texts and stories, made once per run: a collection repeats the same paths thousands of times."""

    def __init__(self, schema: Schema) -> None:
        self.schema = schema
        self._kinds: dict[FieldPath, tuple[dict[str, str], bool]] = {}
        self._plain: dict[str, str] = {}
        self._stories: dict[str, str] = {}

    def kind(self, path: FieldPath) -> tuple[dict[str, str], bool]:
        """``(labels by value, is free text)`` of the field at ``path``, whose list indexes are all 0."""
        found = self._kinds.get(path)
        if found is None:
            node = self.schema.subschema(path) or {}
            labels = {choice.value: choice.label for choice in choices_of(node, deprecated=True)}
            is_text = node.get("type") == "string" and not labels and "format" not in node \
                and node.get("pattern") in _TEXT_PATTERNS
            found = self._kinds[path] = (labels, is_text)
        return found

    def text(self, path: FieldPath, value: str) -> str:
        """What a cell shows for a string: its label, its plain text, or the value itself with its spaces tidied."""
        labels, is_text = self.kind(path)
        label = labels.get(value)
        if label is not None:
            return label
        return self.plain(value) if is_text else " ".join(value.split())

    def plain(self, value: str) -> str:
        text = self._plain.get(value)
        if text is None:
            text = self._plain[value] = textmarkup.to_plain(value)
        return text

    def story(self, markdown_source: str) -> str:
        text = self._stories.get(markdown_source)
        if text is None:
            text = self._stories[markdown_source] = story_text(markdown_source)
        return text

    def annotate(self, value: Any, path: FieldPath = ()) -> tuple[Any, Any]:
        """``(labels, texts)`` of ``value``, each in its shape and holding only what it has (None when nothing): the
        labels of vocabulary values, and the plain text of free texts. One walk for both."""
        if isinstance(value, str):
            labels, is_text = self.kind(path)
            return labels.get(value), self.plain(value) if is_text else None
        if isinstance(value, dict):
            labels_of: dict[str, Any] = {}
            texts_of: dict[str, Any] = {}
            for key, child in value.items():
                label, text = self.annotate(child, (*path, key))
                if label is not None:
                    labels_of[key] = label
                if text is not None:
                    texts_of[key] = text
            return labels_of or None, texts_of or None
        if isinstance(value, list):
            item = (*path, 0)
            pairs = [self.annotate(child, item) for child in value]
            label_items = [label for label, _ in pairs]
            text_items = [text for _, text in pairs]
            return (label_items if any(x is not None for x in label_items) else None,
                    text_items if any(x is not None for x in text_items) else None)
        return None, None


_LAST: list[Fields] = []


def fields_of(schema: Schema) -> Fields:
    """One ``Fields`` for the schema in use (the last one asked for): pages ask it per practice."""
    if not _LAST or _LAST[0].schema is not schema:
        _LAST[:] = [Fields(schema)]
    return _LAST[0]


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


_HEADING = re.compile(r"^ {0,3}#{1,6}(?=\s|$)|\s+#+\s*$")


_RULE = re.compile(r"^ {0,3}([-*_=])( *\1){2,} *$")


_QUOTE = re.compile(r"^ {0,3}(> ?)+")


_ITEM = re.compile(r"^\s*([-*+]|\d{1,9}[.)])\s+")


_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)+\|?\s*$")


_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S")


_CODE_SPAN = re.compile(r"(`+)(.+?)\1")


_LINK = re.compile(r"!?\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])")


_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^>\s]+)>")


_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")


_MD_EM = re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])|(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])")


_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~])")


#: The first characters of a line that may start block syntax (a heading, quote, list item, rule, table or reference).
_BLOCK_STARTS = frozenset("#>-*+_=|:[0123456789")


_INLINE_MARKS = re.compile(r"[`*_\[<\\&]")


def story_text(markdown_source: str) -> str:
    """The story (Markdown) as plain text on one line: what a reader sees, without the markup.

    A reading of the syntax the story may use (headings, lists, quotes, emphasis, links, code, tables), not a full
    Markdown parser: about a hundred times faster than converting the story to HTML, which counts at 5,000 practices.
    Code keeps its text exactly as typed.
    """
    lines: list[str] = []
    fence: str | None = None
    for line in markdown_source.replace("\r\n", "\n").split("\n"):
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            else:
                lines.append(line)
            continue
        if opening:
            fence = opening.group(1)
            continue
        first = line.lstrip()[:1]
        if first in _BLOCK_STARTS and first:  # most lines are plain paragraphs: no block syntax to look for
            if _RULE.match(line) or _TABLE_RULE.match(line) or _REFERENCE.match(line):
                continue
            line = _ITEM.sub("", _QUOTE.sub("", _HEADING.sub("", line)))
            if line.lstrip().startswith("|"):
                line = line.replace("|", " ")
        lines.append(_inline_text(line))
    return " ".join(" ".join(lines).split())


def _inline_text(line: str) -> str:
    if not _INLINE_MARKS.search(line):
        return line
    parts, position = [], 0
    for match in _CODE_SPAN.finditer(line):
        parts.append(_unmark(line[position:match.start()]))
        parts.append(match.group(2).strip())
        position = match.end()
    parts.append(_unmark(line[position:]))
    return "".join(parts)


def _unmark(text: str) -> str:
    text = _AUTOLINK.sub(r"\1", _LINK.sub(r"\1", text))
    text = _MD_EM.sub(lambda m: m.group(1) or m.group(2), _MD_STRONG.sub(r"\2", text))
    return html.unescape(_MD_ESCAPE.sub(r"\1", text))


def jsonable(value: Any) -> Any:
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")
