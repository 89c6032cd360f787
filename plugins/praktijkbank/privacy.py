"""Flag personal data in free text: e-mail addresses, phone numbers and numbers that could be a BSN.

A practice is about an approach, never about residents (AVG). These are warnings, because a number can
look like a phone number or a BSN by chance; ``--strict`` (and CI) turns them into errors so a person
looks at them before publication. The contact field is meant for an organisation's address and is exempt.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .findings import Finding, Severity
from .yamlnodes import Path, Position, format_path

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")
# Dutch numbers: 0 plus nine digits (06-12345678, 020 123 4567) or +31/0031 plus nine digits; separators allowed.
_PHONE = re.compile(r"(?<![\w+])(?:\+31|0031|0)(?:[\s.\-()]{0,2}\d){9}(?![\d])")
# Nine digits, alone or grouped as 123.456.782, 1234.56.782 or 123 45 67 82.
_BSN = re.compile(r"(?<![\d.,\-])(?:\d{9}|\d{3}[.\s]\d{3}[.\s]\d{3}|\d{4}\.\d{2}\.\d{3}|\d{3}\s\d{2}\s\d{2}\s\d{2})(?![\d]|[.,]\d)")

#: Fields meant for an organisation's contact details, and link fields (the schema allows mailto: there).
_EXEMPT_PREFIXES = ("contact",)
_EXEMPT_KEYS = ("url", "website")


def passes_eleven_test(digits: str) -> bool:
    """The BSN check ('elfproef'): 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a multiple of 11, and not all zeros."""
    if len(digits) != 9 or not digits.isdigit() or set(digits) == {"0"}:
        return False
    total = sum(weight * int(digit) for weight, digit in zip(range(9, 1, -1), digits[:8], strict=True)) - int(digits[8])
    return total % 11 == 0


#: Every phone number and BSN above holds nine digits with at most two separators between two of them (a phone
#: number's leading 0 or +31 aside), so a text without such a run cannot hold either. Dates (2024-01-31) have eight.
_MANY_DIGITS = re.compile(r"\d(?:[\s.\-()]{0,2}\d){8}")


def find_personal_data(text: str) -> Iterator[tuple[int, str, str]]:
    """``(offset, kind, match)`` for every e-mail address, phone number and possible BSN in ``text``."""
    if "@" in text:
        for match in _EMAIL.finditer(text):
            yield match.start(), "email", match.group(0)
    if not _MANY_DIGITS.search(text):
        return  # phone numbers and BSNs need nine digits close together
    phones = []
    for match in _PHONE.finditer(text):
        phones.append(match.span())
        yield match.start(), "telefoon", match.group(0).strip()
    for match in _BSN.finditer(text):
        if any(start <= match.start() < end for start, end in phones):
            continue
        if passes_eleven_test(re.sub(r"\D", "", match.group(0))):
            yield match.start(), "bsn", match.group(0)


_MESSAGES = {
    "email": ("bevat een e-mailadres ({})",
              "Noem nooit het adres van een inwoner of medewerker. Is het een algemeen adres van een organisatie? "
              "Zet het dan bij contact.email."),
    "telefoon": ("bevat iets dat op een telefoonnummer lijkt ({})",
                 "Telefoonnummers horen niet in een praktijkvoorbeeld; verwijs naar de website van de organisatie bij contact."),
    "bsn": ("bevat een getal dat een burgerservicenummer (BSN) kan zijn ({})",
            "Een praktijkvoorbeeld mag nooit iemands BSN bevatten: verwijder het getal."),
}


def check_privacy(data: Any, positions: dict[Path, Position], body: str, body_first_line: int, path: str) -> list[Finding]:
    findings: list[Finding] = []
    strings: list[str] = []
    _gather_checked_strings(data, True, strings)
    if _may_hold_personal_data("\x00".join(strings)):
        for field_path, text in _texts(data, ()):
            if field_path and (field_path[0] in _EXEMPT_PREFIXES or field_path[-1] in _EXEMPT_KEYS):
                continue
            position = positions.get(field_path)
            line, column = (position.value_line, position.value_column) if position else (1, 1)
            for _, kind, found in find_personal_data(text):
                message, hint = _MESSAGES[kind]
                findings.append(Finding(path, line, column, Severity.WARNING, format_path(field_path),
                                        message.format(found), hint, f"privacy-{kind}"))
    if _may_hold_personal_data(body):
        for offset, line_text in enumerate(body.split("\n")):
            for start, kind, found in find_personal_data(line_text):
                message, hint = _MESSAGES[kind]
                findings.append(Finding(path, body_first_line + offset, start + 1, Severity.WARNING, "",
                                        "het verhaal " + message.format(found), hint, f"privacy-{kind}"))
    return findings


def _may_hold_personal_data(text: str) -> bool:
    """False when no part of ``text`` can match: no '@', and never nine digits close together.

    Checking all texts of a file at once (joined with NUL, which no pattern can match across) is much cheaper
    than checking each one, and most files hold no personal data at all.
    """
    return "@" in text or _MANY_DIGITS.search(text) is not None


def _gather_checked_strings(value: Any, top: bool, strings: list[str]) -> None:
    """The texts that ``check_privacy`` looks at, without their paths: only to decide whether to look closer.

    Recursing only into lists and mappings (not into every text) keeps this walk cheap.
    """
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else None
    if items is None:
        if isinstance(value, str):
            strings.append(value)
        return
    for key, item in items:
        if isinstance(item, str):
            if key not in _EXEMPT_KEYS and not (top and key in _EXEMPT_PREFIXES):
                strings.append(item)
        elif isinstance(item, (dict, list)) and not (top and key in _EXEMPT_PREFIXES):
            _gather_checked_strings(item, False, strings)


def _texts(value: Any, field_path: Path) -> Iterator[tuple[Path, str]]:
    if isinstance(value, str):
        yield field_path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*field_path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*field_path, index))
