"""The submission form: generated from the schema, checked in the browser, and what it writes passes ``check``."""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from praktijkbank.contribute.form import form_fields, html_pattern, practices_folder, submission_routes
from praktijkbank.core.schema import Schema

from tests.helpers import REPO, axe_violations, build_copy, require_chromium, run, serve_directory

SCHEMA = Schema.load(REPO / "schema" / "praktijkvoorbeeld.schema.json")
TITLE = 'Buurtkamer "De Kade": #1 in Zeeland'
KNELPUNT = "Tijd: niemand had die.\nTweede regel met # en 'quotes' en é, ë, ç."


# -- the description of the form, without a browser ---------------------------------------------------


def test_fields_follow_the_schema_order_titles_and_vocabularies() -> None:
    fields = {f.key: f for f in form_fields(SCHEMA)}
    assert list(fields) == SCHEMA.field_order()
    assert [k for k, f in fields.items() if f.required] == ["titel", "samenvatting", "bijgewerkt"]
    assert fields["titel"].title == "Titel" and fields["titel"].max_length == 120
    assert fields["regio"].kind == "checkboxes" and "caribisch-nederland" in [c.value for c in fields["regio"].choices]
    assert fields["netwerktype"].kind == "select"
    assert "professionals" not in [c.value for c in fields["doelgroepen"].choices]  # deprecated: never offered
    omvang = {c.key: c for c in fields["omvang"].children}
    assert omvang["deelnemers"].kind == "number" and omvang["deelnemers"].minimum == 1 and omvang["toelichting"].kind == "text"
    assert fields["themas"].kind == "checkboxes" and fields["themas"].max_items == 6
    assert fields["organisaties"].kind == "lines" and fields["organisaties"].unique
    assert fields["bijgewerkt"].kind == "date"
    assert fields["bronnen"].kind == "repeat"
    assert [c.key for c in fields["bronnen"].children] == ["titel", "url", "verschenen", "geraadpleegd"]
    assert [c.kind for c in fields["bronnen"].children] == ["text", "url", "text", "date"]
    assert [c.required for c in fields["bronnen"].children] == [True, False, False, False]  # a printed source has no url
    hoe = {c.key: c for c in fields["hoe"].children}
    assert hoe["knelpunten"].kind == "repeat" and hoe["succesfactoren"].kind == "lines"
    assert hoe["randvoorwaarden"].kind == "group"
    contact = {c.key: c for c in fields["contact"].children}
    assert contact["organisatie"].required and contact["email"].kind == "email"
    # Advice about writing YAML by hand does not belong in a form that writes the YAML itself.
    assert "aanhalingstekens" not in fields["periode"].description


def test_html_patterns_match_the_whole_value_and_suit_the_v_flag() -> None:
    assert html_pattern("\\S") == "[\\s\\S]*(?:\\S)[\\s\\S]*"
    assert html_pattern("^(19|20)[0-9]{2}$") == "(19|20)[0-9]{2}"
    assert html_pattern("^(https?://[^\\s/?#]+)$") == "(https?:\\/\\/[^\\s\\/?#]+)"
    assert html_pattern(None) is None


def test_github_link_base_and_practices_folder(tmp_path: Path) -> None:
    assert submission_routes("https://github.com/org/repo.git", "main", "").new_file == "https://github.com/org/repo/new/main"
    assert submission_routes("https://github.com/org/repo/", "", "").new_file == "https://github.com/org/repo/new/main"
    assert submission_routes("https://github.com/org/repo/tree/main", "", "").fork == "https://github.com/org/repo/fork"
    assert submission_routes("https://gitlab.com/org/repo", "main", "").new_file is None
    assert submission_routes(None, "main", "").new_file is None
    assert practices_folder(tmp_path / "content" / "practices", tmp_path) == "content/practices"


# -- in the browser ------------------------------------------------------------------------------------

REPO_URL = "https://github.com/voorbeeld-org/praktijkbank"


