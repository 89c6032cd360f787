"""Render practices and the pages about them into Markdown that MkDocs turns into the site.

Templates are Jinja files in ``templates/praktijkbank/``; a site overrides one by putting a file with the
same name in its theme's ``custom_dir``. Autoescaping is on and every text from a practice passes
through it, so front-matter can never inject markup: texts become escaped HTML blocks, and the few
values that sit in Markdown (the page title) are escaped for Markdown as well.
"""

from __future__ import annotations

import posixpath
import re
import secrets
from collections.abc import Callable, Iterator, Sequence
from html import escape as html_escape
from pathlib import Path
from typing import Any

import jinja2
import yaml
from markupsafe import Markup

from praktijkbank.core import textmarkup
from praktijkbank.core.findings import Finding
from praktijkbank.core.model import BrokenPractice, Practice
from praktijkbank.core.schema import Schema
from praktijkbank.pages.urls import relative_file_url, relative_url
from praktijkbank.pages.views import SEARCH_FILTERS, SiteView, dutch_date, facet_src
from praktijkbank.runtime import forked
from praktijkbank.runtime.memo import IdentityMemo

TEMPLATE_DIR = Path(__file__).parents[1] / "templates"

#: How many practices the "newest" block on hand-written pages shows.
NEWEST = 3
#: From this many practices on, pages are rendered in several processes (below it, starting them costs more).
PARALLEL_MIN = 200

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


#: Practice pages (Markdown, and the HTML kept out of it) from an earlier ``serve`` rebuild. A page shows its practice
#: and the cards of its related practices: those are the objects compared by identity.
PageMemo = IdentityMemo[tuple[str, list[str]]]
#: Cards of practices from an earlier ``serve`` rebuild: a card shows only its practice (and its heading and link).
CardMemo = IdentityMemo[Markup]


