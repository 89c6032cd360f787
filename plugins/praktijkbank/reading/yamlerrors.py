"""Explain YAML syntax errors in Dutch, at the place where the contributor has to make the fix.

PyYAML reports where the parser gave up, which is often a line or two after the mistake: an unclosed
quote swallows the next line, a key indented one space too far reads as the continuation of the text
above, text indented no deeper than its field name reads as a field without a colon. A few heuristics
move the location back to the real mistake and say what to change; everything else keeps PyYAML's
position with a Dutch message and hint.

When the heuristic knows the fix for certain (text that must be indented further, a quote that belongs
to the text), ``explain`` also returns the text with that fix applied, so the reader can parse again and
report the next mistake in the same run instead of stopping at the first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from praktijkbank.core.findings import Finding, Severity, shorten

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
#: A field name at the start of a line (``naam:``): where the text that belongs to the field above ends.
_FIELD_NAME = re.compile(r"^ *(?:- +)?[A-Za-z_][\w-]*[ \t]*:(?:[ \t]|$)")
#: Dutch words that start with an apostrophe: 's-Hertogenbosch, 's Gravenzande, 't Zandt, 'n, 'k.
_ELISION = re.compile(r"'(?:s|t|n|k|m|r)(?=[\s\-])", re.IGNORECASE)
#: At most this many fixes are applied to one file in search of the next mistake.
MAX_REPAIRS = 20


@dataclass(frozen=True)
class Explained:
    """A syntax error explained, and when the fix is certain, the YAML text with it applied.

    ``shifts`` says where the fix moved text: ``(line, column, added)``, 0-based line and column, for every place
    where ``added`` characters were inserted, so positions in the repaired text can be mapped back.
    """

    finding: Finding
    repaired: str | None = None
    shifts: tuple[tuple[int, int, int], ...] = ()


def explain(exc: yaml.MarkedYAMLError, yaml_text: str, path: str, first_line: int) -> Explained:
    """A located finding for a YAML syntax error, and the repaired text when the fix is certain."""
    problem = f"{exc.context or ''} {exc.problem or ''}"
    lines = yaml_text.split("\n")
    opened = (exc.context or "").startswith(("while parsing a flow", "while scanning a quoted"))
    mark = (exc.context_mark if opened else None) or exc.problem_mark or exc.context_mark
    line, column = (mark.line, mark.column) if mark else (0, 0)
    last_line = max(line, exc.problem_mark.line if exc.problem_mark else 0)

    def found(at_line: int, at_column: int, message: str, hint: str) -> Finding:
        return Finding(path, at_line + first_line, at_column + 1, Severity.ERROR, "", message, hint, "yaml-syntax")

    # The earliest mistake that explains the error; on the same line, the first in this order.
    stop = (exc.problem_mark.line, exc.problem_mark.column) if exc.problem_mark else (line, column)
    mistakes = [m for m in (_quote_in_text(lines, stop), _no_space_after_colon(lines, last_line),
                            _shallow_text(lines, last_line)) if m is not None]
    quote = _unclosed_quote_before(lines, line) if not opened else None
    if quote is not None:
        mistakes.append((*quote, *_UNCLOSED_QUOTE, None, ()))
    if mistakes:
        at_line, at_column, message, hint, repaired, shifts = min(mistakes, key=lambda m: m[0])
        return Explained(found(at_line, at_column, message, hint), None if repaired is None else "\n".join(repaired), shifts)

    if "mapping values are not allowed here" in problem and _is_overindented_key(lines, line):
        column = len(lines[line]) - len(lines[line].lstrip(" "))
        message, hint = _INDENTATION
    else:
        known = next(((m, h) for needle, m, h in _PROBLEMS if needle in problem), None)
        message, hint = known or (
            "de front-matter is geen geldige YAML",
            f"Controleer deze regel: inspringing, dubbele punten en aanhalingstekens. (YAML meldt: {(exc.problem or '').strip()})",
        )
    return Explained(found(line, column, message, hint))


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


_Mistake = tuple[int, int, str, str, list[str] | None, tuple[tuple[int, int, int], ...]]

#: A first character that makes a value something other than plain text (quotes, lists, anchors, tags, ...).
_NOT_PLAIN = tuple("'\"[]{}&*!|>%@`#,?:-")
_BLOCK_INDICATOR = re.compile(r"^[|>][-+0-9]*[ \t]*(?:#.*)?$")
_IDENTIFIER_KEY = re.compile(r"(?P<key>[A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+|$)")
#: ``naam:waarde``: a field name with its value, but no space after the colon (a web address is not one).
_NO_SPACE_AFTER_COLON = re.compile(r"^(?P<indent> *)(?:- +)?(?P<key>[A-Za-z_][\w-]*):(?![/\s])\S")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _is_item(stripped: str) -> bool:
    return stripped == "-" or stripped.startswith(("- ", "-\t"))


def _text_owner(line: str) -> tuple[str | None, int] | None:
    """``(field name, column)`` when ``line`` starts a text that may go on below it, else None.

    That is ``naam:`` with nothing after it, a block indicator (``|``, ``>-``) or plain text, or an item ``- `` with a
    block indicator or plain text (then the name is None and the column is the dash's). Text on the lines below must
    be indented further than that column.
    """
    column = _indent(line)
    rest = line[column:]
    name = None
    if _is_item(rest):
        dash = column
        rest = rest[1:].lstrip(" \t")
        column = len(line) - len(rest)
        key = _IDENTIFIER_KEY.match(rest)
        if key is None:
            value = rest.strip()
            plain = bool(value) and not value.startswith(_NOT_PLAIN)
            return (None, dash) if plain or _BLOCK_INDICATOR.match(value) else None
    else:
        key = _IDENTIFIER_KEY.match(rest)
        if key is None:
            return None
    name = key.group("key")
    value = rest[key.end():].strip()
    if not value or value.startswith("#") or _BLOCK_INDICATOR.match(value) or not value.startswith(_NOT_PLAIN):
        return name, column
    return None


def _shallow_text(lines: list[str], error_line: int) -> _Mistake | None:
    """Text that belongs to the field above it but is indented no further than the field name.

    ``tijd: |`` with the text below it at the same indentation as ``tijd``: YAML reads the text as a new field
    without a colon. The fix is to indent every line of the text further than the field name.
    """
    owner: tuple[str | None, int] | None = None
    for index in range(min(error_line, len(lines) - 1) + 1):
        text = lines[index]
        stripped = text.strip()
        if not stripped:
            continue  # blank lines may separate a field from its text
        if stripped.startswith("#"):
            owner = None
            continue
        if text.lstrip(" ").startswith("\t"):
            return None  # a tab, reported as such
        if (owner is not None and _indent(text) <= owner[1] and not _is_item(stripped)
                and not _KEY_LINE.match(text) and not _FIELD_NAME.match(text) and not _NO_SPACE_AFTER_COLON.match(text)):
            return _describe_shallow(lines, index, owner)
        owner = _text_owner(text)
    return None


def _describe_shallow(lines: list[str], start: int, owner: tuple[str | None, int]) -> _Mistake:
    name, ref = owner
    wanted, have = ref + 2, _indent(lines[start])
    end = start + 1
    while end < len(lines):
        text = lines[end]
        stripped = text.strip()
        if stripped and (_indent(text) < have or (_indent(text) <= ref and (
                _FIELD_NAME.match(text) or stripped.startswith("#") or _is_item(stripped)))):
            break
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    repaired = list(lines)
    shifts = []
    for index in range(start, end):
        if lines[index].strip():
            repaired[index] = " " * (wanted - have) + lines[index]
            shifts.append((index, 0, wanted - have))
    what = f"de veldnaam '{name}'" if name else "het streepje '-' erboven"
    message = f"de tekst onder '{name}' springt niet ver genoeg in" if name else "de tekst van dit item springt niet ver genoeg in"
    hint = (f"Zet elke regel van de tekst verder naar rechts dan {what}, met {wanted} spaties ervoor in plaats van "
            f"{have or 'geen'}. Nu leest YAML de tekst als een nieuwe veldnaam zonder dubbele punt.")
    return start, have, message, hint, repaired, tuple(shifts)


def _no_space_after_colon(lines: list[str], error_line: int) -> _Mistake | None:
    """``samenvatting:Inwoners ...``: YAML needs a space after the colon to see a field name."""
    for index in range(min(error_line, len(lines) - 1) + 1):
        match = _NO_SPACE_AFTER_COLON.match(lines[index])
        if match is None or _KEY_LINE.match(lines[index]) or _FIELD_NAME.match(lines[index]):
            continue
        colon = match.end("key")
        fixed = lines[index][:colon + 1] + " " + lines[index][colon + 1:]
        repaired = list(lines)
        repaired[index] = fixed
        return (index, colon, "na de dubbele punt ontbreekt een spatie",
                f"Zet een spatie tussen de veldnaam en de waarde: {shorten(fixed.strip(), 60)}.", repaired, ((index, colon + 1, 1),))
    return None


def _quote_in_text(lines: list[str], stop: tuple[int, int]) -> _Mistake | None:
    """A value that starts with a quote which belongs to the text: ``'s-Hertogenbosch``, ``"Samen" is ons motto``.

    YAML reads the first quote as the start of a quoted text, so the apostrophe disappears or the words after the
    closing quote are left over. The fix keeps the quote: put the whole value between the other kind of quotes.
    Only a quoted text that YAML was still reading, or had just closed, where it stopped (``stop``) is blamed.
    """
    error_line, error_column = stop
    for index in range(min(error_line, len(lines) - 1) + 1):
        match = _VALUE_START.match(lines[index])
        if not match:
            continue
        start = match.start("quote")
        value = lines[index][start:].rstrip()
        closing = _closing_quote(value)
        if index == error_line and error_column <= start + max(closing, 0):
            continue  # YAML stopped before this quoted text ended: something else is wrong
        if value[0] == "'" and _ELISION.match(value) and (closing < 0 or _text_after_closing_quote(value)):
            message = "YAML leest de apostrof aan het begin van deze waarde als een aanhalingsteken, en laat hem weg"
            reason = "dan blijft de apostrof staan"
        elif index == error_line and _text_after_closing_quote(value):
            message = "na het sluitende aanhalingsteken staat nog tekst"
            reason = "dan horen de aanhalingstekens bij de tekst"
        else:
            continue
        quoted = _quoted(value)
        fixed = lines[index][:start] + quoted
        kind = "dubbele" if quoted[0] == '"' else "enkele"
        hint = f"Zet de hele waarde tussen {kind} aanhalingstekens, {reason}: {fixed.strip()}"
        if quoted[0] == "'" and "'" in value:
            hint += " (een ' in de tekst schrijf je dan dubbel: '')"
        repaired = list(lines)
        repaired[index] = fixed
        return index, start, message, hint + ".", repaired, ((index, start, 1),)
    return None


def _closing_quote(value: str) -> int:
    """Where the quoted text that ``value`` starts with closes on this line, or -1."""
    quote, position = value[0], 1
    while True:
        position = value.find(quote, position)
        if position < 0:
            return -1
        if quote == "'" and value[position + 1:position + 2] == "'":
            position += 2
        elif quote == '"' and _escaped(value, position):
            position += 1
        else:
            return position


def _text_after_closing_quote(value: str) -> bool:
    """``"Den Bosch" en omstreken``: a quoted text that closes on its line, with more words after it."""
    closing = _closing_quote(value)
    rest = value[closing + 1:].strip() if closing >= 0 else ""
    return bool(rest) and not rest.startswith(("#", ":", ",", "]", "}"))


def _escaped(value: str, position: int) -> bool:
    backslashes = len(value[:position]) - len(value[:position].rstrip("\\"))
    return backslashes % 2 == 1


def _quoted(value: str) -> str:
    """``value`` as one YAML text that keeps every character: in double quotes, or single when that is simpler."""
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"


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
