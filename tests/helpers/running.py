"""Running what users run: the command line, strict builds of a copy of this site, and reading what they made."""

from __future__ import annotations

import atexit
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


PRAKTIJKBANK = [sys.executable, "-m", "praktijkbank"]


MINIMAL_PRACTICE = """---
titel: {titel}
samenvatting: Een korte samenvatting van deze praktijk, lang genoeg om te lezen.
bijgewerkt: "2026-01-15"
---
"""


def run(args: list[str], cwd: Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore"}
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env, timeout=300, **kwargs)  # type: ignore[call-overload]


def pagefind_records(site: Path) -> list[dict[str, object]]:
    """What Pagefind stored for each indexed page (url, title, content, filters), read from its fragments."""
    records = []
    for fragment in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(b"pagefind_dcd"), fragment
        records.append(json.loads(data[len(b"pagefind_dcd"):]))
    return records


def build_copy(target: Path, prepare: Callable[[Path], None] | None = None) -> Path:
    """Copy this site to ``target``, let ``prepare`` change it, build it strictly; returns the site folder."""
    for name in ("docs", "schema", "practices"):
        shutil.copytree(REPO / name, target / name)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    share_pdf_cache(target)
    if prepare:
        prepare(target)
    from tests.helpers.sites import mkdocs_in_process

    result = mkdocs_in_process(target, "--strict")
    assert result.returncode == 0, result.stderr
    return target / "site"


_SESSION_PDF_CACHE: list[Path] = []


def share_pdf_cache(project: Path) -> None:
    """Point the project's default PDF cache (``.cache/praktijkbank/pdf``) at one folder for the whole test session.

    Copies of this site render the same worksheets over and over; with one cache a sheet whose HTML is the same is
    rendered once, as on a site whose workflow keeps the cache. Tests of the cache itself start from an empty one.
    """
    if not _SESSION_PDF_CACHE:
        folder = Path(tempfile.mkdtemp(prefix="praktijkbank-test-pdf-"))
        atexit.register(shutil.rmtree, folder, True)
        _SESSION_PDF_CACHE.append(folder)
    (project / ".cache" / "praktijkbank").mkdir(parents=True, exist_ok=True)
    (project / ".cache" / "praktijkbank" / "pdf").symlink_to(_SESSION_PDF_CACHE[0], target_is_directory=True)


#: Pagefind writes its filter index from a hash map, so those files (and the two small files that name them by
#: content hash) differ from run to run; upstream knows (Pagefind/pagefind#638). Pages, word index and fragments are
#: stable, and the search gives the same results.
UNSTABLE = ("pagefind/filter/", "pagefind/pagefind.nl_", "pagefind/pagefind-entry.json")


def snapshot(site: Path) -> dict[str, bytes]:
    files = {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}
    return {name: content for name, content in files.items() if not name.startswith(UNSTABLE)}


def set_plugin_option(project: Path, line: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    anchor = "      schema: schema/praktijkvoorbeeld.schema.json\n"
    assert anchor in text
    config.write_text(text.replace(anchor, anchor + f"      {line}\n"), encoding="utf-8")
