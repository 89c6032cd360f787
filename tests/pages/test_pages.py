"""Practice pages and worksheets for real practices: every field of the schema on the page, lists and paragraphs
written in text fields, the story's place in the page, and honest pages for practices that say little.

One strict build of a small site; the assertions read the HTML that readers get.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from markupsafe import Markup
from praktijkbank.core import textmarkup
from praktijkbank.core.schema import Schema
from praktijkbank.pages.environment import link_target, nest_headings, paragraphs, tel_href
from praktijkbank.pages.views import dutch_date, period_label, scale_label

from tests.helpers import FIXTURES, REPO, build_copy, has, pdf_pages, pdf_text

TEXT_MARKUP = """---
titel: Leerkring met opsommingen in Delft
samenvatting: Een leerkring die haar doelen en stappen als lijstjes in de velden schrijft, met een link erbij.
regio: [zuid-holland, utrecht]
plaats: Delft
periode:
  van: "2019-09-12"
status: afgerond
bijgewerkt: "2026-04-01"
waarom:
  doel: |
    We willen drie dingen:
    - **eerder** signaleren
    - samen *leren*, met de
      hele wijk
    * minder [wachttijd](https://www.example.nl/wachttijd)

    Daarna zien we verder.
  brandende_kwestie: |
    1. Eerst kennismaken
    2. Dan [een valse link](javascript:alert(1)) en <b>geen html</b>
hoe:
  succesfactoren:
    - "Een **vaste** plek"
  knelpunten:
    - knelpunt: "Weinig *tijd*"
      aanpak: "Zie [de afspraken](https://www.example.nl/afspraken)."
contact:
  organisatie: Gemeente Delft
---

Het begin van het verhaal.

## Hoe het begon

Eerst iets.

### Een detail

Onderstreept kopje
------------------

```
## geen kopje: code
```
"""

NEAR_EMPTY = """---
titel: Buurtnetwerk Hoogvliet
samenvatting: Professionals en bewoners in Hoogvliet wisselen een paar keer per jaar ervaringen uit over eenzaamheid.
bijgewerkt: "2026-02-01"
---
"""

SEASONS = """---
titel: Werkplaats die in het najaar begon
samenvatting: Een werkplaats die in het najaar van 2019 begon en nog steeds loopt, met een omvang zonder aantallen.
periode:
  van: "najaar 2019"
omvang:
  toelichting: "Ongeveer twintig mensen per keer."
bijgewerkt: "2026-03-01"
---
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    def prepare(project: Path) -> None:
        for old in (project / "practices").glob("*.md"):
            old.unlink()
        shutil.copy(FIXTURES / "valid" / "complete-practice.md", project / "practices" / "compleet.md")
        (project / "practices" / "opsommingen.md").write_text(TEXT_MARKUP, encoding="utf-8")
        (project / "practices" / "bijna-leeg.md").write_text(NEAR_EMPTY, encoding="utf-8")
        (project / "practices" / "najaar.md").write_text(SEASONS, encoding="utf-8")

    return build_copy(tmp_path_factory.mktemp("pages"), prepare)


def article(site: Path, slug: str) -> str:
    document = (site / "praktijken" / slug / "index.html").read_text(encoding="utf-8")
    match = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', document, re.S)
    assert match
    return match.group(1)


def text_of(fragment: str) -> str:
    import html

    text = html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment))).replace("¶", "")
    text = " ".join(text.split())
    return re.sub(r" ([,.;:])", r"\1", text)


def characteristic(content: str, key: str) -> str:
    match = re.search(rf'<div class="pb-kenmerk pb-kenmerk--{key}">(.*?)</div>', content, re.S)
    assert match, key
    return text_of(match.group(1))


def section(content: str, heading_id: str) -> str:
    """The HTML from a heading to the next heading of the same or a higher level."""
    match = re.search(rf'<h([23]) id="{heading_id}">', content)
    assert match, heading_id
    level = int(match.group(1))
    rest = content[match.end():]
    end = re.search(rf"<h[1-{level}][ >]", rest)
    return rest[: end.start()] if end else rest


