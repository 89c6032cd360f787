"""Site search with Pagefind: a chunked index, so a reader's first search transfers a few chunks, not the whole site.

Material's own search loads one index of every page before it can answer; with thousands of practices that is
megabytes. Pagefind indexes each page's content and splits the index into small, hashed files that the browser
fetches per search term. This module feeds the Pagefind binary (from the ``pagefind[bin]`` package) each page while
the build goes on, and places the search field in the theme's header; it needs no MkDocs.
"""

from __future__ import annotations

import base64
import contextlib
import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: The program that reads Pagefind's answers and writes the bundle (run with this Python, standard library only).
ANSWERS_PROGRAM = Path(__file__).with_name("bundle_writer.py")
#: Where Pagefind writes its bundle inside the site.
BUNDLE_DIR = "pagefind"
#: How long writing the bundle may take before we give up (indexing needs about two seconds per thousand pages).
TIMEOUT_SECONDS = 600

#: Parts of indexed content that are not text: the permalink marks that MkDocs puts after headings.
NOT_TEXT = (".headerlink",)

#: Attributes that tell Pagefind what to index: only content wrapped in it, so lists and menus stay out.
INDEXED_CONTENT = '<div class="pb-zoekinhoud" data-pagefind-body>{}</div>'

_HEADER = re.compile(r'<nav class="md-header__inner[^"]*"[^>]*>')
_HEADER_SOURCE = '<div class="md-header__source">'


class SearchIndexError(Exception):
    """The search index could not be made; the message is Dutch and says what to do."""


@dataclass(frozen=True)
class IndexReport:
    pages: int


def find_pagefind() -> Path:
    """The Pagefind program that ``pip install 'pagefind[bin]'`` put next to Python."""
    try:
        import pagefind_bin
    except ImportError as exc:
        raise SearchIndexError(
            "het zoekprogramma Pagefind is niet geïnstalleerd. Installeer het met: pip install 'pagefind[bin]' "
            "(of zet 'search: false' bij de plugin praktijkbank om zonder zoekfunctie te bouwen)"
        ) from exc
    try:
        return pagefind_bin.get_executable()
    except (FileNotFoundError, OSError) as exc:
        raise SearchIndexError(f"het zoekprogramma Pagefind is niet te vinden ({exc}). Installeer 'pagefind[bin]' opnieuw") from exc


class StreamingIndexer:
    """Pagefind in its service mode, handed each page as soon as the build has made it.

    Indexing costs Pagefind about two milliseconds a page, as much as Material's own search cost the build. Fed page
    by page (``put``), Pagefind indexes on another core while the build goes on, so that little is left to wait for
    at the end: ``all_handed_over`` lets Pagefind make its bundle while the theme is still being applied, and
    ``finish`` waits until it is written. Only what was handed over is indexed.

    Pages are indexed in the order they are handed over; that order decides the bytes of the bundle. A page may be
    handed over again with other content (the plugin indexes practice pages ahead, and another plugin may change
    one later): Pagefind cannot take a page back, so once all pages are in, everything is indexed again in a
    fresh Pagefind.
    """

    def __init__(self, site_dir: Path, page_template: Callable[..., str], *, keep_index_url: bool = False) -> None:
        self.output_dir = site_dir / BUNDLE_DIR
        self.page_template = page_template
        self.config = {"exclude_selectors": list(NOT_TEXT), "keep_index_url": keep_index_url}
        self._pages: dict[str, tuple[str, str]] = {}  # dest path -> (content, language), in the order handed over
        self._changed = False  # a page came again with other content
        self._sealed = False  # all_handed_over() was called
        self._service = _PagefindService(self.config, self.output_dir)

    def put(self, dest_path: str, content_html: str, *, language: str) -> None:
        """Index a page's content (its HTML, already marked with ``mark_indexed``)."""
        if self._sealed:
            raise RuntimeError("the search index takes no more pages once all_handed_over() was called")
        earlier = self._pages.get(dest_path)
        self._pages[dest_path] = (content_html, language)
        if earlier is None:
            self._hand_over(dest_path, content_html, language)
        elif earlier != (content_html, language):
            self._changed = True

    def all_handed_over(self) -> None:
        """Every page is there: Pagefind starts on the bundle (its index, and compressing every file).

        That takes it seconds, so it is best asked for as soon as possible, while the build still goes on; the
        bundle is written as soon as it comes.
        """
        if self._changed:
            self._service.close()
            self._service = _PagefindService(self.config, self.output_dir)
            for dest_path, (content_html, language) in self._pages.items():
                self._hand_over(dest_path, content_html, language)
            self._changed = False
        self._sealed = True
        self._service.make_bundle()

    def _hand_over(self, dest_path: str, content_html: str, language: str) -> None:
        self._service.add(dest_path, self.page_template(content=content_html, language=language))

    def finish(self) -> IndexReport:
        """Wait until the bundle is written; raise with a Dutch message when that failed."""
        if not self._sealed:
            self.all_handed_over()
        self._service.wait()
        return IndexReport(pages=self._service.pages)

    def close(self) -> None:
        """Stop Pagefind (a failed build); nothing is written."""
        self._service.close()


