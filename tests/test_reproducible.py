"""Building the same input twice gives byte-identical output, so builds can be compared and cached."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

Build = Callable[..., CompletedProcess[str]]


#: Pagefind writes its filter index from a hash map, so those files (and the two small files that name them by
#: content hash) differ from run to run; upstream knows (Pagefind/pagefind#638). Pages, word index and fragments are
#: stable, and the search gives the same results.
UNSTABLE = ("pagefind/filter/", "pagefind/pagefind.nl_", "pagefind/pagefind-entry.json")


def snapshot(site: Path) -> dict[str, bytes]:
    files = {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}
    return {name: content for name, content in files.items() if not name.startswith(UNSTABLE)}


def test_two_builds_are_byte_identical(project: Path, mkdocs_build: Build) -> None:
    config = project / "mkdocs.yml"
    # With a site_url, MkDocs writes dates into the sitemap: they must come from the content, not the clock.
    config.write_text("site_url: https://praktijkbank.example/\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    for practice in (project / "practices").glob("*.md"):
        text = practice.read_text(encoding="utf-8")
        practice.write_text(text.replace('bijgewerkt: "2026-11-23"', 'bijgewerkt: "2025-06-30"'), encoding="utf-8")
    assert mkdocs_build(project, "--site-dir", str(project / "een")).returncode == 0
    assert mkdocs_build(project, "--site-dir", str(project / "twee")).returncode == 0
    first, second = snapshot(project / "een"), snapshot(project / "twee")
    assert first.keys() == second.keys()
    different = [name for name in first if first[name] != second[name]]
    assert different == []
    assert any(name.startswith("pagefind/index/") for name in first)  # the search index is compared too
    assert any(name.startswith("pagefind/fragment/") for name in first)
    # The newest 'bijgewerkt' date stands in for the build date.
    assert b"<lastmod>2025-06-30</lastmod>" in first["sitemap.xml"]
