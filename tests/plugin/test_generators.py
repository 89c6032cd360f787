"""The site is the same whether MkDocs 1.6 or ProperDocs builds it.

ProperDocs (PyPI ``properdocs``) is a maintained fork of MkDocs 1.6 that runs the same plugins and themes: its
command ``properdocs`` makes every ``mkdocs.*`` import stand for its own ``properdocs.*`` module
(``properdocs.replacement``), loads plugins from the ``mkdocs.plugins`` entry points as well as its own
``properdocs.plugins``, and themes such as Material from ``mkdocs.themes``. These tests install it in a virtual
environment of its own that holds nothing but ProperDocs and sees every other package in the environment that runs
the tests (a ``.pth`` file adds that environment's site-packages after its own), so that the generator is the only
difference and nothing else is installed twice. The test environment's ``pip freeze`` constrains the install.

Installing needs the package index (or pip's cache). Locally the tests are skipped when that fails; in CI
(``CI=true``) they fail instead. ``-m "not generators"`` leaves them out.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

import pytest
import yaml

from tests.helpers import REPO, snapshot

pytestmark = pytest.mark.generators

#: The generator tag in Material's ``<head>``: ``mkdocs-1.6.1, ...`` under MkDocs, ``mkdocs-ProperDocs 1.6.7, ...``
#: under ProperDocs (which hands the theme its own name as ``mkdocs_version``). That the tag names the generator is
#: the point of it, so it is the one thing in the site allowed to differ.
GENERATOR_TAG = re.compile(rb'<meta name="generator" content="[^"]*">')

#: Run ProperDocs as its command does, and write down which modules of the real ``mkdocs`` package were imported
#: (Material declares MkDocs as a dependency, so it is installed, but under ProperDocs nothing may use it).
RUN_PROPERDOCS = """
import atexit, json, os, runpy, sys
from importlib import metadata

def report():
    try:
        real = os.path.realpath(str(metadata.distribution("mkdocs").locate_file("mkdocs"))) + os.sep
    except metadata.PackageNotFoundError:
        real = None
    loaded = sorted(name for name, module in list(sys.modules.items())
                    if real and os.path.realpath(getattr(module, "__file__", None) or "").startswith(real))
    with open(os.environ["PRAKTIJKBANK_MODULES_REPORT"], "w", encoding="utf-8") as out:
        json.dump(loaded, out)

atexit.register(report)
sys.argv = ["properdocs", *sys.argv[1:]]
runpy.run_module("properdocs", run_name="__main__", alter_sys=True)
"""

#: A ProperDocs build with the thresholds lowered so that forked workers convert the practice pages (as with 200 or
#: more practices); prints how many pages the workers converted, then lets ProperDocs's command run.
RUN_PROPERDOCS_FORKED = """
import sys
import properdocs.replacement  # what the properdocs command imports first
from praktijkbank.runtime import forked
from praktijkbank.plugin import conversion as premade

forked.usable_cpus = lambda: 2
forked.PAGES_MIN = forked.CONVERSION_MIN = 2
map_forked = forked.map_forked

def counting(work, items, count, **kwargs):
    result = map_forked(work, items, count, **kwargs)
    if kwargs.get("chunk_size") == premade.CHUNK_SIZE and result is not None:
        print("converted by workers:", len(result), flush=True)
    return result

forked.map_forked = counting
from properdocs.__main__ import cli
cli.main(args=sys.argv[1:], prog_name="properdocs")
"""

#: What a conversion ahead (premade.py) records of the generator's log under ProperDocs.
CONVERT_UNDER_PROPERDOCS = """
import json
import properdocs.replacement
from mkdocs.config import load_config
from mkdocs.structure.files import Files
from praktijkbank.plugin import conversion as premade

made = premade.convert_one("praktijken/x.md", "Zie [elders](elders.md).\\n", load_config("mkdocs.yml"), Files([]))
print(json.dumps(made.log))
"""


def run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run a build as ``conftest.run`` does, with more environment variables."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore", **env}
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=environment, timeout=600)


def _constraints() -> str:
    """This environment's versions, for the ProperDocs environment (editable and direct-URL installs left out)."""
    frozen = subprocess.run([sys.executable, "-m", "pip", "freeze", "--exclude-editable", "--disable-pip-version-check"],
                            capture_output=True, text=True, timeout=120, check=True).stdout
    return "".join(line + "\n" for line in frozen.splitlines()
                   if line and not line.startswith(("-", "#")) and " @ " not in line and not line.startswith("praktijkbank=="))


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"ProperDocs could not be installed in CI: {reason}")
    pytest.skip(f"ProperDocs could not be installed: {reason}")


