"""`mkdocs serve` keeps serving while a contributor edits: a broken practice shows its problems, a fix recovers."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.helpers import MINIMAL_PRACTICE


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(condition: Callable[[], bool], seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


@pytest.fixture
def server(project: Path) -> Iterator[str]:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        assert _wait_for(lambda: _get(url) is not None), "mkdocs serve did not start"
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_serve_shows_problems_and_recovers(server: str, project: Path) -> None:
    practice = project / "practices" / "in-bewerking.md"
    page = server + "praktijken/in-bewerking/"
    practice.write_text(MINIMAL_PRACTICE.format(titel="In bewerking"), encoding="utf-8")
    assert _wait_for(lambda: "In bewerking" in (_get(page) or ""))

    practice.write_text("---\ntitel: In bewerking\nsamenvatting: 12\n---\n", encoding="utf-8")
    assert _wait_for(lambda: "kan nog niet worden gepubliceerd" in (_get(page) or ""))
    broken = _get(page) or ""
    assert "samenvatting: moet tekst zijn, maar is het getal 12" in broken
    assert "Geestverwanten" in (_get(server + "praktijken/") or "")  # the rest of the site is still there

    practice.write_text(MINIMAL_PRACTICE.format(titel="Weer in orde"), encoding="utf-8")
    assert _wait_for(lambda: "Weer in orde" in (_get(page) or ""))
    assert "kan nog niet worden gepubliceerd" not in (_get(page) or "")


def test_serve_follows_schema_changes(server: str, project: Path) -> None:
    schema = project / "schema" / "praktijkvoorbeeld.schema.json"
    schema.write_text(schema.read_text(encoding="utf-8").replace('"title": "Living lab"', '"title": "Proeftuin"'),
                      encoding="utf-8")
    assert _wait_for(lambda: "Proeftuin" in (_get(server + "checklist/") or ""))


def test_serve_survives_deleted_and_renamed_practices(server: str, project: Path) -> None:
    practices = project / "practices"
    old_page = server + "praktijken/buurt-in-bloei-eindhoven/"
    assert "Buurt in Bloei" in (_get(old_page) or "")

    (practices / "buurt-in-bloei-eindhoven.md").rename(practices / "buurt-in-bloei.md")
    assert _wait_for(lambda: "Buurt in Bloei" in (_get(server + "praktijken/buurt-in-bloei/") or ""))
    assert _wait_for(lambda: _get(old_page) is None)  # the old address is gone, not stale

    (practices / "buurt-in-bloei.md").unlink()
    assert _wait_for(lambda: "Buurt in Bloei" not in (_get(server + "praktijken/") or "Buurt in Bloei"))
    assert "Geestverwanten" in (_get(server + "praktijken/") or "")


def test_serve_updates_pages_that_show_a_changed_practice(server: str, project: Path) -> None:
    """Unchanged pages are reused between rebuilds, but not when a practice they show as related has changed."""
    amsterdam = project / "practices" / "professionaliseren-yes-amsterdam.md"
    related_page = server + "praktijken/leernetwerken-wijkverpleging/"
    before = _get(related_page) or ""
    assert "Professionaliseren Yes! in Amsterdam" in before
    amsterdam.write_text(amsterdam.read_text(encoding="utf-8").replace(
        'titel: "Professionaliseren Yes! in Amsterdam"', 'titel: "Professionaliseren Ja! in Amsterdam"'), encoding="utf-8")
    assert _wait_for(lambda: "Professionaliseren Ja! in Amsterdam" in (_get(related_page) or ""))
    after = _get(related_page) or ""
    # The page itself is still whole: its own text, and its table of contents (kept from the earlier conversion).
    for text in ("Het verhaal", 'href="#het-verhaal"', "Leernetwerken wijkverpleging"):
        assert before.count(text) == after.count(text) > 0, text
    unchanged = _get(server + "praktijken/buurt-in-bloei-eindhoven/") or ""
    assert 'href="#het-verhaal"' in unchanged and "Buurt in Bloei werkt aan een wijk" in unchanged
    # Lists show the new card (cards of unchanged practices are kept between rebuilds, this one is not).
    overview = _get(server + "praktijken/") or ""
    assert "Professionaliseren Ja! in Amsterdam" in overview and "Professionaliseren Yes!" not in overview
    assert "Buurt in Bloei in Eindhoven" in overview
