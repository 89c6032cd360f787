"""Reading a practice file: bytes to text, and text to front-matter and body.

Everything here guards the steps after it: the file is bounded in size, decoded as UTF-8 with the
position of any bad byte reported, normalised (BOM, Windows and old Mac line endings), and split at
the ``---`` fences with line numbers kept so later messages can point into the original file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from praktijkbank.core.findings import Finding, Severity

#: Larger files are refused before parsing: a practice with every field filled in is far smaller.
MAX_FILE_BYTES = 256 * 1024

_FENCE = re.compile(r"^---[ \t]*$")
#: A line break followed by a closing fence line. Searching for the line break first is several times faster than
#: a multi-line ``^``, which the regex engine tries at every character.
_CLOSING_FENCE_LINE = re.compile(r"\n(?:---|\.\.\.)[ \t]*(?=\n|\Z)")
_DASH_LOOKALIKE = re.compile(r"^[-\u2010-\u2015\u2212\ufe58\ufe63\uff0d]+[ \t]*$")
_FIELD = re.compile(r"^[A-Za-z_][\w-]*[ \t]*:")


@dataclass(frozen=True)
class SplitSource:
    """A practice file cut in two. ``yaml_first_line`` is the file line (1-based) of the YAML's first line."""

    yaml_text: str
    yaml_first_line: int
    body: str
    body_first_line: int


def _error(path: str, line: int, column: int, message: str, hint: str, code: str) -> Finding:
    return Finding(path, line, column, Severity.ERROR, "", message, hint, code)


def decode(raw: bytes, path: str) -> tuple[str | None, list[Finding]]:
    """Decode a file's bytes to normalised text, or report why that is not possible."""
    if len(raw) > MAX_FILE_BYTES:
        return None, [
            _error(
                path, 1, 1,
                f"het bestand is te groot ({-(-len(raw) // 1024)} KB; hoogstens {MAX_FILE_BYTES // 1024} KB)",
                "Kort de teksten in of verwijs met een bron naar een uitgebreidere publicatie.",
                "bestand-te-groot",
            )
        ]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    # Line endings are ASCII, so normalising the bytes first keeps every reported position right.
    raw = raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _byte_position(raw, exc.start)
        return None, [
            _error(
                path, line, column,
                f"het bestand is geen geldige UTF-8-tekst (ongeldige byte 0x{raw[exc.start]:02x})",
                "Sla het bestand op als UTF-8; in de meeste editors kan dat via 'Opslaan als' of de codering onderaan het venster.",
                "geen-utf8",
            )
        ]
    findings = []
    nul = text.find("\x00")
    if nul >= 0:
        line, column = _char_position(text, nul)
        findings.append(
            _error(path, line, column, "het bestand bevat een NUL-teken",
                   "Verwijder het onzichtbare teken; het ontstaat vaak bij kopiëren uit een ander programma.", "nul-teken")
        )
        return None, findings
    return text, findings


def starts_with_front_matter(start: bytes) -> bool:
    """Does a file whose first bytes are ``start`` open with the ``---`` line of a front-matter?"""
    if start.startswith(b"\xef\xbb\xbf"):
        start = start[3:]
    first = re.split(rb"\r\n|\r|\n", start, maxsplit=1)[0]
    return bool(_FENCE.match(first.decode("utf-8", errors="replace")))


def split(text: str, path: str) -> tuple[SplitSource | None, list[Finding]]:
    """Split normalised text into front-matter and body, or say why there is no usable front-matter.

    The closing fence is found with one search over the text rather than by testing line after line: the body,
    usually most of the file, is never cut into lines here.
    """
    first_end = text.find("\n")
    if not _FENCE.match(text if first_end < 0 else text[:first_end]):
        lines = text.split("\n")
        return None, [_error(path, 1, 1, "het bestand heeft geen front-matter", _missing_fence_hint(lines), "geen-front-matter")]
    closing = _CLOSING_FENCE_LINE.search(text, first_end) if first_end >= 0 else None
    if closing is None:
        return None, [
            _error(path, 1, 1, "de front-matter is niet afgesloten",
                   "Zet na het laatste veld een regel met alleen '---'.", "front-matter-niet-afgesloten")
        ]
    yaml_start, fence_start = first_end + 1, closing.start() + 1
    yaml_text = text[yaml_start:fence_start - 1] if fence_start > yaml_start else ""
    body_start = text.find("\n", fence_start)
    body = text[body_start + 1:] if body_start >= 0 else ""
    return SplitSource(yaml_text, 2, body, text.count("\n", 0, fence_start) + 2), []


def _missing_fence_hint(lines: list[str]) -> str:
    """Say what is probably wrong: a look-alike dash, or front-matter that starts further down."""
    if lines and _DASH_LOOKALIKE.match(lines[0]):
        return f"De eerste regel moet precies '---' zijn (drie gewone streepjes); nu staat er '{lines[0].strip()}'."
    for index, line in enumerate(lines[1:], start=1):
        if _FENCE.match(line) and index + 1 < len(lines) and _FIELD.match(lines[index + 1]):
            return (f"De front-matter moet op de eerste regel beginnen met '---'; nu begint die pas op regel {index + 1}. "
                    "Haal weg wat erboven staat.")
    return ("Begin het bestand met een regel '---', dan de velden (zoals 'titel: ...'), en sluit af met nog een regel '---'. "
            f"{NOTES_RULE}")


#: How a contributor keeps a file that is not a practice beside the practices (see ``loading.is_notes_file``).
NOTES_RULE = ("Is het een notitie en geen praktijkvoorbeeld? Begin de naam dan met _ (zoals _bronnen.md) of schrijf hem in "
              "hoofdletters (zoals BRONNEN.md): zo'n bestand zonder front-matter slaat de controle over.")


def _char_position(text: str, index: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    column = len(raw[line_start:offset].decode("utf-8", errors="replace")) + 1
    return raw.count(b"\n", 0, offset) + 1, column
