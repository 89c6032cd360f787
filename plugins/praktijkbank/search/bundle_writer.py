"""Read the answers of Pagefind's service and write the search bundle it hands over, in a process of its own.

Run as ``python bundle_writer.py OUTPUT_DIR`` with Pagefind's standard output as standard input (``search.py``
does this). While the build goes on, its main process is busy applying the theme to thousands of pages; a thread
in that process writing thousands of bundle files would take turns with it for the interpreter lock and slow both
down. This small program needs only the standard library, so it starts in a few milliseconds.

Each answer is JSON, base64-encoded and ended by a comma. When the bundle comes (the answer to ``GetFiles``) it is
written below OUTPUT_DIR, and one line of JSON goes to standard output: ``{"pages": N, "written": true|false,
"errors": [...]}``, with the errors in Dutch. The program then ends, also when Pagefind ends without a bundle.
"""

from __future__ import annotations

import base64
import json
import sys
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO


class BundleError(Exception):
    """The bundle could not be written; the message is Dutch."""


def read_answers(answers: BinaryIO, output_dir: Path) -> dict[str, Any]:
    """Take Pagefind's answers until the bundle is written or Pagefind ends; what happened."""
    report: dict[str, Any] = {"pages": 0, "written": False, "errors": []}
    pieces: list[bytes] = []  # the answer read so far (the bundle comes as one answer of many megabytes)
    while chunk := answers.read1(1 << 20):  # type: ignore[attr-defined]
        start = 0
        while (end := chunk.find(b",", start)) >= 0:
            pieces.append(chunk[start:end])
            if take_answer(b"".join(pieces), output_dir, report):
                return report
            pieces, start = [], end + 1
        pieces.append(chunk[start:])
    return report


def take_answer(answer: bytes, output_dir: Path, report: dict[str, Any]) -> bool:
    """Count, note or write one answer; True once the bundle has been handled."""
    try:
        payload = json.loads(base64.b64decode(answer))["payload"]
        kind = payload["type"]
    except (ValueError, KeyError, TypeError):
        report["errors"].append("Pagefind gaf een antwoord dat niet te lezen is")
        return False
    if kind == "IndexedFile":
        report["pages"] += 1
    elif kind == "Error":
        report["errors"].append(str(payload.get("message") or "onbekende fout"))
    elif kind == "GetFiles":
        try:
            write_bundle(output_dir, payload.get("files") or [])
            report["written"] = True
        except (OSError, BundleError, KeyError, TypeError, ValueError) as exc:
            report["errors"].append(f"de zoekindex kon niet geschreven worden: {exc}")
        return True
    return False


def write_bundle(output_dir: Path, files: list[dict[str, str]]) -> None:
    """Write the bundle's files, which Pagefind hands over as base64, below the output folder only."""
    made: set[Path] = set()
    for file in files:
        relative = PurePosixPath(file["path"])
        if relative.is_absolute() or ".." in relative.parts or not relative.parts:
            raise BundleError(f"Pagefind wilde een bestand buiten {output_dir} schrijven: {file['path']}")
        target = output_dir.joinpath(*relative.parts)
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(base64.b64decode(file["content"]))


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("gebruik: bundle_writer.py UITVOERMAP", file=sys.stderr)
        return 2
    report = read_answers(sys.stdin.buffer, Path(argv[0]))
    sys.stdout.write(json.dumps(report) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
