"""The plugin's settings in ``mkdocs.yml``. Paths resolve against the folder of ``mkdocs.yml``."""

from __future__ import annotations

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
