"""schema.org JSON-LD for practice pages and worksheets, and the lines every page gets in its ``<head>``.

A practice page is a ``WebPage`` (a kind of ``CreativeWork``) about one practice: schema.org defines
``lastReviewed`` and ``reviewedBy`` on ``WebPage``, so that type can say when and by whom a description was last
reviewed (``beoordeeld``). A worksheet is a ``LearningResource`` that ``isBasedOn`` the practice's page.

The JSON goes into a ``<script type="application/ld+json">`` element, which ends at the first ``</script``: so no
``</`` may appear in it (the usual ``<\\/``), and no ``<!--`` either. Every ``<``, ``>`` and ``&`` is written as a JSON
escape (``\\u003c``), which is stricter than ``<\\/`` and reads back as the same text. Everything else from the
front-matter is data in a JSON string, escaped by ``json.dumps``.
"""

from __future__ import annotations

import json
import re
from typing import Any

from praktijkbank.core import textmarkup
from praktijkbank.core.model import Practice
from praktijkbank.core.schema import Schema
from praktijkbank.publishing.fields import fields_of
from praktijkbank.publishing.publication import FEED_PATH, FEED_TITLE, Publication

SCHEMA_ORG = "https://schema.org"
#: The vocabulary fields whose labels become the page's keywords; themes are what it is ``about``.
KEYWORD_FIELDS = ("themas", "netwerktype", "doelgroepen")
_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
_SCRIPT_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def script_element(data: dict[str, Any]) -> str:
    """A ``<script type="application/ld+json">`` element holding ``data``; ``</`` can never end it early."""
    text = json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":"))
    # Inside a JSON string, \u003c is "<": so no "</script>", "<!--" or tag of any kind is left in the element. U+2028
    # and U+2029 are valid in JSON and HTML, but escaped they survive any tool that treats them as line ends.
    for character, escaped in _SCRIPT_ESCAPES:
        text = text.replace(character, escaped)
    return f'<script type="application/ld+json">{text}</script>'


def insert_into_head(html: str, snippet: str) -> str:
    """``snippet`` just before the page's ``</head>``; a document without one is returned as it is."""
    match = _HEAD_END.search(html)
    if match is None or not snippet:
        return html
    return html[: match.start()] + snippet + "\n" + html[match.start():]


def feed_link(publication: Publication, page_path: str) -> str:
    """The ``<link rel="alternate">`` that lets browsers and feed readers find the feed from ``page_path``."""
    from html import escape

    href = publication.href(FEED_PATH, page_path)
    return f'<link rel="alternate" type="application/atom+xml" title="{escape(FEED_TITLE)}" href="{escape(href)}">'


def _labels(practice: Practice, schema: Schema, field: str) -> list[str]:
    value = practice.data.get(field)
    if isinstance(value, list):
        labels = fields_of(schema).kind((field, 0))[0]
        return [labels.get(str(item), str(item)) for item in value]
    if isinstance(value, str):
        return [fields_of(schema).kind((field,))[0].get(value, value)]
    return []


def _plain(value: Any) -> str:
    return textmarkup.to_plain(str(value)) if value is not None else ""


def _organisation(name: str, url: str | None = None) -> dict[str, Any]:
    entry: dict[str, Any] = {"@type": "Organization", "name": " ".join(name.split())}
    if url:
        entry["url"] = url
    return entry


def _publisher(publication: Publication, from_path: str) -> dict[str, Any]:
    return _organisation(publication.publisher_name, publication.href("", from_path))


def _website(publication: Publication, from_path: str) -> dict[str, Any]:
    return {"@type": "WebSite", "name": publication.site_name, "url": publication.href("", from_path)}


def reviewed(practice: Practice) -> tuple[str, str] | None:
    """``(date, by whom)`` of the last review, or None; 'redactie' is the site's editorial team."""
    review = practice.data.get("beoordeeld")
    if not isinstance(review, dict) or not review.get("op") or not str(review.get("door") or "").strip():
        return None
    return str(review["op"]), " ".join(str(review["door"]).split())


def practice_page(practice: Practice, schema: Schema, publication: Publication) -> dict[str, Any]:
    """The JSON-LD of a practice's page, with addresses as seen from that page."""
    here = publication.practice_path(practice.slug)
    url = publication.href(here, here)
    data: dict[str, Any] = {
        "@context": SCHEMA_ORG,
        "@type": "WebPage",
        "@id": url,
        "url": url,
        "name": " ".join(practice.title.split()),
        "description": _plain(practice.summary),
        "inLanguage": "nl",
        "dateModified": practice.updated,
        "isAccessibleForFree": True,
        "publisher": _publisher(publication, here),
        "isPartOf": _website(publication, here),
    }
    review = reviewed(practice)
    if review is not None:
        date, by = review
        data["lastReviewed"] = date
        data["reviewedBy"] = _organisation(publication.publisher_name if by.casefold() == "redactie" else by)
    keywords = [label for field in KEYWORD_FIELDS for label in _labels(practice, schema, field)]
    if keywords:
        data["keywords"] = ", ".join(dict.fromkeys(keywords))
    themes = _labels(practice, schema, "themas")
    if themes:
        term_set = {"@type": "DefinedTermSet", "name": "Thema's"}
        data["about"] = [{"@type": "DefinedTerm", "name": theme, "inDefinedTermSet": term_set} for theme in themes]
    audiences = _labels(practice, schema, "doelgroepen")
    if audiences:
        data["audience"] = [{"@type": "Audience", "audienceType": audience} for audience in audiences]
    places = [_plain(practice.data["plaats"])] if practice.data.get("plaats") else []
    places += _labels(practice, schema, "regio")
    if places:
        data["spatialCoverage"] = [{"@type": "Place", "name": place} for place in dict.fromkeys(places)]
    organisations = practice.data.get("organisaties")
    if isinstance(organisations, list) and organisations:
        data["mentions"] = [_organisation(str(name)) for name in organisations]
    if publication.license:
        data["license"] = publication.license
    return data


