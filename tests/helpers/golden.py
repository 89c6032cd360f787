"""Golden pages: the normalised HTML of a generated page, kept in tests/golden/ for a reviewer to read.

A change to a template or a view shows up as a readable diff of one file instead of as a broken assertion somewhere.
The normalised form keeps what the plugin decides (elements, attributes, text) one element per line, and drops what
MkDocs and Material decide around it (the page chrome, white space, the version strings of assets).

Run with ``PRAKTIJKBANK_UPDATE_GOLDEN=1`` to write the current pages as the new golden copies, then review the diff.
"""

from __future__ import annotations

import difflib
import os
import re
from html.parser import HTMLParser
from pathlib import Path

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Lines(HTMLParser):
    """Writes each start tag, end tag and text run on a line of its own, indented by depth."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.lines: list[str] = []
        self.depth = 0

    def _add(self, text: str) -> None:
        self.lines.append("  " * self.depth + text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = "".join(f' {name}="{value}"' if value is not None else f" {name}" for name, value in attrs)
        self._add(f"<{tag}{attributes}>")
        if tag not in VOID:
            self.depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.depth -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        self.depth = max(0, self.depth - 1)
        self._add(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if text:
            self._add(text)

    def handle_entityref(self, name: str) -> None:
        self._add(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._add(f"&#{name};")


def element(document: str, start: str, end: str) -> str:
    """The part of ``document`` from the first ``start`` up to the first ``end`` after it (both included)."""
    begin = document.index(start)
    return document[begin:document.index(end, begin) + len(end)]


def normalise(fragment: str) -> str:
    parser = _Lines()
    parser.feed(re.sub(r"\?v=[0-9a-f]+", "", fragment))
    parser.close()
    return "\n".join(parser.lines) + "\n"


def assert_golden(name: str, fragment: str) -> None:
    """The normalised ``fragment`` equals ``tests/golden/<name>``; with PRAKTIJKBANK_UPDATE_GOLDEN=1 it becomes it."""
    path = GOLDEN / name
    actual = normalise(fragment)
    if os.environ.get("PRAKTIJKBANK_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    assert path.exists(), f"{path} is missing: run the test with PRAKTIJKBANK_UPDATE_GOLDEN=1 and review the file"
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(keepends=True), actual.splitlines(keepends=True),
                                            f"golden/{name}", "this build", n=2))
        raise AssertionError(f"{name} differs from its golden copy (PRAKTIJKBANK_UPDATE_GOLDEN=1 writes it):\n{diff}")
