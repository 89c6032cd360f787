"""Slugs: the stable, file-system-safe name of a practice, used in its web address.

A practice's slug comes from its file name, so a contributor sees the address they will get. Slugs are
lower-case ASCII with hyphens, which keeps them identical on case-insensitive file systems and free of
names that Windows reserves.
"""

from __future__ import annotations

import re
import unicodedata

_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
MAX_SLUG_LENGTH = 80


def slugify(text: str) -> str:
    """``"Buurt in Bloei (Eindhoven)"`` -> ``"buurt-in-bloei-eindhoven"``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:MAX_SLUG_LENGTH].rstrip("-")


def is_reserved(slug: str) -> bool:
    return slug in _WINDOWS_RESERVED
