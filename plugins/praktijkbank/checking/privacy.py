"""Flag personal data: e-mail addresses, phone numbers and numbers that could be a BSN.

A practice is about an approach, never about residents (AVG). These are warnings, because a number can
look like a phone number or a BSN by chance; ``--strict`` (and CI) turns them into errors so a person
looks at them before publication.

What is allowed where:

- ``contact.email`` holds one general address of the organisation (info@, contact@, a team address such as
  wijkteam@). An address that looks personal, a first name or initial and a last name with a dot between them
  (``jan.jansen@``, ``j.jansen@``, ``jan.de.vries@``), gets a warning. Addresses without a dot (``jjansen@``)
  cannot be told from general ones and pass.
- ``contact.telefoon`` holds the organisation's general number (088, 0800, 0900, 085, a fixed line, a +599
  number). A Dutch mobile number (06, +316) gets a warning: it is almost always one person's.
- ``contact.website`` and every ``url`` are links (the schema allows ``mailto:`` there) and are not checked.
- Everything else, ``contact.organisatie`` and ``contact.rol`` and the story below the front-matter included, is
  free text: every e-mail address, phone number (Dutch, and Caribbean +599, +5999 and +297 numbers) and possible
  BSN in it gets a warning, except exactly the address in ``contact.email`` and exactly the number in
  ``contact.telefoon``: the organisation's public details may be repeated anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from praktijkbank.core.fieldpath import Path, Position, format_path
from praktijkbank.core.findings import Finding, Severity

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")
# Dutch numbers: 0 plus nine digits (06-12345678, 020 123 4567) or +31/0031 plus nine digits; separators allowed.
# Caribbean numbers: +599 (Bonaire, Sint Eustatius, Saba: +599 717 1234; Curaçao: +599 9 461 1234) and +297 (Aruba)
# with seven or eight digits, also written with 00 for the plus.
_PHONE = re.compile(r"(?<![\w+])(?:(?:\+31|0031|0)(?:[\s.\-()]{0,2}\d){9}|(?:\+|00)(?:599|297)(?:[\s.\-()]{0,2}\d){7,8})(?![\d])")
# Nine digits, alone or grouped as 123.456.782, 1234.56.782 or 123 45 67 82.
_BSN = re.compile(r"(?<![\d.,\-])(?:\d{9}|\d{3}[.\s]\d{3}[.\s]\d{3}|\d{4}\.\d{2}\.\d{3}|\d{3}\s\d{2}\s\d{2}\s\d{2})(?![\d]|[.,]\d)")

#: Link fields (the schema allows mailto: there).
_EXEMPT_KEYS = ("url", "website")
#: The contact's own address and number: checked by their own rules, and allowed anywhere in the text.
_CONTACT = "contact"
_OWN_DETAILS = ("email", "telefoon")
_OWN_PATHS = {(_CONTACT, kind) for kind in _OWN_DETAILS}

#: Words in the part before the '@' that make an address general rather than one person's (wijkteam.noord@).
_GENERAL_WORDS = (
    "info", "contact", "team", "secretar", "post", "mail", "office", "admin", "vraag", "vragen", "aanmeld", "meld",
    "redactie", "communicatie", "pers", "reply", "help", "service", "support", "loket", "bureau", "balie", "receptie",
    "algemeen", "welkom", "hallo", "netwerk", "project", "programma", "zorg", "welzijn", "jeugd", "wijk", "buurt",
    "gemeente", "academie", "platform", "leer", "beleid", "advies", "kennis", "coordina", "coördina", "planning",
    "afdeling", "regio", "centrum", "punt", "huis", "desk", "werkplaats", "lectoraat", "onderzoek", "opleiding",
    "training", "event", "nieuws", "financ", "administratie", "klant", "inwoner", "lab",
)
#: ``jan.jansen``, ``j.jansen``, ``jan.de.vries``, ``j.p.van-dijk``: letters only, with dots (or _) between the names.
_PERSONAL_LOCAL_PART = re.compile(r"^[^\W\d_]+(?:-[^\W\d_]+)*(?:[._][^\W\d_]+(?:-[^\W\d_]+)*)+$")


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


def phone_key(number: str) -> str:
    """A phone number as digits, written one way: ``+31 6 1234 5678``, ``0031612345678`` and ``06-12345678`` agree."""
    text = number.strip()
    digits = re.sub(r"\D", "", text)
    if text.startswith("+"):
        digits = "00" + digits
    if digits.startswith("0031"):
        digits = "0" + digits[4:]
    return digits


def is_mobile(number: str) -> bool:
    """A Dutch mobile number (06 and eight digits): almost always one person's."""
    key = phone_key(number)
    return len(key) == 10 and key.startswith("06")


