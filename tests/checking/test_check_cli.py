"""The ``praktijkbank check`` contract: output lines, exit codes and formats, as contributors and CI see them."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, MINIMAL_PRACTICE, PRAKTIJKBANK, REPO

Check = Callable[..., subprocess.CompletedProcess[str]]
LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): (?P<severity>fout|waarschuwing): (?P<text>.+)$")

INVALID = sorted((FIXTURES / "invalid").glob("*.md"))
VALID = sorted((FIXTURES / "valid").glob("*.md"))


def problem_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if LINE.match(line)]


def test_seed_practices_are_valid(check: Check) -> None:
    result = check()
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip() == "Alles in orde: 5 praktijkvoorbeelden gecontroleerd, geen problemen gevonden."
    assert result.stderr == ""


def test_corpus_is_large_enough() -> None:
    assert len(INVALID) >= 25
    assert len(VALID) >= 5


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_file_reports_exact_problems(check: Check, path: Path) -> None:
    relative = path.relative_to(REPO).as_posix()
    result = check(relative)
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    expected = path.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    assert problem_lines(result.stdout) == expected
    assert re.search(r"^\d+ fout(en)? (en \d+ waarschuwing(en)? )?in 1 van 1 praktijkvoorbeeld\.$", result.stdout.splitlines()[-1])


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_tricky_valid_file_passes(check: Check, path: Path) -> None:
    result = check(path.relative_to(REPO).as_posix())
    assert result.returncode == 0, result.stdout
    assert problem_lines(result.stdout) == []


WITH_WARNINGS = sorted((FIXTURES / "valid-with-warnings").glob("*.md"))


@pytest.mark.parametrize("path", WITH_WARNINGS, ids=lambda p: p.stem)
def test_warnings_alone_do_not_fail(check: Check, path: Path) -> None:
    result = check(path.relative_to(REPO).as_posix())
    assert result.returncode == 0, result.stdout
    expected = path.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    assert problem_lines(result.stdout) == expected
    assert all(": waarschuwing: " in line for line in expected)


def test_every_problem_in_every_file_is_reported_in_one_run(check: Check) -> None:
    result = check("tests/fixtures/invalid")
    assert result.returncode == 1
    lines = problem_lines(result.stdout)
    expected = [line for path in INVALID for line in path.with_suffix(".expected").read_text(encoding="utf-8").splitlines()]
    assert sorted(lines) == sorted(expected)
    assert {LINE.match(line)["path"] for line in lines} == {p.relative_to(REPO).as_posix() for p in INVALID}
    errors = sum(1 for line in lines if ": fout: " in line)
    assert f"{errors} fouten" in result.stdout.splitlines()[-1]


def test_lines_point_into_the_file(check: Check) -> None:
    for line in problem_lines(check("tests/fixtures/invalid").stdout):
        match = LINE.match(line)
        assert match
        source = (REPO / match["path"]).read_bytes().replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
        assert 1 <= int(match["line"]) <= len(source), line
        assert int(match["column"]) >= 1


def test_duplicate_slugs_are_reported_on_both_files(check: Check) -> None:
    result = check("tests/fixtures/duplicate-slug")
    assert result.returncode == 1
    expected = (FIXTURES / "duplicate-slug" / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert problem_lines(result.stdout) == expected


def test_github_format_annotates_lines(check: Check, tmp_path: Path) -> None:
    broken = tmp_path / "kapot.md"
    broken.write_text("---\ntitel: Kapot, met komma: en dubbele punt\n---\n", encoding="utf-8")
    other = tmp_path / "te-kort.md"
    other.write_text("---\ntitel: 'Kort: met komma, en meer'\nsamenvatting: x\nbijgewerkt: '2026-01-01'\n---\n", encoding="utf-8")
    result = check("--format", "github", str(tmp_path))
    assert result.returncode == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert annotations, result.stdout
    for annotation in annotations:
        assert re.match(r"^::(error|warning) file=[^,]+,line=\d+,col=\d+,title=[^:]*::\S", annotation), annotation
    assert any("kapot.md,line=2,col=24,title=Praktijkbank::hier staat een dubbele punt" in a for a in annotations)
    assert any("te-kort.md,line=3,col=15,title=Praktijkbank%3A samenvatting::samenvatting: is te kort" in a for a in annotations)


def test_json_format_lists_findings(check: Check, tmp_path: Path) -> None:
    (tmp_path / "een.md").write_text("---\ntitel: Eén\nsamenvatting: 5\nbijgewerkt: '2026-13-01'\n---\n", encoding="utf-8")
    result = check("--format", "json", str(tmp_path))
    assert result.returncode == 1
    findings = json.loads(result.stdout)
    assert isinstance(findings, list)
    by_field = {f["field"]: f for f in findings}
    assert set(by_field) == {"samenvatting", "bijgewerkt"}
    assert by_field["samenvatting"]["line"] == 3 and by_field["samenvatting"]["column"] == 15
    assert by_field["bijgewerkt"]["severity"] == "error"
    assert all({"path", "line", "column", "severity", "field", "message", "hint"} <= set(f) for f in findings)


def test_json_format_is_an_empty_list_when_valid(check: Check) -> None:
    result = check("--format", "json")
    assert result.returncode == 0
    assert json.loads(result.stdout) == []


def test_default_folder_comes_from_mkdocs_yml(check: Check, project: Path) -> None:
    (project / "practices").rename(project / "voorbeelden")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("practices_dir: practices", "practices_dir: voorbeelden"),
                      encoding="utf-8")
    (project / "voorbeelden" / "kapot.md").write_text("geen front-matter\n", encoding="utf-8")
    result = check(cwd=project)
    assert result.returncode == 1
    assert problem_lines(result.stdout) == [
        "voorbeelden/kapot.md:1:1: fout: het bestand heeft geen front-matter. Begin het bestand met een regel '---', "
        "dan de velden (zoals 'titel: ...'), en sluit af met nog een regel '---'. Is het een notitie en geen "
        "praktijkvoorbeeld? Begin de naam dan met _ (zoals _bronnen.md) of schrijf hem in hoofdletters (zoals "
        "BRONNEN.md): zo'n bestand zonder front-matter slaat de controle over."
    ]


def test_warnings_pass_unless_strict(check: Check, tmp_path: Path) -> None:
    (tmp_path / "Mijn Praktijk.md").write_text(MINIMAL_PRACTICE.format(titel="Mijn praktijk"), encoding="utf-8")
    relaxed = check(str(tmp_path))
    assert relaxed.returncode == 0
    assert ": waarschuwing: de bestandsnaam is geen nette webnaam; de pagina krijgt het adres 'mijn-praktijk'" in relaxed.stdout
    strict = check("--strict", str(tmp_path))
    assert strict.returncode == 1
    assert ": fout: de bestandsnaam is geen nette webnaam" in strict.stdout


def test_completeness_report(check: Check) -> None:
    result = check("--volledigheid", "practices/leerwerkgemeenschap-geestverwanten.md")
    assert result.returncode == 0
    assert ("practices/leerwerkgemeenschap-geestverwanten.md: 4 van 12 onderdelen van de checklist beschreven; "
            "ontbreekt: Bijdrage aan de transformatie") in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["bestaat-niet.md"], "praktijkbank: fout: bestand of map bestaat niet: bestaat-niet.md"),
        (["--format", "xml"], "ongeldige keuze 'xml' voor -f/--format"),
        (["--onbekend"], "onbekende argumenten: --onbekend"),
        (["--schema", "geen.json"], "het schema 'geen.json' bestaat niet"),
        (["--config-file", "geen.yml"], "het configuratiebestand 'geen.yml' bestaat niet"),
    ],
)
def test_usage_errors_exit_2_in_dutch(check: Check, args: list[str], message: str) -> None:
    result = check(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_no_command_shows_help(check: Check) -> None:
    result = subprocess.run(PRAKTIJKBANK, capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 2
    assert "gebruik: praktijkbank" in result.stderr and "check" in result.stderr


def test_help_is_dutch(check: Check) -> None:
    result = check("--help")
    assert result.returncode == 0
    assert "gebruik: praktijkbank check" in result.stdout
    assert "behandel waarschuwingen als fouten" in result.stdout


def test_file_names_that_differ_only_by_case_clash(check: Check, tmp_path: Path) -> None:
    (tmp_path / "buurt.md").write_text(MINIMAL_PRACTICE.format(titel="Buurt één"), encoding="utf-8")
    (tmp_path / "Buurt.md").write_text(MINIMAL_PRACTICE.format(titel="Buurt twee"), encoding="utf-8")
    result = check(str(tmp_path))
    assert result.returncode == 1
    lines = problem_lines(result.stdout)
    assert len(lines) == 2
    assert all(":1:1: fout: een ander bestand krijgt hetzelfde webadres 'buurt'" in line for line in lines)


def test_same_title_in_nfc_and_nfd_is_flagged(check: Check) -> None:
    result = check("tests/fixtures/duplicate-title")
    assert result.returncode == 0  # a warning: it may be intended, but a reviewer should look
    expected = (FIXTURES / "duplicate-title" / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert problem_lines(result.stdout) == expected and len(expected) == 2
    assert check("--strict", "tests/fixtures/duplicate-title").returncode == 1


def test_personal_data_warns_and_fails_strict(check: Check) -> None:
    path = "tests/fixtures/valid-with-warnings/privacy-personal-data.md"
    relaxed = check(path)
    assert relaxed.returncode == 0
    kinds = {line.split(": waarschuwing: ")[1].split(" (")[0] for line in problem_lines(relaxed.stdout)}
    assert kinds == {"waarom.doel: bevat een e-mailadres", "waarom.doel: bevat iets dat op een telefoonnummer lijkt",
                     "hoe.succesfactoren[0]: bevat een getal dat een burgerservicenummer",
                     "het verhaal bevat iets dat op een telefoonnummer lijkt", "het verhaal bevat een e-mailadres"}
    assert "e-mailadres (info@buurtinbloei.example)" not in relaxed.stdout  # the contact field is meant for this
    assert check("--strict", path).returncode == 1


def test_near_duplicates_are_flagged(check: Check, tmp_path: Path) -> None:
    head = '---\ntitel: "{}"\nsamenvatting: "{}"\nbijgewerkt: "2026-03-15"\n---\n'
    same = "Een buurtteam dat met inwoners leert eerder te helpen"
    (tmp_path / "a.md").write_text(head.format("Buurtteam Zwolle-Zuid leert samen", same + "."))
    (tmp_path / "b.md").write_text(head.format("Buurtteam Zwolle Zuid leert samen!", "Iets heel anders, over een ander onderwerp."))
    (tmp_path / "c.md").write_text(head.format("Jongerenlab Deventer", same + "!"))
    (tmp_path / "d.md").write_text(head.format("Leergroep schulden Almere", "Professionals leren samen schulden eerder te zien."))
    result = check(str(tmp_path))
    assert result.returncode == 0
    lines = [line.replace(str(tmp_path) + "/", "") for line in problem_lines(result.stdout)]
    assert [line.split(" (bijna")[0] for line in lines] == [
        "a.md:2:1: waarschuwing: titel: lijkt erg op b.md", "a.md:3:1: waarschuwing: samenvatting: lijkt erg op c.md",
        "b.md:2:1: waarschuwing: titel: lijkt erg op a.md", "c.md:3:1: waarschuwing: samenvatting: lijkt erg op a.md",
    ]


def test_notes_files_beside_practices_are_skipped(check: Check) -> None:
    """SOURCES.md and NOTES.md (capitals, no front-matter) and _concept.md are skipped; a practice in capitals is not."""
    result = check("tests/fixtures/notes-beside-practices")
    assert result.returncode == 1
    expected = (FIXTURES / "notes-beside-practices" / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert problem_lines(result.stdout) == expected
    assert result.stdout.splitlines()[-1] == "1 fout en 1 waarschuwing in 2 van 3 praktijkvoorbeelden."
    named = check("tests/fixtures/notes-beside-practices/SOURCES.md")  # as a pre-commit hook names changed files
    assert named.returncode == 0 and problem_lines(named.stdout) == []


def test_reserved_file_names_are_refused(check: Check) -> None:
    result = check("tests/fixtures/reserved-names")
    assert result.returncode == 1
    expected = (FIXTURES / "reserved-names" / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert problem_lines(result.stdout) == expected
    assert any("'index.md' is gereserveerd voor een pagina van de site" in line for line in expected)
    assert any("'con.md' is op Windows-computers niet toegestaan" in line for line in expected)
