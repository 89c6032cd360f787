"""Open data, JSON-LD, the Atom feed and security.txt of real builds, with hostile text in every field.

One small site is built with a ``site_url`` and every publication setting, holding three practices: one with
hostile text in every field (markup, quotes, ``</script>``, formula starters, emoji), one complete and reviewed, and
one with a story longer than a spreadsheet cell. A second build of the repository's own site has no ``site_url``.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import posixpath
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from subprocess import CompletedProcess
from typing import Any

import pytest
import yaml
from praktijkbank.checking import validators
from praktijkbank.core import textmarkup
from praktijkbank.core.schema import Schema
from praktijkbank.publishing.spreadsheet import EXCEL_CELL_LIMIT, FORMULA_START, fit_excel, spreadsheet_safe

from tests.helpers import COMPLETE_PRACTICE, PAYLOAD, REPO, build_copy, hostile_practice

Build = Callable[..., CompletedProcess[str]]

SITE_URL = "https://praktijkbank.example/"
LICENSE = "https://creativecommons.org/licenses/by/4.0/"
PUBLISHER = 'Redactie <b>Praktijkbank</b> & "co"'
#: Added to the hostile payload: an element ender for script, a comment opener, markup, quotes and emoji.
EXTRA = ' </script><!-- <b>vet</b> \'enkel\' "dubbel" 😀🇳🇱 & '
ATOM = "{http://www.w3.org/2005/Atom}"
LONG_STORY = "Een zin over het netwerk met een emoji 😀 erin. " * 800  # about 38,000 UTF-16 units


def _hostile(schema: dict[str, Any]) -> dict[str, Any]:
    """test_hostile's practice with a longer payload, and texts that start a spreadsheet formula."""
    hostile = PAYLOAD + EXTRA

    def swap(value: Any) -> Any:
        if isinstance(value, dict):
            return {key: swap(child) for key, child in value.items()}
        if isinstance(value, list):
            return [swap(child) for child in value]
        if isinstance(value, str) and PAYLOAD.startswith(value):
            return hostile[: max(len(value), 3)]
        return value

    data = swap(hostile_practice(schema))
    data["titel"] = '=HYPERLINK("https://evil.example/","klik") </script> 😀'
    data["samenvatting"] = ("@SUM(1+1) " + hostile)[:400]
    data["plaats"] = "+Eindhoven <b>"
    data["hoe"]["succesfactoren"] = ["-2+3 of zo", "\tmet een tab", "gewoon **vet** en *schuin*"]
    data["bijgewerkt"] = "2026-03-01"
    data["beoordeeld"] = {"op": "2026-02-20", "door": '<script>"Stichting"</script>'}
    return data


