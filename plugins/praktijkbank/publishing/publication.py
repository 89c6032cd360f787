"""The files a site publishes beside its pages: open data, the feed and ``security.txt``, as plain values.

Nothing here knows MkDocs. The adapter hands in the site's settings (``Publication``) and the valid practices, and
gets back ``OutputFile``s (a site path and the bytes to write there) and ``notes`` (Dutch lines to log), so another
front end can publish the very same files. Every date comes from the content (the newest ``bijgewerkt``), never
from the clock: the same input gives the same bytes on any day.

========================  ===========================================================  ==============================
site path                 what                                                         made by
========================  ===========================================================  ==============================
praktijkvoorbeelden.json  every field of every practice, labels and plain text beside  ``opendata.collection_json``
praktijkvoorbeelden.csv   one row per practice, for spreadsheets                       ``spreadsheet.collection_csv``
dataset.jsonld            the DCAT-AP-NL description of the two files above            ``dcat.dataset_jsonld``
feed.xml                  Atom feed of the newest and most recently updated practices  ``feed.atom_feed``
.well-known/security.txt  RFC 9116, only when ``security_contact`` is set              ``securitytxt.security_txt``
========================  ===========================================================  ==============================
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from praktijkbank.core.defaults import DEFAULTS
from praktijkbank.core.model import Practice
from praktijkbank.core.schema import Schema
from praktijkbank.pages.urls import overview_src, page_url, practice_src

if TYPE_CHECKING:  # opendata imports this module
    from praktijkbank.publishing.opendata import OpenDataMemo

JSON_PATH = "praktijkvoorbeelden.json"
CSV_PATH = "praktijkvoorbeelden.csv"
DATASET_PATH = "dataset.jsonld"
FEED_PATH = "feed.xml"
SECURITY_PATH = ".well-known/security.txt"
#: The title of the feed, in the ``<link rel="alternate">`` of every page and in the feed itself.
FEED_TITLE = "Nieuwe en bijgewerkte praktijkvoorbeelden"


class PublicationError(ValueError):
    """A setting that cannot make a valid file (a security contact that is no address); the message is Dutch."""


@dataclass(frozen=True)
class OutputFile:
    """One file to write into the site: its path from the site's root, and its bytes."""

    path: str
    content: bytes
    media_type: str


@dataclass(frozen=True)
class Publication:
    """The site's settings that the published files need; plain values, made from the site's settings by ``site.py``.

    Options default to `PluginDefaults`. The three pages are what the files link to, '' for no link: a page that the
    site may not have (``documentation_page``: the open data page, when it exists) is only set when it is there.
    """

    site_name: str
    site_url: str | None = None
    site_description: str = ""
    publisher: str = DEFAULTS.publisher
    license: str = DEFAULTS.license
    url_prefix: str = DEFAULTS.url_prefix
    use_directory_urls: bool = True
    contribute_page: str = ""
    checklist_page: str = ""
    documentation_page: str = ""
    open_data: bool = DEFAULTS.open_data
    feed: bool = DEFAULTS.feed
    security_contact: tuple[str, ...] = ()
    security_expires: str = ""

    @property
    def base(self) -> str | None:
        """The site's address ending in ``/``, or None when ``site_url`` is not set."""
        return self.site_url.rstrip("/") + "/" if self.site_url else None

    @property
    def publisher_name(self) -> str:
        return " ".join((self.publisher or self.site_name).split())

    def href(self, site_path: str, from_path: str = "") -> str:
        """The address of ``site_path`` as written in a file at ``from_path``: absolute with a ``site_url``, else
        relative to that file's folder (so the site works in a sub-folder and from the file system)."""
        if self.base is not None:
            return self.base + site_path
        folder = from_path if from_path.endswith("/") or not from_path else posixpath.dirname(from_path) + "/"
        if not folder:
            return site_path or "./"
        relative = posixpath.relpath(site_path or ".", folder.rstrip("/"))
        if (site_path.endswith("/") or not site_path) and not relative.endswith("/"):
            relative += "/"
        return "./" if relative in (".", "./") else relative

    def page_path(self, src_uri: str) -> str:
        """The site path of the page made from ``src_uri`` (``praktijken/x.md`` -> ``praktijken/x/``)."""
        return page_url(src_uri, self.use_directory_urls)

    def practice_path(self, slug: str) -> str:
        return self.page_path(practice_src(slug, self.url_prefix))

    @property
    def overview_path(self) -> str:
        return self.page_path(overview_src(self.url_prefix))


def newest_update(practices: Sequence[Practice]) -> str | None:
    """The newest ``bijgewerkt`` date: the date of the collection as a whole."""
    return max((practice.updated for practice in practices), default=None)


def files(practices: Sequence[Practice], schema: Schema, publication: Publication, workers: int = 1,
          memo: OpenDataMemo | None = None) -> list[OutputFile]:
    """Every file the settings ask for, in the order of the table above; ``workers`` processes may share the work, or
    ``memo`` keeps each practice's open data between ``serve`` rebuilds (``opendata.open_data_files``)."""
    from praktijkbank.publishing import feed, opendata, securitytxt

    made: list[OutputFile] = []
    if publication.open_data:
        made += opendata.open_data_files(practices, schema, publication, workers, memo)
    if publication.feed:
        made.append(OutputFile(FEED_PATH, feed.atom_feed(practices, schema, publication), "application/atom+xml"))
    if publication.security_contact:
        made.append(OutputFile(SECURITY_PATH, securitytxt.security_txt(publication), "text/plain"))
    return made


def notes(publication: Publication, *, worksheets: bool = False) -> list[str]:
    """What the adapter should tell whoever builds the site (Dutch; informational, never a reason to stop).

    Without a ``site_url`` one note says everything it costs: ``worksheets`` (the site prints worksheets) adds that
    a printed sheet cannot lead back to its practice, whose address its foot shows only with a ``site_url``.
    """
    if publication.base is not None:
        return []
    costs = ["een geprint werkblad leidt niet terug naar zijn praktijkvoorbeeld (de voet noemt alleen een pad "
             "en de pdf linkt nergens heen)"] if worksheets else []
    costs.append("sitemap.xml blijft leeg")
    relative = [name for name, on in (("de feed", publication.feed), ("de open data", publication.open_data)) if on]
    costs.append(f"{_listing([*relative, 'de tags voor gedeelde links'])} gebruiken relatieve adressen")
    return [f"er staat geen site_url in mkdocs.yml: {_listing(costs)}. Zet site_url op het adres van de site "
            "(zoals https://www.voorbeeld.nl/) voor volledige adressen die ook buiten de site werken."]


def _listing(parts: Sequence[str]) -> str:
    """Dutch enumeration: "a", "a en b", "a, b en c"."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " en " + parts[-1]


def overview_links(publication: Publication, from_src: str) -> dict[str, str] | None:
    """Links for the overview page's Markdown (``overzicht.md.j2``), relative to its source file as Markdown links are:
    MkDocs then checks them and writes each as the address it gets. None without open data."""
    if not publication.open_data:
        return None
    folder = posixpath.dirname(from_src) or "."

    def link(path: str) -> str:
        return posixpath.relpath(path, folder)

    links = {"json": link(JSON_PATH), "csv": link(CSV_PATH), "dataset": link(DATASET_PATH)}
    if publication.documentation_page:
        links["page"] = link(publication.documentation_page)
    if publication.feed:
        links["feed"] = link(FEED_PATH)
    return links
