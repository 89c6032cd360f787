"""The submission form, described from the schema: one view object per field, for the template and the script.

Generated from the same schema that ``check`` enforces, the form can never ask for a field the checker
refuses, or forget a vocabulary value it accepts. This module only describes; ``insturen.md.j2`` turns the
description into markup, and ``insturen.js`` reads the same description (as JSON in the page) to check input
the way the schema does and to write the practice file in the schema's field order.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from praktijkbank.contribute.browserrules import browser_rules
from praktijkbank.contribute.github import github_repository
from praktijkbank.core.fieldpath import Path as FieldPath
from praktijkbank.core.schema import Choice, Schema
from praktijkbank.core.slugs import MAX_SLUG_LENGTH, reserved_names
from praktijkbank.pages.urls import relative_file_url, relative_url

SCRIPT = "assets/praktijkbank/insturen.js"
STYLESHEET = "assets/praktijkbank/insturen.css"

#: Texts longer than this get a multi-line box instead of a one-line field.
_ONE_LINE_MAX = 200

#: A slash in a character class is fine for JSON Schema (ECMA-262 with the u flag) but not for the v flag that
#: browsers use for the HTML ``pattern`` attribute; an escaped slash means the same under every flag.
_BARE_SLASH = re.compile(r"(?<!\\)/")


#: Clauses of schema texts about YAML syntax, which the form writes itself.
_YAML_ADVICE = re.compile(r",? tussen aanhalingstekens|; gebruik voor meerdere regels '\|' achter de dubbele punt")


@dataclass(frozen=True)
class FormField:
    """One field of the form: a control, a group of fields (fieldset) or a repeatable group of fields."""

    key: str
    path: str  # dotted, as in check's messages: "hoe.knelpunten"
    id: str  # HTML id of the control (for a group: of its fieldset)
    kind: str  # text | textarea | number | date | url | email | select | checkboxes | lines | group | repeat
    title: str
    description: str
    required: bool  # required whenever its group is filled in (always, at the top level)
    hint: str = ""  # the schema's x-hint: how to write a valid value
    example: str = ""
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None  # the schema's pattern, searched as JSON Schema does
    html_pattern: str | None = None  # the same rule for the HTML pattern attribute (which must match the whole value)
    min_items: int | None = None
    max_items: int | None = None
    unique: bool = False
    item_max_length: int | None = None
    item_pattern: str | None = None
    minimum: int | None = None  # for numbers
    maximum: int | None = None
    choices: tuple[Choice, ...] = ()
    children: tuple[FormField, ...] = field(default=())

    @property
    def is_group(self) -> bool:
        return self.kind in ("group", "repeat")

    def spec(self) -> dict[str, Any]:
        """What the script needs to check and write this field; no texts that only the markup shows."""
        data: dict[str, Any] = {"key": self.key, "path": self.path, "id": self.id, "kind": self.kind, "title": self.title,
                                "required": self.required}
        for name in ("hint", "min_length", "max_length", "pattern", "min_items", "max_items", "item_max_length", "item_pattern",
                     "minimum", "maximum"):
            value = getattr(self, name)
            if value not in (None, ""):
                data[name] = value
        if self.unique:
            data["unique"] = True
        if self.choices:
            data["choices"] = [choice.value for choice in self.choices]
        if self.children:
            data["children"] = [child.spec() for child in self.children]
        return data


def html_pattern(pattern: str | None) -> str | None:
    """A JSON Schema pattern (found anywhere in the value) as an HTML pattern (which must match all of it)."""
    if not pattern:
        return None
    pattern = _BARE_SLASH.sub(r"\\/", pattern)
    if pattern.startswith("^") and pattern.endswith("$") and not pattern.endswith("\\$"):
        return pattern[1:-1]
    return f"[\\s\\S]*(?:{pattern})[\\s\\S]*"


def for_form(text: str) -> str:
    """A schema text without the advice that only applies to writing YAML by hand (quotes, '|'); the form does that."""
    return _YAML_ADVICE.sub("", text).strip()


def _example(node: dict[str, Any]) -> str:
    examples = node.get("examples")
    if isinstance(examples, list) and examples and isinstance(examples[0], str | int) and not isinstance(examples[0], bool):
        return str(examples[0])
    return ""


def _kind(node: dict[str, Any], choices: list[Choice], item: dict[str, Any]) -> str:
    node_type = node.get("type")
    if node_type == "object":
        return "group"
    if node_type == "array":
        if choices:
            return "checkboxes"
        return "repeat" if item.get("type") == "object" else "lines"
    if choices:
        return "select"
    if node_type == "integer":
        return "number"
    if node.get("format") == "date":
        return "date"
    pattern = str(node.get("pattern", ""))
    if "https?" in pattern:
        return "url"
    if "@" in pattern:
        return "email"
    return "textarea" if int(node.get("maxLength", 0)) > _ONE_LINE_MAX else "text"


def form_fields(schema: Schema) -> list[FormField]:
    """Every field of a practice in the schema's order (``x-volgorde`` at the top, property order below)."""

    def build(key: str, prefix: FieldPath, required: set[str]) -> FormField:
        path = (*prefix, key)
        node = schema.subschema(path) or {}
        choices = schema.choices(path)
        item = schema.resolve(node["items"]) if isinstance(node.get("items"), dict) else {}
        kind = _kind(node, choices, item)
        children: tuple[FormField, ...] = ()
        if kind == "group":
            children = tuple(build(name, path, set(schema.required(path))) for name in schema.properties(path))
        elif kind == "repeat":
            item_path = (*path, 0)
            children = tuple(build(name, item_path, set(schema.required(item_path))) for name in schema.properties(item_path))
        pattern = node.get("pattern") if kind not in ("group", "repeat", "lines", "checkboxes") else None
        return FormField(
            key=key,
            path=".".join(str(p) for p in path if not isinstance(p, int)),
            id="pb-veld-" + "-".join(str(p) for p in path if not isinstance(p, int)).replace("_", "-"),
            kind=kind,
            title=str(node.get("title", key)),
            description=for_form(str(node.get("description", ""))),
            required=key in required,
            hint=for_form(str(node.get("x-hint", ""))),
            example=_example(node),
            min_length=node.get("minLength"),
            max_length=node.get("maxLength"),
            pattern=pattern,
            html_pattern=html_pattern(pattern) if kind in ("text", "url", "email", "date") else None,
            min_items=node.get("minItems"),
            max_items=node.get("maxItems"),
            unique=bool(node.get("uniqueItems")),
            item_max_length=item.get("maxLength") if kind == "lines" else None,
            item_pattern=item.get("pattern") if kind == "lines" else None,
            minimum=node.get("minimum") if kind == "number" else None,
            maximum=node.get("maximum") if kind == "number" else None,
            choices=tuple(choices),
            children=children,
        )

    top_required = set(schema.required())
    return [build(key, (), top_required) for key in schema.field_order()]


