"""Where a value stands in a practice: its field path (``("hoe", "succesfactoren", 2)``) and its position in the file.

The reader records them, the checks report them and the schema's lookups take them; they live in the core so that
none of those has to import the reader to name a field.
"""

from __future__ import annotations

from typing import NamedTuple

#: A field's place in the data: keys of mappings and indexes of lists, from the top.
Path = tuple[str | int, ...]


class Position(NamedTuple):
    """Where a field sits in the file: its key (for mapping entries) and its value. 1-based.

    A named tuple rather than a frozen dataclass: one is made for every field of every file, and a tuple is
    several times cheaper to create.
    """

    key_line: int
    key_column: int
    value_line: int
    value_column: int


def format_path(field_path: Path) -> str:
    """``("hoe", "succesfactoren", 2)`` -> ``hoe.succesfactoren[2]``."""
    text = ""
    for part in field_path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text
