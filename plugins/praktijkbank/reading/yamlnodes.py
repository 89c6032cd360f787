"""A strict, position-keeping YAML reader for front-matter.

PyYAML's ``safe_load`` forgets where values came from, keeps the last of two duplicate keys without
a word, turns ``2024-02-30`` into an exception and happily expands alias bombs. We compose the node
graph ourselves instead, refuse what a practice never needs (tags outside the plain JSON types,
anchors and aliases, deep nesting), and record the position of every key and value.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, ClassVar

import yaml
from yaml.events import AliasEvent, CollectionStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from praktijkbank.core.fieldpath import Path, Position, format_path
from praktijkbank.core.findings import Finding, Severity
from praktijkbank.reading.yamlerrors import MAX_REPAIRS, explain, reader_finding

#: Deeper documents are refused while composing, long before Python's recursion limit.
MAX_DEPTH = 20

_STR_TAG = "tag:yaml.org,2002:str"
_SAFE_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}


@dataclass(frozen=True)
class ParsedYaml:
    """Plain data, where each field sits, and the fields whose value was refused (already reported).

    ``text`` is the YAML the data was read from (with any repairs, see ``shifts``), kept so that ``locate`` can
    find a piece of text inside a value: a phone number on the third line of a ``|`` block.
    """

    data: Any
    positions: dict[Path, Position]
    refused: frozenset[str] = frozenset()
    text: str = ""
    first_line: int = 1
    shifts: tuple[tuple[int, int, int], ...] = ()

    def locate(self, field_path: Path, offset: int, found: str) -> tuple[int, int] | None:
        """The file's (line, column), 1-based, of ``found`` at ``offset`` in the text value at ``field_path``.

        Exact for single-line values and for literal blocks (``|``), whose lines are the value's lines. Folded blocks
        (``>``), quoted and plain values over several lines join their lines, so there the text is looked up in the
        value's part of the file: the same occurrence of ``found``, or of its first word when a line break falls in
        it. None when it cannot be found (then point at the value).
        """
        node = _scalar_at(self._root, field_path)
        if node is None or not isinstance(node.value, str):
            return None
        value = unicodedata.normalize("NFC", node.value)
        place = _literal_place(node, value, offset, self._lines) if node.style == "|" else None
        if place is None:
            place = _searched_place(node, value, offset, found, self.text)
        if place is None:
            return None
        line, column = place
        for shifted_line, shifted_column, added in self.shifts:
            if shifted_line == line and column >= shifted_column + added:
                column -= added
        return line + self.first_line, column + 1

    @functools.cached_property
    def _lines(self) -> list[str]:
        return self.text.split("\n")

    @functools.cached_property
    def _root(self) -> Node | None:
        """The node graph again, with every mark: composed only for the few files that need a location inside a value."""
        loader = _StrictLoader(self.text)
        try:
            return loader.get_single_node()
        except (yaml.YAMLError, _TooDeep, RecursionError):
            return None
        finally:
            loader.dispose()


def _scalar_at(root: Node | None, field_path: Path) -> ScalarNode | None:
    node = root
    for part in field_path:
        if isinstance(part, int):
            if not isinstance(node, SequenceNode) or part >= len(node.value):
                return None
            node = node.value[part]
        else:
            if not isinstance(node, MappingNode):
                return None
            node = next((value for key, value in node.value
                         if isinstance(key, ScalarNode) and unicodedata.normalize("NFC", key.value) == part), None)
    return node if isinstance(node, ScalarNode) else None


def _literal_place(node: ScalarNode, value: str, offset: int, lines: list[str]) -> tuple[int, int] | None:
    """In a ``|`` block every line of the value is a line of the file after the ``|``, without its indentation."""
    line_start = value.rfind("\n", 0, offset) + 1
    line_end = value.find("\n", offset)
    value_line = value[line_start:] if line_end < 0 else value[line_start:line_end]
    file_line = node.start_mark.line + 1 + value.count("\n", 0, offset)
    if file_line >= len(lines) or not unicodedata.normalize("NFC", lines[file_line]).endswith(value_line):
        return None
    return file_line, len(lines[file_line]) - len(value_line) + offset - line_start


def _searched_place(node: ScalarNode, value: str, offset: int, found: str, text: str) -> tuple[int, int] | None:
    span = unicodedata.normalize("NFC", text[node.start_mark.index:node.end_mark.index])
    for needle in (found, *found.split()[:1]):
        if not needle:
            continue
        position, times = -1, value.count(needle, 0, offset) + 1
        for _ in range(times):
            position = span.find(needle, position + 1)
            if position < 0:
                break
        if position >= 0:
            index = node.start_mark.index + position
            line_start = text.rfind("\n", 0, index) + 1
            return text.count("\n", 0, index), index - line_start
    return None


class _TooDeep(Exception):
    def __init__(self, mark: yaml.Mark) -> None:
        self.mark = mark


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that keeps dates as text, and reports aliases and anchors instead of resolving them."""

    # PyYAML keeps the resolvers on the class, where its stubs declare an instance variable.
    yaml_implicit_resolvers: ClassVar[dict[str | None, list[tuple[str, re.Pattern[str]]]]] = {  # type: ignore[misc]
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.depth = 0
        self.alias_marks: list[tuple[yaml.Mark, str]] = []
        self.placeholders: set[int] = set()
        self.anchor_marks: list[tuple[yaml.Mark, str]] = []

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if self.check_event(AliasEvent):
            event = self.get_event()  # type: ignore[no-untyped-call]  # untyped in PyYAML's stubs
            self.alias_marks.append((event.start_mark, event.anchor))
            # A fresh placeholder instead of the shared node: nothing can expand.
            placeholder = ScalarNode("tag:yaml.org,2002:null", "", event.start_mark, event.end_mark)
            self.placeholders.add(id(placeholder))
            return placeholder
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if getattr(event, "anchor", None):
            self.anchor_marks.append((event.start_mark, event.anchor))
            event.anchor = None
        nested = isinstance(event, CollectionStartEvent)
        if nested:
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise _TooDeep(event.start_mark)
        try:
            return super().compose_node(parent, index)
        finally:
            if nested:
                self.depth -= 1


try:  # libyaml is part of the PyYAML wheels, but a source build may lack it (yaml.cyaml imports it from here too)
    from yaml._yaml import CParser as _CParser

    _HAS_LIBYAML = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _HAS_LIBYAML = False


#: The strict loader's implicit resolvers by first character, wildcard resolvers included, for ``_FastLoader.resolve``.
_RESOLVERS_BY_FIRST: dict[str, list[tuple[str, re.Pattern[str]]]] = {
    first: resolvers + _StrictLoader.yaml_implicit_resolvers.get(None, [])
    for first, resolvers in _StrictLoader.yaml_implicit_resolvers.items() if first is not None
}
_NO_RESOLVERS: list[tuple[str, re.Pattern[str]]] = _StrictLoader.yaml_implicit_resolvers.get(None, [])

if _HAS_LIBYAML:

    class _FastLoader(_CParser, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
        """libyaml's parser with the strict loader's resolvers: the same values, many times faster."""

        yaml_implicit_resolvers = _StrictLoader.yaml_implicit_resolvers

        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)
            self.placeholders: set[int] = set()

        # libyaml calls these three for every node. We register no path resolvers, so the general versions
        # (which track a path and build a list per scalar) give the same tags for about a third of the time.

        def descend_resolver(self, current_node: Any, current_index: Any) -> None:
            """Nothing to track: path resolvers are never registered."""

        def ascend_resolver(self) -> None:
            """Nothing to track: path resolvers are never registered."""

        def resolve(self, kind: type[Node], value: Any, implicit: tuple[bool, bool]) -> str:
            """The tag of a node without an explicit tag, exactly as ``BaseResolver.resolve`` decides it."""
            if kind is ScalarNode:
                if implicit[0]:
                    for tag, regexp in _RESOLVERS_BY_FIRST.get(value[:1], _NO_RESOLVERS):
                        if regexp.match(value):
                            return tag
                return self.DEFAULT_SCALAR_TAG
            return self.DEFAULT_SEQUENCE_TAG if kind is SequenceNode else self.DEFAULT_MAPPING_TAG


_DEEP_INDENT = " " * (2 * MAX_DEPTH + 1)


def _fast_path_is_safe(yaml_text: str) -> bool:
    """Only plain documents take the C parser: no anchors or aliases, and nothing nested deeply enough to matter."""
    if "&" in yaml_text or "*" in yaml_text:
        return False
    if yaml_text.count("[") + yaml_text.count("{") > MAX_DEPTH // 2:
        return False  # an upper bound of the nesting depth of flow collections
    # A line indented by more than 2 * MAX_DEPTH spaces; a plain substring search is far cheaper than a regex.
    return not yaml_text.startswith(_DEEP_INDENT) and "\n" + _DEEP_INDENT not in yaml_text


def parse(yaml_text: str, path: str, first_line: int) -> tuple[ParsedYaml | None, list[Finding]]:
    """Parse front-matter text. Returns the data with positions, or ``None`` and the findings that prevent use.

    Plain documents are parsed with libyaml when it is available; anything unusual, and every document with an
    error, goes through the strict pure-Python loader, which gives the exact positions and messages.
    """
    if _HAS_LIBYAML and _fast_path_is_safe(yaml_text):
        fast = _FastLoader(yaml_text)
        try:
            root = fast.get_single_node()
        except (yaml.YAMLError, RecursionError):
            root = None
            fast_failed = True
        else:
            fast_failed = False
        finally:
            fast.dispose()
        if not fast_failed:
            return _build_parsed(fast, root, path, first_line, [], yaml_text)
    return _parse_strict(yaml_text, path, first_line)


def _parse_strict(yaml_text: str, path: str, first_line: int) -> tuple[ParsedYaml | None, list[Finding]]:
    """Parse with the pure-Python loader. After a syntax error whose fix is certain (see ``yamlerrors.explain``),
    parse the text with that fix applied, to report the next mistake too; the file stays in error either way."""
    findings: list[Finding] = []
    shifts: tuple[tuple[int, int, int], ...] = ()
    for _ in range(MAX_REPAIRS + 1):
        loader: _StrictLoader | None = None
        try:
            # The reader checks for forbidden characters as soon as the loader is made, so make it inside the try.
            loader = _StrictLoader(yaml_text)
            root = loader.get_single_node()
        except _TooDeep as exc:
            return None, [*findings, _at(path, exc.mark, first_line, "", f"de velden zijn te diep genest (meer dan {MAX_DEPTH} niveaus)",
                                         "Een praktijkvoorbeeld heeft hoogstens een paar niveaus, zoals 'hoe:' met daaronder "
                                         "'randvoorwaarden:'.", "te-diep-genest")]
        except yaml.MarkedYAMLError as exc:
            explained = explain(exc, yaml_text, path, first_line)
            if findings and explained.finding.line == findings[-1].line:
                return None, findings  # the fix did not settle this line: a second guess at it would mislead
            findings.append(explained.finding)
            if explained.repaired is None or explained.repaired == yaml_text:
                return None, findings
            yaml_text, shifts = explained.repaired, shifts + explained.shifts
            continue
        except yaml.YAMLError as exc:  # ReaderError (control characters) and friends
            return None, [*findings, reader_finding(exc, yaml_text, path, first_line)]
        finally:
            if loader is not None:
                loader.dispose()
        break
    else:
        return None, findings

    if loader.anchor_marks:
        (mark, name), times = loader.anchor_marks[0], len(loader.anchor_marks)
        extra = f" ({times} in dit bestand)" if times > 1 else ""
        findings.append(_at(path, mark, first_line, "", f"ankers zoals '&{name}' zijn niet toegestaan{extra}",
                            "Schrijf elke waarde gewoon uit.", "anker"))
    if loader.alias_marks:
        (mark, name), times = loader.alias_marks[0], len(loader.alias_marks)
        extra = f" ({times} in dit bestand)" if times > 1 else ""
        findings.append(_at(path, mark, first_line, "", f"verwijzingen zoals '*{name}' zijn niet toegestaan{extra}",
                            "Schrijf de waarde gewoon uit in plaats van naar een anker te verwijzen.", "alias"))
    return _build_parsed(loader, root, path, first_line, findings, yaml_text, shifts)


def _build_parsed(loader: Any, root: Node | None, path: str, first_line: int, findings: list[Finding],
                  yaml_text: str, shifts: tuple[tuple[int, int, int], ...] = ()) -> tuple[ParsedYaml | None, list[Finding]]:
    if root is None:
        return ParsedYaml({}, {}, text=yaml_text, first_line=first_line, shifts=shifts), findings

    positions: dict[Path, Position] = {
        (): Position(root.start_mark.line + first_line, root.start_mark.column + 1,
                     root.start_mark.line + first_line, root.start_mark.column + 1)
    }
    builder = _Builder(loader, path, first_line, positions, findings)
    data = builder.build(root, ())
    if () in builder.refused:
        return None, findings
    return ParsedYaml(data, positions, frozenset(format_path(p) for p in builder.refused), yaml_text, first_line, shifts), findings


class _Builder:
    """Turns composed nodes into plain Python values, recording positions and refusing what is unsafe."""

    def __init__(self, loader: Any, path: str, first_line: int,
                 positions: dict[Path, Position], findings: list[Finding]) -> None:
        self.loader = loader
        self.path = path
        self.first_line = first_line
        self.positions = positions
        self.findings = findings
        self.refused: set[Path] = set()

    def build(self, node: Node, field_path: Path) -> Any:
        if id(node) in self.loader.placeholders:
            self.refused.add(field_path)
            return None
        if node.tag not in _SAFE_TAGS:
            self.refused.add(field_path)
            self.findings.append(_at(self.path, node.start_mark, self.first_line, format_path(field_path),
                                     f"de YAML-tag '{node.tag.replace('tag:yaml.org,2002:', '!!')}' is niet toegestaan",
                                     "Haal de tag (het woord met '!') weg; gewone tekst, getallen, lijsten en velden zijn genoeg.",
                                     "onveilige-tag"))
            return None
        if isinstance(node, MappingNode):
            return self._mapping(node, field_path)
        if isinstance(node, SequenceNode):
            result = []
            for index, item in enumerate(node.value):
                item_path = field_path + (index,)
                self._record(item_path, item, item)
                result.append(self.build(item, item_path))
            return result
        if node.tag == _STR_TAG:
            # What SafeConstructor would return for a plain string, without its bookkeeping: most values are text.
            return unicodedata.normalize("NFC", node.value)
        value = self.loader.construct_object(node, deep=True)
        if isinstance(value, str):
            return unicodedata.normalize("NFC", value)
        return value

    def _mapping(self, node: MappingNode, field_path: Path) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.findings.append(_at(self.path, key_node.start_mark, self.first_line, format_path(field_path),
                                         "een veldnaam moet gewone tekst zijn",
                                         "Schrijf elk veld als 'naam: waarde'.", "ongeldige-sleutel"))
                continue
            key = unicodedata.normalize("NFC", key_node.value)
            key_line = key_node.start_mark.line + self.first_line
            child_path = field_path + (key,)
            if key in first_seen:
                self.findings.append(_at(self.path, key_node.start_mark, self.first_line, format_path(child_path),
                                         f"dit veld staat dubbel (ook op regel {first_seen[key]})",
                                         "Voeg de twee samen of verwijder er één; anders gaat een van beide verloren.",
                                         "dubbel-veld"))
                continue
            first_seen[key] = key_line
            self._record(child_path, key_node, value_node)
            result[key] = self.build(value_node, child_path)
        return result

    def _record(self, field_path: Path, key_node: Node, value_node: Node) -> None:
        self.positions[field_path] = Position(
            key_node.start_mark.line + self.first_line, key_node.start_mark.column + 1,
            value_node.start_mark.line + self.first_line, value_node.start_mark.column + 1,
        )


def _at(path: str, mark: yaml.Mark, first_line: int, field: str, message: str, hint: str, code: str) -> Finding:
    return Finding(path, mark.line + first_line, mark.column + 1, Severity.ERROR, field, message, hint, code)
