"""An Atom feed (RFC 4287) of the newest and most recently updated practices.

Built with ``xml.etree``: every text from the front-matter is an element's text or an attribute's value, so the
serializer escapes it; nothing is pasted into markup. Dates are the practices' own (``bijgewerkt``), written as
RFC 3339 at midnight UTC, so the feed is the same on every build of the same content.

Identifiers are stable: with a ``site_url`` an entry's id is its page's address, which never changes while its
file keeps its name; without one, a ``urn:uuid`` derived from the site's name and the file's name.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from praktijkbank.core import textmarkup
from praktijkbank.core.model import Practice
from praktijkbank.core.schema import Schema
from praktijkbank.publishing.publication import FEED_PATH, FEED_TITLE, Publication, newest_update

ATOM = "http://www.w3.org/2005/Atom"
#: How many entries the feed holds: the newest by ``bijgewerkt``.
LIMIT = 50
#: Characters XML 1.0 does not allow (ElementTree would write them, and every parser would then refuse the feed).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _text(value: object) -> str:
    return _NOT_XML.sub("", " ".join(str(value).split()))


def rfc3339(date: str) -> str:
    """``2026-02-01`` -> ``2026-02-01T00:00:00Z``."""
    return f"{date}T00:00:00Z"


def newest(practices: Sequence[Practice], limit: int = LIMIT) -> list[Practice]:
    """The ``limit`` most recently updated practices, newest first (the same day: by title, then by file)."""
    by_title = sorted(practices, key=lambda practice: (practice.title.casefold(), practice.slug))
    return sorted(by_title, key=lambda practice: practice.updated, reverse=True)[:limit]


def entry_id(practice: Practice, publication: Publication) -> str:
    if publication.base is not None:
        return publication.href(publication.practice_path(practice.slug))
    return uuid.uuid5(uuid.NAMESPACE_URL, f"praktijkbank:{publication.site_name}:{practice.slug}").urn


def feed_id(publication: Publication) -> str:
    if publication.base is not None:
        return publication.href(FEED_PATH)
    return uuid.uuid5(uuid.NAMESPACE_URL, f"praktijkbank:{publication.site_name}:feed").urn


def _element(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {name: _text(value) for name, value in attributes.items()})
    if text is not None:
        element.text = _text(text)
    return element


def atom_feed(practices: Sequence[Practice], schema: Schema, publication: Publication) -> bytes:
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "nl"})
    _element(root, "id", feed_id(publication))
    _element(root, "title", f"{FEED_TITLE} – {publication.site_name}" if publication.site_name else FEED_TITLE)
    if publication.site_description:
        _element(root, "subtitle", publication.site_description)
    # An empty collection has no date of its own; the epoch keeps the feed valid (and the same on every build).
    _element(root, "updated", rfc3339(newest_update(practices) or "1970-01-01"))
    author = _element(root, "author")
    _element(author, "name", publication.publisher_name or "Praktijkbank")
    if publication.base is not None:
        _element(author, "uri", publication.base)
    _element(root, "link", rel="self", type="application/atom+xml", href=publication.href(FEED_PATH, FEED_PATH))
    _element(root, "link", rel="alternate", type="text/html", href=publication.href(publication.overview_path, FEED_PATH))
    _element(root, "generator", "Praktijkbank")
    for practice in newest(practices):
        entry = _element(root, "entry")
        _element(entry, "id", entry_id(practice, publication))
        _element(entry, "title", practice.title, type="text")
        _element(entry, "updated", rfc3339(practice.updated))
        _element(entry, "link", rel="alternate", type="text/html",
                 href=publication.href(publication.practice_path(practice.slug), FEED_PATH))
        _element(entry, "summary", textmarkup.to_plain(practice.summary), type="text")
        themes = practice.data.get("themas")
        for theme in themes if isinstance(themes, list) else []:
            _element(entry, "category", term=str(theme), label=schema.label(("themas",), str(theme)))
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