def worksheet(publication: Publication, html_path: str, title: str, *, practice: Practice | None = None,
              description: str = "", pdf_path: str | None = None) -> dict[str, Any]:
    """The JSON-LD of a worksheet at ``html_path``: a ``LearningResource``, based on its practice's page if any."""
    here = html_path
    url = publication.href(html_path.removesuffix("index.html") if publication.use_directory_urls else html_path, here)
    data: dict[str, Any] = {
        "@context": SCHEMA_ORG,
        "@type": "LearningResource",
        "@id": url,
        "url": url,
        "name": " ".join(title.split()),
        "learningResourceType": "werkblad",
        "educationalUse": "groepsbijeenkomst",
        "audience": {"@type": "EducationalAudience", "educationalRole": "begeleider"},
        "inLanguage": "nl",
        "isAccessibleForFree": True,
        "publisher": _publisher(publication, here),
        "isPartOf": _website(publication, here),
    }
    if description:
        data["description"] = " ".join(description.split())
    if practice is not None:
        page = publication.href(publication.practice_path(practice.slug), here)
        data["isBasedOn"] = {"@type": "WebPage", "@id": page, "url": page, "name": " ".join(practice.title.split())}
        data["dateModified"] = practice.updated
    if pdf_path:
        data["encoding"] = {"@type": "MediaObject", "contentUrl": publication.href(pdf_path, here),
                            "encodingFormat": "application/pdf"}
    if publication.license:
        data["license"] = publication.license
    return data


#: The image a link to the site shows when it is shared (Open Graph): a file of the site itself, no service elsewhere.
SHARE_IMAGE = "assets/praktijkbank/delen.png"
#: Open Graph allows this much description before readers cut it off.
SHARE_DESCRIPTION_CHARS = 300


def social_meta(publication: Publication, page_path: str, title: str, description: str, *, article: bool) -> str:
    """Open Graph and Twitter card tags: how a shared link to the page looks, with the site's own image."""
    from html import escape

    text = " ".join(description.split())
    if len(text) > SHARE_DESCRIPTION_CHARS:
        text = text[: SHARE_DESCRIPTION_CHARS - 1].rsplit(" ", 1)[0] + "…"
    tags = [("og:type", "article" if article else "website"), ("og:site_name", " ".join(publication.site_name.split())),
            ("og:locale", "nl_NL"), ("og:title", " ".join(title.split()) or publication.site_name)]
    if text:
        tags.append(("og:description", text))
    if publication.base is not None:
        tags.append(("og:url", publication.href(page_path)))
    tags.append(("og:image", publication.href(SHARE_IMAGE, page_path)))
    tags.append(("og:image:alt", f"{publication.site_name}: praktijkvoorbeelden van lerende netwerken"))
    lines = [f'<meta property="{name}" content="{escape(value)}">' for name, value in tags]
    lines.append('<meta name="twitter:card" content="summary_large_image">')
    return "\n".join(lines)


def head_additions(publication: Publication, page_path: str, practice: Practice | None = None,
                   schema: Schema | None = None, *, title: str = "", description: str = "") -> str:
    """What a theme page gets before ``</head>``: the feed's link, tags for sharing, and a practice page its JSON-LD."""
    lines = [feed_link(publication, page_path)] if publication.feed else []
    summary = practice.summary if practice is not None else description or publication.site_description
    lines.append(social_meta(publication, page_path, practice.title if practice is not None else title, summary,
                             article=practice is not None))
    if practice is not None and schema is not None:
        lines.append(script_element(practice_page(practice, schema, publication)))
    return "\n".join(lines)


def worksheet_script(publication: Publication, sheet: Any, practices: dict[str, Practice], *, pdf: bool = False) -> str:
    """The JSON-LD element of a rendered worksheet (``worksheets.Worksheet``): a practice's sheet or a general one."""
    from praktijkbank.worksheets.sheets import GENERAL_SHEETS, worksheet_paths

    practice = practices.get(sheet.key)
    if practice is not None and worksheet_paths(practice.slug, publication.url_prefix)[0] != sheet.html_path:
        practice = None
    if practice is not None:
        description = f"Werkblad bij het praktijkvoorbeeld {' '.join(practice.title.split())}: vertaal het naar je eigen praktijk."
    else:
        description = next((general.description for general in GENERAL_SHEETS if general.key == sheet.key), "")
    return script_element(worksheet(publication, sheet.html_path, sheet.title, practice=practice, description=description,
                                    pdf_path=sheet.pdf_path if pdf else None))
