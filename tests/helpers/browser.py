"""Headless Chromium (Debian's package) and axe-core, and a local server for built sites."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.running import REPO

CHROMIUM = Path("/usr/bin/chromium")


CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"


def require_chromium() -> None:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing in CI: .ci/run should have installed the Debian package 'chromium'")
        pytest.skip("Chromium is not installed (apt-get install chromium)")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve_directory(directory: Path) -> Iterator[str]:
    """Serve a built site on a free loopback port; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


SETTLED = """state => Array.prototype.every.call(document.querySelectorAll("[data-pb-zoeken], [data-pb-overzicht]"),
    root => root.getAttribute("data-pb-state") === state)"""


def settled(page: object, state: str = "klaar") -> None:
    """Wait until the search page or the overview on ``page`` says it is done: ``data-pb-state`` is ``state``.

    The scripts set ``data-pb-state`` to "bezig" in the same event that starts a search, a filtering or a count update,
    and to "klaar" (or "fout") once its results, message and counts are all on the page. So after an action, this
    waits for that action's outcome, not for a moment in which the page happens to look finished. A page without
    either is settled at once.
    """
    page.wait_for_function(SETTLED, arg=state, timeout=15_000)  # type: ignore[attr-defined]


#: The WCAG 2.2 A and AA rules of axe-core (4.7+ knows 'wcag22aa', with `target-size`: targets of 24 by 24 CSS px).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(page: object) -> list[dict[str, object]]:
    """Run axe-core in the page for WCAG 2.2 A and AA (with 2.0 and 2.1); returns the violations."""
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail("axe-core is missing in CI: 'make test' should have installed it with npm")
        pytest.skip("axe-core is not installed (npm install)")
    page.add_script_tag(path=str(AXE))  # type: ignore[attr-defined]
    rules = page.evaluate("tags => axe.getRules(tags).map(rule => rule.ruleId)", ["wcag22aa"])  # type: ignore[attr-defined]
    assert "target-size" in rules, f"axe-core {page.evaluate('axe.version')} has no WCAG 2.2 rules: npm install"  # type: ignore[attr-defined]
    result = page.evaluate(  # type: ignore[attr-defined]
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [{"id": v["id"], "impact": v["impact"], "targets": [n["target"] for n in v["nodes"]]} for v in result["violations"]]
