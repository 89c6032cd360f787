"""Smoke test of the benchmark scripts with a tiny collection: they run and report. No timing is asserted."""

from __future__ import annotations

import sys
from pathlib import Path

from tests.helpers import REPO, run


def test_build_benchmark_runs_with_a_tiny_collection(tmp_path: Path) -> None:
    output = tmp_path / "result.md"
    result = run([sys.executable, "benchmarks/build.py", "--sizes", "4", "--repeat", "1", "--output", str(output)], REPO)
    assert result.returncode == 0, result.stderr
    table = output.read_text(encoding="utf-8")
    assert "| 4 | " in table and "plain Material" in table
