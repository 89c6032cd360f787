"""Render practices and the pages about them into Markdown that MkDocs turns into the site.

Each page method renders one template of ``templates/praktijkbank/`` (the Jinja environment, its filters and where
templates come from are in ``environment.py``). A site overrides a template, or one block of it, from its theme's
``custom_dir`` (README, *Eigen sjablonen*); these names are that override API and do not change:

| Method                                | Template                                   | Page                            |
| ------------------------------------- | ------------------------------------------ | ------------------------------- |
| ``practice_page``, ``practice_pages`` | ``praktijk.md.j2``                         | ``praktijken/<slug>.md``        |
| ``overview_page``                     | ``overzicht.md.j2``                        | ``praktijken/index.md``         |
| ``facet_pages``                       | ``facet.md.j2``, ``facetwaarde.md.j2``     | ``<facet>/index.md``, ``<facet>/<value>.md`` |
| ``block``                             | ``blok-nieuwste.md.j2``, ``blok-insturen.md.j2``, ``blok-themas.md.j2`` | a hand-written page |
| ``search_page``                       | ``zoeken.md.j2``                           | ``search_page`` (``zoeken/index.md``) |
| ``header_search``                     | ``zoekveld.html.j2``                       | the header of every page        |
| ``checklist_page``                    | ``checklist.md.j2``                        | ``checklist_page``              |
| ``broken_page``                       | ``fouten.md.j2``                           | a broken practice's page (``serve``) |
| (every list of practices)             | ``kaart.html.j2``                          | one practice's card             |

Macros shared by these templates are in ``_macros.j2``; the real templates are in ``_base/`` (see there).
"""

from __future__ import annotations

import posixpath
import secrets
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import jinja2
from markupsafe import Markup

from praktijkbank.core.findings import Finding
from praktijkbank.core.model import BrokenPractice, Practice
from praktijkbank.core.schema import Schema
from praktijkbank.pages import checklist, urls
from praktijkbank.pages.environment import HtmlStash
from praktijkbank.pages.urls import relative_file_url, relative_url
from praktijkbank.pages.views import SEARCH_FILTERS, SiteView, facet_src
from praktijkbank.runtime import forked
from praktijkbank.runtime.memo import IdentityMemo

#: How many practices the "newest" block on hand-written pages shows.
NEWEST = 3

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
        return urls.practice_src(slug, self.url_prefix)

    @property
    def overview_src(self) -> str:
        return urls.overview_src(self.url_prefix)

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
        parts = forked.map_forked(self._practice_page_parts, todo, workers) if len(todo) >= forked.PAGES_MIN else None
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
        return self._render("checklist.md.j2", src_uri, reference=checklist.field_reference(self.schema))

    def broken_page(self, broken: BrokenPractice, findings: list[Finding]) -> str:
        return self._render("fouten.md.j2", self.practice_src(broken.slug), broken=broken, findings=findings)
