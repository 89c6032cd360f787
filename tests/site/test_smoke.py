"""The one build that runs as a user runs it: `mkdocs build --strict` as a program, in a copy of this site.

Every other build test uses MkDocs's own command in the test process (tests/helpers/sites.py); this one proves that
the entry point, the plugin's registration and the installed theme work together outside pytest.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests.helpers import REPO, run


def test_the_real_command_builds_the_site(project: Path) -> None:
    result = run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(project / "site")], project)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr and "Traceback" not in result.stderr
    assert "De site is gebouwd in" in result.stderr  # MkDocs's own lines, in Dutch
    site = project / "site"
    slugs = sorted(path.stem for path in (REPO / "practices").glob("*.md"))
    for slug in slugs:
        assert (site / "praktijken" / slug / "index.html").is_file()
        assert (site / "praktijken" / slug / "werkblad.pdf").read_bytes().startswith(b"%PDF-")
    for name in ("index.html", "praktijken/index.html", "zoeken/index.html", "feed.xml", "praktijkvoorbeelden.json",
                 "pagefind/pagefind.js", "404.html"):
        assert (site / name).is_file(), name
