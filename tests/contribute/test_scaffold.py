"""`praktijkbank nieuw`: a complete, hinted template that passes `check` once the required fields are filled in."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import yaml

from tests.helpers import PRAKTIJKBANK, REPO, run

Check = Callable[..., subprocess.CompletedProcess[str]]


def nieuw(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run([*PRAKTIJKBANK, "nieuw", *args], cwd)


def test_new_practice_has_every_field_and_passes_once_filled_in(empty_project: Path, check: Check) -> None:
    title = 'Buurtteam "Zuid": samen sterk #1'
    result = nieuw(title, cwd=empty_project)
    assert result.returncode == 0, result.stderr
    path = empty_project / "practices" / "buurtteam-zuid-samen-sterk-1.md"
    assert f"Nieuw praktijkvoorbeeld: practices/{path.name}" in result.stdout
    text = path.read_text(encoding="utf-8")

    schema = json.loads((empty_project / "schema" / "praktijkvoorbeeld.schema.json").read_text(encoding="utf-8"))
    for key, node in schema["properties"].items():
        assert f"\n{key}:" in text, key
        assert node["description"] in text  # the hint comes from the schema
    assert "\n  brandende_kwestie:" in text and "\n    bestuurlijk_draagvlak:" in text
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["titel"] == title

    first = check(f"practices/{path.name}", cwd=empty_project)
    assert first.returncode == 1
    assert [line.split(": fout: ")[1][:24] for line in first.stdout.splitlines() if ": fout: " in line] == [
        "samenvatting: is leeg. V", "het verhaal is nog de vo"]  # the example story would otherwise be published

    text = text.replace('samenvatting: ""', "samenvatting: Een buurtteam dat met inwoners leert eerder te helpen.")
    path.write_text(text, encoding="utf-8")
    second = check(f"practices/{path.name}", cwd=empty_project)
    assert second.returncode == 1 and "voorbeeldtekst van 'praktijkbank nieuw'" in second.stdout
    story_line = next(number for number, line in enumerate(text.splitlines(), 1) if line.startswith("Vertel hier het verhaal"))
    assert f"{path.name}:{story_line}:1: fout:" in second.stdout

    front_matter = text[: text.index("\n---\n") + len("\n---\n")]
    path.write_text(front_matter + "\nHet begon in de wijk.\n", encoding="utf-8")
    assert check(f"practices/{path.name}", cwd=empty_project).returncode == 0


def test_new_outside_a_site_says_where_to_run_it(tmp_path: Path) -> None:
    result = nieuw("Elders", cwd=tmp_path)
    assert result.returncode == 2
    assert "Er staat geen mkdocs.yml in deze map" in result.stderr and "--schema" in result.stderr
    schema = REPO / "schema" / "praktijkvoorbeeld.schema.json"
    made = nieuw("Elders", "--schema", str(schema), "--map", ".", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert f"praktijkbank check --schema {schema} elders.md" in made.stdout  # the command works as printed


def test_new_practice_never_overwrites(empty_project: Path) -> None:
    assert nieuw("Mijn praktijk", cwd=empty_project).returncode == 0
    path = empty_project / "practices" / "mijn-praktijk.md"
    path.write_text("mijn eigen werk", encoding="utf-8")
    again = nieuw("Mijn Praktijk!", cwd=empty_project)
    assert again.returncode == 1
    assert "er bestaat al een praktijkvoorbeeld met deze naam: practices/mijn-praktijk.md" in again.stderr
    assert path.read_text(encoding="utf-8") == "mijn eigen werk"


def test_new_practice_in_another_folder_and_bad_titles(empty_project: Path) -> None:
    result = nieuw("Elders", "--map", "concepten", cwd=empty_project)
    assert result.returncode == 0 and (empty_project / "concepten" / "elders.md").exists()
    empty = nieuw("!!!", cwd=empty_project)
    assert empty.returncode == 1 and "kan geen bestandsnaam worden gemaakt" in empty.stderr
    missing = nieuw(cwd=empty_project)
    assert missing.returncode == 2 and "deze argumenten zijn verplicht: TITEL" in missing.stderr
