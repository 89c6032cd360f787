"""Check the free Markdown body of a practice: plain Markdown only, safe links, nothing loaded from elsewhere.

The body comes from strangers' pull requests, so it is held to simple rules that a contributor can follow
and a reviewer can trust. Raw HTML is refused (not silently sanitised, so nothing the contributor wrote
disappears), images are refused (an image from another site would make every reader's browser contact it),
and links must be http(s), mailto or an anchor on the same page. Code spans and code blocks are exempt:
what is in them is shown as text.
"""

from __future__ import annotations

import re
from typing import Any

from praktijkbank.core.findings import Finding, Severity, shorten

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_HTML = re.compile(r"<(/?[A-Za-z][A-Za-z0-9-]*)(?=[\s/>])[^>]*>|<!--|<\?|<![A-Z]")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>")
_IMAGE = re.compile(r"!\[(?:[^\[\]]|\[[^\[\]]*\])*\](?:\(|\[)")
_INLINE_LINK = re.compile(r"(?<!!)\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*<?((?:[^\s()<>]|\([^\s()]*\))*)")
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
#: The story that ``praktijkbank nieuw`` writes as an example. Left in place it would be published as the practice's
#: story, so it is an error until it is replaced or removed.
STORY_PLACEHOLDER = (
    "Vertel hier het verhaal van de praktijk in gewone tekst. Begin een nieuwe alinea met een lege regel.\n"
    "Een tussenkopje maak je met ## ervoor, een link met [tekst](https://...)."
)
_PLACEHOLDER_START = STORY_PLACEHOLDER.split(".")[0]
_ALLOWED_LINK = re.compile(r"^(https?://[^\s/?#]+|mailto:[^@\s]+@[^@\s]+|#[^\s]*)", re.IGNORECASE)


def check_body(body: str, path: str, first_line: int) -> list[Finding]:
    """Every problem in the Markdown body, located in the original file."""
    findings: list[Finding] = []
    if _PLACEHOLDER_START in body:
        findings.append(_placeholder(body, path, first_line))
    if "<" not in body and "[" not in body:
        return findings  # every rule below needs a '<' (HTML, autolinks) or a '[' (links, images)
    fence: str | None = None
    for offset, raw_line in enumerate(body.split("\n")):
        line_number = first_line + offset
        opening = _FENCE.match(raw_line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            continue
        if raw_line.startswith(("    ", "\t")) and not raw_line.strip().startswith(("-", "*", "+")):
            continue  # an indented code block (or a continuation line that holds no syntax we check)
        if "<" not in raw_line and "[" not in raw_line:
            continue
        line = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), raw_line)
        findings.extend(_check_line(line, path, line_number))
    return findings


def _placeholder(body: str, path: str, first_line: int) -> Finding:
    offset = body[: body.index(_PLACEHOLDER_START)].count("\n")
    return Finding(path, first_line + offset, 1, Severity.ERROR, "", "het verhaal is nog de voorbeeldtekst van 'praktijkbank nieuw'",
                   "Vervang die regels door het verhaal van de praktijk, of haal ze weg: zonder verhaal mag ook.",
                   "verhaal-voorbeeldtekst")


def _check_line(line: str, path: str, line_number: int) -> list[Finding]:
    findings = []

    def add(column: int, message: str, hint: str, code: str) -> None:
        findings.append(Finding(path, line_number, column + 1, Severity.ERROR, "", message, hint, code))

    autolinks = list(_AUTOLINK.finditer(line))
    for match in autolinks:
        if not _ALLOWED_LINK.match(match.group(1)):
            add(match.start(), f"de link '{shorten(match.group(1))}' is niet toegestaan in het verhaal",
                "Gebruik alleen links die beginnen met https://, http:// of mailto:.", "verhaal-link")
    covered = [(m.start(), m.end()) for m in autolinks]
    tags = [m for m in _HTML.finditer(line) if not any(start <= m.start() < end for start, end in covered)]
    for match in tags[:1]:  # one message per line is enough to find and fix them all
        add(match.start(), "HTML is niet toegestaan in het verhaal",
            "Gebruik Markdown: **vet**, *schuin*, [tekst](https://...) voor een link en een lege regel voor een nieuwe alinea. "
            "Wil je het teken '<' laten zien, zet het dan tussen `backticks`.", "verhaal-html")
    for match in _IMAGE.finditer(line):
        add(match.start(), "afbeeldingen zijn niet toegestaan in het verhaal",
            "Een afbeelding van een andere website zou bij elke lezer een verzoek aan die website doen. "
            "Verwijs met een gewone link naar de afbeelding, of beschrijf wat erop staat.", "verhaal-afbeelding")
    for match in _INLINE_LINK.finditer(line):
        target = match.group(1)
        if not _ALLOWED_LINK.match(target):
            add(match.start(1) if target else match.start(), f"de link '{shorten(target)}' is niet toegestaan in het verhaal",
                "Gebruik alleen links die beginnen met https://, http:// of mailto:.", "verhaal-link")
    definition = _REFERENCE_DEFINITION.match(line)
    if definition and not _ALLOWED_LINK.match(definition.group(1)):
        add(definition.start(1), f"de link '{shorten(definition.group(1))}' is niet toegestaan in het verhaal",
            "Gebruik alleen links die beginnen met https://, http:// of mailto:.", "verhaal-link")
    return findings


def browser_rules() -> dict[str, Any]:
    """These rules for the submission form's script (``browserrules`` turns the patterns into JavaScript's):
    the very patterns above, so that form and checker cannot disagree."""
    return {
        "fence": _FENCE,
        "code_span": _CODE_SPAN,
        "html": _HTML,
        "autolink": _AUTOLINK,
        "image": _IMAGE,
        "inline_link": _INLINE_LINK,
        "reference_definition": _REFERENCE_DEFINITION,
        "allowed_link": _ALLOWED_LINK,
        "placeholder": _PLACEHOLDER_START,
    }
