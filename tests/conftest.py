"""Shared fixtures: real sites built in temporary folders, and the command line run as users run it."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import (
    CHROMIUM,
    CHROMIUM_ARGS,
    FIXTURES,
    MINIMAL_PRACTICE,
    PRAKTIJKBANK,
    REPO,
    Built,
    build_copy,
    build_site,
    configure,
    copy_root,
    mkdocs_in_process,
    require_chromium,
    run,
    share_pdf_cache,
    very_long_practice,
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of this repository's site (config, docs, schema, practices) in a temporary folder."""
    target = tmp_path / "project"
    target.mkdir()
    for name in ("docs", "schema", "practices"):
        shutil.copytree(REPO / name, target / name)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    share_pdf_cache(target)
    return target


@pytest.fixture
def empty_project(project: Path) -> Path:
    """The same site without any practice examples."""
    for path in (project / "practices").glob("*.md"):
        path.unlink()
    return project


@pytest.fixture
def check() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run ``praktijkbank check`` with arguments, from a folder (default: the repository)."""

    def _check(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
        return run([*PRAKTIJKBANK, "check", *args], cwd)

    return _check


@pytest.fixture
def mkdocs_build() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run ``mkdocs build`` in a project folder, writing to ``site/`` there: MkDocs's own command, in this process
    (tests/site/test_build.py::test_the_real_command_builds_the_site runs it as a program)."""

    def _build(project_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
        return mkdocs_in_process(project_dir, *args)

    return _build


@pytest.fixture
def built_site(project: Path, mkdocs_build: Callable[..., subprocess.CompletedProcess[str]]) -> Path:
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


# -- browser tests ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def sheets_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This site with three practices of its own besides the seeds: one that describes almost nothing, a complete one
    and one with every field near its limit. Built once, for the tests that measure sheets on paper (here, in the
    PDFs, and in Chromium: tests/browser/test_browser_pages.py)."""

    def add_practices(project: Path) -> None:
        shutil.copy(FIXTURES / "valid" / "complete-practice.md", project / "practices" / "compleet.md")
        (project / "practices" / "bijna-leeg.md").write_text(MINIMAL_PRACTICE.format(titel="Bijna leeg"), encoding="utf-8")
        (project / "practices" / "heel-lang.md").write_text(very_long_practice(), encoding="utf-8")

    return build_copy(tmp_path_factory.mktemp("sheets"), add_practices)


@pytest.fixture
def site_build(tmp_path: Path) -> Callable[..., Built]:
    """Build a named test site (tests/roots/<name>, or "repository") in this process; see tests/roots/README.md.

    Keyword arguments are plugin options; ``config`` holds top-level MkDocs settings, ``practices`` extra practice
    files by name, ``prepare`` a function that may change the copied project before the build.
    """
    count = 0

    def _build(root: str, *, config: dict[str, Any] | None = None, practices: dict[str, str] | None = None,
               prepare: Callable[[Path], None] | None = None, strict: bool = True, **plugin_options: Any) -> Built:
        nonlocal count
        count += 1
        project = copy_root(root, tmp_path / f"{root}-{count}")
        configure(project, plugin_options, config or {})
        for name, text in (practices or {}).items():
            (project / "practices" / f"{name}.md").write_text(text, encoding="utf-8")
        if prepare:
            prepare(project)
        return build_site(project, strict=strict)

    return _build
