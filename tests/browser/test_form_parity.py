"""The submission form and ``praktijkbank check`` give the same verdict on the checker's own corpus.

Every practice file that the form can hold (its values fit the form's controls) is loaded into the form as a
draft, the form makes the file, and its verdict (problems that block the file, personal data that blocks the
GitHub hand-off, or fine) must be the checker's: errors the form is responsible for, privacy warnings, or none.
Files the form cannot hold (YAML mistakes, unknown fields, a list where one choice goes) are counted, not
compared: the form cannot produce them in the first place.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from praktijkbank.checking.file import load_file
from praktijkbank.checking.migration import migrate
from praktijkbank.checking.pruning import prune_empty
from praktijkbank.contribute.form import FormField, form_fields
from praktijkbank.core.schema import Schema
from praktijkbank.reading import source, yamlnodes

from tests.helpers import REPO, build_copy, require_chromium, serve_directory

SCHEMA = Schema.load(REPO / "schema" / "praktijkvoorbeeld.schema.json")
DRAFT_KEY = "praktijkbank:insturen:concept:v1"
CORPUS = sorted([*(REPO / "tests" / "corpus").glob("*.md"), *(REPO / "practices").glob("*.md"),
                 *(REPO / "tests" / "fixtures").glob("*/*.md")])
#: Checker errors that are about values the form holds: the form must find these too.
FORM_ERRORS = {"verplicht", "leeg", "te-kort", "te-lang", "vorm", "datum", "te-veel", "verhaal-html",
               "verhaal-afbeelding", "verhaal-link", "verhaal-voorbeeldtekst"}
REPO_URL = "https://github.com/voorbeeld-org/praktijkbank"


class DoesNotFit(Exception):
    """A value that no control of the form can hold."""


def draft_value(field: FormField, value: Any) -> Any:
    """A practice's value as the form's draft keeps it: what a person would have typed, ticked or chosen."""
    if field.kind == "group":
        if not isinstance(value, dict) or set(value) - {c.key for c in field.children}:
            raise DoesNotFit(field.path)
        return {c.key: draft_value(c, value[c.key]) for c in field.children if c.key in value}
    if field.kind == "repeat":
        if not isinstance(value, list):
            raise DoesNotFit(field.path)
        return [draft_value(FormField(field.key, field.path, field.id, "group", field.title, "", False,
                                      children=field.children), item) for item in value]
    if field.kind == "checkboxes":
        offered = {c.value for c in field.choices}
        if not isinstance(value, list) or len(set(value)) != len(value) or not set(value) <= offered:
            raise DoesNotFit(field.path)
        return value
    if field.kind == "lines":
        if not isinstance(value, list) or not all(isinstance(item, str) and "\n" not in item for item in value):
            raise DoesNotFit(field.path)
        return "\n".join(value)
    if field.kind == "select" and value not in {c.value for c in field.choices}:
        raise DoesNotFit(field.path)
    if field.kind == "date":
        try:
            datetime.date.fromisoformat(str(value))
        except ValueError:
            raise DoesNotFit(field.path) from None  # a date control holds real dates only
    if field.kind == "number":
        if not isinstance(value, int) or isinstance(value, bool):
            raise DoesNotFit(field.path)
        return str(value)
    if not isinstance(value, str) or (field.kind not in ("textarea",) and "\n" in value.strip()):
        raise DoesNotFit(field.path)
    return value


def as_draft(path: Path) -> dict[str, Any]:
    """The file as a draft of the form, or DoesNotFit."""
    text, problems = source.decode(path.read_bytes(), path.name)
    if text is None:
        raise DoesNotFit("bytes")
    split, problems = source.split(text, path.name)
    if split is None:
        raise DoesNotFit("front-matter")
    parsed, problems = yamlnodes.parse(split.yaml_text, path.name, split.yaml_first_line)
    if parsed is None or problems or not isinstance(parsed.data, dict):
        raise DoesNotFit("yaml")
    data = prune_empty(parsed.data, SCHEMA)
    migrate(data, dict(parsed.positions), SCHEMA, path.name)
    fields = {f.key: f for f in form_fields(SCHEMA)}
    if set(data) - set(fields):
        raise DoesNotFit("unknown field")
    return {"fields": {key: draft_value(fields[key], value) for key, value in data.items()}, "body": split.body}


def checker_verdict(path: Path) -> str:
    findings = load_file(path, SCHEMA, path.name).findings
    if any(f.is_error and f.code in FORM_ERRORS for f in findings):
        return "fout"
    return "persoonsgegevens" if any(f.code.startswith("privacy-") for f in findings) else "in orde"


def comparable() -> Iterator[tuple[Path, dict[str, Any]]]:
    for path in CORPUS:
        findings = load_file(path, SCHEMA, path.name).findings
        if any(f.is_error and f.code not in FORM_ERRORS for f in findings):
            continue  # an error of the file itself (YAML, unknown field, wrong shape): no form writes that
        try:
            yield path, as_draft(path)
        except DoesNotFit:
            continue


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    require_chromium()

    def with_repo_url(project: Path) -> None:
        config = (project / "mkdocs.yml").read_text(encoding="utf-8")
        (project / "mkdocs.yml").write_text(config.replace("plugins:\n", f"repo_url: {REPO_URL}\n\nplugins:\n", 1), encoding="utf-8")

    with serve_directory(build_copy(tmp_path_factory.mktemp("pariteit"), with_repo_url)) as url:
        yield url + "insturen/"


@pytest.mark.browser
def test_form_and_checker_agree_on_every_file_the_form_can_hold(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    cases = list(comparable())
    verdicts = {checker_verdict(path) for path, _ in cases}
    assert len(cases) >= 40 and verdicts == {"fout", "persoonsgegevens", "in orde"}, (len(cases), verdicts)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site_url)
    disagreements = []
    for path, draft in cases:
        page.evaluate("([key, draft]) => localStorage.setItem(key, draft)", [DRAFT_KEY, json.dumps(draft)])
        page.reload()
        page.get_by_role("button", name="Maak het bestand").click()
        blocked = page.locator("#pb-foutoverzicht").is_visible()
        output = page.locator("#pb-uitvoer")
        privacy = 0 if blocked else int(output.get_attribute("data-pb-privacy-aantal") or "0")
        verdict = "fout" if blocked else "persoonsgegevens" if privacy else "in orde"
        if not blocked:
            github = page.locator("[data-pb-github]")
            assert github.is_hidden() == bool(privacy), path.name  # personal data never goes to GitHub
        expected = checker_verdict(path)
        if verdict != expected:
            summary = page.locator("#pb-foutoverzicht").inner_text() if blocked else page.locator("[data-pb-privacy]").inner_text()
            disagreements.append(f"{path.relative_to(REPO)}: form {verdict}, check {expected}: {summary}")
    context.close()
    assert not errors
    assert not disagreements, "\n".join(disagreements)


def test_the_form_page_carries_the_checkers_own_patterns() -> None:
    from praktijkbank.checking import body, privacy
    from praktijkbank.contribute.browserrules import browser_rules, js_regex

    rules = browser_rules()
    assert rules["privacy"]["general_words"] == list(privacy.browser_rules()["general_words"])
    assert rules["body"]["allowed_link"]["flags"] == "ui"  # re.IGNORECASE carried over
    assert js_regex(body.browser_rules()["html"])["source"].startswith("<(/?[A-Za-z]")
    assert r"\p{L}" in rules["privacy"]["email"]["source"]  # Python's \w is Unicode; JavaScript's needs \p{L}


def _stripped(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("\r\n", "\n").strip()
    if isinstance(value, list):
        return [_stripped(item) for item in value]
    if isinstance(value, dict):
        return {key: _stripped(item) for key, item in value.items()}
    return value


def enter(page: Any, field: FormField, value: Any, suffix: str = "") -> None:  # a Playwright page
    """Type, tick and choose ``value`` in the form's controls, as a contributor would."""
    control = f"#{field.id}{suffix}"
    if field.kind == "group":
        for child in field.children:
            if child.key in value:
                enter(page, child, value[child.key], suffix)
    elif field.kind == "repeat":
        for item in value:
            page.locator(f"{control} [data-pb-toevoegen]").click()
            number = page.locator(f"{control} .pb-item").last.get_attribute("data-pb-n")
            for child in field.children:
                if child.key in item:
                    enter(page, child, item[child.key], f"-{number}")
    elif field.kind == "checkboxes":
        for choice in value:
            page.locator(f"#{field.id}{suffix}-{choice}").check()
    elif field.kind == "select":
        page.locator(control).select_option(value)
    elif field.kind == "lines":
        page.locator(control).fill("\n".join(value))
    else:
        page.locator(control).fill(str(value))


