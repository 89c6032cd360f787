"""The code stays lint-clean: ruff and mypy run with the project's settings from pyproject.toml; wings import only the wings below."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import REPO


def test_ruff_finds_nothing() -> None:
    beside_python = Path(sys.executable).parent / "ruff"
    ruff = str(beside_python) if beside_python.exists() else shutil.which("ruff")
    if not ruff:
        pytest.skip("ruff is not installed (make test installs it)")
    result = subprocess.run([ruff, "check", "plugins", "tests"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_mypy_finds_nothing() -> None:
    """Strict on core, reading, checking and runtime, default settings for the rest ([tool.mypy] in pyproject.toml)."""
    beside_python = Path(sys.executable).parent / "mypy"
    mypy = str(beside_python) if beside_python.exists() else shutil.which("mypy")
    if not mypy:
        if os.environ.get("CI"):
            pytest.fail("mypy is not installed, but CI must type-check (pip install -e '.[test]')")
        pytest.skip("mypy is not installed (make test installs it)")
    result = subprocess.run([mypy], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


#: Which wings each wing may import (besides itself). The arrows of the architecture: read -> check -> pages ->
#: the adapter and the CLI on top. `site.py` may use every wing; `plugin/` and `cli/` anything but each other.
ALLOWED = {
    "core": set(),
    "runtime": set(),
    "reading": {"core"},
    "checking": {"core", "reading", "runtime"},
    "pages": {"core", "runtime"},
    "search": {"core", "runtime"},
    "worksheets": {"core", "runtime", "pages"},
    "publishing": {"core", "runtime", "pages", "worksheets"},
    "contribute": {"core", "reading", "checking", "pages", "runtime"},
    "site": {"core", "reading", "checking", "pages", "search", "worksheets", "publishing", "contribute", "runtime"},
    "cli": {"core", "reading", "checking", "pages", "search", "worksheets", "publishing", "contribute", "runtime", "site"},
}
ALLOWED["plugin"] = ALLOWED["cli"] - {"cli"} | {"site"}
PACKAGE = REPO / "plugins" / "praktijkbank"


def imported_modules(path: Path) -> Iterator[tuple[int, str]]:
    """Every module a file imports, with its line: ``from a.b import c`` names a.b and a.b.c (c may be a module)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.lineno, node.module
            yield from ((node.lineno, f"{node.module}.{alias.name}") for alias in node.names)
        elif isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level:
            yield node.lineno, "." * node.level + (node.module or "")


def wing_of(path: Path) -> str:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def test_each_wing_imports_only_the_wings_below_it() -> None:
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        wing = wing_of(path)
        for line, module in imported_modules(path):
            where = f"{path.relative_to(REPO)}:{line}"
            if module.startswith("."):
                wrong.append(f"{where} imports relatively ({module}): the package uses absolute imports")
            parts = module.split(".")
            if parts[0] == "mkdocs" and wing != "plugin":
                wrong.append(f"{where} imports {module}: only praktijkbank.plugin may import MkDocs")
            other = parts[1] if parts[0] == "praktijkbank" and len(parts) > 1 else ""
            if other in ALLOWED and wing in ALLOWED and other != wing and other not in ALLOWED[wing]:
                wrong.append(f"{where} imports {module}: {wing} may import only {sorted(ALLOWED[wing]) or 'nothing'}")
    assert wrong == []


def test_every_module_belongs_to_a_wing() -> None:
    loose = [path.name for path in PACKAGE.glob("*.py") if path.stem not in ("__init__", "__main__", "site")]
    assert loose == []
    assert {path.name for path in PACKAGE.iterdir() if path.is_dir() and (path / "__init__.py").exists()} == set(ALLOWED) - {"site"}


def test_nothing_but_the_adapter_loads_mkdocs() -> None:
    """Importing every module outside `praktijkbank.plugin` (the CLI included) leaves MkDocs unloaded, so the checker and
    the core run without it and survive the end of Material for MkDocs 9."""
    modules = sorted(".".join(("praktijkbank", *path.relative_to(PACKAGE).with_suffix("").parts))
                     for path in PACKAGE.rglob("*.py") if wing_of(path) != "plugin" and path.stem != "__main__")
    modules = [name.removesuffix(".__init__") for name in modules]
    code = (f"import sys, importlib; [importlib.import_module(m) for m in {modules!r}]; "
            "sys.exit(sorted(m for m in sys.modules if m == 'mkdocs' or m.startswith('mkdocs.'))[:3] or 0)")
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