# -- every field of the schema on the page ----------------------------------------------------------


def test_complete_practice_shows_every_new_field(site: Path) -> None:
    content = article(site, "compleet")
    assert characteristic(content, "omvang") == ("Omvang 12 deelnemers, 3 teams, 4 organisaties en 1 gemeente "
                                                 "Twaalf vaste deelnemers; per bijeenkomst komen er gasten bij.")
    assert characteristic(content, "ritme") == "Hoe vaak men samenkomt Elke zes weken een dagdeel"
    assert characteristic(content, "financiers") == "Financiering Gemeente Zwolle, ZonMw"
    assert characteristic(content, "netwerktype") == "Type lerend netwerk Andere vorm: Leerwerkgemeenschap met wijkspreekuur"
    assert characteristic(content, "periode") == "Periode september 2019 – najaar 2023"
    assert characteristic(content, "status") == "Status Project afgerond, netwerk loopt door"
    # The other form still links to the page of all practices with another form, and stays a search filter.
    assert 'href="../../type/anders/" data-pagefind-filter="type:anders">Andere vorm: Leerwerkgemeenschap' in content
    assert "Onderwijs en onderzoek" in characteristic(content, "perspectieven")
    assert ('Laatst bijgewerkt op <time datetime="2026-03-15">15 maart 2026</time>. Nagelezen door de redactie op '
            '<time datetime="2026-03-20">20 maart 2026</time>.') in content

    partners = section(content, "partners-en-hun-rol")
    assert ('<li><span class="pb-partner">Hogeschool Windesheim</span> <span class="pb-partner__rol">Onderzoekt samen '
            "met de deelnemers wat werkt.</span></li>") in partners
    assert '<li><span class="pb-partner">Buurthuis De Kroon</span></li>' in partners
    assert "partners-en-hun-rol" in section(content, "hoe")  # under Hoe: who takes part and who supports

    results = section(content, "resultaten-en-producten")
    assert ('<a class="pb-resultaat__titel" href="https://www.wijkwerk.nl/handreiking.pdf" rel="noopener">Handreiking '
            'samen leren in de wijk</a> <span class="pb-resultaat__omschrijving">Tien lessen uit drie jaar '
            "leerwerkgemeenschap.</span>") in results
    assert '<span class="pb-resultaat__titel">Werkwijze wijkspreekuur</span>' in results  # no address, no link
    assert "resultaten-en-producten" in section(content, "wat")
    assert "[{" not in content and "{'" not in content  # no list printed as Python

    perspectives = text_of(section(content, "perspectieven"))
    assert "Onderwijs en onderzoek Studenten sociaal werk lopen stage in de leerwerkgemeenschap." in perspectives
    sources = text_of(section(content, "bronnen"))
    assert "Een lerend netwerk starten (Nederlands Jeugdinstituut) https://www.nji.nl/ (geraadpleegd op 1 maart 2026)" in sources
    assert "Jaarverslag 2022 van de leerwerkgemeenschap (gedrukt) (februari 2023)" in sources  # a printed source: no link
    contact = section(content, "contact")
    assert "<dt>Rol of afdeling</dt> <dd>Coördinator van de leerwerkgemeenschap</dd>" in contact
    assert '<dt>Telefoonnummer</dt> <dd><a href="tel:0881234567">088 123 4567</a></dd>' in contact
    assert 'href="http://www.wijkwerk.nl/samen-sterk?bron=praktijkbank#contact" rel="noopener"' in contact