HAND_WRITTEN = ["dag-van-de-jeugdprofessional-op-bonaire.md", "wijzer-in-de-wijk.md", "leernetwerk-kooz.md"]


@pytest.mark.browser
@pytest.mark.parametrize("name", HAND_WRITTEN)
def test_a_real_practice_typed_into_the_form_comes_out_the_same(browser, site_url: str, name: str,  # type: ignore[no-untyped-def]
                                                                tmp_path: Path) -> None:
    """Three practices of the real corpus, entered control by control: the form writes the same practice."""
    import yaml

    path = REPO / "tests" / "corpus" / name
    draft = as_draft(path)  # also proves every value fits a control
    text, _ = source.decode(path.read_bytes(), name)
    assert text is not None
    split, _ = source.split(text, name)
    assert split is not None
    parsed, _ = yamlnodes.parse(split.yaml_text, name, split.yaml_first_line)
    assert parsed is not None and draft
    data = prune_empty(parsed.data, SCHEMA)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url)
    for field in form_fields(SCHEMA):
        if field.key in data:
            enter(page, field, data[field.key])
    page.locator("#pb-veld-verhaal").fill(split.body)
    page.get_by_role("button", name="Maak het bestand").click()
    assert page.locator("#pb-foutoverzicht").is_hidden(), page.locator("#pb-foutoverzicht").inner_text()
    written = str(page.locator("[data-pb-voorbeeld]").text_content())
    page.screenshot(path=str(tmp_path / f"{path.stem}-form.png"), full_page=False)
    context.close()
    front, body = written.split("---\n")[1], written.split("\n---\n", 1)[1]
    chosen = {f.key for f in form_fields(SCHEMA) if f.kind == "checkboxes"}  # ticked boxes come in the vocabulary's order
    written_data, expected = _stripped(yaml.safe_load(front)), _stripped(data)
    for key in chosen & set(expected):
        written_data[key], expected[key] = sorted(written_data[key]), sorted(expected[key])
    assert written_data == expected
    assert body.strip() == split.body.strip()
    (tmp_path / name).write_text(written, encoding="utf-8")
    assert load_file(tmp_path / name, SCHEMA, name).findings == []  # and passes the strict check