def looks_personal(address: str) -> bool:
    """Does this e-mail address look like one person's: names with a dot between them, and no general word?"""
    local = address.strip().split("@", 1)[0].lower()
    if not _PERSONAL_LOCAL_PART.match(local):
        return False
    return not any(word in local for word in _GENERAL_WORDS)


_ORGANISATION = "Zet het dan bij {field}; dat {what} mag ook in de tekst staan."
_MESSAGES = {
    "email": "bevat een e-mailadres ({})",
    "telefoon": "bevat iets dat op een telefoonnummer lijkt ({})",
    "bsn": "bevat een getal dat een burgerservicenummer (BSN) kan zijn ({})",
}


def _hint(kind: str, own: dict[str, str]) -> str:
    if kind == "bsn":
        return "Een praktijkvoorbeeld mag nooit iemands BSN bevatten: verwijder het getal."
    field, what, noun = ("contact.email", "adres", "het adres") if kind == "email" else ("contact.telefoon", "nummer", "het nummer")
    first = f"Noem nooit {noun} van een inwoner of medewerker."
    if own.get(kind) and not _personal(kind, own[kind]):
        return f"{first} Alleen {noun} bij {field} ({own[kind]}) mag ook in de tekst staan."
    general = "een algemeen adres" if kind == "email" else "het algemene nummer"
    return f"{first} Is dit {general} van de organisatie? {_ORGANISATION.format(field=field, what=what)}"


def _personal(kind: str, value: str) -> bool:
    return looks_personal(value) if kind == "email" else is_mobile(value)


Locate = Callable[[Path, int, str], tuple[int, int] | None]


def check_privacy(data: Any, positions: dict[Path, Position], body: str, body_first_line: int, path: str,
                  locate: Locate | None = None) -> list[Finding]:
    """Every warning about personal data in one practice. ``locate`` finds text inside a value (see ``ParsedYaml``)."""
    findings: list[Finding] = []
    contact = data.get(_CONTACT) if isinstance(data, dict) else None
    contact = contact if isinstance(contact, dict) else {}
    own: dict[str, str] = {kind: contact[kind].strip() for kind in _OWN_DETAILS
                           if isinstance(contact.get(kind), str) and contact[kind].strip()}
    findings += _contact_findings(own, positions, path)

    def allowed(kind: str, found: str) -> bool:
        if kind == "email":
            return found.lower() == own.get("email", "").lower()
        return kind == "telefoon" and "telefoon" in own and phone_key(found) == phone_key(own["telefoon"])

    strings: list[str] = []
    _gather_checked_strings(data, None, strings)
    if _may_hold_personal_data("\x00".join(strings)):
        for field_path, text in _texts(data, ()):
            if field_path and (field_path[-1] in _EXEMPT_KEYS or field_path in _OWN_PATHS):
                continue
            position = positions.get(field_path)
            for offset, kind, found in find_personal_data(text):
                if allowed(kind, found):
                    continue
                place = locate(field_path, offset, found) if locate is not None else None
                line, column = place or ((position.value_line, position.value_column) if position else (1, 1))
                findings.append(Finding(path, line, column, Severity.WARNING, format_path(field_path),
                                        _MESSAGES[kind].format(found), _hint(kind, own), f"privacy-{kind}"))
    if _may_hold_personal_data(body):
        for offset, line_text in enumerate(body.split("\n")):
            for start, kind, found in find_personal_data(line_text):
                if allowed(kind, found):
                    continue
                findings.append(Finding(path, body_first_line + offset, start + 1, Severity.WARNING, "",
                                        "het verhaal " + _MESSAGES[kind].format(found), _hint(kind, own), f"privacy-{kind}"))
    return findings


