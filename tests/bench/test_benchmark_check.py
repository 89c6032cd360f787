"""Smoke test of the check benchmark with a tiny collection: it runs and reports. No timing is asserted."""

from __future__ import annotations

import sys
from pathlib import Path

from tests.helpers import REPO, run


def test_check_benchmark_runs_with_a_tiny_collection(tmp_path: Path) -> None:
    output = tmp_path / "result.md"
    result = run([sys.executable, "benchmarks/check.py", "--sizes", "4", "--repeat", "1", "--output", str(output)], REPO)
    assert result.returncode == 0, result.stderr
    table = output.read_text(encoding="utf-8")
    assert "| 4 | " in table and "YAML parse only" in table
