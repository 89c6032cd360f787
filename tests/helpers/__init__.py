"""Helpers the tests share, gathered in one place: tests import them from here and never from each other.

``running`` runs the CLI and builds sites, ``browser`` drives Chromium and axe-core, ``paper`` measures PDFs,
``samples`` holds practices written for tests and ``readers`` a small collection for the reader tests.
"""

from tests.helpers import readers
from tests.helpers.browser import (
    AXE,
    AXE_TAGS,
    CHROMIUM,
    CHROMIUM_ARGS,
    SETTLED,
    axe_violations,
    require_chromium,
    serve_directory,
    settled,
)
from tests.helpers.paper import (
    DPI,
    INK,
    MM_PER_INCH,
    PT_MM,
    Page,
    bottom_gap_mm,
    foot_text,
    has,
    pdf_fields,
    pdf_pages,
    pdf_text,
    read_page,
    require_poppler,
)
from tests.helpers.running import (
    FIXTURES,
    MINIMAL_PRACTICE,
    PRAKTIJKBANK,
    REPO,
    UNSTABLE,
    build_copy,
    pagefind_records,
    run,
    set_plugin_option,
    snapshot,
)
from tests.helpers.samples import (
    COMPLETE_PRACTICE,
    MEASURED_SHEETS,
    PAYLOAD,
    SEED_SLUGS,
    hostile_practice,
    main_content,
    page,
    text_of,
    very_long_practice,
)

__all__ = [
    "AXE", "AXE_TAGS", "CHROMIUM", "CHROMIUM_ARGS", "COMPLETE_PRACTICE", "DPI", "FIXTURES", "INK",
    "MEASURED_SHEETS", "MINIMAL_PRACTICE", "MM_PER_INCH", "PAYLOAD", "PRAKTIJKBANK", "PT_MM", "REPO", "SEED_SLUGS",
    "SETTLED", "UNSTABLE", "Page", "axe_violations", "bottom_gap_mm", "build_copy", "foot_text", "has",
    "hostile_practice", "main_content", "page", "pagefind_records", "pdf_fields", "pdf_pages", "pdf_text",
    "read_page", "readers", "require_chromium", "require_poppler", "run", "serve_directory", "set_plugin_option",
    "settled", "snapshot", "text_of", "very_long_practice",
]
