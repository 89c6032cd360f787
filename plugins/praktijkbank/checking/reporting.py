"""Format findings for people (text), for GitHub pull requests (annotations) and for programs (JSON).

Reporters only format, and receive only the checking wing's result (``collection.LoadResult``, already escalated
under ``--strict``) with their own option (``completeness``): which findings exist, and whether the run fails, is
decided elsewhere. The CLI assembles the two; the plugin uses the line formats.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from praktijkbank.checking.collection import LoadResult
from praktijkbank.core.findings import Finding, count

FORMATS = ("text", "github", "json")


def finding_line(finding: Finding) -> str:
    """``practices/x.md:12:5: fout: hoe.succesfactoren[2]: moet tekst zijn, maar is leeg. Vul ...``"""
    return f"{finding.path}:{finding.line}:{finding.column}: {finding.severity.value}: {finding.text()}"


def summary_line(findings: list[Finding], files: int) -> str:
    errors, warnings = count(findings)
    noun = "praktijkvoorbeeld" if files == 1 else "praktijkvoorbeelden"
    if not findings:
        return f"Alles in orde: {files} {noun} gecontroleerd, geen problemen gevonden."
    affected = len({f.path for f in findings})
    parts = []
    if errors:
        parts.append(f"{errors} {'fout' if errors == 1 else 'fouten'}")
    if warnings:
        parts.append(f"{warnings} {'waarschuwing' if warnings == 1 else 'waarschuwingen'}")
    return f"{' en '.join(parts)} in {affected} van {files} {noun}."


def report_text(result: LoadResult, completeness: bool = False) -> str:
    lines = [finding_line(f) for f in result.findings]
    if completeness:
        for practice in result.practices:
            c = practice.completeness
            missing = f"; ontbreekt: {', '.join(c.missing)}" if c.missing else ""
            lines.append(f"{practice.source_path}: {c.summary()}{missing}")
    lines.append(summary_line(result.findings, len(result.files)))
    return "\n".join(lines) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def report_github(result: LoadResult, completeness: bool = False) -> str:
    """GitHub Actions workflow commands: each finding becomes an annotation on its line."""
    kinds = {"fout": "error", "waarschuwing": "warning"}
    lines = []
    for f in result.findings:
        title = f"Praktijkbank: {f.field}" if f.field else "Praktijkbank"
        lines.append(
            f"::{kinds[f.severity.value]} file={_escape_property(f.path)},line={f.line},col={f.column},"
            f"title={_escape_property(title)}::{_escape_data(f.text())}"
        )
    lines.append(summary_line(result.findings, len(result.files)))
    return "\n".join(lines) + "\n"


def report_json(result: LoadResult, completeness: bool = False) -> str:
    """A JSON list with one object per finding, stable keys, in file and line order."""
    items = [
        {
            "path": f.path,
            "line": f.line,
            "column": f.column,
            "severity": "error" if f.is_error else "warning",
            "field": f.field,
            "message": f.message,
            "hint": f.hint,
            "code": f.code,
            "text": finding_line(f),
        }
        for f in result.findings
    ]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


#: A reporter: the result and whether to add each practice's completeness (only the text format shows it).
REPORTERS: dict[str, Callable[[LoadResult, bool], str]] = {
    "text": report_text,
    "github": report_github,
    "json": report_json,
}
