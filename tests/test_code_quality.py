"""The code stays lint-clean: ruff runs with the project's settings from pyproject.toml."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO


def test_ruff_finds_nothing() -> None:
    beside_python = Path(sys.executable).parent / "ruff"
    ruff = str(beside_python) if beside_python.exists() else shutil.which("ruff")
    if not ruff:
        pytest.skip("ruff is not installed (make test installs it)")
    result = subprocess.run([ruff, "check", "plugins", "tests"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_package_imports_without_mkdocs_for_the_core() -> None:
    """The core (loading, validation, rendering) must not need MkDocs; only the adapter may.

    The adapter is plugin.py, its settings (config.py), premade.py, which converts pages with MkDocs's own code, and
    linkedfile.py, which links PDF cache entries into the site as MkDocs files.
    """
    core = [path.stem for path in (REPO / "plugins" / "praktijkbank").glob("*.py")
            if path.stem not in ("plugin", "config", "premade", "linkedfile", "__main__", "__init__")]
    imports = ", ".join(f"praktijkbank.{name}" for name in core)
    code = f"import sys, {imports}; sys.exit(1 if any(m == 'mkdocs' or m.startswith('mkdocs.') for m in sys.modules) else 0)"
    assert subprocess.run([sys.executable, "-c", code], cwd=REPO).returncode == 0