def test_regions_and_periods_in_their_new_forms(site: Path) -> None:
    content = article(site, "opsommingen")
    assert characteristic(content, "regio") == "Provincie of regio Zuid-Holland, Utrecht"
    # Ended, and no end known: when it began, not "sinds" (which would say it still runs).
    assert characteristic(content, "periode") == "Periode begonnen op 12 september 2019"
    seasons = article(site, "najaar")
    assert characteristic(seasons, "periode") == "Periode sinds najaar 2019"
    assert characteristic(seasons, "omvang") == "Omvang Ongeveer twintig mensen per keer."
    sheet = (site / "praktijken" / "opsommingen" / "werkblad" / "index.html").read_text(encoding="utf-8")
    assert '<p class="wb-plaats">Delft, Zuid-Holland, Utrecht</p>' in sheet
    overview = (site / "werkbladen" / "index.html").read_text(encoding="utf-8")
    assert "(Delft, Zuid-Holland, Utrecht)" in overview


# -- lists and paragraphs in text fields ------------------------------------------------------------


def test_lists_and_paragraphs_in_text_fields_become_html(site: Path) -> None:
    content = article(site, "opsommingen")
    goal = section(content, "doel")
    assert ('<div class="pb-tekst"><p>We willen drie dingen:</p><ul><li><strong>eerder</strong> signaleren</li>'
            "<li>samen <em>leren</em>, met de hele wijk</li>"
            '<li>minder <a href="https://www.example.nl/wachttijd" rel="noopener">wachttijd</a></li></ul>'
            "<p>Daarna zien we verder.</p></div>") in goal
    issue = section(content, "brandende-kwestie")
    assert "<ol><li>Eerst kennismaken</li><li>Dan [een valse link](javascript:alert(1)) en &lt;b&gt;geen html&lt;/b&gt;</li></ol>" in issue
    assert 'href="javascript:' not in content and "<b>geen" not in content
    # Items of lists get bold, italic and links too.
    assert "<li>Een <strong>vaste</strong> plek</li>" in content
    assert '<span class="pb-knelpunt">Weinig <em>tijd</em></span>' in content
    assert 'Zie <a href="https://www.example.nl/afspraken" rel="noopener">de afspraken</a>.' in content
    # Paper shows the words without the marks.
    sheet = (site / "praktijken" / "opsommingen" / "werkblad" / "index.html").read_text(encoding="utf-8")
    assert "Een vaste plek" in sheet and "**" not in sheet
    assert "Zie de afspraken." in sheet and "](https://" not in sheet


@pytest.mark.parametrize(("text", "html"), [
    ("Eerst.\n\nDaarna.", "<p>Eerst.</p><p>Daarna.</p>"),
    ("Regel een\nregel twee", "<p>Regel een<br>regel twee</p>"),
    ("- een\n\n- twee\nNa de lijst.", "<ul><li>een</li><li>twee</li></ul><p>Na de lijst.</p>"),
    ("3. drie\n4. vier", '<ol start="3"><li>drie</li><li>vier</li></ol>'),
    ("2019. Een jaar, geen lijst", "<p>2019. Een jaar, geen lijst</p>"),
    ("-5 graden en *niet schuin", "<p>-5 graden en *niet schuin</p>"),
    ("2*3*4 en **a *b* c**", "<p>2*3*4 en <strong>a <em>b</em> c</strong></p>"),
    ("[mail](mailto:info@example.nl) [x](ftp://example.nl) [y](data:text/html,x)",
     '<p><a href="mailto:info@example.nl" rel="noopener">mail</a> [x](ftp://example.nl) [y](data:text/html,x)</p>'),
    ('[a"b](https://example.nl/?q="x") <i>',
     '<p><a href="https://example.nl/?q=&#34;x&#34;" rel="noopener">a&#34;b</a> &lt;i&gt;</p>'),
    ("[*schuin* link](https://example.nl/a_(b))",
     '<p><a href="https://example.nl/a_(b)" rel="noopener"><em>schuin</em> link</a></p>'),
    ("# geen kopje\n> geen citaat\n| geen | tabel |", "<p># geen kopje<br>&gt; geen citaat<br>| geen | tabel |</p>"),
])
def test_text_markup_subset(text: str, html: str) -> None:
    assert paragraphs(text) == Markup(html)


