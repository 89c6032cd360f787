"""Explain YAML syntax errors in Dutch, at the place where the contributor has to make the fix.

PyYAML reports where the parser gave up, which is often a line or two after the mistake: an unclosed
quote swallows the next line, a key indented one space too far reads as the continuation of the text
above. Two small heuristics move the location back to the real mistake; everything else keeps PyYAML's
position with a Dutch message and hint.
"""

from __future__ import annotations

import re

import yaml

from .findings import Finding, Severity

_INDENTATION = ("de inspringing klopt niet", "Velden die bij elkaar horen moeten precies even ver inspringen, met spaties.")
_UNCLOSED_QUOTE = ("een aanhalingsteken is niet afgesloten",
                   "Zet aan het eind van de tekst hetzelfde aanhalingsteken als aan het begin.")
_UNQUOTED_START = ("deze waarde begint met een teken dat in YAML een speciale betekenis heeft",
                   "Zet de hele waarde tussen aanhalingstekens.")

#: (text in PyYAML's message, Dutch message, hint), most specific first.
_PROBLEMS: list[tuple[str, str, str]] = [
    ("found character '\\t' that cannot start any token", "hier staat een tab", "Gebruik spaties om in te springen, geen tabs."),
    ("that cannot start any token", *_UNQUOTED_START),
    ("mapping values are not allowed here", "hier staat een dubbele punt waar die niet mag",
     "Staat er een ': ' in een tekst? Zet de hele tekst dan tussen aanhalingstekens, of gebruik '|' en zet de tekst eronder."),
    ("could not find expected ':'", "er ontbreekt een dubbele punt na de veldnaam", "Schrijf elk veld als 'naam: waarde'."),
    ("did not find expected key", *_INDENTATION),
    ("did not find expected '-' indicator", "de inspringing van de lijst klopt niet",
     "Laat elk item van een lijst beginnen met '- ', even ver ingesprongen."),
    ("expected <block end>", *_INDENTATION),
    ("while parsing a flow", "een '[' of '{' is niet afgesloten",
     "Sluit de lijst af met ']' of de groep met '}', of zet de tekst tussen aanhalingstekens."),
    ("while scanning a quoted scalar", *_UNCLOSED_QUOTE),
    ("found unexpected end of stream", "een aanhalingsteken of haakje is niet afgesloten",
     "Controleer of elk aanhalingsteken en elk haakje ook een sluitend teken heeft."),
    ("found undefined tag handle", "hier staat een onbekende YAML-tag", "Haal het '!'-teken weg of zet de waarde tussen aanhalingstekens."),
    ("found unknown escape character", "hier staat een backslash (\\) die YAML niet begrijpt",
     "Gebruik enkele aanhalingstekens ('...') rond de tekst, of schrijf een dubbele backslash (\\\\)."),
    ("expected escape sequence", "hier staat een backslash (\\) die YAML niet begrijpt",
     "Gebruik enkele aanhalingstekens ('...') rond de tekst, of schrijf een dubbele backslash (\\\\)."),
]

_KEY_LINE = re.compile(r"^(?P<indent> *)(?:- +)?[^\s:#'\"][^:#]*?: ")
_VALUE_START = re.compile(r"^ *(?:- +|[^\s:#'\"][^:#]*?: +)(?P<quote>[\"'])")


def syntax_finding(exc: yaml.MarkedYAMLError, yaml_text: str, path: str, first_line: int) -> Finding:
    """One located finding for a YAML syntax error."""
    problem = f"{exc.context or ''} {exc.problem or ''}"
    lines = yaml_text.split("\n")
    opened = (exc.context or "").startswith(("while parsing a flow", "while scanning a quoted"))
    mark = (exc.context_mark if opened else None) or exc.problem_mark or exc.context_mark
    line, column = (mark.line, mark.column) if mark else (0, 0)

    quote = _unclosed_quote_before(lines, line)
    if quote is not None and not opened:
        line, column = quote
        message, hint = _UNCLOSED_QUOTE
    elif "mapping values are not allowed here" in problem and _is_overindented_key(lines, line):
        column = len(lines[line]) - len(lines[line].lstrip(" "))
        message, hint = _INDENTATION
    else:
        known = next(((m, h) for needle, m, h in _PROBLEMS if needle in problem), None)
        message, hint = known or (
            "de front-matter is geen geldige YAML",
            f"Controleer deze regel: inspringing, dubbele punten en aanhalingstekens. (YAML meldt: {(exc.problem or '').strip()})",
        )
    return Finding(path, line + first_line, column + 1, Severity.ERROR, "", message, hint, "yaml-syntax")


def reader_finding(exc: yaml.YAMLError, text: str, path: str, first_line: int) -> Finding:
    """A character YAML refuses to read (control characters and the like)."""
    position = getattr(exc, "position", 0) or 0
    line_start = text.rfind("\n", 0, position) + 1
    character = getattr(exc, "character", None)
    code = ord(character) if isinstance(character, str) and len(character) == 1 else character
    shown = f" (U+{code:04X})" if isinstance(code, int) else ""
    return Finding(path, text.count("\n", 0, position) + first_line, position - line_start + 1, Severity.ERROR, "",
                   f"de front-matter bevat een onzichtbaar of ongeldig teken{shown}",
                   "Verwijder het teken; het ontstaat vaak bij kopiëren uit een ander programma.", "ongeldig-teken")


def _unclosed_quote_before(lines: list[str], error_line: int) -> tuple[int, int] | None:
    """The (line, column) of a value that opens a quote and never closes it on its own line, at or before the error."""
    for index in range(min(error_line, len(lines) - 1) + 1):
        match = _VALUE_START.match(lines[index])
        if not match:
            continue
        quote = match.group("quote")
        rest = lines[index][match.end():]
        rest = rest.replace("''", "") if quote == "'" else re.sub(r"\\.", "", rest)
        if quote not in rest and index < error_line:
            return index, match.start("quote")
    return None


def _is_overindented_key(lines: list[str], line: int) -> bool:
    """Is this line a ``key: value`` indented deeper than the key above it, so YAML read it as text?"""
    if not 0 < line < len(lines):
        return False
    here = _KEY_LINE.match(lines[line])
    above = _KEY_LINE.match(lines[line - 1])
    return bool(here and above and len(here.group("indent")) > len(above.group("indent")))
