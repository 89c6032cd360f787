"""Property-based tests: whatever a file contains, the loader answers with a practice or with located problems."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import jsonschema
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from praktijkbank.checking.file import load_file
from praktijkbank.checking.pruning import prune_empty
from praktijkbank.core.schema import Schema

from tests.helpers import REPO

SCHEMA = Schema.load(REPO / "schema" / "praktijkvoorbeeld.schema.json")
PLAIN_VALIDATOR = jsonschema.Draft202012Validator(SCHEMA.raw, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
PROFILE = settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.too_slow])


def load_bytes(raw: bytes, name: str = "praktijk.md"):  # type: ignore[no-untyped-def]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(raw)
        return load_file(path, SCHEMA, name)


def assert_well_formed(result, raw: bytes) -> None:  # type: ignore[no-untyped-def]
    lines = raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1
    for finding in result.findings:
        assert 1 <= finding.line <= lines + 1, finding
        assert finding.column >= 1, finding
        assert finding.message and finding.path == "praktijk.md"
    has_error = any(f.is_error for f in result.findings)
    assert (result.practice is None) == has_error


@PROFILE
@given(st.binary(max_size=3000))
def test_any_bytes_give_a_practice_or_located_problems(raw: bytes) -> None:
    assert_well_formed(load_bytes(raw), raw)


@PROFILE
@given(st.text(max_size=1500))
def test_any_text_after_a_fence_gives_a_practice_or_located_problems(text: str) -> None:
    raw = ("---\n" + text + "\n---\nverhaal\n").encode("utf-8", errors="surrogatepass")
    assert_well_formed(load_bytes(raw), raw)


KEYS = [key for key in SCHEMA.properties()] + ["onbekend", "titl", "hoe"]
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10, 3000), st.text(max_size=60),
                    st.sampled_from(["2026-02-30", "2026-01-15", "sociale-basis", "leergroep", "https://example.org/", "lopend"]))
NESTED_KEYS = st.sampled_from([*KEYS, "knelpunt", "aanpak", "url", "doel", "tijd"])
VALUES: Any = st.recursive(
    SCALARS,
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(NESTED_KEYS, children, max_size=4)),
    max_leaves=12,
)


@PROFILE
@given(st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=8))
def test_verdict_agrees_with_plain_json_schema(data: dict[str, Any]) -> None:
    """Our validator may explain differently, but never disagrees with jsonschema on valid or not."""
    front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    raw = f"---\n{front}---\n".encode()
    result = load_bytes(raw, "geldige-naam.md")
    # Empty optional values count as absent (see pruning.py); apply the same rule before asking jsonschema.
    plain = prune_empty(json.loads(json.dumps(yaml.safe_load(front) or {}, default=str)), SCHEMA)
    schema_errors = list(PLAIN_VALIDATOR.iter_errors(plain))
    ours = [f for f in result.findings if f.is_error]
    assert bool(ours) == bool(schema_errors), (front, [e.message for e in schema_errors], [f.text() for f in ours])


@PROFILE
@given(st.lists(st.sampled_from(["- a", "  - b", "a: [1,", "x: &a y", "z: *a", "'", '"', "? k", ": v", "\t", "{", "}", "k: |",
                                 "  tekst", "!!python/object:x", "titel: x", "...", "---", "%YAML 1.1", "    tijd: |", "    tekst",
                                 "plaats: 's-Hertogenbosch", "- 't Gilde", 'titel: "a" b', "k:v"]), max_size=12))
def test_yaml_fragments_never_raise(fragments: list[str]) -> None:
    raw = ("---\n" + "\n".join(fragments) + "\n---\n").encode()
    assert_well_formed(load_bytes(raw), raw)