def test_text_markup_never_lets_markup_through() -> None:
    hostile = '<script>alert(1)</script> **<img src=x onerror=alert(2)>** [<b>x</b>](https://e.nl/"onclick=") *"x"*'
    html = str(textmarkup.to_html(hostile))
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert '"onclick' not in html and "onclick=" not in html.replace("&#34;onclick=&#34;", "")
    assert textmarkup.to_plain("- **een**\n- [twee](https://e.nl)") == "een; twee."


# -- the story: after the introduction, its headings nested under "Het verhaal" ---------------------


def test_story_comes_after_the_introduction_with_its_headings_nested(site: Path) -> None:
    content = article(site, "opsommingen")
    order = [text_of(h) for h in re.findall(r"<h[23][^>]*>(.*?)</h[23]>", content, re.S)]
    assert order[:5] == ["Het verhaal", "Hoe het begon", "Onderstreept kopje", "Waarom", "Doel"]
    assert re.search(r'<h3 id="hoe-het-begon">', content) and re.search(r'<h4 id="een-detail">', content)
    assert re.search(r'<h3 id="onderstreept-kopje">', content)
    assert "## geen kopje: code" in text_of(content)  # a code block keeps what it says
    assert content.index("Het begin van het verhaal.") < content.index('id="waarom"')
    assert content.index('class="pb-volledigheid') < content.index('id="het-verhaal"')
    # The table of contents nests the story's headings under it.
    document = (site / "praktijken" / "opsommingen" / "index.html").read_text(encoding="utf-8")
    toc = document[document.index('data-md-component="toc"'):]
    story = toc[toc.index("#het-verhaal"):toc.index("#waarom")]
    assert "#hoe-het-begon" in story and "#onderstreept-kopje" in story


@pytest.mark.parametrize(("markdown", "nested"), [
    ("## Een\n\n### Twee", "### Een\n\n#### Twee"),
    ("# Groot\n\n## Kleiner", "### Groot\n\n#### Kleiner"),
    ("### Al goed", "### Al goed"),
    ("##### Diep\n\n###### Dieper", "### Diep\n\n#### Dieper"),
    ("# Een\n\n###### Zes", "### Een\n\n###### Zes"),
    ("Titel\n=====\n\nTekst", "### Titel\n\n\nTekst"),
    ("Tekst\n\n---\n\nMeer", "Tekst\n\n---\n\nMeer"),
    ("```\n# code\n```\n\n## Kop", "```\n# code\n```\n\n### Kop"),
    ("    # ingesprongen code\n\n## Kop", "    # ingesprongen code\n\n### Kop"),
    ("#hashtag\n\n## Kop", "#hashtag\n\n### Kop"),
])
def test_nest_headings(markdown: str, nested: str) -> None:
    assert nest_headings(markdown) == nested


# -- a practice that says little ---------------------------------------------------------------------


def test_near_empty_practice_says_what_is_missing_and_invites_to_add(site: Path) -> None:
    content = article(site, "bijna-leeg")
    assert "<details" not in content
    notice = text_of(re.search(r'<section class="pb-volledigheid pb-volledigheid--beperkt".*?</section>', content, re.S).group(0))
    assert notice.startswith("Dit praktijkvoorbeeld is nog nauwelijks beschreven: van de 12 onderdelen van de checklist "
                             "is er nog geen ingevuld.")
    assert "Nog niet beschreven: Brandende kwestie, Doel, Bijdrage aan de transformatie," in notice
    assert "Weet je meer over deze praktijk, of werk je eraan mee? Vul het voorbeeld aan" in notice
    assert 'href="../../bijdragen/">Vul het voorbeeld aan</a>' in content
    assert "<dl" not in content  # no characteristics: no empty list for a screen reader to announce
    # A complete practice keeps the folded checklist.
    assert '<details class="pb-volledigheid" data-pagefind-ignore>' in article(site, "compleet")


