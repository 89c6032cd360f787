"""Findings: the one currency between validation and every way of reporting it.

The command line, the MkDocs plugin and the tests all consume the same list of findings; reporters only
format them, and exit codes and build failures are derived from them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.Enum):
    """How bad a finding is. The value is the Dutch word shown to contributors."""

    ERROR = "fout"
    WARNING = "waarschuwing"


@dataclass(frozen=True, order=True)
class Finding:
    """One problem in one file, located as precisely as we can.

    ``line`` and ``column`` are 1-based. ``field`` is the dotted path of the front-matter field
    (``hoe.succesfactoren[2]``) or an empty string for problems with the file as a whole.
    """

    path: str
    line: int
    column: int
    severity: Severity
    field: str
    message: str
    hint: str = ""
    code: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def text(self) -> str:
        """The message as one sentence group: field, what is wrong, how to fix it."""
        parts = [f"{self.field}: {self.message}" if self.field else self.message]
        if self.hint:
            parts.append(self.hint)
        return " ".join(part if part.endswith((".", "?", "!")) else part + "." for part in parts)

    def escalated(self) -> Finding:
        """The same finding as an error (``--strict`` turns warnings into errors)."""
        return Finding(self.path, self.line, self.column, Severity.ERROR, self.field, self.message, self.hint, self.code)


def count(findings: list[Finding]) -> tuple[int, int]:
    """Return (errors, warnings)."""
    errors = sum(1 for f in findings if f.is_error)
    return errors, len(findings) - errors


def shorten(text: str, limit: int = 60) -> str:
    """A user's text quoted in a message: on one line, and cut with an ellipsis when longer than ``limit``."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
