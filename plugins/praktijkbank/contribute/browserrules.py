"""The checker's rules for personal data and for the story, handed to the submission form's script.

The form must refuse and warn exactly where ``praktijkbank check`` does. Rather than retyping the rules in
JavaScript, the form's page carries the checker's own regular expressions (from ``privacy`` and ``body``),
rewritten here into JavaScript's dialect: the same source, so a rule changed in one place changes in both.
Python's ``\\w`` and ``[^\\W\\d_]`` match letters of every script; JavaScript's ``\\w`` only ASCII, so those become
Unicode property classes (``\\p{L}``, ``\\p{N}``) under the ``u`` flag. Part of the pure core: no MkDocs.
"""

from __future__ import annotations

import re
from typing import Any

from praktijkbank.checking import body, privacy

#: Python constructs and their JavaScript equivalent, outside and inside a character class.
_OUTSIDE = {r"[^\W\d_]": r"\p{L}", r"\w": r"[\p{L}\p{N}_]", r"\W": r"[^\p{L}\p{N}_]", r"\d": r"\p{Nd}"}
_INSIDE = {r"\w": r"\p{L}\p{N}_", r"\d": r"\p{Nd}"}


def js_regex(pattern: re.Pattern[str]) -> dict[str, str]:
    """``{"source", "flags"}`` for ``new RegExp(source, flags)``, matching what ``pattern`` matches."""
    if "(?P" in pattern.pattern:
        raise ValueError(f"named groups have another syntax in JavaScript: {pattern.pattern}")
    flags = "u" + ("i" if pattern.flags & re.IGNORECASE else "") + ("m" if pattern.flags & re.MULTILINE else "")
    return {"source": _convert(pattern.pattern), "flags": flags}


def _convert(source: str) -> str:
    out: list[str] = []
    index, in_class = 0, False
    while index < len(source):
        if not in_class and source.startswith(r"[^\W\d_]", index):
            out.append(_OUTSIDE[r"[^\W\d_]"])
            index += len(r"[^\W\d_]")
            continue
        char = source[index]
        if char == "\\" and index + 1 < len(source):
            escape = source[index:index + 2]
            table = _INSIDE if in_class else _OUTSIDE
            if escape in (r"\W",) and in_class:
                raise ValueError(f"\\W inside a character class has no JavaScript equivalent here: {source}")
            out.append(table.get(escape, escape))
            index += 2
            continue
        if char == "[" and not in_class:
            in_class = True
            out.append(char)
            index += 1
            if source.startswith("^", index):
                out.append("^")
                index += 1
            if source.startswith("]", index):  # a ']' first in a class is a literal in Python
                out.append(r"\]")
                index += 1
            continue
        if char == "]" and in_class:
            in_class = False
        elif in_class and char in "[(){}|/" and char != "[":
            char = "\\" + char  # the v-less u flag is strict about some literals only inside classes; escaping is safe
        out.append(char)
        index += 1
    return "".join(out)


def _exported(value: Any) -> Any:
    if isinstance(value, re.Pattern):
        return js_regex(value)
    if isinstance(value, dict):
        return {key: _exported(item) for key, item in value.items()}
    return value


def browser_rules() -> dict[str, Any]:
    """What the form's script needs to apply the checker's privacy and story rules."""
    return {"privacy": _exported(privacy.browser_rules()), "body": _exported(body.browser_rules())}