class Renderer:
    """Renders every generated page of one site from one set of practices.

    Each page gets ``url(src_uri)`` and ``practice_url(slug)`` helpers that produce links relative to
    that page, so the templates never need to know where they end up.
    """

    def __init__(self, env: jinja2.Environment, schema: Schema, site: SiteView, *, url_prefix: str = "praktijken",
                 use_directory_urls: bool = True, contribute_page: str = "bijdragen.md",
                 worksheet_paths: Callable[[str], tuple[str | None, str | None]] | None = None,
                 nonce: str | None = None, memo: PageMemo | None = None, card_memo: CardMemo | None = None) -> None:
        self.env = env
        self.schema = schema
        self.site = site
        self.url_prefix = url_prefix.strip("/")
        self.use_directory_urls = use_directory_urls
        self.contribute_page = contribute_page
        #: How contributors send a practice in (``form.SubmissionRoutes``), for the ``insturen`` block.
        self.routes: Any = None
        #: The search page's source (``zoeken/index.md``), '' without one: the overview's text filter links to it.
        self.search_src = ""
        # Given a slug, the output paths of its worksheet and worksheet PDF (None where there is none).
        self.worksheet_paths = worksheet_paths or (lambda slug: (None, None))
        # A nonce that lasts as long as the memo, so that an unchanged page gives the very same Markdown.
        self._nonce = nonce or secrets.token_hex(8)
        self.memo = memo
        self._stashes: dict[str, HtmlStash] = {}
        # A practice appears as a card on many pages; pages in the same folder link to it the same way.
        self._cards: dict[tuple[str, str, str], Markup] = {}
        self.card_memo = card_memo
        self._search_fields: dict[str, str] = {}

    def practice_src(self, slug: str) -> str:
        return f"{self.url_prefix}/{slug}.md"

    @property
    def overview_src(self) -> str:
        return f"{self.url_prefix}/index.md"

    def _links(self, src_uri: str) -> dict[str, Any]:
        """The link helpers of templates rendered for the page of ``src_uri``."""

        def url(target: str) -> str:
            return relative_url(src_uri, target, self.use_directory_urls)

        overview_url = url(self.overview_src)
        # Practice pages sit beside the overview: their links share its folder, so lists of thousands of cards
        # need no path arithmetic per card.
        folder = overview_url if self.use_directory_urls else posixpath.dirname(overview_url)
        folder = "" if folder in ("", "./") else folder.rstrip("/") + "/"
        suffix = "/" if self.use_directory_urls else ".html"
        return {
            "url": url,
            "practice_url": lambda slug: f"{folder}{slug}{suffix}",
            "overview_url": overview_url,
            "contribute_url": url(self.contribute_page) if self.contribute_page else None,
            "search_url": url(self.search_src) if self.search_src else None,
            "facet_src": facet_src,
        }

    def _render(self, name: str, src_uri: str, **context: Any) -> str:
        stash = self._stashes.setdefault(src_uri, HtmlStash(self._nonce))
        links = self._links(src_uri)
        practice_url = links["practice_url"]
        template = self.env.get_template(f"praktijkbank/{name}")
        return template.render(
            site=self.site,
            schema=self.schema,
            html_block=stash,
            card=lambda practice, heading="h2": self._card(practice, heading, practice_url),
            **links,
            **context,
        )

    def _card(self, practice: Any, heading: str, practice_url: Callable[[str], str]) -> Markup:
        """One practice as a card (``kaart.html.j2``), rendered once per heading level and link, then reused."""
        key = (practice.slug, heading, practice_url(practice.slug))
        card = self._cards.get(key)
        if card is None:
            memo_key, inputs = "\n".join(key), (practice.practice,)
            card = self.card_memo.get(memo_key, inputs, ()) if self.card_memo is not None else None
            if card is None:
                template = self.env.get_template("praktijkbank/kaart.html.j2")
                card = Markup(template.render(p=practice, heading=heading, practice_url=practice_url))
                if self.card_memo is not None:
                    self.card_memo.put(memo_key, inputs, (), card)
            self._cards[key] = card
        return card

    def restore(self, src_uri: str, html: str, *, keep: bool = False) -> str:
        """Put the HTML that a generated page kept out of Markdown back into what Markdown made of the page.

        The page's stash is then let go, unless ``keep`` says it may be needed once more (see ``forget``).
        """
        stash = self._stashes.get(src_uri) if keep else self._stashes.pop(src_uri, None)
        return stash.restore(html) if stash is not None else html

    def forget(self, src_uri: str) -> None:
        """Let go of a page's stash that was kept after restoring it."""
        self._stashes.pop(src_uri, None)

    def practice_pages(self, practices: Sequence[Practice], workers: int = 1) -> list[tuple[str, str]]:
        """``(src_uri, markdown)`` of every practice page, rendered in ``workers`` processes when there are many.

        With a memo, pages whose practice and related practices are unchanged are taken from it.
        """
        reused = {p.slug: found for p in practices if (found := self._remembered(p)) is not None}
        todo = [p for p in practices if p.slug not in reused]
        parts = forked.map_forked(self._practice_page_parts, todo, workers) if len(todo) >= PARALLEL_MIN else None
        if parts is None:
            parts = [self._practice_page_parts(practice) for practice in todo]
        rendered = dict(zip((p.slug for p in todo), parts, strict=True))
        pages = []
        for practice in practices:
            src = self.practice_src(practice.slug)
            markdown, blocks = reused.get(practice.slug) or rendered[practice.slug]
            if self.memo is not None and practice.slug in rendered:
                self.memo.put(src, *self._page_inputs(practice), (markdown, blocks))
            self._stashes[src] = HtmlStash(self._nonce, list(blocks))
            pages.append((src, markdown))
        return pages

    def _page_inputs(self, practice: Practice) -> tuple[tuple[object, ...], tuple[object, ...]]:
        """What a practice page shows: objects (compared by identity) and values (compared by value)."""
        return ((practice, *self.site.related_to(practice)),
                (self.url_prefix, self.use_directory_urls, self.contribute_page, self.worksheet_paths(practice.slug)))

    def _remembered(self, practice: Practice) -> tuple[str, list[str]] | None:
        if self.memo is None:
            return None
        return self.memo.get(self.practice_src(practice.slug), *self._page_inputs(practice))

    def _practice_page_parts(self, practice: Practice) -> tuple[str, list[str]]:
        """A practice page as plain values (its Markdown and the HTML kept out of it), to travel between processes."""
        markdown = self.practice_page(practice)
        return markdown, self._stashes.pop(self.practice_src(practice.slug)).blocks

    def practice_page(self, practice: Practice) -> str:
        src = self.practice_src(practice.slug)
        sheet, pdf = self.worksheet_paths(practice.slug)
        return self._render(
            "praktijk.md.j2", src, practice=self.site.view(practice, with_related=True),
            worksheet_url=relative_file_url(src, sheet, self.use_directory_urls) if sheet else None,
            worksheet_pdf_url=relative_file_url(src, pdf, self.use_directory_urls) if pdf else None,
        )

    def overview_page(self) -> str:
        return self._render("overzicht.md.j2", self.overview_src, practices=self.site.cards(), facets=self.site.facets)

    def facet_pages(self) -> Iterator[tuple[str, str]]:
        """``(src_uri, markdown)`` of every facet's page and of each of its values' pages."""
        for facet in self.site.facets:
            if not facet.values:
                continue
            src = facet_src(facet.segment)
            yield src, self._render("facet.md.j2", src, facet=facet)
            for value in facet.values:
                src = facet_src(facet.segment, value.value)
                yield src, self._render("facetwaarde.md.j2", src, facet=facet, value=value,
                                        practices=self.site.cards(value.practices))

    def block(self, name: str, src_uri: str) -> str:
        """A block for a hand-written page (``<!-- praktijkbank:NAME -->``), or '' for an unknown name."""
        if name == "nieuwste":
            return self._render("blok-nieuwste.md.j2", src_uri, practices=self.site.cards(self.site.practices[:NEWEST]),
                                total=len(self.site.practices))
        if name == "insturen":
            return self._render("blok-insturen.md.j2", src_uri, routes=self.routes)
        if name == "themas":
            facet = next((f for f in self.site.facets if f.definition.field == "themas"), None)
            return self._render("blok-themas.md.j2", src_uri, facet=facet)
        return ""

    def search_page(self, src_uri: str, *, bundle_dir: str, script: str) -> str:
        """The search page; Pagefind's bundle and our script are static files, linked relative to the page.

        Its filters are the facets in ``SEARCH_FILTERS`` with the values that occur, offered as the overview offers
        them, so the page needs nothing from the index until a reader narrows a search.
        """
        filters = [facet for field in SEARCH_FILTERS for facet in self.site.facets
                   if facet.definition.field == field and facet.values]
        return self._render("zoeken.md.j2", src_uri, filters=filters,
                            bundle_url=relative_file_url(src_uri, bundle_dir.rstrip("/") + "/", self.use_directory_urls),
                            script_url=relative_file_url(src_uri, script, self.use_directory_urls),
                            root_url=relative_url(src_uri, "index.md", self.use_directory_urls))

    def header_search(self, src_uri: str, search_src: str) -> str:
        """The search field for the header of the page of ``src_uri``, opening the search page."""
        action = relative_url(src_uri, search_src, self.use_directory_urls)
        field = self._search_fields.get(action)
        if field is None:
            field = self._search_fields[action] = self.env.get_template("praktijkbank/zoekveld.html.j2").render(action=action)
        return field

    def checklist_page(self, src_uri: str) -> str:
        return self._render("checklist.md.j2", src_uri, reference=self.site.field_reference())

    def broken_page(self, broken: BrokenPractice, findings: list[Finding]) -> str:
        return self._render("fouten.md.j2", self.practice_src(broken.slug), broken=broken, findings=findings)
