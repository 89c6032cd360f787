"""Shared fixtures: real sites built in temporary folders, and the command line run as users run it."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PRAKTIJKBANK = [sys.executable, "-m", "praktijkbank"]

MINIMAL_PRACTICE = """---
titel: {titel}
samenvatting: Een korte samenvatting van deze praktijk, lang genoeg om te lezen.
bijgewerkt: "2026-01-15"
---
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of this repository's site (config, docs, schema, practices) in a temporary folder."""
    target = tmp_path / "project"
    target.mkdir()
    for name in ("docs", "schema", "practices"):
        shutil.copytree(REPO / name, target / name)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    return target


@pytest.fixture
def empty_project(project: Path) -> Path:
    """The same site without any practice examples."""
    for path in (project / "practices").glob("*.md"):
        path.unlink()
    return project


def run(args: list[str], cwd: Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore"}
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env, timeout=300, **kwargs)  # type: ignore[call-overload]


@pytest.fixture
def check() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run ``praktijkbank check`` with arguments, from a folder (default: the repository)."""

    def _check(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
        return run([*PRAKTIJKBANK, "check", *args], cwd)

    return _check


@pytest.fixture
def mkdocs_build() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run ``mkdocs build`` in a project folder, writing to ``site/`` there."""

    def _build(project_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
        return run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(project_dir / "site"), *args], project_dir)

    return _build


@pytest.fixture
def built_site(project: Path, mkdocs_build: Callable[..., subprocess.CompletedProcess[str]]) -> Path:
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


# -- browser tests ---------------------------------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"


def pagefind_records(site: Path) -> list[dict[str, object]]:
    """What Pagefind stored for each indexed page (url, title, content, filters), read from its fragments."""
    records = []
    for fragment in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(b"pagefind_dcd"), fragment
        records.append(json.loads(data[len(b"pagefind_dcd"):]))
    return records


def require_chromium() -> None:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing in CI: .ci/run should have installed the Debian package 'chromium'")
        pytest.skip("Chromium is not installed (apt-get install chromium)")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve_directory(directory: Path) -> Iterator[str]:
    """Serve a built site on a free loopback port; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def build_copy(target: Path, prepare: Callable[[Path], None] | None = None) -> Path:
    """Copy this site to ``target``, let ``prepare`` change it, build it strictly; returns the site folder."""
    for name in ("docs", "schema", "practices"):
        shutil.copytree(REPO / name, target / name)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    if prepare:
        prepare(target)
    result = run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(target / "site")], target)
    assert result.returncode == 0, result.stderr
    return target / "site"


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


SETTLED = """state => Array.prototype.every.call(document.querySelectorAll("[data-pb-zoeken], [data-pb-overzicht]"),
    root => root.getAttribute("data-pb-state") === state)"""


def settled(page: object, state: str = "klaar") -> None:
    """Wait until the search page or the overview on ``page`` says it is done: ``data-pb-state`` is ``state``.

    The scripts set ``data-pb-state`` to "bezig" in the same event that starts a search, a filtering or a count update,
    and to "klaar" (or "fout") once its results, message and counts are all on the page. So after an action, this
    waits for that action's outcome, not for a moment in which the page happens to look finished. A page without
    either is settled at once.
    """
    page.wait_for_function(SETTLED, arg=state, timeout=15_000)  # type: ignore[attr-defined]


#: The WCAG 2.2 A and AA rules of axe-core (4.7+ knows 'wcag22aa', with `target-size`: targets of 24 by 24 CSS px).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(page: object) -> list[dict[str, object]]:
    """Run axe-core in the page for WCAG 2.2 A and AA (with 2.0 and 2.1); returns the violations."""
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail("axe-core is missing in CI: 'make test' should have installed it with npm")
        pytest.skip("axe-core is not installed (npm install)")
    page.add_script_tag(path=str(AXE))  # type: ignore[attr-defined]
    rules = page.evaluate("tags => axe.getRules(tags).map(rule => rule.ruleId)", ["wcag22aa"])  # type: ignore[attr-defined]
    assert "target-size" in rules, f"axe-core {page.evaluate('axe.version')} has no WCAG 2.2 rules: npm install"  # type: ignore[attr-defined]
    result = page.evaluate(  # type: ignore[attr-defined]
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [{"id": v["id"], "impact": v["impact"], "targets": [n["target"] for n in v["nodes"]]} for v in result["violations"]]
