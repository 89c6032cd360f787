"""The corpus of real practices in tests/corpus: it passes the strictest check and stays varied and sourced.

The corpus is written from public sources (see tests/corpus/README.md). These tests guard what makes it useful:
every file passes ``praktijkbank check --strict`` without a single finding, every practice says where its facts
come from and when the source was consulted, and together they cover several provinces and network types.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers import REPO

Check = Callable[..., subprocess.CompletedProcess[str]]
CORPUS = REPO / "tests" / "corpus"
PRACTICES = sorted(path for path in CORPUS.glob("*.md") if path.name != "README.md" and not path.name.startswith(("_", ".")))


def front_matter(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), path
    end = text.index("\n---\n", 4)
    data = yaml.safe_load(text[4:end])
    assert isinstance(data, dict), path
    return data


def test_corpus_passes_the_strict_check(check: Check) -> None:
    result = check("--strict", "tests/corpus")
    assert result.returncode == 0, result.stdout
    assert "Alles in orde" in result.stdout
    assert f"{len(PRACTICES)} praktijkvoorbeelden gecontroleerd" in result.stdout
    assert result.stderr == ""


def test_corpus_is_large_enough() -> None:
    assert len(PRACTICES) >= 12


@pytest.mark.parametrize("path", PRACTICES, ids=lambda p: p.stem)
def test_every_practice_names_a_consulted_source(path: Path) -> None:
    sources = front_matter(path).get("bronnen") or []
    consulted = [source for source in sources if source.get("url") and source.get("geraadpleegd")]
    assert consulted, f"{path.name}: no bronnen entry with url and geraadpleegd"


def test_corpus_covers_several_regions_and_network_types() -> None:
    regions: set[str] = set()
    types: set[str] = set()
    for path in PRACTICES:
        data = front_matter(path)
        regio = data.get("regio") or []
        regions.update([regio] if isinstance(regio, str) else regio)
        if data.get("netwerktype"):
            types.add(data["netwerktype"])
    assert len(regions) >= 5, sorted(regions)
    assert len(types) >= 5, sorted(types)
