"""The plugin's settings in ``mkdocs.yml``. Paths resolve against the folder of ``mkdocs.yml``.

The defaults live in ``core/defaults.py``, which the command line reads too."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import cast

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig

from praktijkbank.core.defaults import DEFAULTS, Choice
from praktijkbank.site import FAVICON, SiteSettings


class PraktijkbankConfig(base.Config):
    enabled = c.Type(bool, default=DEFAULTS.enabled)
    """Turn the plugin off without removing its settings (for example in a quick preview)."""

    practices_dir = c.Dir(exists=True, default=DEFAULTS.practices_dir)
    """Folder with one Markdown file per practice example. It lives outside ``docs_dir`` on purpose."""

    schema = c.File(exists=True, default=DEFAULTS.schema)
    """JSON Schema of the front-matter: the Checklist goede praktijken as a contract."""

    url_prefix = c.Type(str, default=DEFAULTS.url_prefix)
    """Folder of the site under which the practice pages and the overview are generated."""

    checklist_page = c.Type(str, default=DEFAULTS.checklist_page)
    """Where the checklist page generated from the schema goes; empty to leave it out."""

    contribute_page = c.Type(str, default=DEFAULTS.contribute_page)
    """The page that explains how to contribute, linked from every practice; empty for no link."""

    worksheets = c.Type(bool, default=DEFAULTS.worksheets)
    """Worksheets for facilitators: one per practice, three general ones, an overview and the session pack page."""

    worksheets_pdf = c.Choice(("auto", True, False), default=DEFAULTS.worksheets_pdf)
    """Also write every worksheet as a fillable PDF (WeasyPrint): ``auto`` when it is installed, ``true`` to require it."""

    pdf_cache_dir = c.Type(str, default=DEFAULTS.pdf_cache_dir)
    """Where the worksheet PDFs are kept between builds (relative to mkdocs.yml), so a build renders only new and
    changed sheets; empty to render every PDF on every build. Holds the last build's PDFs only (see pdfcache.py)."""

    decap = c.Choice(("auto", True, False), default=DEFAULTS.decap)
    """A Decap CMS admin in ``admin/``: ``auto`` when ``repo_url`` is set and ``npm install`` put decap-cms in place."""

    decap_branch = c.Type(str, default=DEFAULTS.decap_branch)
    """The branch the CMS reads from and proposes changes to."""

    decap_local_backend = c.Type((bool, str), default=DEFAULTS.decap_local_backend)
    """Let the CMS use decap-server on this computer: ``true`` for its default port, or the URL of its API."""

    decap_base_url = c.Type(str, default=DEFAULTS.decap_base_url)
    """The OAuth proxy that hands out GitHub tokens to the CMS (see CONTRIBUTING.md); empty for Decap's default."""

    decap_auth_endpoint = c.Type(str, default=DEFAULTS.decap_auth_endpoint)
    """The path of the login on that proxy, when it is not Decap's default ``auth``."""

    search = c.Type(bool, default=DEFAULTS.search)
    """Search with Pagefind: a chunked index made after the build, a search page and a field in the header.

    Leave Material's own ``search`` plugin out of ``mkdocs.yml``: it loads an index of the whole site at once."""

    search_page = c.Type(str, default=DEFAULTS.search_page)
    """Where the search page goes."""

    submission_page = c.Type(str, default=DEFAULTS.submission_page)
    """Where the submission form generated from the schema goes (for contributors without git); empty to leave it out."""

    submission_email = c.Type(str, default=DEFAULTS.submission_email)
    """The editorial team's address: the form then offers to mail the file there, a route without GitHub. Without it
    and without a GitHub ``repo_url``, the build warns that the form can only download and copy."""

    submission_branch = c.Type(str, default=DEFAULTS.submission_branch)
    """The branch the form's "new file on GitHub" link proposes the practice file to (when ``repo_url`` is set)."""

    open_data = c.Type(bool, default=DEFAULTS.open_data)
    """The whole collection as open data in the site's root: ``praktijkvoorbeelden.json``, ``praktijkvoorbeelden.csv``
    and their DCAT description ``dataset.jsonld``."""

    open_data_page = c.Type(str, default=DEFAULTS.open_data_page)
    """The page in ``docs/`` that explains the open data; linked from the overview and the files when it exists."""

    feed = c.Type(bool, default=DEFAULTS.feed)
    """An Atom feed of new and updated practices (``feed.xml``), linked from the head of every page."""

    publisher = c.Type(str, default=DEFAULTS.publisher)
    """Who publishes the site and its data (an organisation); empty for the ``site_name``."""

    license = c.Type(str, default=DEFAULTS.license)
    """The address of the licence of the content and the open data (such as a Creative Commons licence); empty: none stated."""

    security_contact = c.Type((str, list), default=DEFAULTS.security_contact)
    """Where to report a security problem (``mailto:``, ``https://`` or ``tel:``, or a list of them): then the site gets
    ``/.well-known/security.txt`` (RFC 9116)."""

    security_expires = c.Type((str, datetime.date, datetime.datetime), default=DEFAULTS.security_expires)
    """Until when ``security.txt`` holds (required with a contact): a date within a year, such as 2027-05-01."""


def site_settings(plugin: PraktijkbankConfig, config: MkDocsConfig, root: Path) -> SiteSettings:
    """The settings the site's files depend on, as plain values for ``site.py`` (``root``: the folder of mkdocs.yml)."""
    contact = plugin.security_contact
    favicon = config.theme.get("favicon")  # the worksheets link to it too: without, browsers ask for /favicon.ico
    return SiteSettings(
        root=root, practices_dir=Path(plugin.practices_dir), docs_dir=Path(config.docs_dir),
        site_name=config.site_name, site_url=config.site_url, site_description=config.site_description or "",
        repo_url=config.repo_url, use_directory_urls=config.use_directory_urls, favicon=str(favicon) if favicon else FAVICON,
        url_prefix=plugin.url_prefix, checklist_page=plugin.checklist_page, contribute_page=plugin.contribute_page,
        worksheets=plugin.worksheets, search_page=plugin.search_page if search_enabled(plugin) else "",
        submission_page=plugin.submission_page, submission_email=plugin.submission_email,
        submission_branch=plugin.submission_branch, decap=cast(Choice, plugin.decap), decap_branch=plugin.decap_branch,
        decap_local_backend=cast("bool | str", plugin.decap_local_backend), decap_base_url=plugin.decap_base_url,
        decap_auth_endpoint=plugin.decap_auth_endpoint, open_data=plugin.open_data, open_data_page=plugin.open_data_page,
        feed=plugin.feed, publisher=plugin.publisher, license=plugin.license,
        security_contact=tuple(contact) if isinstance(contact, list) else (str(contact),) if contact else (),
        security_expires=str(plugin.security_expires or ""),
    )


def search_enabled(plugin: PraktijkbankConfig) -> bool:
    return bool(plugin.search and plugin.search_page)
