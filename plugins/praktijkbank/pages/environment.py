"""The Jinja environment of generated pages: where templates come from, and the filters that escape what they show.

Autoescaping is on and every text from a practice passes through it, so front-matter can never inject markup: texts
become escaped HTML blocks, and the few values that sit in Markdown (the page title) are escaped for Markdown as well.
The filters here are the only way templates turn a practice's text into markup. ``HtmlStash`` keeps finished HTML out
of Markdown's way; the renderer (``renderer.py``) gives each page one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from html import escape as html_escape
from pathlib import Path
from typing import Any

import jinja2
import yaml
from markupsafe import Markup

from praktijkbank.core import textmarkup
from praktijkbank.pages.views import dutch_date

TEMPLATE_DIR = Path(__file__).parents[1] / "templates"

#: Characters that Python-Markdown's core treats as syntax and un-escapes after a backslash.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!>])")
#: Control characters have no place in HTML; Python-Markdown also uses STX/ETX as internal markers.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def md_inline(value: Any) -> Markup:
    """Escape text for a Markdown line (such as a heading): HTML first, then Markdown syntax."""
    # Quotes are harmless in text content, and an escaped quote would show up literally in the table of contents.
    html = html_escape(_CONTROL.sub("", str(value)), quote=False)
    return Markup(_MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(html.split())))


_NAME_JOINT = re.compile(r"([._])(?=[^._])")


def field_name(value: Any) -> Markup:
    """A field name (``partners.organisatie``) escaped, with a line-break opportunity (``<wbr>``) after each dot and
    underscore: a narrow column breaks it between its parts, and the stylesheet forbids a break inside one."""
    return Markup(_NAME_JOINT.sub(r"\1<wbr>", html_escape(str(value))))


def paragraphs(value: Any) -> Markup:
    """A text field as escaped HTML: paragraphs and lists, bold, italic and safe links (see ``textmarkup``)."""
    return textmarkup.to_html(str(value))


def inline_text(value: Any) -> Markup:
    """A short text (an item of a list) as escaped HTML with bold, italic and safe links, but no paragraphs."""
    return textmarkup.inline(str(value).strip())


_SAFE_LINK = re.compile(r"^(https?://[^\s/?#]+[^\s]*|mailto:[^@\s]+@[^@\s]+)$", re.IGNORECASE)


def link_target(value: Any) -> str | None:
    """A link from the front-matter, if it is http(s) or mailto (as the schema demands); otherwise None.

    Validation refuses other links already; templates check again, so an ``href`` never holds ``javascript:``.
    """
    text = plain(value).strip()
    return text if _SAFE_LINK.match(text) else None


def tel_href(value: Any) -> str:
    """``088 123 4567`` -> ``tel:0881234567``; a leading ``+`` stays (``tel:+5997171234``)."""
    text = plain(value).strip()
    return ("tel:+" if text.startswith("+") else "tel:") + re.sub(r"[^0-9]", "", text)


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^( {0,3})(#{1,6})(?=[ \t]|$)")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_RULE = re.compile(r"^ {0,3}([-*_])( {0,2}\1){2,}[ \t]*$")


def nest_headings(markdown: str, top: int = 3) -> str:
    """The story's Markdown with its headings moved so that the highest becomes level ``top``.

    The story sits under a heading of the page ("Het verhaal"); its own ``## Kopjes`` must nest under it, so that
    the table of contents shows them inside the story. Headings in code blocks stay as they are; underlined
    (setext) headings become ``#`` headings at their new level. Nothing deeper than level 6.
    """
    lines = markdown.split("\n")
    found: list[tuple[int, int, bool]] = []  # (line, level, setext)
    fence: str | None = None
    for number, line in enumerate(lines):
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            continue
        atx = _ATX.match(line)
        if atx:
            found.append((number, len(atx.group(2)), False))
            continue
        underline = _SETEXT.match(line)
        if underline and number > 0 and _setext_text(lines, number - 1):
            found.append((number - 1, 1 if underline.group(1)[0] == "=" else 2, True))
    if not found:
        return markdown
    shift = top - min(level for _, level, _ in found)
    if shift == 0:
        return markdown
    for number, level, setext in found:
        hashes = "#" * max(1, min(6, level + shift))
        if setext:
            lines[number] = f"{hashes} {lines[number].strip()}"
            lines[number + 1] = ""
        else:
            atx = _ATX.match(lines[number])
            assert atx is not None
            lines[number] = atx.group(1) + hashes + lines[number][atx.end():]
    return "\n".join(lines)


def _setext_text(lines: list[str], number: int) -> bool:
    """Whether line ``number`` is the text of an underlined heading: the first line of a paragraph, no other block."""
    line = lines[number]
    if not line.strip() or line.startswith(("    ", "\t")) or _ATX.match(line) or _RULE.match(line):
        return False
    if re.match(r"^ {0,3}([-*+>]|\d{1,9}[.)])(\s|$)", line):
        return False
    return number == 0 or not lines[number - 1].strip() or bool(_RULE.match(lines[number - 1]) or _ATX.match(lines[number - 1]))


def plain(value: Any) -> str:
    """Strip control characters; autoescaping does the rest."""
    return _CONTROL.sub("", str(value))


_NEEDS_ENTITY = re.compile(r'[&<>"]')


def raw_attribute(value: Any) -> Markup:
    """Text for a double-quoted attribute that Pagefind reads without decoding entities (its filter names).

    Escaping would show up as ``Thema&#39;s``; instead the characters that would need an entity are left out.
    """
    return Markup(_NEEDS_ENTITY.sub("", plain(value)))


def yaml_example(value: Any) -> str:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100).strip()


class HtmlStash:
    """Finished HTML kept out of a page's Markdown, and put back into the HTML that Markdown made of the rest.

    Generated pages are mostly finished, escaped HTML (texts, lists, cards) between a few Markdown headings.
    Python-Markdown would parse all of that HTML again only to pass it through; on thousands of pages that was most
    of the build. Templates wrap such HTML in ``{% call html_block() %}``: the page's Markdown keeps a placeholder
    comment, and ``restore`` swaps the HTML back in. Headings stay Markdown, so the table of contents and the
    permalinks are the theme's own. The placeholders carry a per-build nonce, so no text can imitate one.
    """

    def __init__(self, nonce: str, blocks: list[str] | None = None) -> None:
        self.nonce = nonce
        self.blocks: list[str] = blocks if blocks is not None else []

    def __call__(self, caller: Callable[[], str]) -> Markup:
        self.blocks.append(str(caller()))
        return Markup(f"\n\n<!--pb-{self.nonce}-{len(self.blocks) - 1}-->\n\n")

    def restore(self, html: str) -> str:
        # Newest first: a block that holds another block (a list inside a column) was finished after it.
        for number in range(len(self.blocks) - 1, -1, -1):
            html = html.replace(f"<!--pb-{self.nonce}-{number}-->", self.blocks[number], 1)
        return html


def make_environment(override_dirs: Sequence[str | Path] = ()) -> jinja2.Environment:
    """A Jinja environment whose templates a site can override from its theme directories."""
    loaders: list[jinja2.BaseLoader] = []
    if override_dirs:
        loaders.append(jinja2.FileSystemLoader([str(d) for d in override_dirs]))
    loaders.append(jinja2.FileSystemLoader(str(TEMPLATE_DIR)))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(md_inline=md_inline, field_name=field_name, paragraphs=paragraphs, inline_text=inline_text, plain=plain,
                       raw_attribute=raw_attribute, yaml_example=yaml_example, link_target=link_target, tel_href=tel_href,
                       dutch_date=dutch_date, nest_headings=nest_headings)
    return env
