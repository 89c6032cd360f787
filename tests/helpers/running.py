"""Running what users run: the command line, strict builds of a copy of this site, and reading what they made."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
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
    if prepare:
        prepare(target)
    result = run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(target / "site")], target)
    assert result.returncode == 0, result.stderr
    return target / "site"


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
