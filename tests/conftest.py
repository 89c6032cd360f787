"""Shared fixtures: real sites built in temporary folders, and the command line run as users run it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
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
