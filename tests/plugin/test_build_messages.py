"""What a contributor reads when a build stops: Dutch, true, and the last line says what to do.

Small real builds (MkDocs' own theme, only the practice pages) in a temporary folder.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import MINIMAL_PRACTICE, REPO, run

CONFIG = """site_name: Proef
theme:
  name: mkdocs
plugins:
  - praktijkbank:
      practices_dir: practices
      schema: schema/praktijkvoorbeeld.schema.json
      search: false
      worksheets: false
      checklist_page: ""
      submission_page: ""
      decap: false
"""
GOOD = '---\ntitel: "Leergroep schulden Almere"\nsamenvatting: "Professionals leren samen schulden eerder te zien."\n' \
       'bijgewerkt: "2026-01-15"\n---\n'


@pytest.fixture
def small_site(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Proef\n", encoding="utf-8")
    (tmp_path / "schema").mkdir()
    shutil.copy(REPO / "schema" / "praktijkvoorbeeld.schema.json", tmp_path / "schema")
    (tmp_path / "practices").mkdir()
    (tmp_path / "practices" / "goed.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    return tmp_path


def build(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site / "site"), *args], site)


def shown(result: subprocess.CompletedProcess[str]) -> list[str]:
    """Every line the contributor sees, in order (MkDocs logs on stderr; the last line is ours, on stderr too)."""
    assert result.stdout.strip() == ""
    return [line for line in result.stderr.splitlines() if line.strip()]


def assert_dutch_ending(lines: list[str], last: str) -> None:
    assert "Traceback" not in "\n".join(lines)
    assert not any("Aborted" in line or "hieronder" in line for line in lines), lines
    assert all("praktijkbank: " in line for line in lines if line.startswith(("WARNING", "ERROR"))), lines
    assert lines[-1] == last


def test_a_strict_build_stopped_by_a_warning_says_so_in_dutch(small_site: Path) -> None:
    (small_site / "practices" / "Met Hoofdletters.md").write_text(MINIMAL_PRACTICE.format(titel="Met hoofdletters"),
                                                                   encoding="utf-8")
    assert build(small_site).returncode == 0
    result = build(small_site, "--strict")
    assert result.returncode == 1
    lines = shown(result)
    assert any("waarschuwing: de bestandsnaam is geen nette webnaam" in line for line in lines)
    assert_dutch_ending(lines, "praktijkbank: de site is niet gebouwd: in strikte modus (--strict, of strict: true in "
                               "mkdocs.yml) telt de waarschuwing hierboven als fout. Los die op en bouw opnieuw. "
                               "'praktijkbank check --strict' toont ook de waarschuwingen over de praktijkvoorbeelden.")
    assert not list((small_site / "site").rglob("*.html"))


def test_a_build_stopped_by_errors_names_errors_above(small_site: Path) -> None:
    (small_site / "practices" / "kapot.md").write_text("---\ntitel: Kapot\nsamenvatting: 12\n---\n", encoding="utf-8")
    (small_site / "practices" / "Met Hoofdletters.md").write_text(MINIMAL_PRACTICE.format(titel="Met hoofdletters"),
                                                                   encoding="utf-8")
    lines = shown(build(small_site))
    assert_dutch_ending(lines, "praktijkbank: de site is niet gebouwd, want niet alle praktijkvoorbeelden zijn in orde: "
                               "2 fouten en 1 waarschuwing in 2 van 3 praktijkvoorbeelden. Los de fouten hierboven op en "
                               "bouw opnieuw; 'praktijkbank check' toont dezelfde lijst.")
    strict = shown(build(small_site, "--strict"))
    assert strict[-1].endswith("Los de fouten en waarschuwingen hierboven op en bouw opnieuw; "
                               "'praktijkbank check --strict' toont dezelfde lijst.")


def test_another_build_error_ends_with_a_dutch_line(small_site: Path) -> None:
    overrides = small_site / "overrides" / "praktijkbank"
    overrides.mkdir(parents=True)
    (overrides / "overzicht.md.j2").write_text("{{ kapot(", encoding="utf-8")
    config = small_site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  name: mkdocs\n", "  name: mkdocs\n  custom_dir: overrides\n"),
                      encoding="utf-8")
    result = build(small_site)
    assert result.returncode == 1
    lines = shown(result)
    assert any("het sjabloon overrides/praktijkbank/overzicht.md.j2:1 is niet te gebruiken" in line for line in lines)
    assert_dutch_ending(lines, "praktijkbank: de site is niet gebouwd door de fout hierboven. Los die op en bouw opnieuw.")


def test_mkdocs_own_progress_lines_are_dutch(small_site: Path) -> None:
    result = build(small_site)
    assert result.returncode == 0, result.stderr
    lines = shown(result)
    assert any(line.endswith("De map van de site wordt leeggemaakt") for line in lines), lines
    assert any(f"De site wordt gebouwd in de map {small_site / 'site'}" in line for line in lines), lines
    assert any(re.search(r"De site is gebouwd in [\d.]+ seconden$", line) for line in lines), lines
    assert not any(english in "\n".join(lines) for english in ("Cleaning site", "Building documentation", "Documentation built"))


@pytest.mark.parametrize(("english", "dutch"), [
    ("Serving on http://127.0.0.1:8000/", "De site is te zien op http://127.0.0.1:8000/"),
    ("Detected file changes", "Er is een bestand gewijzigd"),
    ("[11:06:50] Serving on http://localhost:8000/", "[11:06:50] De site is te zien op http://localhost:8000/"),  # serve's time
    ("Something new in MkDocs 1.7", "Something new in MkDocs 1.7"),  # unknown lines stay, rather than vanish
])
def test_known_lines_are_translated_and_unknown_ones_kept(english: str, dutch: str) -> None:
    from praktijkbank.plugin.mkdocs_messages import dutch as translate

    assert translate(english) == dutch
