"""Slugs: the stable, file-system-safe name of a practice, used in its web address.

A practice's slug comes from its file name, so a contributor sees the address they will get. Slugs are
lower-case ASCII with hyphens, which keeps them identical on case-insensitive file systems and free of
names that Windows reserves.
"""

from __future__ import annotations

import re
import unicodedata

_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
#: Names the site itself uses next to practice pages: a practice with such a slug would overwrite a page.
_SITE_RESERVED = {"index", "readme"}
MAX_SLUG_LENGTH = 80


def slugify(text: str) -> str:
    """``"Buurt in Bloei (Eindhoven)"`` -> ``"buurt-in-bloei-eindhoven"``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:MAX_SLUG_LENGTH].rstrip("-")


def is_reserved(slug: str) -> bool:
    return slug in _WINDOWS_RESERVED or slug in _SITE_RESERVED


def reserved_names() -> list[str]:
    """Every slug a practice may not have, e.g. for a form that checks titles before a file exists."""
    return sorted(_SITE_RESERVED | _WINDOWS_RESERVED)


def reserved_reason(slug: str) -> str:
    """Why a reserved slug cannot be used, in Dutch (empty when it can)."""
    if slug in _SITE_RESERVED:
        return "is gereserveerd voor een pagina van de site"
    if slug in _WINDOWS_RESERVED:
        return "is op Windows-computers niet toegestaan"
    return ""
