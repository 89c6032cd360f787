"""The Decap CMS configuration, generated from the JSON Schema, for teams that edit practices in the browser.

The schema stays the single source of truth: every field of the CMS form, its label, hint, vocabulary and
whether it is required come from the schema, so the form can never drift from what ``praktijkbank check``
accepts. This module builds the configuration as plain data; the plugin dumps it with ``yaml.safe_dump``,
renders the small admin page and copies the Decap bundle from ``node_modules`` (nothing comes from a CDN).
Part of the pure core: no MkDocs imports.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import yaml

from praktijkbank.contribute.github import github_repository
from praktijkbank.core.schema import Schema, choices_of

INDEX = "admin/index.html"
CONFIG = "admin/config.yml"
BUNDLE = "admin/decap-cms.js"
BUNDLE_LICENSE = "admin/decap-cms.js.LICENSE.txt"
#: Where ``npm install`` puts the bundle, relative to the project root (the folder of ``mkdocs.yml``).
NPM_BUNDLE = Path("node_modules") / "decap-cms" / "dist" / "decap-cms.js"

COLLECTION = "praktijken"
#: Strings allowed to be longer than this get a multi-line text box; shorter ones a single line.
LONG_TEXT = 300
DATE_FORMAT = "YYYY-MM-DD"
#: Images and code blocks are refused in the story (body.py), so the editor does not offer them.
BODY_EDITOR_COMPONENTS: list[str] = []

@dataclass(frozen=True)
class Backend:
    """Where the CMS reads and writes: a GitHub repository, with pull requests as the editorial workflow."""

    repo: str | None
    branch: str = "main"
    base_url: str = ""        # the OAuth proxy that hands out GitHub tokens, e.g. a small serverless function
    auth_endpoint: str = ""   # its path, when not Decap's default 'auth'


def find_bundle(root: Path) -> Path | None:
    """The Decap bundle that ``npm install`` put in the project, or None: the admin is optional."""
    bundle = root / NPM_BUNDLE
    return bundle if bundle.is_file() else None


def cms_config(schema: Schema, *, practices_folder: str, media_folder: str, backend: Backend,
               local_backend: bool | str = False, site_url: str | None = None) -> dict[str, Any]:
    """The whole ``admin/config.yml`` as data. Folders are relative to the repository root.

    ``local_backend`` is True for decap-server on its default port, or the URL of its API for another port.
    """
    backend_config: dict[str, Any] = {"name": "github"}
    if backend.repo:
        backend_config["repo"] = backend.repo
    backend_config["branch"] = backend.branch
    if backend.base_url:
        backend_config["base_url"] = backend.base_url
    if backend.auth_endpoint:
        backend_config["auth_endpoint"] = backend.auth_endpoint
    backend_config["open_authoring"] = True  # people without write access work in a fork of their own

    config: dict[str, Any] = {"backend": backend_config, "publish_mode": "editorial_workflow"}
    if local_backend:
        config["local_backend"] = {"url": local_backend} if isinstance(local_backend, str) else True
    config["locale"] = "nl"
    if site_url:
        config["site_url"] = config["display_url"] = site_url
    # Decap requires a media folder; the form has no image fields, since the site loads no images from practices.
    config["media_folder"] = media_folder
    # File names become web addresses: lower-case ASCII with hyphens, like praktijkbank's own slugs.
    config["slug"] = {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"}
    config["collections"] = [collection(schema, practices_folder)]
    return config


def collection(schema: Schema, folder: str) -> dict[str, Any]:
    """The folder collection of practice files: front-matter fields in the schema's order, then the story."""
    return {
        "name": COLLECTION,
        "label": "Praktijkvoorbeelden",
        "label_singular": "Praktijkvoorbeeld",
        "description": "Praktijkvoorbeelden volgens de Checklist goede praktijken. Alleen titel, samenvatting en datum zijn "
                       "verplicht; vul de rest in voor zover je het weet. Opslaan maakt een voorstel dat de redactie beoordeelt.",
        "folder": folder,
        "create": True,
        "format": "frontmatter",
        "extension": "md",
        "identifier_field": "titel",
        "slug": "{{titel}}",
        "summary": "{{titel}}",
        "sortable_fields": ["titel", "bijgewerkt"],
        "fields": [*fields(schema), body_field()],
    }


