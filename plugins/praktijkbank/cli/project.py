"""Find a site's practices folder and schema from its ``mkdocs.yml``, without importing MkDocs.

The command line must check exactly what the build will publish, so it reads the plugin's own settings
from the site configuration. Unknown YAML tags (``!ENV``, ``!!python/name:``) are common in MkDocs
configurations; they are read as empty values here rather than executed. The defaults are the plugin's own (``core/defaults.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from praktijkbank.core.defaults import DEFAULTS, PLUGIN_NAME


class ProjectError(Exception):
    """The site configuration cannot be used; the message is Dutch and meant for the user."""


@dataclass(frozen=True)
class ProjectSettings:
    root: Path
    practices_dir: Path
    schema: Path
    config_file: Path | None = None  # None: no mkdocs.yml was found, these are the defaults

    def explain_missing_schema(self, message: str) -> str:
        """A missing schema's message, with the likely cause when no ``mkdocs.yml`` was found."""
        if self.config_file is not None:
            return message
        return (f"{message}. Er staat geen mkdocs.yml in deze map: ga naar de map van de site (waar mkdocs.yml staat), "
                "of geef het schema op met --schema")


class _TolerantLoader(yaml.SafeLoader):
    pass


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    return None


_TolerantLoader.add_multi_constructor("", _ignore_tag)
_TolerantLoader.add_multi_constructor("!", _ignore_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


def plugin_options(config: dict[str, Any]) -> dict[str, Any]:
    for entry in config.get("plugins") or []:
        if entry == PLUGIN_NAME:
            return {}
        if isinstance(entry, dict) and PLUGIN_NAME in entry:
            return dict(entry[PLUGIN_NAME] or {})
    if isinstance(config.get("plugins"), dict) and PLUGIN_NAME in config["plugins"]:
        return dict(config["plugins"][PLUGIN_NAME] or {})
    return {}


def read_settings(config_file: Path | None) -> ProjectSettings:
    """Settings from ``config_file``, or from ``mkdocs.yml`` in the working folder, or the defaults."""
    path = config_file or Path("mkdocs.yml")
    if not path.exists():
        if config_file is not None:
            raise ProjectError(f"het configuratiebestand '{config_file}' bestaat niet")
        root = Path.cwd()
        return ProjectSettings(root, root / DEFAULTS.practices_dir, root / DEFAULTS.schema)
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ProjectError(f"'{path}' kan niet worden gelezen: {exc}") from exc
    if not isinstance(config, dict):
        raise ProjectError(f"'{path}' is geen geldige MkDocs-configuratie")
    options = plugin_options(config)
    root = path.resolve().parent
    return ProjectSettings(
        root,
        root / str(options.get("practices_dir") or DEFAULTS.practices_dir),
        root / str(options.get("schema") or DEFAULTS.schema),
        path,
    )
