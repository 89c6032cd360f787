"""Smoke test of the serve benchmark with a tiny collection: it starts `mkdocs serve`, sees an edit, reports. No timing is asserted."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from tests.helpers import REPO, run


def test_serve_benchmark_runs_with_a_tiny_collection(tmp_path: Path) -> None:
    output = tmp_path / "result.md"
    result = run([sys.executable, "benchmarks/serve.py", "--sizes", "3", "--repeat", "1", "--output", str(output)], REPO)
    assert result.returncode == 0, result.stderr
    table = output.read_text(encoding="utf-8")
    assert "| 3 | " in table and "cold `mkdocs build`" in table
    assert re.search(r"on commit [0-9a-f]{7,}", table)
    row = next(line for line in table.splitlines() if line.startswith("| 3 | "))
    assert "nan" not in row  # every column was measured: the edit was seen, the reload signalled, the build logged


def test_every_profile_probe_names_code_that_exists() -> None:
    """``--profile`` times parts of the plugin by name; a probe of code that moved must stop the script, not vanish."""
    from benchmarks import serve

    assert len(serve.probes()) == len(serve.PROBES)