def test_near_empty_worksheet_says_so_and_keeps_every_question(site: Path) -> None:
    from praktijkbank.worksheets.sheets import TRANSLATION_QUESTIONS

    pdf = site / "praktijken" / "bijna-leeg" / "werkblad.pdf"
    assert pdf_pages(pdf) == 1
    text = pdf_text(pdf)
    assert has(text, "Dit voorbeeld is nog nauwelijks beschreven (0 van 12 onderdelen van de checklist).")
    assert has(text, "Bespreek bij de vragen ook wat je nog zou willen weten.")
    for question in TRANSLATION_QUESTIONS:
        assert has(text, question)
    # The complete practice: no note, but its scale and rhythm for the facilitator.
    complete = pdf_text(site / "praktijken" / "compleet" / "werkblad.pdf")
    assert not has(complete, "nog maar beperkt") and not has(complete, "nauwelijks")
    assert has(complete, "Omvang: 12 deelnemers, 3 teams, 4 organisaties en 1 gemeente")
    assert has(complete, "Hoe vaak men samenkomt: Elke zes weken een dagdeel")


def test_limited_worksheet_names_the_contact_to_ask(site: Path) -> None:
    sheet = (site / "praktijken" / "opsommingen" / "werkblad" / "index.html").read_text(encoding="utf-8")
    assert ("Dit voorbeeld is nog maar beperkt beschreven (4 van 12 onderdelen van de checklist). Bespreek bij de vragen "
            "ook wat je nog zou willen weten, en vraag het na bij Gemeente Delft.") in " ".join(sheet.split())


# -- small pieces ----------------------------------------------------------------------------------


def test_dates_periods_scales_and_links_in_dutch() -> None:
    assert dutch_date("2019-09-12") == "12 september 2019"
    assert dutch_date("2019-09") == "september 2019"
    assert dutch_date("najaar 2019") == "najaar 2019"
    assert period_label({"van": "najaar 2019", "tot": "2021-03"}) == "najaar 2019 – maart 2021"
    assert period_label({"van": "2019"}) == "sinds 2019"
    assert period_label({"van": "2019"}, "gestopt") == "begonnen in 2019"
    assert period_label({"van": "2020", "tot": "2020"}) == "2020"
    assert period_label({"tot": "2021"}) == "tot 2021"
    assert scale_label({"deelnemers": 1500, "gemeenten": 1}) == "1.500 deelnemers en 1 gemeente"
    assert scale_label({"teams": 1}) == "1 team"
    assert scale_label({"toelichting": "ongeveer veertig"}) == ""
    schema = Schema.load(REPO / "schema" / "praktijkvoorbeeld.schema.json")
    assert scale_label({"gemeenten": 4, "groepen": 6, "deelnemers": 40}, schema) == \
        "40 deelnemers, 6 groepen of projecten en 4 gemeenten"  # in the schema's order
    assert tel_href("088 123 4567") == "tel:0881234567"
    assert tel_href("+599 (717) 12-34") == "tel:+5997171234"
    assert link_target("https://www.nji.nl/") == "https://www.nji.nl/"
    assert link_target("javascript:alert(1)") is None and link_target("//evil.example") is None


def test_every_practice_says_it_is_not_a_recognised_intervention(site: Path) -> None:
    for slug in ("compleet", "bijna-leeg"):
        notice = re.search(r'<p class="pb-geen-erkenning"[^>]*>(.*?)</p>', article(site, slug), re.S)
        assert notice, slug
        assert "geen erkende interventie" in notice.group(1)
        assert 'href="https://www.nji.nl/interventies"' in notice.group(1) and "movisie.nl/databank-effectieve-sociale" in notice.group(1)


def test_reviewed_practices_can_be_found_by_their_review(site: Path) -> None:
    page = (site / "nagelezen" / "ja" / "index.html").read_text(encoding="utf-8")
    assert "Nagelezen door de redactie of een organisatie" in page
    assert 'href="../../praktijken/compleet/"' in page and "bijna-leeg" not in page  # only the reviewed one
    overview = (site / "praktijken" / "index.html").read_text(encoding="utf-8")
    assert '<input type="checkbox" name="nagelezen" value="ja">' in overview
    assert "Nagelezen door de redactie op 20 maart 2026" in text_of(article(site, "compleet"))
