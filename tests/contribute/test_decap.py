"""The Decap CMS admin: a configuration generated from the schema, and an editor that writes valid practices."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from subprocess import CompletedProcess
from typing import Any

import pytest
import yaml
from praktijkbank.contribute import decap
from praktijkbank.core.schema import Schema

from tests.helpers import PRAKTIJKBANK, REPO, require_chromium, run, serve_directory

Build = Callable[..., CompletedProcess[str]]
SCHEMA = Schema.load(REPO / "schema" / "praktijkvoorbeeld.schema.json")
DECAP_SERVER = REPO / "node_modules" / "decap-server" / "dist" / "index.js"


def make_config(**overrides: Any) -> dict[str, Any]:
    options: dict[str, Any] = {"practices_folder": "practices", "media_folder": "docs/assets/redactie",
                               "backend": decap.Backend("voorbeeld/praktijkbank")}
    return decap.cms_config(SCHEMA, **{**options, **overrides})


def cms_fields(config: dict[str, Any]) -> dict[tuple[str, ...], dict[str, Any]]:
    """Every field of the practice collection by its path, in the shape of ``Schema.all_field_paths``."""
    found: dict[tuple[str, ...], dict[str, Any]] = {}

    def walk(fields: list[dict[str, Any]], prefix: tuple[str, ...]) -> None:
        for field in fields:
            path = (*prefix, field["name"])
            found[path] = field
            walk(field.get("fields", []), path)

    walk(config["collections"][0]["fields"], ())
    return found


# -- the generated configuration ------------------------------------------------------------------

def test_every_schema_field_is_a_cms_field_with_label_and_hint() -> None:
    fields = cms_fields(make_config())
    for path, node in SCHEMA.all_field_paths():
        assert path in fields, path
        assert fields[path]["label"] == node["title"]
        assert fields[path]["hint"] == node["description"]
    top_level = [f["name"] for f in make_config()["collections"][0]["fields"]]
    assert top_level == [*SCHEMA.field_order(), "body"]


def test_widgets_follow_the_kind_of_field() -> None:
    fields = cms_fields(make_config())
    widget = {path: field["widget"] for path, field in fields.items()}
    assert widget[("titel",)] == "string"
    assert widget[("samenvatting",)] == "text"
    assert widget[("waarom", "doel")] == "text"
    assert widget[("bronnen", "url")] == "string"
    assert widget[("netwerktype",)] == widget[("status",)] == "select"
    for name in ("regio", "themas", "doelgroepen"):
        assert fields[(name,)]["widget"] == "select" and fields[(name,)]["multiple"] is True
    for path in (("organisaties",), ("tips",), ("hoe", "succesfactoren"), ("hoe", "werkzame_elementen")):
        assert widget[path] == "list" and fields[path]["field"]["widget"] in ("string", "text"), path
    for path in (("hoe", "knelpunten"), ("bronnen",)):
        assert widget[path] == "list" and [f["name"] for f in fields[path]["fields"]] == SCHEMA.properties((*path, 0))
    for path in (("periode",), ("waarom",), ("hoe",), ("hoe", "randvoorwaarden"), ("perspectieven",), ("contact",)):
        assert widget[path] == "object", path
    date = fields[("bijgewerkt",)]
    assert (date["widget"], date["format"], date["date_format"], date["time_format"]) == ("datetime", "YYYY-MM-DD", "YYYY-MM-DD", False)
    assert "default" not in fields[("bronnen", "geraadpleegd")]  # an optional date: Decap would add an empty source
    number = fields[("omvang", "deelnemers")]
    assert (number["widget"], number["value_type"], number["min"]) == ("number", "int", 1)
    body = fields[("body",)]
    assert body["widget"] == "markdown" and body["editor_components"] == []  # no images, no raw blocks


def test_select_options_are_the_schema_vocabularies() -> None:
    fields = cms_fields(make_config())
    selects = [path for path, field in fields.items() if field["widget"] == "select"]
    assert sorted(selects) == sorted([("regio",), ("themas",), ("netwerktype",), ("doelgroepen",), ("status",)])
    for path in selects:
        expected = [{"label": c.label, "value": c.value} for c in SCHEMA.choices(path)]
        assert expected and fields[path]["options"] == expected, path


def test_required_flags_come_from_the_schema() -> None:
    fields = cms_fields(make_config())
    top_required = {path[0] for path, field in fields.items() if len(path) == 1 and field["required"]}
    assert top_required == set(SCHEMA.required())
    assert all(field["required"] is False for path, field in fields.items() if len(path) == 1 and path[0] not in top_required)
    # Inside list items the schema's own requirements hold: an item exists only once someone adds it.
    assert fields[("hoe", "knelpunten", "knelpunt")]["required"] is True
    assert fields[("hoe", "knelpunten", "aanpak")]["required"] is False
    assert fields[("bronnen", "titel")]["required"] is True and fields[("bronnen", "url")]["required"] is False  # printed sources
    # Required only within an optional group: the form must still save a practice without contact.
    assert fields[("contact", "organisatie")]["required"] is False


def test_formatted_fields_check_their_pattern_with_the_schema_hint() -> None:
    fields = cms_fields(make_config())
    assert fields[("contact", "email")]["pattern"] == [SCHEMA.subschema(("contact", "email"))["pattern"],  # type: ignore[index]
                                                       "Schrijf een e-mailadres zoals info@organisatie.nl."]
    assert "pattern" in fields[("periode", "van")] and "pattern" in fields[("bronnen", "url")]
    assert "pattern" not in fields[("titel",)]  # "not blank" is what `required` already says


def test_backend_workflow_and_collection() -> None:
    config = make_config(backend=decap.Backend("voorbeeld/praktijkbank", "productie", "https://auth.example.org"))
    assert config["backend"] == {"name": "github", "repo": "voorbeeld/praktijkbank", "branch": "productie",
                                 "base_url": "https://auth.example.org", "open_authoring": True}
    assert config["publish_mode"] == "editorial_workflow"
    assert config["locale"] == "nl"
    assert "local_backend" not in config
    collection = config["collections"][0]
    assert (collection["name"], collection["folder"], collection["format"], collection["extension"]) == (
        "praktijken", "practices", "frontmatter", "md")
    assert collection["create"] is True and collection["slug"] == "{{titel}}" and collection["identifier_field"] == "titel"
    assert make_config(local_backend=True)["local_backend"] is True
    assert make_config(local_backend="http://127.0.0.1:9000/api/v1")["local_backend"] == {"url": "http://127.0.0.1:9000/api/v1"}


def test_yaml_is_the_same_data() -> None:
    config = make_config(site_url="https://praktijkbank.example.org/")
    assert yaml.safe_load(decap.config_yaml(config)) == config


@pytest.mark.parametrize(("url", "repo"), [
    ("https://github.com/voorbeeld/praktijkbank", "voorbeeld/praktijkbank"),
    ("https://github.com/voorbeeld/praktijk.bank.git", "voorbeeld/praktijk.bank"),
    ("https://github.com/voorbeeld/praktijkbank/", "voorbeeld/praktijkbank"),
    ("https://github.com/voorbeeld/praktijkbank/tree/main", "voorbeeld/praktijkbank"),
    ("https://gitlab.com/voorbeeld/praktijkbank", None),
    ("https://github.example.org/voorbeeld/praktijkbank", None),
    ("https://github.com/voorbeeld", None),
    (None, None),
])
def test_the_admin_logs_in_to_the_repository_that_repo_url_names(url: str | None, repo: str | None, tmp_path: Path) -> None:
    """The admin reads repo_url with the same reader as the submission form (contribute/github.py)."""
    bundle = tmp_path / decap.NPM_BUNDLE
    bundle.parent.mkdir(parents=True)
    bundle.write_text("// decap", encoding="utf-8")
    decision = decap.admin_decision("auto", repo_url=url, root=tmp_path, practices_dir=tmp_path / "practices",
                                    docs_dir=tmp_path / "docs", base_url="https://inlog.example.org", local_backend=False)
    assert decision.build is (repo is not None)
    assert decision.repo == repo


# -- builds -----------------------------------------------------------------------------------------

def configure(project: Path, **plugin_options: Any) -> None:
    """Set praktijkbank options (and ``repo_url``, when given) in the project's ``mkdocs.yml``."""
    config_path = project / "mkdocs.yml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    repo_url = plugin_options.pop("repo_url", None)
    if repo_url:
        config["repo_url"] = repo_url
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "praktijkbank" in plugin:
            plugin["praktijkbank"].update(plugin_options)
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def link_bundle(project: Path) -> None:
    bundle = decap.find_bundle(REPO)
    if bundle is None:
        if os.environ.get("CI"):
            pytest.fail("decap-cms is missing in CI: 'make test' should have installed it with npm")
        pytest.skip("decap-cms is not installed (npm install)")
    (project / "node_modules").symlink_to(REPO / "node_modules", target_is_directory=True)