def _prepare(project: Path) -> None:
    for path in (project / "practices").glob("*.md"):
        path.unlink()
    schema = json.loads((project / "schema" / "praktijkvoorbeeld.schema.json").read_text(encoding="utf-8"))
    front = yaml.safe_dump(_hostile(schema), allow_unicode=True, sort_keys=False)
    body = 'Het verhaal noemt `</script><script>alert(1)</script>` als code, met **nadruk**, "aanhalingstekens" en 😀.\n'
    (project / "practices" / "vijandig.md").write_text(f"---\n{front}---\n\n{body}", encoding="utf-8")
    review = 'beoordeeld:\n  op: "2026-01-20"\n  door: redactie\n'
    complete = COMPLETE_PRACTICE.replace('bijgewerkt: "2026-02-01"\n', 'bijgewerkt: "2026-02-01"\n' + review)
    (project / "practices" / "samen-sterk-zwolle.md").write_text(complete, encoding="utf-8")
    (project / "practices" / "lang-verhaal.md").write_text(
        "---\ntitel: Een praktijk met een lang verhaal\nsamenvatting: Een korte samenvatting van deze praktijk, lang genoeg "
        f"om te lezen.\nbijgewerkt: \"2025-12-01\"\nthemas: [wonen]\n---\n\n{LONG_STORY}\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    settings = ("      schema: schema/praktijkvoorbeeld.schema.json\n"
                f"      publisher: '{PUBLISHER}'\n"
                f"      license: {LICENSE}\n"
                "      security_contact: mailto:security@praktijkbank.example\n"
                "      security_expires: 2099-05-01\n")
    assert "      schema: schema/praktijkvoorbeeld.schema.json\n" in text
    text = text.replace("      schema: schema/praktijkvoorbeeld.schema.json\n", settings)
    config.write_text(f"site_url: {SITE_URL}\n" + text, encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_copy(tmp_path_factory.mktemp("opendata"), _prepare)


@pytest.fixture(scope="module")
def sources(site: Path) -> dict[str, dict[str, Any]]:
    """Each practice's front-matter and story, read from its file as the site's maintainers wrote it."""
    found = {}
    for path in sorted((site.parent / "practices").glob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        found[path.stem] = {"data": yaml.safe_load(front), "body": body.strip("\n")}
    return found


@pytest.fixture(scope="module")
def schema() -> Schema:
    return Schema.load(REPO / "schema" / "praktijkvoorbeeld.schema.json")


@pytest.fixture(scope="module")
def collection(site: Path) -> dict[str, Any]:
    return json.loads((site / "praktijkvoorbeelden.json").read_text(encoding="utf-8"))


def _walk_strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [text for child in value.values() for text in _walk_strings(child)]
    if isinstance(value, list):
        return [text for child in value for text in _walk_strings(child)]
    return [value] if isinstance(value, str) else []


# -- JSON -------------------------------------------------------------------------------------------------------


def test_json_holds_every_field_of_every_practice(collection: dict[str, Any], sources: dict[str, dict[str, Any]]) -> None:
    assert collection["aantal"] == 3
    assert collection["bijgewerkt"] == "2026-03-01"  # the newest 'bijgewerkt', not the day of the build
    assert collection["schema"] == "https://praktijkbank.nl/schema/praktijkvoorbeeld.schema.json"
    assert collection["licentie"] == LICENSE
    assert collection["uitgever"] == PUBLISHER
    assert collection["documentatie"] == SITE_URL + "open-data/"
    assert collection["velden"] == SITE_URL + "checklist/"
    records = {record["id"]: record for record in collection["praktijkvoorbeelden"]}
    assert list(records) == sorted(sources)
    for slug, source in sources.items():
        record = records[slug]
        assert record["url"] == f"{SITE_URL}praktijken/{slug}/"
        assert record["bestand"] == f"practices/{slug}.md"
        assert record["gegevens"] == source["data"]  # every field, exactly as written (and validated)
        assert record["verhaal"]["markdown"].strip() == source["body"].strip()


def test_json_gives_labels_and_plain_text_beside_the_values(collection: dict[str, Any]) -> None:
    records = {record["id"]: record for record in collection["praktijkvoorbeelden"]}
    complete = records["samen-sterk-zwolle"]
    assert complete["labels"]["themas"] == ["Wijkteams en lokale teams", "Sociale basis"]
    assert complete["labels"]["netwerktype"] == "Leergroep"
    assert complete["labels"]["regio"] == ["Overijssel"]
    assert complete["labels"]["status"] == "Afgerond"
    assert "bijgewerkt" not in complete["labels"] and "bijgewerkt" not in complete["tekst"]  # a date has no label or text
    assert complete["tekst"]["hoe"]["proces"] == "Eerst kennismaken. Daarna samen een ambitie formuleren."
    assert complete["tekst"]["hoe"]["knelpunten"][0] == {"knelpunt": "Weinig tijd", "aanpak": "Bijeenkomsten in werktijd"}
    assert "bronnen" not in complete["tekst"] or "url" not in complete["tekst"]["bronnen"][0]  # an address is no text
    assert complete["gegevens"]["beoordeeld"] == {"op": "2026-01-20", "door": "redactie"}
    assert complete["verhaal"]["tekst"] == "Het verhaal van de leergroep, met nadruk."
    assert complete["volledigheid"]["totaal"] == 12
    hostile = records["vijandig"]
    assert hostile["tekst"]["hoe"]["succesfactoren"][2] == "gewoon vet en schuin"
    assert hostile["gegevens"]["titel"] == '=HYPERLINK("https://evil.example/","klik") </script> 😀'  # data, not escaped
    assert "😀" in hostile["verhaal"]["tekst"] and "</script><script>alert(1)</script>" in hostile["verhaal"]["tekst"]


def test_json_data_is_valid_against_the_schema_it_names(collection: dict[str, Any], schema: Schema) -> None:
    for record in collection["praktijkvoorbeelden"]:
        assert list(validators.validator(schema).iter_errors(record["gegevens"])) == []


# -- CSV --------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def table(site: Path) -> list[dict[str, str]]:
    raw = (site / "praktijkvoorbeelden.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a byte order mark, so Excel reads UTF-8
    text = raw.decode("utf-8-sig")
    assert "\r\n" in text
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_has_one_row_per_practice_with_columns_in_schema_order(table: list[dict[str, str]], schema: Schema) -> None:
    assert [row["id"] for row in table] == ["lang-verhaal", "samen-sterk-zwolle", "vijandig"]
    header = list(table[0])
    assert header[:4] == ["id", "url", "titel", "samenvatting"]
    assert header[-2:] == ["volledigheid", "verhaal"]
    top_level = [name.split(".")[0] for name in header[2:-2]]
    assert list(dict.fromkeys(top_level)) == schema.field_order()  # x-volgorde
    assert header.index("partners.organisatie") + 1 == header.index("partners.rol")
    assert "hoe.randvoorwaarden.tijd" in header and "omvang.deelnemers" in header
    rows = {row["id"]: row for row in table}
    complete = rows["samen-sterk-zwolle"]
    assert complete["url"] == SITE_URL + "praktijken/samen-sterk-zwolle/"
    assert complete["themas"] == "Wijkteams en lokale teams; Sociale basis"
    assert complete["hoe.succesfactoren"] == "Een vaste procesbegeleider; Kleine stappen"
    assert complete["hoe.knelpunten.knelpunt"] == "Weinig tijd; Wisselende deelnemers"
    assert complete["hoe.knelpunten.aanpak"] == "Bijeenkomsten in werktijd; "  # the second has none: its place stays
    assert complete["beoordeeld.op"] == "2026-01-20" and complete["beoordeeld.door"] == "redactie"
    assert complete["periode.van"] == "2023-09" and complete["status"] == "Afgerond"
    assert complete["volledigheid"].endswith("onderdelen van de checklist beschreven")


def test_csv_is_safe_in_a_spreadsheet(table: list[dict[str, str]]) -> None:
    rows = {row["id"]: row for row in table}
    hostile = rows["vijandig"]
    assert hostile["titel"] == '\'=HYPERLINK("https://evil.example/","klik") </script> 😀'
    assert hostile["samenvatting"].startswith("'@SUM(1+1) <script>")
    assert hostile["plaats"] == "'+Eindhoven <b>"
    assert hostile["hoe.succesfactoren"].startswith("'-2+3 of zo; ")
    for row in table:
        for name, value in row.items():
            assert not value.startswith(FORMULA_START), (row["id"], name, value)
            assert len(value.encode("utf-16-le")) // 2 <= EXCEL_CELL_LIMIT, (row["id"], name)
    story = rows["lang-verhaal"]["verhaal"]
    assert story.endswith("…") and len(story.encode("utf-16-le")) // 2 <= EXCEL_CELL_LIMIT
    assert story.startswith("Een zin over het netwerk met een emoji 😀 erin.")


def test_formula_escaping_and_the_cell_limit() -> None:
    for start in ("=", "+", "-", "@", "\t", "\r", "＝"):
        assert spreadsheet_safe(start + "1+1") == "'" + start + "1+1"
    assert spreadsheet_safe("Gewoon 1+1") == "Gewoon 1+1"
    assert fit_excel("a" * EXCEL_CELL_LIMIT) == "a" * EXCEL_CELL_LIMIT
    cut = fit_excel("😀" * EXCEL_CELL_LIMIT)  # two UTF-16 units each, as Excel counts them
    assert cut.endswith("…") and len(cut.encode("utf-16-le")) // 2 <= EXCEL_CELL_LIMIT
    assert not any(0xD800 <= ord(character) <= 0xDFFF for character in cut)  # never half an emoji


def test_csv_opens_with_the_csv_module_as_excel_does(site: Path) -> None:
    with (site / "praktijkvoorbeelden.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, dialect="excel"))
    assert len(rows) == 4 and len({len(row) for row in rows}) == 1


# -- DCAT-AP-NL -------------------------------------------------------------------------------------------------


def test_dataset_description_is_dcat(site: Path) -> None:
    dataset = json.loads((site / "dataset.jsonld").read_text(encoding="utf-8"))
    assert dataset["@type"] == "dcat:Dataset"
    assert dataset["@context"]["dcat"] == "http://www.w3.org/ns/dcat#"
    assert dataset["@context"]["dct"] == "http://purl.org/dc/terms/"
    assert dataset["dct:title"]["@language"] == "nl" and dataset["dct:description"]["@value"]
    assert dataset["dct:publisher"]["foaf:name"] == PUBLISHER
    assert dataset["dct:license"] == {"@id": LICENSE}
    assert dataset["dct:modified"] == {"@value": "2026-03-01", "@type": "xsd:date"}
    assert dataset["dcat:landingPage"] == {"@id": SITE_URL + "praktijken/"}
    assert dataset["dct:conformsTo"] == {"@id": "https://praktijkbank.nl/schema/praktijkvoorbeeld.schema.json"}
    keywords = {keyword["@value"] for keyword in dataset["dcat:keyword"]}
    assert {"Sociale basis", "Wonen", "Leergroep"} <= keywords
    distributions = {d["dcat:downloadURL"]["@id"]: d for d in dataset["dcat:distribution"]}
    assert set(distributions) == {SITE_URL + "praktijkvoorbeelden.json", SITE_URL + "praktijkvoorbeelden.csv"}
    for address, distribution in distributions.items():
        assert distribution["@type"] == "dcat:Distribution"
        name = address.removeprefix(SITE_URL)
        media = "application/json" if name.endswith(".json") else "text/csv"
        assert distribution["dcat:mediaType"]["@id"].endswith("/" + media)
        assert int(distribution["dcat:byteSize"]["@value"]) == (site / name).stat().st_size
        assert distribution["dct:license"] == {"@id": LICENSE}


# -- schema.org JSON-LD -----------------------------------------------------------------------------------------


class _JsonLd(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self._open = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open = tag == "script" and ("type", "application/ld+json") in attrs
        if self._open:
            self.blocks.append("")

    def handle_endtag(self, tag: str) -> None:
        self._open = False

    def handle_data(self, data: str) -> None:
        if self._open:
            self.blocks[-1] += data


def json_ld(html_file: Path) -> list[dict[str, Any]]:
    parser = _JsonLd()
    parser.feed(html_file.read_text(encoding="utf-8"))
    return [json.loads(block) for block in parser.blocks]


def test_practice_page_describes_itself_in_json_ld(site: Path, sources: dict[str, dict[str, Any]]) -> None:
    [data] = json_ld(site / "praktijken" / "samen-sterk-zwolle" / "index.html")
    assert data["@context"] == "https://schema.org" and data["@type"] == "WebPage"
    assert data["url"] == data["@id"] == SITE_URL + "praktijken/samen-sterk-zwolle/"
    assert data["name"] == "Leergroep Samen Sterk in Zwolle"
    assert data["description"] == sources["samen-sterk-zwolle"]["data"]["samenvatting"]
    assert data["dateModified"] == "2026-02-01"
    assert data["lastReviewed"] == "2026-01-20"
    assert data["reviewedBy"] == {"@type": "Organization", "name": PUBLISHER}  # 'redactie': this site's editors
    assert data["publisher"] == {"@type": "Organization", "name": PUBLISHER, "url": SITE_URL}
    assert data["inLanguage"] == "nl" and data["license"] == LICENSE
    assert data["keywords"] == "Wijkteams en lokale teams, Sociale basis, Leergroep, Buurtbewoners"
    assert [term["name"] for term in data["about"]] == ["Wijkteams en lokale teams", "Sociale basis"]
    assert data["audience"] == [{"@type": "Audience", "audienceType": "Buurtbewoners"}]
    assert [place["name"] for place in data["spatialCoverage"]] == ["Zwolle", "Overijssel"]


def test_json_ld_holds_hostile_text_as_data(site: Path, sources: dict[str, dict[str, Any]]) -> None:
    page = site / "praktijken" / "vijandig" / "index.html"
    html = page.read_text(encoding="utf-8")
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert script is not None
    assert not {"<", ">", "&"} & set(script.group(1))  # nothing in it can end the element early, or open one
    [data] = json_ld(page)
    source = sources["vijandig"]["data"]
    assert data["name"] == source["titel"]  # quotes, </script> and emoji come back exactly
    assert data["description"] == textmarkup.to_plain(source["samenvatting"])
    assert data["reviewedBy"]["name"] == '<script>"Stichting"</script>'
    assert data["lastReviewed"] == "2026-02-20"
    assert any("😀" in text for text in _walk_strings(data))


def test_worksheets_are_learning_resources_based_on_their_practice(site: Path) -> None:
    [data] = json_ld(site / "praktijken" / "vijandig" / "werkblad" / "index.html")
    assert data["@type"] == "LearningResource" and data["learningResourceType"] == "werkblad"
    assert data["url"] == SITE_URL + "praktijken/vijandig/werkblad/"
    assert data["isBasedOn"]["url"] == SITE_URL + "praktijken/vijandig/"
    assert data["isBasedOn"]["name"] == '=HYPERLINK("https://evil.example/","klik") </script> 😀'
    assert data["dateModified"] == "2026-03-01" and data["inLanguage"] == "nl"
    [general] = json_ld(site / "werkbladen" / "sessie" / "index.html")
    assert general["@type"] == "LearningResource" and "isBasedOn" not in general and general["name"] == "Sessiewijzer"


# -- the feed ---------------------------------------------------------------------------------------------------

RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def check_atom(document: bytes) -> ET.Element:
    """The rules of RFC 4287 that a feed validator checks; returns the feed element."""
    feed = ET.fromstring(document)
    assert feed.tag == ATOM + "feed"

    def one(parent: ET.Element, name: str) -> ET.Element:
        found = parent.findall(ATOM + name)
        assert len(found) == 1, (parent.tag, name, len(found))
        return found[0]

    def date(element: ET.Element) -> None:
        assert RFC3339.match(element.text or ""), element.text
        datetime.datetime.fromisoformat((element.text or "").replace("Z", "+00:00"))

    def iri(text: str | None) -> None:
        assert text and re.match(r"^[a-z][a-z0-9+.-]*:", text), text  # absolute: a relative reference is no IRI

    iri(one(feed, "id").text)
    assert (one(feed, "title").text or "").strip()
    date(one(feed, "updated"))
    links = feed.findall(ATOM + "link")
    assert [link.get("rel") for link in links].count("self") == 1  # "SHOULD" in the RFC; every validator asks for it
    feed_authors = feed.findall(ATOM + "author")
    for author in feed_authors:
        assert (one(author, "name").text or "").strip()
    entries = feed.findall(ATOM + "entry")
    ids = [one(entry, "id").text for entry in entries]
    assert len(set(ids)) == len(ids)
    for entry in entries:
        iri(one(entry, "id").text)
        assert (one(entry, "title").text or "").strip()
        date(one(entry, "updated"))
        assert feed_authors or entry.findall(ATOM + "author")
        alternates = [link for link in entry.findall(ATOM + "link") if link.get("rel", "alternate") == "alternate"]
        assert alternates and all(link.get("href") for link in alternates)
        assert entry.findall(ATOM + "content") or entry.findall(ATOM + "summary") or alternates
        for text_construct in ("title", "summary"):
            for element in entry.findall(ATOM + text_construct):
                assert element.get("type", "text") in ("text", "html", "xhtml")
    return feed


def test_feed_follows_the_atom_rules(site: Path, sources: dict[str, dict[str, Any]]) -> None:
    document = (site / "feed.xml").read_bytes()
    feed = check_atom(document)
    assert feed.findtext(ATOM + "updated") == "2026-03-01T00:00:00Z"
    [self_link] = [link for link in feed.findall(ATOM + "link") if link.get("rel") == "self"]
    assert self_link.get("href") == SITE_URL + "feed.xml"
    entries = feed.findall(ATOM + "entry")
    assert [entry.findtext(ATOM + "updated") for entry in entries] == ["2026-03-01T00:00:00Z", "2026-02-01T00:00:00Z",
                                                                      "2025-12-01T00:00:00Z"]
    first = entries[0]
    assert first.findtext(ATOM + "id") == SITE_URL + "praktijken/vijandig/"
    assert first.findtext(ATOM + "title") == sources["vijandig"]["data"]["titel"]  # as text, back exactly
    assert first.findtext(ATOM + "summary") == textmarkup.to_plain(sources["vijandig"]["data"]["samenvatting"])
    assert first.find(ATOM + "link").get("href") == SITE_URL + "praktijken/vijandig/"  # type: ignore[union-attr]


def test_feed_parses_in_a_feed_reader_library(site: Path) -> None:
    feedparser = pytest.importorskip("feedparser")
    parsed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert [entry.link for entry in parsed.entries][:2] == [SITE_URL + "praktijken/vijandig/",
                                                             SITE_URL + "praktijken/samen-sterk-zwolle/"]
    assert parsed.entries[0].title.startswith('=HYPERLINK("https://evil.example/","klik") </script>')


class _Heads(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.feeds: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "link" and attributes.get("rel") == "alternate" and attributes.get("type") == "application/atom+xml":
            self.feeds.append(attributes)


def test_every_page_links_the_feed(site: Path) -> None:
    worksheets = {"werkbladen/sessie", "werkbladen/vertaling", "werkbladen/presenteren"}
    pages = [path for path in site.rglob("index.html")
             if path.parent.name != "werkblad" and path.parent.relative_to(site).as_posix() not in worksheets]
    assert len(pages) > 20
    for page in pages:
        heads = _Heads()
        heads.feed(page.read_text(encoding="utf-8"))
        assert len(heads.feeds) == 1, page
        assert heads.feeds[0]["href"] == SITE_URL + "feed.xml"
        assert heads.feeds[0]["title"] == "Nieuwe en bijgewerkte praktijkvoorbeelden"


# -- security.txt -----------------------------------------------------------------------------------------------


def test_security_txt_follows_rfc_9116(site: Path) -> None:
    text = (site / ".well-known" / "security.txt").read_text(encoding="utf-8")
    fields = dict(line.split(": ", 1) for line in text.splitlines())
    assert fields == {"Contact": "mailto:security@praktijkbank.example", "Expires": "2099-05-01T00:00:00Z",
                      "Preferred-Languages": "nl, en", "Canonical": SITE_URL + ".well-known/security.txt"}


def test_overview_links_the_open_data(site: Path) -> None:
    overview = (site / "praktijken" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]+)">', overview.split('id="open-data"', 1)[1].split("</p>", 1)[0])
    assert links == ["../praktijkvoorbeelden.json", "../praktijkvoorbeelden.csv", "../open-data/", "../feed.xml"]
    for link in links:
        target = posixpath.normpath(posixpath.join("praktijken", link))
        assert (site / target).is_file() or (site / target / "index.html").is_file()


# -- without site_url -------------------------------------------------------------------------------------------


def test_without_site_url_addresses_are_relative_and_the_build_says_so(project: Path, mkdocs_build: Build) -> None:
    result = mkdocs_build(project, "--strict")
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("er staat geen site_url in mkdocs.yml") == 1
    site = project / "site"
    assert not (site / ".well-known").exists()  # only with a security_contact
    collection = json.loads((site / "praktijkvoorbeelden.json").read_text(encoding="utf-8"))
    assert "licentie" not in collection
    first = collection["praktijkvoorbeelden"][0]
    assert first["url"] == f"praktijken/{first['id']}/"
    assert (site / first["url"] / "index.html").is_file()
    feed = check_atom((site / "feed.xml").read_bytes())
    assert all((entry.findtext(ATOM + "id") or "").startswith("urn:uuid:") for entry in feed.findall(ATOM + "entry"))
    link = feed.find(ATOM + "entry").find(ATOM + "link").get("href")  # type: ignore[union-attr]
    assert (site / link / "index.html").is_file()
    [data] = json_ld(site / "praktijken" / first["id"] / "index.html")
    assert data["url"] == "./" and data["publisher"]["url"] == "../../"
    heads = _Heads()
    heads.feed((site / "checklist" / "index.html").read_text(encoding="utf-8"))
    assert heads.feeds[0]["href"] == "../feed.xml"


def test_security_contact_without_expiry_stops_the_build(project: Path, mkdocs_build: Build) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      schema: schema/praktijkvoorbeeld.schema.json\n",
        "      schema: schema/praktijkvoorbeeld.schema.json\n      security_contact: mailto:security@praktijkbank.example\n"),
        encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert "security_expires niet" in result.stderr


# -- the core, without a build ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(schema: Schema) -> list[Any]:
    from praktijkbank.checking.collection import load_practices

    result = load_practices([REPO / "practices", REPO / "tests" / "corpus"], schema, root=REPO)
    assert result.practices and not result.has_errors
    return result.practices


def test_forked_workers_give_the_same_files(corpus: list[Any], schema: Schema) -> None:
    import dataclasses

    from praktijkbank.publishing.opendata import open_data_files
    from praktijkbank.publishing.publication import Publication
    from praktijkbank.runtime.forked import OPEN_DATA_MIN as PARALLEL_MIN

    many = [dataclasses.replace(practice, slug=f"{practice.slug}-{n}") for n in range(PARALLEL_MIN // len(corpus) + 1)
            for practice in corpus]
    assert len(many) >= PARALLEL_MIN
    publication = Publication(site_name="Praktijkbank", site_url=SITE_URL)
    one = open_data_files(many, schema, publication, workers=1)
    two = open_data_files(many, schema, publication, workers=2)
    assert [(file.path, file.content) for file in one] == [(file.path, file.content) for file in two]


def test_story_text_reads_what_python_markdown_shows(corpus: list[Any]) -> None:
    """The fast reading of the story gives the words of the HTML that Python-Markdown makes of it."""
    import html as html_module

    import markdown
    from praktijkbank.publishing.fields import story_text

    converter = markdown.Markdown(extensions=["tables"])

    def words(text: str) -> list[str]:
        return re.findall(r"\w+", text)

    for practice in corpus:
        shown = html_module.unescape(re.sub(r"<[^>]+>", " ", converter.reset().convert(practice.body)))
        assert words(story_text(practice.body)) == words(shown), practice.slug
    sample = "## Kop\n\n- een **vet** punt\n- een [link](https://example.org/) en `<code>`\n\n> citaat\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    assert story_text(sample) == "Kop een vet punt een link en <code> citaat a b 1 2"


def test_csv_in_a_spreadsheet_library_holds_text_never_formulas(site: Path, tmp_path: Path) -> None:
    """Read as a spreadsheet reads it (tablib), saved as an Excel workbook (openpyxl makes every text that starts with
    '=' a formula) and opened again: every cell of the collection is text, and the hostile title is what it says."""
    import openpyxl
    import tablib

    with (site / "praktijkvoorbeelden.csv").open(encoding="utf-8-sig", newline="") as handle:
        sheet = tablib.Dataset().load(handle.read(), format="csv")
    assert sheet.height == 3 and sheet.headers[:2] == ["id", "url"]
    workbook_path = tmp_path / "praktijkvoorbeelden.xlsx"
    workbook_path.write_bytes(sheet.export("xlsx"))
    cells = [cell for row in openpyxl.load_workbook(workbook_path).active.iter_rows() for cell in row]
    assert cells and not [cell.coordinate for cell in cells if cell.data_type == "f"]
    titles = [cell.value for cell in cells if isinstance(cell.value, str) and "HYPERLINK" in cell.value]
    assert titles == ['\'=HYPERLINK("https://evil.example/","klik") </script> 😀']


def test_serve_reuses_each_unchanged_practices_open_data(corpus: list[Any], schema: Schema,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """While serving, a rebuild makes the JSON line and CSV row again only for a practice that changed (or for all, when
    the settings did), and the files are the very bytes a build without the memo makes."""
    import dataclasses

    from praktijkbank.publishing import opendata
    from praktijkbank.publishing.publication import Publication

    publication = Publication(site_name="Praktijkbank", site_url=SITE_URL)
    memo = opendata.OpenDataMemo()
    fresh = opendata.open_data_files(corpus, schema, publication)
    assert opendata.open_data_files(corpus, schema, publication, memo=memo) == fresh
    made: list[str] = []
    record = opendata.practice_record
    monkeypatch.setattr(opendata, "practice_record", lambda practice, *args: made.append(practice.slug) or record(practice, *args))
    assert opendata.open_data_files(corpus, schema, publication, memo=memo) == fresh and made == []
    data = {**corpus[0].data, "samenvatting": corpus[0].summary + " Nu ook in de avond."}
    edited = [dataclasses.replace(corpus[0], data=data), *corpus[1:]]
    again = opendata.open_data_files(edited, schema, publication, memo=memo)
    assert made == [corpus[0].slug]
    assert again == opendata.open_data_files(edited, schema, publication)
    assert b"Nu ook in de avond." in again[0].content
    made.clear()
    moved = dataclasses.replace(publication, site_url="https://elders.example/")
    assert opendata.open_data_files(edited, schema, moved, memo=memo) == opendata.open_data_files(edited, schema, moved)
    assert len(made) == 2 * len(edited)  # every practice again (the memo, then the build without it)