def fields(schema: Schema) -> list[dict[str, Any]]:
    """One CMS field per top-level property, in the order of ``x-volgorde`` (then any the order leaves out)."""
    root = schema.resolve(schema.raw)
    properties: dict[str, Any] = root.get("properties", {})
    order = [name for name in schema.field_order() if name in properties]
    order += [name for name in properties if name not in order]
    required = set(root.get("required", []))
    return [field(schema, name, properties[name], required=name in required) for name in order]


def field(schema: Schema, name: str, node: dict[str, Any], *, required: bool) -> dict[str, Any]:
    """The CMS field of one schema property.

    A field is required in the form only when the file cannot do without it. A field that is required inside
    an optional group (``contact.organisatie``) is not: Decap would then refuse every practice without contact.
    """
    node = schema.resolve(node)
    result: dict[str, Any] = {"label": str(node.get("title", name)), "name": name, "required": required}
    if node.get("description"):
        result["hint"] = str(node["description"])
    result.update(_widget(schema, node, name, required=required))
    return result


def body_field() -> dict[str, Any]:
    return {
        "label": "Het verhaal",
        "name": "body",
        "widget": "markdown",
        "required": False,
        "hint": "Het verhaal van de praktijk, in gewone tekst. Links mogen (https://, http:// of mailto:), "
                "afbeeldingen en HTML niet.",
        "editor_components": BODY_EDITOR_COMPONENTS,
    }


def _widget(schema: Schema, node: dict[str, Any], name: str, *, required: bool) -> dict[str, Any]:
    kind = node.get("type")
    choices = choices_of(node)
    if choices:
        return {"widget": "select", "options": _options(node)}
    if kind == "array" and isinstance(node.get("items"), dict):
        return _list_widget(schema, node, name)
    if kind == "object":
        inner_required = set(node.get("required", [])) if required else set()
        return {"widget": "object", "fields": [field(schema, key, child, required=key in inner_required)
                                               for key, child in node.get("properties", {}).items()]}
    if kind == "integer":
        limits = {key: int(node[name]) for key, name in (("min", "minimum"), ("max", "maximum")) if name in node}
        return {"widget": "number", "value_type": "int", "step": 1, **limits}
    if node.get("format") == "date":
        # Today as default only where a date is required (bijgewerkt): an optional date with a default (a source's
        # 'geraadpleegd') would make Decap add an item that is not filled in, and refuse to publish it.
        today = {"default": "{{now}}"} if required else {}
        return {"widget": "datetime", "format": DATE_FORMAT, "date_format": DATE_FORMAT, "time_format": False,
                **today, **_pattern(node)}
    long_text = int(node.get("maxLength", 0)) > LONG_TEXT and not _is_anchored(node)
    return {"widget": "text" if long_text else "string", **_pattern(node)}


def _list_widget(schema: Schema, node: dict[str, Any], name: str) -> dict[str, Any]:
    items = schema.resolve(node["items"])
    limits = {"max": int(node["maxItems"])} if "maxItems" in node else {}
    if choices_of(items):
        return {"widget": "select", "multiple": True, "options": _options(items), **limits}
    if items.get("type") == "object":
        item_required = set(items.get("required", []))  # an item exists only once added: then its own fields are required
        item_fields = [field(schema, key, child, required=key in item_required) for key, child in items["properties"].items()]
        first = item_fields[0]["name"]
        return {"widget": "list", "summary": "{{fields." + first + "}}", "fields": item_fields, **limits}
    title = str(node.get("title", name))
    return {"widget": "list", "field": field(schema, "tekst", {**items, "title": title}, required=True), **limits}


