"""Practices written for tests: a complete one, a very long one, and one whose every text field attacks the page."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import yaml

from tests.helpers.running import REPO

COMPLETE_PRACTICE = """---
titel: Leergroep Samen Sterk in Zwolle
samenvatting: Een leergroep van wijkteams die samen leert hoe ze inwoners eerder en dichterbij helpen.
plaats: Zwolle
regio: [overijssel]
organisaties:
  - Wijkteam Zwolle-Zuid
themas: [lokale-teams, sociale-basis]
netwerktype: leergroep
doelgroepen: [buurtbewoners]
periode:
  van: "2023-09"
  tot: "2025"
status: afgerond
bijgewerkt: "2026-02-01"
waarom:
  doel: Inwoners eerder en dichterbij helpen.
  brandende_kwestie: Hulp kwam te laat op gang.
  transformatie: Minder zware zorg door vroege steun.
hoe:
  organisatie: Elke zes weken een bijeenkomst.
  proces: |
    Eerst kennismaken.

    Daarna samen een ambitie formuleren.
  knelpunten:
    - knelpunt: Weinig tijd
      aanpak: Bijeenkomsten in werktijd
    - knelpunt: Wisselende deelnemers
  succesfactoren:
    - Een vaste procesbegeleider
    - Kleine stappen
  werkzame_elementen:
    - Een verslag binnen een week
  randvoorwaarden:
    tijd: Een dagdeel per zes weken.
    budget: Geld voor begeleiding.
wat:
  beleidsniveau: Afspraken in het jaarplan.
  praktijkniveau: Eén aanspreekpunt per gezin.
  waarom_het_werkt: Mensen kennen elkaar.
  wat_nog_niet_werkt: Inwoners zijn nog niet betrokken.
perspectieven:
  uitvoering: Minder dubbel werk.
  beleid: Betere inkoop.
waarden:
  veiligheid: Vertrouwelijke casusbesprekingen.
tips:
  - Begin klein.
  - Vier successen.
bronnen:
  - titel: Een lerend netwerk starten
    url: https://www.nji.nl/
contact:
  organisatie: Wijkteam Zwolle-Zuid
  website: https://example.org/
---

Het verhaal van de leergroep, met **nadruk**.
"""


def page(site: Path, *parts: str) -> str:
    return (site.joinpath(*parts) / "index.html").read_text(encoding="utf-8")


def main_content(document: str) -> str:
    match = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', document, re.S)
    assert match, "no article in page"
    return match.group(1)


def text_of(fragment: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment))).strip()


PAYLOAD = '<script>window.__pwned=1</script> "onmouseover=window.__pwned=2 x=" </textarea> {{ 7*7 }} <img src=x onerror=window.__pwned=3>'


def hostile_practice(schema: dict[str, Any]) -> dict[str, Any]:
    """Every free-text field of the schema filled with the payload; vocabularies and formats kept valid."""

    def fill(node: dict[str, Any]) -> Any:
        if "$ref" in node:
            target = schema
            for part in node["$ref"][2:].split("/"):
                target = target[part]
            node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        if "oneOf" in node:
            return node["oneOf"][0]["const"]
        kind = node.get("type")
        if kind == "object":
            return {key: fill(child) for key, child in node.get("properties", {}).items()}
        if kind == "array":
            return [fill(node["items"])]
        if kind == "integer":
            return node.get("minimum", 1)
        if node.get("format") == "date":
            return "2026-01-01"
        if "pattern" in node and node["pattern"] != "\\S":
            return node["examples"][0]
        return PAYLOAD[: node.get("maxLength", len(PAYLOAD))]

    data = fill(schema)
    data["samenvatting"] = (PAYLOAD + " vijandig")[:400]
    data["netwerktype"] = "anders"  # so that the hostile name of the other form is shown too
    return data


SEED_SLUGS = sorted(path.stem for path in (REPO / "practices").glob("*.md") if not path.name.startswith(("_", ".")))


def very_long_practice() -> str:
    """Every field near its limit in the schema: the worksheet must still say what it left out."""
    filler = "Samenwerking tussen wijkteam, huisarts en school vraagt om vertrouwen, tijd en geduld van iedereen. "

    def text(n: int, start: str = "") -> str:
        return (start + filler * (n // len(filler) + 2))[:n].strip()

    data = {
        "titel": text(120, "Een heel lange titel over een leernetwerk dat alles tegelijk wil oplossen: "),
        "samenvatting": text(400, "Een samenvatting die tot het uiterste gaat. "),
        "plaats": text(100, "Ergens in de regio "),
        "regio": ["gelderland"],
        "bijgewerkt": "2026-01-15",
        "hoe": {
            "succesfactoren": [text(900, f"Succesfactor nummer {i}: ") for i in range(20)],
            "knelpunten": [{"knelpunt": text(1800, f"Knelpunt nummer {i}: "), "aanpak": text(1800, "Zo pakten we het aan: ")}
                           for i in range(20)],
        },
        "wat": {"waarom_het_werkt": text(3000), "wat_nog_niet_werkt": text(3000)},
    }
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000) + "---\n\nHet verhaal.\n"


#: The sheets measured on paper: the general ones, and practices from short to long.
MEASURED_SHEETS = ["werkbladen/vertaling", "werkbladen/presenteren", "werkbladen/sessie", "praktijken/bijna-leeg/werkblad",
                   "praktijken/compleet/werkblad", "praktijken/heel-lang/werkblad",
                   *(f"praktijken/{slug}/werkblad" for slug in SEED_SLUGS)]