def test_build_writes_the_admin_with_repo_url(project: Path, mkdocs_build: Build) -> None:
    link_bundle(project)
    configure(project, repo_url="https://github.com/voorbeeld/praktijkbank", decap_base_url="https://inloggen.voorbeeld.nl")
    result = mkdocs_build(project, "--strict")
    assert result.returncode == 0, result.stderr
    admin = project / "site" / "admin"
    config = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"]["repo"] == "voorbeeld/praktijkbank" and config["backend"]["branch"] == "main"
    assert config["collections"][0]["folder"] == "practices"
    page = (admin / "index.html").read_text(encoding="utf-8")
    assert '<html lang="nl">' in page and '<script src="decap-cms.js"></script>' in page and "https://" not in page
    assert (admin / "decap-cms.js").stat().st_size == decap.find_bundle(REPO).stat().st_size  # type: ignore[union-attr]


def test_admin_is_left_out_without_repo_url_or_bundle(project: Path, mkdocs_build: Build) -> None:
    result = mkdocs_build(project, "--strict")  # the repository's own mkdocs.yml: no repo_url
    assert result.returncode == 0, result.stderr
    assert not (project / "site" / "admin").exists()
    configure(project, repo_url="https://github.com/voorbeeld/praktijkbank")  # no node_modules in the project
    result = mkdocs_build(project, "--strict")
    assert result.returncode == 0, result.stderr
    assert "redactieomgeving (Decap CMS) wordt niet gebouwd" in result.stderr and "npm install" in result.stderr
    assert not (project / "site" / "admin").exists()