def _contact_findings(own: dict[str, str], positions: dict[Path, Position], path: str) -> list[Finding]:
    """The contact's own address and number: general ones of the organisation, not one person's."""
    findings = []

    def warn(kind: str, message: str, hint: str, code: str) -> None:
        position = positions.get((_CONTACT, kind))
        line, column = (position.value_line, position.value_column) if position else (1, 1)
        findings.append(Finding(path, line, column, Severity.WARNING, f"{_CONTACT}.{kind}", message, hint, code))

    if "email" in own and _personal("email", own["email"]):
        warn("email", f"lijkt een persoonlijk e-mailadres ({own['email']})",
             "Gebruik een algemeen adres van de organisatie, zoals info@..., contact@... of een teamadres als wijkteam@...: "
             "een persoonlijk adres is een persoonsgegeven, en klopt niet meer als iemand vertrekt.", "privacy-persoonlijk-adres")
    if "telefoon" in own and _personal("telefoon", own["telefoon"]):
        warn("telefoon", f"lijkt een mobiel nummer van een persoon ({own['telefoon']})",
             "Gebruik het algemene nummer van de organisatie, zoals een 088-, 0800- of vast nummer: een 06-nummer is "
             "meestal van één medewerker.", "privacy-mobiel-nummer")
    return findings


def _may_hold_personal_data(text: str) -> bool:
    """False when no part of ``text`` can match: no '@', and never nine digits close together.

    Checking all texts of a file at once (joined with NUL, which no pattern can match across) is much cheaper
    than checking each one, and most files hold no personal data at all.
    """
    return "@" in text or _MANY_DIGITS.search(text) is not None


def _gather_checked_strings(value: Any, parent: str | int | None, strings: list[str]) -> None:
    """The texts that ``check_privacy`` looks at, without their paths: only to decide whether to look closer.

    Recursing only into lists and mappings (not into every text) keeps this walk cheap. ``parent`` is the key of
    ``value`` in the top-level mapping (None for the top level itself, and for anything deeper than that).
    """
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else None
    if items is None:
        if isinstance(value, str):
            strings.append(value)
        return
    for key, item in items:
        if isinstance(item, str):
            if key not in _EXEMPT_KEYS and not (parent == _CONTACT and key in _OWN_DETAILS):
                strings.append(item)
        elif isinstance(item, (dict, list)):
            _gather_checked_strings(item, key if parent is None and isinstance(value, dict) else "", strings)


def _texts(value: Any, field_path: Path) -> Iterator[tuple[Path, str]]:
    if isinstance(value, str):
        yield field_path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*field_path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*field_path, index))


def browser_rules() -> dict[str, Any]:
    """These rules for the submission form's script (``browserrules`` turns the patterns into JavaScript's):
    the very patterns above, so that form and checker cannot disagree."""
    return {
        "email": _EMAIL,
        "phone": _PHONE,
        "bsn": _BSN,
        "many_digits": _MANY_DIGITS,
        "personal_local_part": _PERSONAL_LOCAL_PART,
        "general_words": list(_GENERAL_WORDS),
        "exempt_keys": list(_EXEMPT_KEYS),
        "contact": _CONTACT,
        "own_details": list(_OWN_DETAILS),
        "messages": dict(_MESSAGES),
    }
