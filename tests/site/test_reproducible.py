"""Building the same input twice gives byte-identical output, so builds can be compared and cached."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

from tests.helpers import snapshot

Build = Callable[..., CompletedProcess[str]]






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