def test_admin_without_a_login_service_is_left_out_with_a_warning(project: Path, mkdocs_build: Build) -> None:
    link_bundle(project)
    configure(project, repo_url="https://github.com/voorbeeld/praktijkbank")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert "redactieomgeving (Decap CMS) wordt niet gebouwd: er is geen inlogdienst ingesteld" in result.stderr
    assert "decap_base_url" in result.stderr and not (project / "site" / "admin").exists()
    assert mkdocs_build(project, "--strict").returncode != 0  # a strict build does not let it pass unseen
    configure(project, decap=True)
    forced = mkdocs_build(project)
    assert forced.returncode != 0 and "'decap: true' vraagt om een redactieomgeving" in forced.stderr


def test_decap_true_without_bundle_fails_clearly(project: Path, mkdocs_build: Build) -> None:
    configure(project, decap=True)
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert "'decap: true' vraagt om een redactieomgeving" in result.stderr and "npm install" in result.stderr


# -- end to end: the CMS writes a practice that passes the check --------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _written(path: Path) -> bool:
    """The file is there with its front matter closed: decap-server creates it before it writes the text."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return False
    return text.startswith("---") and "\n---" in text[3:]


@pytest.fixture
def decap_server(project: Path) -> Iterator[str]:
    """decap-server on loopback, writing straight into the project's files (its 'fs' mode); yields its API URL."""
    node = shutil.which("node")
    if node is None or not DECAP_SERVER.is_file():
        if os.environ.get("CI"):
            pytest.fail("node or decap-server is missing in CI: 'make test' should have installed it with npm")
        pytest.skip("decap-server is not installed (npm install)")
    port = free_port()
    env = {**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "GIT_REPO_DIRECTORY": str(project), "MODE": "fs",
           "LOG_LEVEL": "warn"}
    # The project folder as working directory: decap-server reads a .env from there, never from this repository.
    server = subprocess.Popen([node, str(DECAP_SERVER)], cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60  # a bound for a busy machine, not a wait: it answers as soon as it listens
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    # Stop it before reading: a server that is still starting never closes its output by itself.
                    server.kill()
                    output = server.communicate(timeout=10)[0].decode(errors="replace")
                    pytest.fail(f"decap-server did not start: {output}")
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}/api/v1"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


@pytest.mark.browser
def test_cms_creates_a_valid_practice(browser, project: Path, decap_server: str, mkdocs_build: Build,  # type: ignore[no-untyped-def]
                                      tmp_path: Path) -> None:
    require_chromium()
    link_bundle(project)
    configure(project, repo_url="https://github.com/voorbeeld/praktijkbank", decap_local_backend=decap_server)
    result = mkdocs_build(project, "--strict")
    assert result.returncode == 0, result.stderr
    before = set((project / "practices").glob("*.md"))
    outside: list[str] = []

    with serve_directory(project / "site") as url:
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.set_default_timeout(30_000)
        page.on("request", lambda request: outside.append(request.url)
                if not request.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None)
        try:
            page.goto(url + "admin/")
            page.get_by_role("button", name="Inloggen").click()
            page.get_by_text("Buurt in Bloei in Eindhoven").wait_for()  # the existing practices, read through decap-server
            page.goto(url + "admin/#/collections/praktijken/new")
            page.get_by_label("Titel", exact=True).fill("Leernetwerk Uit De Redactie")
            page.get_by_label("Samenvatting", exact=True).fill("Een praktijk die in de redactieomgeving is beschreven en bewaard.")
            page.get_by_label("Laatst bijgewerkt", exact=True).fill("2026-03-15")
            page.locator("[id^='netwerktype-field']").click()  # a react-select: open it, then pick the label
            page.get_by_text("Community of practice", exact=True).click()
            page.screenshot(path=str(tmp_path / "decap-editor.png"), full_page=False)
            page.get_by_role("button", name="Publiceer", exact=True).click()
            page.get_by_text("Publiceer nu", exact=True).click()
            created = project / "practices" / "leernetwerk-uit-de-redactie.md"
            deadline = time.monotonic() + 20  # a bound, not a wait: the loop ends once the whole file is written
            while not _written(created) and time.monotonic() < deadline:
                time.sleep(0.2)
        finally:
            page.screenshot(path=str(tmp_path / "decap-after.png"), full_page=False)
            page.close()

    assert set((project / "practices").glob("*.md")) - before == {created}
    text = created.read_text(encoding="utf-8")
    assert "titel: Leernetwerk Uit De Redactie" in text and "netwerktype: community-of-practice" in text, text
    checked = run([*PRAKTIJKBANK, "check", "--strict", str(created.relative_to(project))], project)
    assert checked.returncode == 0, checked.stdout + checked.stderr + text
    assert outside == []