@pytest.fixture(scope="session")
def properdocs_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Python of a virtual environment with ProperDocs, seeing this one's packages; made once and reused.

    It lives in ``.venv/properdocs`` when the tests run from the Makefile's ``.venv`` (``make clean`` removes it), and
    is made again when this environment's versions or ``pyproject.toml`` change.
    """
    home = REPO / ".venv"
    venv = home / "properdocs" if Path(sys.prefix).resolve() == home.resolve() else tmp_path_factory.mktemp("properdocs")
    python = venv / "bin" / "python"
    constraints = _constraints()
    stamp = hashlib.sha256((constraints + (REPO / "pyproject.toml").read_text(encoding="utf-8")).encode()).hexdigest()
    stamp_file = venv / ".praktijkbank-stamp"
    if python.exists() and stamp_file.exists() and stamp_file.read_text(encoding="utf-8") == stamp:
        return python
    shutil.rmtree(venv, ignore_errors=True)
    made = subprocess.run([sys.executable, "-m", "venv", str(venv)], capture_output=True, text=True, timeout=300)
    if made.returncode != 0:
        _unavailable(made.stderr.strip().splitlines()[-1] if made.stderr.strip() else "python -m venv failed")
    _see_this_environment(python)
    constraints_file = venv / "constraints.txt"
    constraints_file.write_text(constraints, encoding="utf-8")
    try:
        installed = subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-c", str(constraints_file),
             *_properdocs_requirements()],
            capture_output=True, text=True, timeout=900)
    except subprocess.TimeoutExpired:
        _unavailable("pip install took longer than 15 minutes")
    if installed.returncode != 0:
        lines = [line.strip() for line in installed.stderr.splitlines() if line.strip() and "is ignored" not in line]
        errors = [line for line in lines if line.startswith("ERROR")]  # pip's own words, before a build's traceback
        _unavailable(" / ".join(errors[:3] or lines[-3:]) or "pip install failed")
    stamp_file.write_text(stamp, encoding="utf-8")
    return python


def _see_this_environment(python: Path) -> None:
    """Let the new environment import every package of this one (this project's editable install included), after its
    own: ``site.addsitedir`` in a ``.pth`` file also reads that folder's ``.pth`` files, as Python does at startup."""
    own = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                         capture_output=True, text=True, timeout=60, check=True).stdout.strip()
    this = sysconfig.get_paths()["purelib"]
    (Path(own) / "zz-praktijkbank-tests.pth").write_text(f"import site; site.addsitedir({this!r})\n", encoding="utf-8")