def _with_repo_url(project: Path) -> None:
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("plugins:\n", f"repo_url: {REPO_URL}\n\nplugins:\n", 1)
    config = config.replace("      practices_dir: practices\n", "      practices_dir: practices\n      submission_branch: voorstellen\n")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    require_chromium()
    with serve_directory(build_copy(tmp_path_factory.mktemp("insturen"))) as url:
        yield url + "insturen/"


@pytest.fixture(scope="module")
def github_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    require_chromium()
    with serve_directory(build_copy(tmp_path_factory.mktemp("insturen-github"), _with_repo_url)) as url:
        yield url + "insturen/"


@pytest.fixture
def context(browser):  # type: ignore[no-untyped-def]
    """A fresh browser profile per test, so drafts in localStorage never leak between tests."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    yield context
    context.close()


@pytest.fixture
def form(context, site_url: str):  # type: ignore[no-untyped-def]
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site_url)
    yield page
    assert errors == []


def fill_example(page) -> None:  # type: ignore[no-untyped-def]
    page.locator("#pb-veld-titel").fill(TITLE)
    page.locator("#pb-veld-samenvatting").fill("Buren en professionals leren samen: \"wat werkt hier?\"\nOp dinsdag, in de buurtkamer.")
    page.locator("#pb-veld-plaats").fill("Goes")
    page.locator("#pb-veld-regio-zeeland").check()
    page.locator("#pb-veld-regio-noord-brabant").check()
    page.get_by_label("Sociale basis").check()
    page.get_by_label("Informele netwerken").check()
    page.locator("#pb-veld-netwerktype").select_option("leerwerkgemeenschap")
    page.locator("#pb-veld-organisaties").fill("Gemeente Goes\n\n  Stichting 'Samen' & co  \n")
    page.locator("#pb-veld-omvang-deelnemers").fill("40")
    page.locator("#pb-veld-omvang-gemeenten").fill(" 3 ")
    page.locator("#pb-veld-periode-van").fill("najaar 2024")
    page.locator("#pb-veld-bijgewerkt").fill("2026-03-15")
    page.locator("#pb-veld-waarom-doel").fill("Eerder helpen:\n\n- dichtbij\n- samen")
    page.locator("#pb-veld-hoe-knelpunten [data-pb-toevoegen]").click()
    page.locator("#pb-veld-hoe-knelpunten .pb-item textarea").nth(0).fill(KNELPUNT)
    page.locator("#pb-veld-hoe-knelpunten .pb-item textarea").nth(1).fill("Werktijd: afgesproken.")
    page.locator("#pb-veld-hoe-succesfactoren").fill("Vaste plek\nKoffie (en thee)")
    page.locator("#pb-veld-perspectieven-uitvoering").fill("Minder dubbel werk.")
    page.locator("#pb-veld-perspectieven-inwoners").fill("Buren voelen zich gehoord.")
    page.locator("#pb-veld-bronnen [data-pb-toevoegen]").click()
    page.locator("#pb-veld-bronnen .pb-item input").nth(0).fill("Een lerend netwerk starten")
    page.locator("#pb-veld-bronnen .pb-item input").nth(1).fill("https://www.nji.nl/?a=1&b=2#deel")
    page.locator("#pb-veld-bronnen .pb-item input").nth(3).fill("2026-03-01")
    page.locator("#pb-veld-contact-organisatie").fill("Stichting Samen")
    page.locator("#pb-veld-contact-email").fill("info@samen.nl")
    page.locator("#pb-veld-verhaal").fill("## Hoe het begon\n\nHet begon met \"koffie\": #buurt.")


def make_file(page) -> str:  # type: ignore[no-untyped-def]
    page.get_by_role("button", name="Maak het bestand").click()
    assert page.locator("#pb-uitvoer").is_visible()
    return str(page.locator("[data-pb-voorbeeld]").text_content())


def test_form_writes_a_file_that_check_accepts(form, tmp_path: Path, check: Callable[..., object]) -> None:  # type: ignore[no-untyped-def]
    page = form
    fill_example(page)
    text = make_file(page)
    assert text.startswith('---\ntitel: "Buurtkamer \\"De Kade\\": #1 in Zeeland"\n')
    keys = [line.split(":")[0] for line in text.split("\n---\n")[0].splitlines()[1:] if not line.startswith(" ")]
    assert keys == [k for k in SCHEMA.field_order() if k in keys]  # the schema's order
    assert "status:" not in text and "wat:" not in text  # empty fields are left out
    assert page.locator("[data-pb-bestandsnaam]").inner_text() == "buurtkamer-de-kade-1-in-zeeland.md"
    assert page.locator("[data-pb-github]").count() == 0  # no repo_url, no GitHub link

    with page.expect_download() as info:
        page.get_by_role("button", name="Download het bestand").click()
    download = info.value
    assert download.suggested_filename == "buurtkamer-de-kade-1-in-zeeland.md"
    folder = tmp_path / "practices"
    folder.mkdir()
    target = folder / download.suggested_filename
    download.save_as(target)
    assert target.read_text(encoding="utf-8") == text

    result = check(str(target))
    assert result.returncode == 0, result.stdout + result.stderr  # type: ignore[attr-defined]
    data = yaml.safe_load(text.split("---\n")[1])
    assert data["hoe"]["knelpunten"] == [{"knelpunt": KNELPUNT, "aanpak": "Werktijd: afgesproken."}]
    assert data["organisaties"] == ["Gemeente Goes", "Stichting 'Samen' & co"]
    assert data["themas"] == ["sociale-basis", "informele-netwerken"]
    assert data["regio"] == ["noord-brabant", "zeeland"]  # in the schema's order
    assert data["omvang"] == {"deelnemers": 40, "gemeenten": 3}  # numbers, not text
    assert data["periode"] == {"van": "najaar 2024"}
    assert data["bronnen"][0]["geraadpleegd"] == "2026-03-01"
    assert data["bijgewerkt"] == "2026-03-15"
    assert text.endswith('---\n\n## Hoe het begon\n\nHet begon met "koffie": #buurt.\n')


def test_required_fields_are_reported_and_block_the_file(form) -> None:  # type: ignore[no-untyped-def]
    page = form
    page.locator("#pb-veld-bijgewerkt").fill("")
    page.locator("#pb-veld-samenvatting").fill("Te kort.")
    page.get_by_role("button", name="Maak het bestand").click()
    summary = page.locator("#pb-foutoverzicht")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.id") == "pb-foutoverzicht"
    assert summary.locator("li").count() == 3
    assert summary.locator("h2").inner_text() == "Er zijn 3 problemen. Pas ze aan en probeer het opnieuw."
    assert page.locator("#pb-veld-titel").get_attribute("aria-invalid") == "true"
    assert page.locator("#pb-veld-titel-fout").inner_text() == "Vul dit veld in."
    assert "pb-veld-titel-fout" in str(page.locator("#pb-veld-titel").get_attribute("aria-describedby"))
    assert page.locator("#pb-veld-samenvatting-fout").inner_text() == "Schrijf minstens 20 tekens (nu 8)."
    assert not page.locator("#pb-uitvoer").is_visible()
    # A link in the summary brings the keyboard to the field.
    summary.get_by_role("link", name=re.compile("^Titel")).click()
    assert page.evaluate("document.activeElement.id") == "pb-veld-titel"


def test_schema_rules_html_cannot_express_are_checked(form) -> None:  # type: ignore[no-untyped-def]
    page = form
    fill_example(page)
    page.locator("#pb-veld-titel").fill("   ")
    page.locator("#pb-veld-periode-van").fill("2024-13")
    page.locator("#pb-veld-bronnen .pb-item input").nth(1).fill("www.zonder-https.nl")
    page.locator("#pb-veld-organisaties").fill("Gemeente Goes\nGemeente Goes")
    page.locator("#pb-veld-contact-organisatie").fill("")  # required once the contact group is filled in
    page.locator("#pb-veld-bijgewerkt").evaluate("el => { el.type = 'text'; el.value = '2026-02-30'; }")
    page.get_by_role("button", name="Maak het bestand").click()
    errors = {id_: page.locator(f"#{id_}-fout").inner_text() for id_ in (
        "pb-veld-titel", "pb-veld-periode-van", "pb-veld-organisaties", "pb-veld-contact-organisatie", "pb-veld-bijgewerkt")}
    assert errors["pb-veld-titel"] == "Vul dit veld in."
    assert errors["pb-veld-periode-van"].startswith("Schrijf een jaar (2019), een jaar en maand (2019-09), een seizoen (najaar 2019)")
    assert errors["pb-veld-organisaties"] == "Regel 2 staat er al eerder in; schrijf elk item één keer."
    assert errors["pb-veld-contact-organisatie"] == "Vul dit veld in."
    assert "bestaat niet" in errors["pb-veld-bijgewerkt"]
    assert "https://" in page.locator("#pb-veld-bronnen .pb-item .pb-fout").nth(1).inner_text()
    assert page.locator("#pb-foutoverzicht li").count() == 6
    assert not page.locator("#pb-uitvoer").is_visible()


def test_a_draft_survives_a_reload_until_it_is_cleared(form) -> None:  # type: ignore[no-untyped-def]
    page = form
    fill_example(page)
    page.reload()
    assert page.locator("#pb-veld-titel").input_value() == TITLE
    assert page.get_by_label("Informele netwerken").is_checked()
    assert page.locator("#pb-veld-regio-zeeland").is_checked()
    assert page.locator("#pb-veld-omvang-deelnemers").input_value() == "40"
    assert page.locator("#pb-veld-hoe-knelpunten .pb-item textarea").nth(0).input_value() == KNELPUNT
    assert page.locator("[data-pb-status]").inner_text().startswith("Je concept van de vorige keer is teruggezet")
    page.get_by_role("button", name="Concept wissen").click()
    assert page.locator("#pb-veld-titel").input_value() == ""
    assert page.locator("#pb-veld-hoe-knelpunten .pb-item").count() == 0
    page.reload()
    assert page.locator("#pb-veld-titel").input_value() == ""
    assert page.locator("#pb-veld-bijgewerkt").input_value() != ""  # today, ready to use


def test_repeatable_groups_add_and_remove_with_the_keyboard(form) -> None:  # type: ignore[no-untyped-def]
    page = form
    add = page.locator("#pb-veld-hoe-knelpunten [data-pb-toevoegen]")
    add.focus()
    page.keyboard.press("Enter")
    page.keyboard.type("Eerste")
    add.click()
    assert page.evaluate("document.activeElement.id") == "pb-veld-hoe-knelpunten-knelpunt-2"
    assert page.locator("#pb-veld-hoe-knelpunten legend").nth(2).inner_text() == "Knelpunten: nummer 2"
    page.get_by_role("button", name="Verwijder nummer 1 van knelpunten").click()
    assert page.locator("#pb-veld-hoe-knelpunten .pb-item").count() == 1
    assert page.locator("#pb-veld-hoe-knelpunten legend").nth(1).inner_text() == "Knelpunten: nummer 1"


def test_no_accessibility_violations(form) -> None:  # type: ignore[no-untyped-def]
    page = form
    assert axe_violations(page) == []
    page.get_by_role("button", name="Maak het bestand").click()  # with errors shown
    page.locator("#pb-veld-hoe-knelpunten [data-pb-toevoegen]").click()
    assert axe_violations(page) == []
    fill_example(page)
    make_file(page)
    assert axe_violations(page) == []


def test_without_javascript_the_page_shows_the_alternatives(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url)
    assert not page.locator("#pb-insturen-formulier").is_visible()
    alternatives = page.locator("[data-pb-zonder-js]")
    assert alternatives.is_visible()
    assert "praktijkbank nieuw" in alternatives.inner_text()
    assert alternatives.get_by_role("link", name="Een praktijkvoorbeeld insturen").get_attribute("href") == "../bijdragen/"
    context.close()


def test_github_link_opens_a_new_file_with_the_content(context, github_site_url: str) -> None:  # type: ignore[no-untyped-def]
    page = context.new_page()
    page.goto(github_site_url)
    fill_example(page)
    text = make_file(page)
    href = str(page.get_by_role("link", name="Open als nieuw bestand op GitHub").get_attribute("href"))
    parts = urlsplit(href)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == REPO_URL + "/new/voorstellen"
    query = parse_qs(parts.query)
    assert query["filename"] == ["practices/buurtkamer-de-kade-1-in-zeeland.md"]
    assert query["value"] == [text]
    assert not set(href) & set('"# \n')  # every special character is encoded


@pytest.mark.browser
def test_personal_data_blocks_the_github_hand_off_and_says_why(context, github_site_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = context.new_page()
    page.goto(github_site_url)
    page.locator("#pb-veld-titel").fill("Buurtnetwerk met een naam erin")
    page.locator("#pb-veld-samenvatting").fill("Bel mevrouw op 06-12345678 of mail jan.jansen@gemeente.nl; BSN 111222333.")
    page.locator("#pb-veld-contact-organisatie").fill("Gemeente Goes")
    page.locator("#pb-veld-contact-email").fill("info@goes.nl")
    page.locator("#pb-veld-verhaal").fill("Vragen? Mail info@goes.nl, dat mag.")
    page.get_by_role("button", name="Maak het bestand").click()
    box = page.locator("[data-pb-privacy]")
    assert box.is_visible() and page.locator("[data-pb-github]").is_hidden() and page.locator("[data-pb-github-uitleg]").is_hidden()
    items = box.locator("li").all_inner_texts()
    assert len(items) == 3, items  # the phone number, the address and the BSN; the contact's own address may be repeated
    assert any("06-12345678" in item for item in items) and any("111222333" in item for item in items)
    assert "niet op GitHub openen" in box.inner_text()
    page.screenshot(path=str(tmp_path / "privacy.png"), full_page=True)
    box.locator("a").first.click()
    assert page.evaluate("document.activeElement.id") == "pb-veld-samenvatting"
    page.locator("#pb-veld-samenvatting").fill("Buren en professionals leren samen in de buurtkamer van Goes.")
    page.get_by_role("button", name="Maak het bestand").click()
    assert box.is_hidden() and page.locator("[data-pb-github]").is_visible()


def test_routes_to_send_a_practice_in() -> None:
    routes = submission_routes("https://github.com/voorbeeld-org/praktijkbank.git/", "voorstellen", " mailto:redactie@voorbeeld.nl ")
    assert routes.email == "redactie@voorbeeld.nl" and routes.fork == "https://github.com/voorbeeld-org/praktijkbank/fork"
    assert routes.new_file == "https://github.com/voorbeeld-org/praktijkbank/new/voorstellen" and routes.any
    assert not submission_routes("https://gitlab.com/a/b", "main", "").any  # a repository GitHub's link cannot open
    with pytest.raises(ValueError, match="geen e-mailadres"):
        submission_routes(None, "main", "Redactie <redactie@voorbeeld.nl>")


@pytest.mark.browser
def test_the_file_can_be_mailed_to_the_editors(form) -> None:  # type: ignore[no-untyped-def]
    page = form
    fill_example(page)
    text = make_file(page)
    href = page.locator("[data-pb-mail]").get_attribute("href")
    address, query = href.split("?", 1)
    assert address == "mailto:redactie@praktijkbank.nl"  # submission_email in mkdocs.yml
    fields = parse_qs(query)
    assert fields["subject"] == [f"Nieuw praktijkvoorbeeld: {TITLE}"]
    assert fields["body"][0].endswith(text) and "buurtkamer-de-kade-1-in-zeeland.md" in fields["body"][0]


def test_a_site_without_a_route_to_send_in_warns(tmp_path: Path) -> None:
    for name in ("docs", "schema", "practices"):
        shutil.copytree(REPO / name, tmp_path / name)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(re.sub(r"\n *submission_email: .*", "", config), encoding="utf-8")
    result = run([sys.executable, "-m", "mkdocs", "build", "--strict"], tmp_path)
    assert result.returncode != 0
    assert "kan een praktijkvoorbeeld alleen downloaden en kopiëren" in result.stderr and "submission_email" in result.stderr
