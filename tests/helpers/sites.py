"""Building small named test sites in this process, as the `site_build` fixture does.

A build in a subprocess pays for a new interpreter, MkDocs, Material and the plugin on every call; a build in process
pays once per test session. The command line contract (exit codes, messages as a user sees them in the terminal) keeps
its subprocess tests; everything else that only needs a built site uses this.

Every copied site shares one PDF cache folder per session (`running.share_pdf_cache`): a sheet with the same HTML is
rendered once, as on a site whose workflow keeps its cache. Tests about the cache itself start from an empty one.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import subprocess
import traceback
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tests.helpers.running import REPO, share_pdf_cache

ROOTS = Path(__file__).resolve().parents[1] / "roots"
REPOSITORY = "repository"


@dataclass
class Built:
    """One finished (or stopped) build: where it happened, what it logged and how it ended."""

    project: Path
    site: Path
    messages: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def warnings(self) -> list[str]:
        return [message.split(" ", 1)[1] for message in self.messages if message.startswith("WARNING ")]

    def page(self, *parts: str) -> str:
        """The HTML of a page by its folder (``"praktijken/compleet"``), or of a file when the last part has a suffix."""
        path = self.site.joinpath(*parts)
        return (path if path.suffix else path / "index.html").read_text(encoding="utf-8")


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname} {record.getMessage()}")


@contextlib.contextmanager
def _collected(logger: logging.Logger) -> Iterator[_Collect]:
    handler = _Collect()
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.INFO)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def copy_root(root: str, target: Path) -> Path:
    """A named site (a folder in tests/roots, or this repository's own site) copied to ``target``, with the schema."""
    target.mkdir(parents=True, exist_ok=True)
    source = REPO if root == REPOSITORY else ROOTS / root
    for name in ("docs", "practices"):
        if (source / name).exists():
            shutil.copytree(source / name, target / name)
    shutil.copytree(REPO / "schema", target / "schema")
    shutil.copy(source / "mkdocs.yml", target / "mkdocs.yml")
    share_pdf_cache(target)
    return target


def configure(project: Path, plugin_options: dict[str, Any], config: dict[str, Any]) -> None:
    """Change the site's mkdocs.yml: options of the praktijkbank plugin, and top-level settings."""
    path = project / "mkdocs.yml"
    settings = yaml.safe_load(path.read_text(encoding="utf-8"))
    for entry in settings["plugins"]:
        if isinstance(entry, dict) and "praktijkbank" in entry:
            entry["praktijkbank"] = {**(entry["praktijkbank"] or {}), **plugin_options}
    settings.update(config)
    path.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")


def build_site(project: Path, *, strict: bool = True) -> Built:
    """Build ``project`` in this process with MkDocs's own build command; a stopped build is returned, not raised."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    site = project / "site"
    built = Built(project, site)
    with _collected(logging.getLogger("mkdocs")) as log:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=strict)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        except MkDocsException as exc:  # Abort included: what `mkdocs build` prints as its last line
            built.error = str(exc) or type(exc).__name__
        finally:
            config.plugins.on_shutdown()
    built.messages = [_plain(message) for message in log.messages]
    return built


def _plain(message: str) -> str:
    """Log lines without the ANSI colours a plugin logger may add."""
    return re.sub(r"\x1b\[[0-9;]*m", "", message)


def mkdocs_in_process(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``mkdocs build`` with these arguments, run from ``project`` by MkDocs's own command line code in this process.

    The same click command, options, log handler and format as in a terminal, without a new interpreter per build.
    An exception that the command would have printed as a traceback is put into ``stderr`` as one, with exit code 1,
    so tests that look for tracebacks still see them.
    """
    from click.testing import CliRunner
    from mkdocs.__main__ import cli

    command = ["build", "--site-dir", str(project / "site"), *args]
    with contextlib.chdir(project), _environment(NO_MKDOCS_2_WARNING="1"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = CliRunner().invoke(cli, command, catch_exceptions=True)
    stderr = result.stderr
    code = result.exit_code
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        stderr += "Traceback (most recent call last):\n" + "".join(traceback.format_exception(result.exception))
        code = 1
    return subprocess.CompletedProcess(["mkdocs", *command], code, result.stdout, stderr)


@contextlib.contextmanager
def _environment(**values: str) -> Iterator[None]:
    old = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in old.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
