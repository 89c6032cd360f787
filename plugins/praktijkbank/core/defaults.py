"""The plugin's settings and their defaults, in one place and without MkDocs.

Two readers must agree on them: the MkDocs plugin (``plugin/config.py`` declares each option with this default) and
the command line (``cli/project.py`` reads ``mkdocs.yml`` itself, so ``praktijkbank check`` checks exactly what the
build publishes). The names are the config keys of ``mkdocs.yml``; each one is explained where the plugin declares it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Final, Literal

#: The plugin's name in ``mkdocs.yml`` (``plugins: - praktijkbank``).
PLUGIN_NAME: Final = "praktijkbank"

Choice = Literal["auto"] | bool


@dataclass(frozen=True)
class PluginDefaults:
    """The default of every option of the plugin."""

    enabled: bool = True
    practices_dir: str = "practices"
    schema: str = "schema/praktijkvoorbeeld.schema.json"
    url_prefix: str = "praktijken"
    checklist_page: str = "checklist/index.md"
    contribute_page: str = "bijdragen.md"
    worksheets: bool = True
    worksheets_pdf: Choice = "auto"
    pdf_cache_dir: str = ".cache/praktijkbank/pdf"
    decap: Choice = "auto"
    decap_branch: str = "main"
    decap_local_backend: bool | str = False
    decap_base_url: str = ""
    decap_auth_endpoint: str = ""
    search: bool = True
    search_page: str = "zoeken/index.md"
    submission_page: str = "insturen/index.md"
    submission_email: str = ""
    submission_branch: str = "main"
    open_data: bool = True
    open_data_page: str = "open-data.md"
    feed: bool = True
    publisher: str = ""
    license: str = ""
    security_contact: str | list[str] = ""
    security_expires: str | datetime.date = ""


DEFAULTS: Final = PluginDefaults()
