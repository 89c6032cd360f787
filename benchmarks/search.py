"""Measure what a reader's first search transfers, in real Chromium with an empty cache.

    python benchmarks/search.py SITE_DIR [--query wijkteam --query Middelburg]

Opens the search page of a built site with ``?q=<query>`` in a fresh browser context, waits until the page shows
its results, and adds up every response the search needed from Pagefind's bundle (engine, page list, index chunks
and the fragments of the results shown; filters only if the page asked for them). Sizes are given raw and gzipped, as a web server would send them; index
chunks are compressed already and stay about the same. ``benchmarks/build.py`` calls this for each N.
"""

from __future__ import annotations

import argparse
import gzip
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.helpers.browser import CHROMIUM, CHROMIUM_ARGS, serve_directory  # noqa: E402

DEFAULT_QUERIES = ("wijkteam", "Middelburg", "vertrouwen ouderen")
SEARCH_PAGE = "zoeken/"
BUNDLE = "pagefind"


@dataclass
class Transfer:
    query: str
    results: str
    requests: int
    raw: int
    gzipped: int


def available() -> bool:
    return CHROMIUM.exists()


def first_searches(site: Path, queries: tuple[str, ...] = DEFAULT_QUERIES) -> list[Transfer]:
    """One cold first search per query: everything fetched under /pagefind/ until the results are shown."""
    from playwright.sync_api import sync_playwright

    transfers = []
    with serve_directory(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for query in queries:
                context = browser.new_context()
                page = context.new_page()
                bodies: list[bytes] = []
                page.on("requestfinished", lambda request, bodies=bodies: _collect(request, bodies))
                page.goto(f"{base}{SEARCH_PAGE}?q={query}")
                status = page.locator("[data-pb-zoekstatus]")
                status.filter(has_text="voor").wait_for(timeout=60_000)
                page.wait_for_load_state("networkidle")
                message = status.inner_text()
                transfers.append(Transfer(query, message, len(bodies), sum(map(len, bodies)),
                                          sum(len(gzip.compress(body, 6)) for body in bodies)))
                context.close()
        finally:
            browser.close()
    return transfers


def _collect(request, bodies: list[bytes]) -> None:  # type: ignore[no-untyped-def]
    if "/pagefind/" not in request.url:
        return
    response = request.response()
    if response is not None:
        bodies.append(response.body())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--query", action="append", help="search term (repeatable)")
    args = parser.parse_args()
    for transfer in first_searches(args.site, tuple(args.query or DEFAULT_QUERIES)):
        print(f"{transfer.query!r}: {transfer.results}; {transfer.requests} requests, "
              f"{transfer.raw / 1024:.0f} KB ({transfer.gzipped / 1024:.0f} KB gzipped)")


if __name__ == "__main__":
    main()
