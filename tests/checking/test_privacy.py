"""What personal data is allowed where (see the docstring of privacy.py), one rule at a time."""

from __future__ import annotations

import pytest
from praktijkbank.checking.privacy import check_privacy, find_personal_data, is_mobile, looks_personal, phone_key
from praktijkbank.reading.yamlnodes import parse

HEAD = 'titel: "Buurt in Bloei"\nsamenvatting: "Inwoners leren samen."\nbijgewerkt: "2026-03-15"\n'


def warnings(front: str, body: str = "") -> list[tuple[int, int, str, str]]:
    parsed, problems = parse(HEAD + front, "x.md", 2)
    assert parsed is not None and not problems
    findings = check_privacy(parsed.data, parsed.positions, body, 30, "x.md", locate=parsed.locate)
    return [(f.line, f.column, f.field, f.code) for f in findings]


@pytest.mark.parametrize("address", ["jan.jansen@gemeente.nl", "j.jansen@gemeente.nl", "jan.de.vries@x.nl", "j.p.van-dijk@x.nl",
                                     "Jan.Jansen@Gemeente.NL", "jan_jansen@x.nl"])
def test_personal_looking_addresses(address: str) -> None:
    assert looks_personal(address)


@pytest.mark.parametrize("address", ["info@gemeente.nl", "contact@x.nl", "wijkteam@x.nl", "wijkteam.noord@x.nl", "team.zorg@x.nl",
                                     "leernetwerk.jeugd@x.nl", "jjansen@x.nl", "secretariaat.welzijn@x.nl", "info2024@x.nl"])
def test_general_addresses(address: str) -> None:
    assert not looks_personal(address)


def test_phone_numbers_are_compared_as_digits() -> None:
    assert phone_key("+31 88 123 4567") == phone_key("088-1234567") == phone_key("0031881234567")
    assert phone_key("+599 717 5000") == phone_key("00599 7175000") != phone_key("0599 717 500")
    assert is_mobile("06-12345678") and is_mobile("+31 6 1234 5678") and not is_mobile("088 123 4567")


@pytest.mark.parametrize("text, found", [
    ("Bel +599 717 1234 op Bonaire.", "+599 717 1234"),
    ("Curaçao: +5999 461 1234.", "+5999 461 1234"),
    ("Curaçao: +599 9 461 1234.", "+599 9 461 1234"),
    ("Aruba: +297 582 1234.", "+297 582 1234"),
    ("Of 00599 717 1234.", "00599 717 1234"),
])
def test_caribbean_numbers_in_text(text: str, found: str) -> None:
    assert [(kind, match) for _, kind, match in find_personal_data(text)] == [("telefoon", found)]


@pytest.mark.parametrize("text", ["599 deelnemers in 717 gemeenten", "Sinds 1599 en 2024.", "Postcode 5997 AB, huisnummer 12",
                                  "In 2019-2021 waren er 599 bijeenkomsten"])
def test_numbers_that_are_no_caribbean_phone_numbers(text: str) -> None:
    assert [kind for _, kind, _ in find_personal_data(text) if kind == "telefoon"] == []


def test_the_contacts_own_details_may_be_repeated_anywhere() -> None:
    front = ("waarom:\n  doel: Mail INFO@wijk.nl of bel 088-123 4567.\ntips:\n  - info@wijk.nl\n"
             "contact:\n  organisatie: Wijk\n  email: info@wijk.nl\n  telefoon: +31 88 123 4567\n")
    assert warnings(front, "Mail info@wijk.nl of bel 0881234567.") == []


def test_other_details_warn_also_in_the_contacts_own_text_fields() -> None:
    front = "contact:\n  organisatie: Wijk\n  rol: Jan, 06-12345678\n  email: info@wijk.nl\n  website: mailto:jan@wijk.nl\n"
    assert warnings(front) == [(7, 13, "contact.rol", "privacy-telefoon")]


def test_an_organisations_numbers_are_allowed_in_contact_telefoon() -> None:
    for number in ("088 123 4567", "0800-1234567", "0900 1234567", "085 123 4567", "+599 717 5000", "020 123 4567"):
        assert warnings(f"contact:\n  organisatie: Wijk\n  telefoon: \"{number}\"\n") == []


def test_personal_looking_contact_details_warn_at_the_contact_field() -> None:
    front = "contact:\n  organisatie: Wijk\n  email: jan.jansen@gemeente.nl\n  telefoon: \"06 1234 5678\"\n"
    assert warnings(front) == [(7, 10, "contact.email", "privacy-persoonlijk-adres"),
                               (8, 13, "contact.telefoon", "privacy-mobiel-nummer")]


def test_text_in_blocks_is_located_on_its_own_line() -> None:
    front = ("waarom:\n  doel: |\n    Eerste regel.\n\n    Bel 06-12345678.\n"
             "  transformatie: >\n    Eerst dit,\n    dan mail naar a@b.nl\n    en verder.\n"
             "  brandende_kwestie: \"Eerst dit,\n    dan 06-87654321\"\n")
    assert warnings(front) == [(9, 9, "waarom.doel", "privacy-telefoon"), (12, 19, "waarom.transformatie", "privacy-email"),
                               (15, 9, "waarom.brandende_kwestie", "privacy-telefoon")]