def _options(node: dict[str, Any]) -> list[dict[str, str]]:
    return [{"label": choice.label, "value": choice.value} for choice in choices_of(node)]


def _is_anchored(node: dict[str, Any]) -> bool:
    """A pattern that describes the whole value (a date, a link, an e-mail address) rather than "not blank"."""
    return str(node.get("pattern", "")).startswith("^")


def _pattern(node: dict[str, Any]) -> dict[str, Any]:
    """Decap checks a pattern only on filled-in values, with a message of our own: the schema's hint."""
    if not _is_anchored(node):
        return {}
    message = str(node.get("x-hint") or node.get("description") or "")
    return {"pattern": [str(node["pattern"]), message]}


def config_yaml(config: dict[str, Any]) -> str:
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False, default_flow_style=False, width=120)


def admin_page(env: jinja2.Environment, *, site_name: str) -> str:
    """The page that loads the bundle from the site itself; Decap reads ``config.yml`` next to it."""
    return env.get_template("praktijkbank/admin/index.html.j2").render(
        site_name=site_name, config=posix_name(CONFIG), bundle=posix_name(BUNDLE))


def posix_name(src_uri: str) -> str:
    """The file name of a site path, for links between files in the same folder."""
    return src_uri.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class AdminDecision:
    """Whether a site gets the admin, with its folders and bundle, and what to tell the site's maintainer.

    ``error`` (the site asked for the admin with ``decap: true`` and cannot have it) stops the build; ``notes`` are
    ``(level, message)`` pairs, level ``"info"`` or ``"warning"``. Messages are Dutch, without the plugin's prefix.
    """

    build: bool
    repo: str | None = None
    bundle: Path | None = None
    practices_folder: str = ""
    media_folder: str = ""
    error: str | None = None
    notes: tuple[tuple[str, str], ...] = ()


def admin_decision(setting: str | bool, *, repo_url: str | None, root: Path, practices_dir: Path, docs_dir: Path,
                   base_url: str, local_backend: bool | str) -> AdminDecision:
    """The ``decap`` policy: ``auto`` with a GitHub ``repo_url`` and a login service (``decap_base_url``, or the local
    backend); ``true`` requires the admin; ``false`` never. Optional, since its bundle comes from ``npm install``."""
    github = github_repository(repo_url)
    repo = github.full_name if github is not None else None
    if setting is False or (setting == "auto" and repo is None):
        return AdminDecision(False)

    def skip(reason: str, level: str = "info", advice: str = "") -> AdminDecision:
        if setting is True:
            return AdminDecision(False, error=f"'decap: true' vraagt om een redactieomgeving, maar {reason}.")
        return AdminDecision(False, notes=((level, f"de redactieomgeving (Decap CMS) wordt niet gebouwd: {reason}{advice}."),))

    bundle = find_bundle(root)
    if bundle is None:
        return skip(f"{NPM_BUNDLE.as_posix()} ontbreekt; 'npm install' in {root} installeert het")
    try:
        practices = practices_dir.resolve().relative_to(root.resolve()).as_posix()
        docs = docs_dir.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return skip("practices_dir en docs_dir moeten in de map van mkdocs.yml staan")
    if not (base_url or local_backend):
        # Without a login service, Decap would send every editor to Netlify's, which this site never set up.
        return skip("er is geen inlogdienst ingesteld. Zet decap_base_url op de dienst die GitHub-tokens uitgeeft "
                    "(zie CONTRIBUTING.md) of decap_local_backend om op deze computer te werken",
                    "warning", "; of zet 'decap: false'")
    notes: tuple[tuple[str, str], ...] = ()
    if repo is None and not local_backend:
        notes = (("info", "de redactieomgeving kan pas inloggen bij GitHub als repo_url naar een GitHub-repository wijst."),)
    return AdminDecision(True, repo, bundle, practices, f"{docs}/assets/redactie", notes=notes)
