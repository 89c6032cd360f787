"""The practice example as the rest of the package sees it, after loading and validation."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class PartStatus:
    """Whether one checklist part is described in a practice."""

    id: str
    title: str
    described: bool


@dataclass(frozen=True)
class Completeness:
    """How much of the Checklist goede praktijken a practice describes."""

    parts: tuple[PartStatus, ...]

    @property
    def described(self) -> int:
        return sum(1 for part in self.parts if part.described)

    @property
    def total(self) -> int:
        return len(self.parts)

    @property
    def missing(self) -> list[str]:
        return [part.title for part in self.parts if not part.described]

    @property
    def limited(self) -> bool:
        """Fewer than half of the parts described: the page and the worksheet say so in plain sight."""
        return self.described * 2 < self.total

    def summary(self) -> str:
        """``"7 van 12 onderdelen van de checklist beschreven"``."""
        return f"{self.described} van {self.total} onderdelen van de checklist beschreven"


@dataclass(frozen=True)
class Practice:
    """A valid practice example: its front-matter as plain data, and its free Markdown body."""

    slug: str
    source_path: str
    data: dict[str, Any]
    body: str
    completeness: Completeness
    #: Lines of the ``titel`` and ``samenvatting`` keys in the file, where findings across files point; None when
    #: not known (a practice built in code). Not part of equality: the same practice may sit lower in another file.
    title_line: int | None = field(default=None, compare=False)
    summary_line: int | None = field(default=None, compare=False)

    @property
    def title(self) -> str:
        return str(self.data["titel"])

    @property
    def summary(self) -> str:
        return str(self.data["samenvatting"])

    @property
    def updated(self) -> str:
        return str(self.data["bijgewerkt"])


@dataclass(frozen=True)
class BrokenPractice:
    """A practice file that cannot be published yet; kept so ``mkdocs serve`` can show its problems."""

    slug: str
    source_path: str
    title: str
