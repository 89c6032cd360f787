"""The small, safe Markdown subset of the text fields in the front-matter.

Contributors write the checklist's texts in YAML, and write them as they write an e-mail: paragraphs, a list of
points, a word in bold, a link. Those texts never go through Python-Markdown (which passes raw HTML through).
Instead this module reads a fixed subset, and it is the only thing that writes tags: the text is escaped first,
so nothing a contributor types can become markup.

The subset (documented for contributors in ``docs/bijdragen.md``):

- a blank line starts a new paragraph; a single line break stays a line break;
- lines that start with ``- `` or ``* `` are a bulleted list, lines that start with ``1. `` or ``1) `` a numbered
  list (it starts at the first number); an indented line continues the item above it;
- ``**vet**`` and ``*schuin*``;
- ``[tekst](https://...)``: a link, only to ``http://``, ``https://`` or ``mailto:`` (anything else stays text).

Anything else (headings, tables, images, HTML, nested lists) is shown as the text that was typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markupsafe import Markup, escape

#: Control characters have no place in HTML; Python-Markdown also uses STX/ETX as internal markers.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BULLET = re.compile(r"^\s*[-*]\s+(\S.*)$")
#: One or two digits: a line that starts with a year ("2019. Toen ...") is not a list.
_NUMBER = re.compile(r"^\s*(\d{1,2})[.)]\s+(\S.*)$")
#: A link whose target is http(s) or mailto, with balanced parentheses inside the address (Wikipedia's).
_LINK = re.compile(r"\[([^\[\]\n]+)\]\(\s*((?:https?://|mailto:)(?:[^\s()<>]|\([^\s()<>]*\))+)\s*\)", re.IGNORECASE)
_ALLOWED_TARGET = re.compile(r"^(https?://[^\s/?#]+\S*|mailto:[^@\s]+@[^@\s]+)$", re.IGNORECASE)
#: On escaped text, which holds no tags: the content of bold may hold single stars (italic inside bold).
_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
#: Italic never spans a tag, so it never crosses the bold made above (``*a **b** c*`` keeps its outer stars).
_EM = re.compile(r"(?<![*\w])\*(?=[^\s*])([^*<>]+?)(?<=[^\s*])\*(?![*\w])")
_PLAIN_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_PLAIN_EM = re.compile(r"(?<![*\w])\*(?=[^\s*])([^*]+?)(?<=[^\s*])\*(?![*\w])")


@dataclass
class Block:
    """A paragraph (``kind`` "p", its lines) or a list ("ul"/"ol", its items) of a text."""

    kind: str
    lines: list[str] = field(default_factory=list)
    start: int = 1


def parse(text: str) -> list[Block]:
    """The paragraphs and lists of a text, in order."""
    blocks: list[Block] = []
    current: Block | None = None
    after_blank = False
    for raw in _CONTROL.sub("", str(text)).replace("\r\n", "\n").replace("\r", "\n").strip().split("\n"):
        line = raw.rstrip()
        if not line.strip():
            if current is not None and current.kind == "p":
                current = None
            after_blank = True
            continue
        bullet, number = _BULLET.match(line), _NUMBER.match(line)
        if bullet or number:
            kind = "ul" if bullet else "ol"
            if current is None or current.kind != kind:
                current = Block(kind, start=int(number.group(1)) if number else 1)
                blocks.append(current)
            current.lines.append(bullet.group(1) if bullet else number.group(2))  # type: ignore[union-attr]
        elif current is not None and current.kind != "p" and line[:1].isspace():
            current.lines[-1] += " " + line.strip()  # an indented line continues the item above
        elif current is not None and current.kind == "p" and not after_blank:
            current.lines.append(line.strip())
        else:
            current = Block("p", [line.strip()])
            blocks.append(current)
        after_blank = False
    return blocks


def to_html(text: str) -> Markup:
    """A text as escaped HTML paragraphs and lists, with the inline subset."""
    parts = []
    for block in parse(text):
        if block.kind == "p":
            parts.append(Markup("<p>{}</p>").format(Markup("<br>").join(inline(line) for line in block.lines)))
        else:
            items = Markup("").join(Markup("<li>{}</li>").format(inline(item)) for item in block.lines)
            start = Markup(' start="{}"').format(block.start) if block.kind == "ol" and block.start != 1 else ""
            parts.append(Markup("<{kind}{start}>{items}</{kind}>").format(kind=Markup(block.kind), start=start, items=items))
    return Markup("").join(parts)


def inline(text: str) -> Markup:
    """One line (or a short item) as escaped HTML with bold, italic and safe links; line breaks become ``<br>``."""
    text = _CONTROL.sub("", str(text))
    if "\n" in text:
        return Markup("<br>").join(inline(line) for line in text.split("\n"))
    parts: list[Markup] = []
    position = 0
    for match in _LINK.finditer(text):
        target = match.group(2)
        if not _ALLOWED_TARGET.match(target):
            continue
        parts.append(_emphasis(text[position:match.start()]))
        parts.append(Markup('<a href="{}" rel="noopener">{}</a>').format(target, _emphasis(match.group(1))))
        position = match.end()
    parts.append(_emphasis(text[position:]))
    return Markup("").join(parts)


def _emphasis(text: str) -> Markup:
    html = str(escape(text))
    if "*" in html:
        html = _EM.sub(r"<em>\1</em>", _STRONG.sub(r"<strong>\1</strong>", html))
    return Markup(html)


def to_plain(text: str) -> str:
    """A text without its markup, on one line: for places that show plain text (a worksheet, a description).

    Links keep their text, bold and italic lose their stars, list items are separated by semicolons.
    """
    parts = []
    for block in parse(text):
        lines = [_plain_inline(line) for line in block.lines]
        if block.kind == "p":
            parts.append(" ".join(lines))
        else:
            joined = "; ".join(line.rstrip(" ;,") for line in lines)
            parts.append(joined if joined.endswith((".", "!", "?", "…", ":")) else joined + ".")
    return " ".join(" ".join(parts).split())


def _plain_inline(text: str) -> str:
    text = _LINK.sub(lambda m: m.group(1) if _ALLOWED_TARGET.match(m.group(2)) else m.group(0), text)
    return _PLAIN_EM.sub(r"\1", _PLAIN_STRONG.sub(r"\1", text))