class _PagefindService:
    """One run of ``pagefind --service``, and of the small program that reads its answers.

    It speaks Pagefind's own protocol, the one its Python and Node packages use: each message is JSON,
    base64-encoded and ended by a comma, on standard input; the answers come back the same way on standard output,
    straight into ``bundle_writer.py``, which counts them and writes the bundle. So this process runs no thread
    of its own and the build can still fork workers, and writing thousands of files never competes with the build
    for the interpreter lock.

    The bundle comes back over the pipe instead of being written by Pagefind: in service mode Pagefind answers
    before its last writes have reached the disk, and stops at once when its input ends, which could cut a file short.
    """

    def __init__(self, config: dict[str, Any], output_dir: Path) -> None:
        self.pages = 0
        self._stopped: OSError | None = None  # set when Pagefind can no longer be written to
        self._asked = False  # the bundle was asked for
        self._messages = 0
        self._said = ""
        executable = find_pagefind()
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115  (read and closed in ``close``)
        try:
            self._process = subprocess.Popen([str(executable), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                             stderr=self._stderr)
        except OSError as exc:
            self._stderr.close()
            raise SearchIndexError(f"Pagefind kon niet starten: {exc}") from exc
        try:
            self._answers = subprocess.Popen([sys.executable, "-I", str(ANSWERS_PROGRAM), str(output_dir)],
                                             stdin=self._process.stdout, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        except OSError as exc:
            self.close()
            raise SearchIndexError(f"het programma dat de zoekindex schrijft kon niet starten: {exc}") from exc
        finally:
            self._process.stdout.close()  # type: ignore[union-attr]  # the answers are that program's now
        self._send({"type": "NewIndex", "config": config})

    def add(self, dest_path: str, document: str) -> None:
        self._send({"type": "AddFile", "index_id": 0, "file_path": dest_path, "url": None, "file_contents": document})

    def make_bundle(self) -> None:
        """No more pages: Pagefind builds its index and bundle now, and the bundle is written when it comes."""
        if not self._asked:
            self._asked = True
            self._send({"type": "GetFiles", "index_id": 0})
            with contextlib.suppress(OSError):
                self._process.stdin.flush()  # type: ignore[union-attr]

    def wait(self) -> None:
        """Wait until the bundle is written; Pagefind has ended afterwards."""
        self.make_bundle()
        try:
            output, problems = self._answers.communicate(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired as exc:
            self.close()
            raise SearchIndexError(f"Pagefind was na {TIMEOUT_SECONDS} seconden nog niet klaar met de zoekindex") from exc
        self.close()
        try:
            report = json.loads(output.decode("utf-8").strip().splitlines()[-1])
        except (ValueError, IndexError):
            report = {"written": False, "errors": [" ".join(problems.decode("utf-8", errors="replace").split())[-300:]]}
        self.pages = int(report.get("pages", 0))
        errors = [str(error) for error in report.get("errors", []) if error]
        if not report.get("written") or errors:
            details = "; ".join(part for part in (*errors[:3], self._said) if part) or "Pagefind gaf geen uitleg"
            raise SearchIndexError(f"Pagefind kon de zoekindex niet maken (afsluitcode {self._process.returncode}): "
                                   f"{details[-600:]}")

    def close(self) -> None:
        """End both programs: Pagefind by closing its input once its answers are read, at once when still at work."""
        answers = getattr(self, "_answers", None)
        finished = answers is None or answers.poll() is not None
        for process in (self._process, answers):
            if process is not None and process.poll() is None and not finished:
                process.kill()
        with contextlib.suppress(OSError):
            self._process.stdin.close()  # type: ignore[union-attr]  # end of input: the service stops
        for process in (self._process, answers):
            if process is None:
                continue
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if not self._stderr.closed:
            self._stderr.seek(0)
            self._said = " ".join(self._stderr.read().decode("utf-8", errors="replace").split())
            self._stderr.close()

    def _send(self, payload: dict[str, Any]) -> None:
        if self._stopped is not None:
            return  # Pagefind has ended; ``wait`` says why
        self._messages += 1
        message = json.dumps({"message_id": self._messages, "payload": payload}, ensure_ascii=False)
        try:
            self._process.stdin.write(base64.b64encode(message.encode("utf-8")) + b",")  # type: ignore[union-attr]
        except OSError as exc:  # Pagefind ended: it crashed, or it is not Pagefind at all
            self._stopped = exc


def mark_indexed(content_html: str) -> str:
    """Wrap a page's content so Pagefind indexes it; pages not wrapped (lists of practices) stay out of search."""
    return INDEXED_CONTENT.format(content_html)


def insert_header_search(page_html: str, field_html: str) -> str:
    """Put the search field in Material's header, before the repository link; unchanged for another theme."""
    header = _HEADER.search(page_html)
    if header is None:
        return page_html
    end = page_html.find("</nav>", header.end())
    if end < 0:
        return page_html
    source = page_html.find(_HEADER_SOURCE, header.end(), end)
    at = source if source >= 0 else end
    return page_html[:at] + field_html + page_html[at:]
