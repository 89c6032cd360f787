"""A small, hand-picked collection whose facet combinations make filter results easy to predict."""

from __future__ import annotations

from pathlib import Path

import yaml

PRACTICES: dict[str, dict[str, object]] = {
    "wijk-utrecht": {"titel": "Wijkleergroep Utrecht", "plaats": "Utrecht", "regio": ["utrecht"], "themas": ["sociale-basis"],
                     "netwerktype": "leergroep", "doelgroepen": ["jongeren"], "bijgewerkt": "2026-05-01",
                     "perspectieven": {"inwoners": "Bewoners denken mee."}},
    "lab-amersfoort": {"titel": "Veiligheidslab Amersfoort", "plaats": "Amersfoort", "regio": ["utrecht"],
                       "themas": ["sociale-basis", "veiligheid"], "netwerktype": "living-lab", "doelgroepen": ["gezinnen"],
                       "bijgewerkt": "2026-04-01", "waarden": {"veiligheid": "Veilig leren staat voorop."}},
    "leergroep-goes": {"titel": "Leergroep veilig thuis Goes", "plaats": "Goes", "regio": ["zeeland"], "themas": ["veiligheid"],
                       "netwerktype": "leergroep", "doelgroepen": ["jongeren", "gezinnen"], "bijgewerkt": "2026-03-01"},
    "digitaal-middelburg": {"titel": "Digitale doorbraak", "plaats": "Middelburg", "regio": ["zeeland"],
                            "themas": ["digitalisering"], "netwerktype": "doorbraak", "doelgroepen": ["ouderen"],
                            "bijgewerkt": "2026-02-01"},
    "armoede-zwolle": {"titel": "Armoedenetwerk Zwolle", "plaats": "Zwolle", "regio": ["overijssel"],
                       "themas": ["bestaanszekerheid"], "netwerktype": "community-of-practice", "doelgroepen": ["volwassenen"],
                       "bijgewerkt": "2026-01-01", "status": "lopend"},
}


SUMMARIES = {
    "wijk-utrecht": "Jongerenwerkers en bewoners in Utrecht leren elke maand van elkaars aanpak in de wijk.",
    "lab-amersfoort": "Gezinnen, gemeente en hulpverleners proberen in Amersfoort nieuwe vormen van veiligheid uit.",
    "leergroep-goes": "Een vaste groep professionals in Goes onderzoekt hoe jongeren en ouders zich thuis veilig voelen.",
    "digitaal-middelburg": "Ouderen in Middelburg krijgen hulp bij digitale zaken van vrijwilligers die samen leren.",
    "armoede-zwolle": "Schuldhulpverleners en werkgevers in Zwolle delen ervaringen met bestaanszekerheid.",
}


def write(folder: Path) -> None:
    """Replace the practices in ``folder`` by this collection."""
    for old in folder.glob("*.md"):
        old.unlink()
    for slug, fields in PRACTICES.items():
        data = {"titel": fields["titel"], "samenvatting": SUMMARIES[slug], **fields}
        front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        (folder / f"{slug}.md").write_text(f"---\n{front}---\n\nHet verhaal van {fields['titel']}.\n", encoding="utf-8")