#: A plain e-mail address, as a mailto: link needs it (no name, no angle brackets, no spaces).
_EMAIL = re.compile(r"^[^@\s<>\"(),;:]+@[^@\s<>\"(),;:]+\.[A-Za-z]{2,}$")


@dataclass(frozen=True)
class SubmissionRoutes:
    """The ways a contributor can send a practice in, as this site is configured."""

    repository: str | None = None  # the repository's web address (repo_url): linked wherever it is named
    fork: str | None = None  # GitHub's page to make one's own copy of it
    new_file: str | None = None  # GitHub's new-file page on the branch: the form's hand-off
    email: str | None = None  # the editorial team's address: the route without GitHub
    form_page: str = ""  # source path of the submission form ('' when the site has none)

    @property
    def any(self) -> bool:
        """Can a contributor without git send a file at all (other than by hand to someone they know)?"""
        return bool(self.new_file or self.email)


def submission_routes(repo_url: str | None, branch: str, email: str, form_page: str = "") -> SubmissionRoutes:
    """The routes from the settings; a malformed address is a ValueError with a Dutch message."""
    email = email.strip().removeprefix("mailto:")
    if email and not _EMAIL.match(email):
        raise ValueError(f"submission_email '{email}' is geen e-mailadres; schrijf alleen het adres, zoals redactie@organisatie.nl")
    github = github_repository(repo_url)
    repository = (repo_url or "").strip().rstrip("/") or None
    new_file, fork = (github.new_file_url(branch), github.fork_url) if github is not None else (None, None)
    return SubmissionRoutes(repository, fork, new_file, email or None, form_page)


def practices_folder(practices_dir: Path, repo_root: Path) -> str:
    """The practices folder relative to the repository root, as GitHub's file name needs it."""
    try:
        folder = practices_dir.resolve().relative_to(repo_root.resolve()).as_posix()
    except ValueError:
        folder = practices_dir.name
    return posixpath.normpath(folder).strip("/") if folder not in ("", ".") else ""


def render_submission_page(env: jinja2.Environment, schema: Schema, src_uri: str, *, use_directory_urls: bool,
                           contribute_page: str, checklist_page: str, github_base: str | None, folder: str,
                           email: str | None = None) -> str:
    """The Markdown source of the form page."""
    fields = form_fields(schema)
    spec = {
        "fields": [f.spec() for f in fields],
        "slug": {"max": MAX_SLUG_LENGTH, "reserved": reserved_names()},
        "folder": folder,
        "github": github_base,
        "email": email,
        "rules": browser_rules(),
    }
    template = env.get_template("praktijkbank/insturen.md.j2")
    return template.render(
        fields=fields,
        spec=spec,
        github=github_base,
        email=email,
        contribute_url=relative_url(src_uri, contribute_page, use_directory_urls) if contribute_page else None,
        checklist_url=relative_url(src_uri, checklist_page, use_directory_urls) if checklist_page else None,
        script_url=relative_file_url(src_uri, SCRIPT, use_directory_urls),
        stylesheet_url=relative_file_url(src_uri, STYLESHEET, use_directory_urls),
    )
