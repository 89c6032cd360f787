"""The plugin's settings in ``mkdocs.yml``. Paths resolve against the folder of ``mkdocs.yml``."""

from __future__ import annotations

import datetime

from mkdocs.config import base
from mkdocs.config import config_options as c


class PraktijkbankConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing its settings (for example in a quick preview)."""

    practices_dir = c.Dir(exists=True, default="practices")
    """Folder with one Markdown file per practice example. It lives outside ``docs_dir`` on purpose."""

    schema = c.File(exists=True, default="schema/praktijkvoorbeeld.schema.json")
    """JSON Schema of the front-matter: the Checklist goede praktijken as a contract."""

    url_prefix = c.Type(str, default="praktijken")
    """Folder of the site under which the practice pages and the overview are generated."""

    checklist_page = c.Type(str, default="checklist/index.md")
    """Where the checklist page generated from the schema goes; empty to leave it out."""

    contribute_page = c.Type(str, default="bijdragen.md")
    """The page that explains how to contribute, linked from every practice; empty for no link."""

    worksheets = c.Type(bool, default=True)
    """Worksheets for facilitators: one per practice, three general ones, an overview and the session pack page."""

    worksheets_pdf = c.Choice(("auto", True, False), default="auto")
    """Also write every worksheet as a fillable PDF (WeasyPrint): ``auto`` when it is installed, ``true`` to require it."""

    pdf_cache_dir = c.Type(str, default=".cache/praktijkbank/pdf")
    """Where the worksheet PDFs are kept between builds (relative to mkdocs.yml), so a build renders only new and
    changed sheets; empty to render every PDF on every build. Holds the last build's PDFs only (see pdfcache.py)."""

    decap = c.Choice(("auto", True, False), default="auto")
    """A Decap CMS admin in ``admin/``: ``auto`` when ``repo_url`` is set and ``npm install`` put decap-cms in place."""

    decap_branch = c.Type(str, default="main")
    """The branch the CMS reads from and proposes changes to."""

    decap_local_backend = c.Type((bool, str), default=False)
    """Let the CMS use decap-server on this computer: ``true`` for its default port, or the URL of its API."""

    decap_base_url = c.Type(str, default="")
    """The OAuth proxy that hands out GitHub tokens to the CMS (see CONTRIBUTING.md); empty for Decap's default."""

    decap_auth_endpoint = c.Type(str, default="")
    """The path of the login on that proxy, when it is not Decap's default ``auth``."""

    search = c.Type(bool, default=True)
    """Search with Pagefind: a chunked index made after the build, a search page and a field in the header.

    Leave Material's own ``search`` plugin out of ``mkdocs.yml``: it loads an index of the whole site at once."""

    search_page = c.Type(str, default="zoeken/index.md")
    """Where the search page goes."""

    submission_page = c.Type(str, default="insturen/index.md")
    """Where the submission form generated from the schema goes (for contributors without git); empty to leave it out."""

    submission_email = c.Type(str, default="")
    """The editorial team's address: the form then offers to mail the file there, a route without GitHub. Without it
    and without a GitHub ``repo_url``, the build warns that the form can only download and copy."""

    submission_branch = c.Type(str, default="main")
    """The branch the form's "new file on GitHub" link proposes the practice file to (when ``repo_url`` is set)."""

    open_data = c.Type(bool, default=True)
    """The whole collection as open data in the site's root: ``praktijkvoorbeelden.json``, ``praktijkvoorbeelden.csv``
    and their DCAT description ``dataset.jsonld``."""

    open_data_page = c.Type(str, default="open-data.md")
    """The page in ``docs/`` that explains the open data; linked from the overview and the files when it exists."""

    feed = c.Type(bool, default=True)
    """An Atom feed of new and updated practices (``feed.xml``), linked from the head of every page."""

    publisher = c.Type(str, default="")
    """Who publishes the site and its data (an organisation); empty for the ``site_name``."""

    license = c.Type(str, default="")
    """The address of the licence of the content and the open data (such as a Creative Commons licence); empty: none stated."""

    security_contact = c.Type((str, list), default="")
    """Where to report a security problem (``mailto:``, ``https://`` or ``tel:``, or a list of them): then the site gets
    ``/.well-known/security.txt`` (RFC 9116)."""

    security_expires = c.Type((str, datetime.date, datetime.datetime), default="")
    """Until when ``security.txt`` holds (required with a contact): a date within a year, such as 2027-05-01."""