def _properdocs_requirements() -> list[str]:
    """ProperDocs as ``pyproject.toml`` asks for it (its ``properdocs`` extra)."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    return list(project["project"]["optional-dependencies"]["properdocs"])


def _full_site(project: Path) -> None:
    """Everything the plugin can make: absolute addresses (site_url), edit links and the Decap admin (repo_url)."""
    config_path = project / "mkdocs.yml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    config["site_url"] = "https://praktijkbank.example/"
    config["repo_url"] = "https://github.com/voorbeeld/praktijkbank"
    config["edit_uri"] = "edit/main/docs/"
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "praktijkbank" in plugin:
            plugin["praktijkbank"]["decap_base_url"] = "https://inloggen.example.org"
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    if (REPO / "node_modules" / "decap-cms").is_dir():
        (project / "node_modules").symlink_to(REPO / "node_modules", target_is_directory=True)


def test_mkdocs_and_properdocs_build_the_same_site(project: Path, properdocs_python: Path, tmp_path: Path) -> None:
    _full_site(project)
    # Each build in a folder of its own, so that neither reuses what the other left (such as cached PDFs).
    twin = tmp_path / "twin"
    shutil.copytree(project, twin, symlinks=True)
    by_mkdocs, by_properdocs = project / "site-mkdocs", twin / "site-properdocs"
    built = run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(by_mkdocs)], project)
    assert built.returncode == 0, built.stderr
    report = tmp_path / "modules.json"
    # -f: ProperDocs looks for properdocs.yml first and asks to rename mkdocs.yml unless it is named.
    built = run([str(properdocs_python), "-c", RUN_PROPERDOCS, "build", "--strict", "-f", "mkdocs.yml",
                 "--site-dir", str(by_properdocs)], twin, PRAKTIJKBANK_MODULES_REPORT=str(report))
    assert built.returncode == 0, built.stderr
    assert json.loads(report.read_text(encoding="utf-8")) == []  # MkDocs itself never ran

    # Pagefind's filter files differ from run to run under one generator too (see test_reproducible); the fragments,
    # which hold each page's filters as well as its text, are compared.
    first, second = snapshot(by_mkdocs), snapshot(by_properdocs)
    assert sorted(first) == sorted(second)
    tags: dict[str, set[bytes]] = {"mkdocs": set(), "properdocs": set()}
    different = []
    for name in first:
        if first[name] == second[name]:
            continue
        tags["mkdocs"].update(GENERATOR_TAG.findall(first[name]))
        tags["properdocs"].update(GENERATOR_TAG.findall(second[name]))
        if GENERATOR_TAG.sub(b"", first[name]) != GENERATOR_TAG.sub(b"", second[name]):
            different.append(name)
    assert different == []
    # The tag is the only difference, and it is on every page the theme made (worksheets, data and the admin have none).
    theme_pages = [name for name in first if name.endswith(".html") and GENERATOR_TAG.search(first[name])]
    assert theme_pages and all(first[name] != second[name] for name in theme_pages)
    (by_mk,), (by_pd,) = tags["mkdocs"], tags["properdocs"]
    assert b"mkdocs-1.6" in by_mk and b"ProperDocs" in by_pd, (by_mk, by_pd)
    # The comparison covered the plugin's own files, not only the theme's pages.
    assert "sitemap.xml" in first and any(name.startswith("pagefind/fragment/") for name in first)
    assert any(name.endswith("/werkblad/index.html") for name in first)
    assert "admin/config.yml" in first or not (project / "node_modules").exists()
    assert any(name.endswith(".pdf") for name in first)  # both environments have WeasyPrint (the 'pdf' extra)


def test_a_stopped_build_ends_in_dutch_with_properdocs(project: Path, properdocs_python: Path) -> None:
    practice = sorted((project / "practices").glob("*.md"))[0]
    practice.write_text(practice.read_text(encoding="utf-8").replace("titel:", "tittel:", 1), encoding="utf-8")
    built = run([str(properdocs_python), "-m", "properdocs", "build", "-f", "mkdocs.yml",
                 "--site-dir", str(project / "site")], project)
    assert built.returncode == 1
    lines = [line for line in built.stderr.splitlines() if line.strip()]
    assert "Traceback" not in built.stderr and not any("Aborted" in line for line in lines), lines
    assert lines[-1].startswith("praktijkbank: de site is niet gebouwd, want niet alle praktijkvoorbeelden zijn in orde")
    assert any(practice.name in line and "tittel" in line for line in lines), lines


def test_forked_workers_and_strict_warnings_with_properdocs(project: Path, properdocs_python: Path) -> None:
    """Practice pages converted by forked workers: their warnings still stop a strict ProperDocs build."""
    practice = sorted((project / "practices").glob("*.md"))[0]
    practice.write_text(practice.read_text(encoding="utf-8")
                        + "\nZie ook [het doel](#doel) en [iets dat er niet is](#bestaat-niet).\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nvalidation:\n  anchors: warn\n", encoding="utf-8")
    args = [str(properdocs_python), "-c", RUN_PROPERDOCS_FORKED, "build", "-f", "mkdocs.yml"]
    practices = len(list((project / "practices").glob("*.md")))

    built = run([*args, "--site-dir", str(project / "site")], project)
    assert built.returncode == 0, built.stderr
    assert f"converted by workers: {practices}" in built.stdout
    assert "#bestaat-niet" in built.stderr and "'#doel'" not in built.stderr

    strict = run([*args, "--strict", "--site-dir", str(project / "strict")], project)
    assert strict.returncode == 1, strict.stderr
    assert "#bestaat-niet" in strict.stderr
    assert strict.stderr.strip().splitlines()[-1].startswith("praktijkbank: de site is niet gebouwd: in strikte modus")


def test_a_conversion_ahead_records_what_properdocs_says(project: Path, properdocs_python: Path) -> None:
    converted = run([str(properdocs_python), "-c", CONVERT_UNDER_PROPERDOCS], project)
    assert converted.returncode == 0, converted.stderr
    log = json.loads(converted.stdout.strip().splitlines()[-1])
    assert [(name, level) for name, level, _ in log] == [("properdocs.structure.pages", 30)]
    assert "elders.md" in log[0][2] and "elders.md" not in converted.stderr  # recorded, not printed
