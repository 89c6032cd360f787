"""Generate realistic synthetic practices for benchmarks: every checklist field filled, Dutch-like text, varied facets.

Deterministic for a given seed, and valid against the schema (vocabulary values are read from it), so the
numbers measure the build, never error handling.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import yaml

WORDS = (
    "wijkteam samenwerking inwoners professionals gemeente jeugdhulp welzijn buurt netwerk leren ervaring vraagstuk "
    "bijeenkomst procesbegeleider ambitie vertrouwen mandaat tijd ruimte gezin jongeren ouderen vrijwilligers "
    "sleutelpersonen kwartiermaker praktijk beleid bestuur uitvoering veiligheid toegankelijkheid inclusiviteit "
    "aanspreekbaarheid transformatie ondersteuning zorg wijkverpleging schulden wonen opvoeding eigenaarschap "
    "reflectie intervisie werkvorm casus afspraken verslag evaluatie adoptie verandering gedrag energie"
).split()
PLACES = ["Amsterdam", "Rotterdam", "Utrecht", "Eindhoven", "Groningen", "Zwolle", "Leiden", "Middelburg", "Tilburg",
          "Arnhem", "Nijmegen", "Deventer", "Assen", "Leeuwarden", "Almere", "Maastricht", "Den Haag", "Haarlem"]


def _choices(schema: dict[str, Any], name: str) -> list[str]:
    """The values a contributor can choose now (deprecated ones only for old files)."""
    return [entry["const"] for entry in schema["$defs"][name]["oneOf"] if not entry.get("deprecated")]


#: The small words that make up a large share of any Dutch text.
FUNCTION_WORDS = (
    "de het een en van in op met voor dat die is zijn we ze niet ook als door om bij naar aan er wat wordt worden "
    "hebben heeft kan kunnen meer samen nog maar dan tot over uit"
).split()
_ONSETS = ["b", "d", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z", "st", "sch", "br", "gr", "kl", "pr", "tr"]
_NUCLEI = ["a", "e", "i", "o", "u", "aa", "ee", "oo", "ui", "ij", "ei", "ou", "ie", "eu"]
_CODAS = ["", "n", "r", "l", "k", "t", "s", "nd", "rk", "ng", "cht", "ld"]
_SUFFIXES = ["", "", "ing", "heid", "en", "er", "lijk", "baar", "schap", "te"]


def _vocabulary(size: int = 4000, seed: int = 7) -> tuple[list[str], list[float]]:
    """Words with Zipf-like weights, as in real text: a few very common words, a long tail of rare ones.

    Function words first, then the domain's words, then pseudo-Dutch words built from syllables. Real collections
    have thousands of distinct words; a search index's size depends on that spread, not only on the page count.
    """
    rng = random.Random(seed)
    words = list(dict.fromkeys(FUNCTION_WORDS + WORDS))
    while len(words) < size:
        syllables = "".join(rng.choice(_ONSETS) + rng.choice(_NUCLEI) + rng.choice(_CODAS) for _ in range(rng.randint(1, 3)))
        word = syllables + rng.choice(_SUFFIXES)
        if word not in words:
            words.append(word)
    return words, [1 / (rank + 2) for rank in range(len(words))]


VOCABULARY, WEIGHTS = _vocabulary()


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choices(VOCABULARY, WEIGHTS, k=words))
    return text[0].upper() + text[1:] + "."


def _text(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng, rng.randint(8, 16)) for _ in range(sentences))


def practice(rng: random.Random, schema: dict[str, Any], number: int) -> tuple[dict[str, Any], str]:
    """Front-matter and body of one synthetic practice."""
    place = rng.choice(PLACES)
    data: dict[str, Any] = {
        "titel": f"{_sentence(rng, 3)[:-1]} {place} {number}",
        "samenvatting": _text(rng, 2)[:380],
        "plaats": place,
        "regio": [rng.choice(_choices(schema, "provincie"))],
        "organisaties": [f"Stichting {rng.choice(WORDS).title()}", f"Gemeente {place}"],
        "themas": rng.sample(_choices(schema, "thema"), rng.randint(1, 3)),
        "netwerktype": rng.choice(_choices(schema, "netwerktype")),
        "doelgroepen": rng.sample(_choices(schema, "doelgroep"), rng.randint(1, 2)),
        "periode": {"van": f"{rng.randint(2015, 2022)}-{rng.randint(1, 12):02d}", "tot": str(rng.randint(2023, 2026))},
        "status": rng.choice(_choices(schema, "status")),
        "bijgewerkt": f"{rng.randint(2020, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "waarom": {"doel": _text(rng, 2), "brandende_kwestie": _text(rng, 3), "transformatie": _text(rng, 2)},
        "hoe": {
            "organisatie": _text(rng, 3),
            "proces": _text(rng, 3) + "\n\n" + _text(rng, 2),
            "knelpunten": [{"knelpunt": _sentence(rng, 8), "aanpak": _sentence(rng, 10)} for _ in range(rng.randint(1, 3))],
            "succesfactoren": [_sentence(rng, 7) for _ in range(rng.randint(2, 4))],
            "werkzame_elementen": [_sentence(rng, 6) for _ in range(rng.randint(1, 3))],
            "randvoorwaarden": {"leiderschap": _text(rng, 1), "tijd": _text(rng, 1), "budget": _text(rng, 1)},
        },
        "wat": {"beleidsniveau": _text(rng, 2), "praktijkniveau": _text(rng, 2), "waarom_het_werkt": _text(rng, 2),
                "wat_nog_niet_werkt": _text(rng, 1)},
        "perspectieven": {key: _text(rng, 1) for key in rng.sample(
            ["uitvoering", "management", "bestuur", "beleid", "inwoners", "samenwerkingspartners"], rng.randint(2, 4))},
        "waarden": {key: _text(rng, 1) for key in rng.sample(
            ["toegankelijkheid", "inclusiviteit", "veiligheid", "aanspreekbaarheid"], rng.randint(1, 3))},
        "tips": [_sentence(rng, 9) for _ in range(rng.randint(2, 4))],
        "bronnen": [{"titel": _sentence(rng, 4)[:-1], "url": f"https://example.org/bron/{number}"}],
        "contact": {"organisatie": f"Gemeente {place}", "website": f"https://example.org/{number}"},
    }
    if data["netwerktype"] == "anders":
        data["netwerktype_anders"] = _sentence(rng, 3)[:-1]  # an 'other' form has a name (consistency.py)
    body = "\n\n".join(_text(rng, rng.randint(3, 5)) for _ in range(3))
    return data, body


def write_practices(folder: Path, count: int, schema_path: Path, seed: int = 2026) -> None:
    """Write ``count`` practice files into ``folder`` (created if needed)."""
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        data, body = practice(rng, schema, number)
        front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
        (folder / f"praktijk-{number:05d}.md").write_text(f"---\n{front}---\n\n{body}\n", encoding="utf-8")
