"""Templates a site overrides: one block of a page, or the whole file, from the theme's ``custom_dir``.

The real templates live in ``templates/praktijkbank/_base/``; the names a site overrides are one-line files that
extend them, so an override can extend the base and replace one block (README, *Eigen sjablonen*).
"""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
import pytest
from praktijkbank.checking.collection import load_practices
from praktijkbank.core.model import Practice
from praktijkbank.core.schema import Schema
from praktijkbank.pages import templateerrors
from praktijkbank.pages.environment import TEMPLATE_DIR, make_environment
from praktijkbank.pages.renderer import Renderer
from praktijkbank.pages.views import SiteView

from tests.helpers import REPO

TEMPLATES = TEMPLATE_DIR / "praktijkbank"
SCHEMA = Schema.load(REPO / "schema" / "praktijkvoorbeeld.schema.json")
#: The names sites override: each a one-line ``{% extends %}`` of its base.
OVERRIDABLE = sorted(path.relative_to(TEMPLATES / "_base").as_posix() for path in (TEMPLATES / "_base").rglob("*.j2"))


@pytest.fixture(scope="module")
def practices() -> list[Practice]:
    return load_practices([REPO / "practices"], SCHEMA, root=REPO).practices


def _renderer(practices: list[Practice], override_dir: Path | None = None) -> Renderer:
    env = make_environment([override_dir] if override_dir else [])
    return Renderer(env, SCHEMA, SiteView(SCHEMA, practices), nonce="test")


def _practice_page(renderer: Renderer, practice: Practice) -> str:
    return renderer.restore(renderer.practice_src(practice.slug), renderer.practice_page(practice))


def _overview(renderer: Renderer) -> str:
    return renderer.restore(renderer.overview_src, renderer.overview_page())


def _override(folder: Path, name: str, text: str) -> Path:
    (folder / "praktijkbank").mkdir(parents=True, exist_ok=True)
    (folder / "praktijkbank" / name).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("name", OVERRIDABLE)
def test_each_overridable_name_is_one_line_that_extends_its_base(name: str) -> None:
    assert (TEMPLATES / name).read_text(encoding="utf-8") == f'{{% extends "praktijkbank/_base/{name}" %}}\n'


def test_an_override_of_one_block_changes_only_that_block(practices: list[Practice], tmp_path: Path) -> None:
    practice = practices[0]
    default = _practice_page(_renderer(practices), practice)
    _override(tmp_path, "praktijk.md.j2", '{% extends "praktijkbank/_base/praktijk.md.j2" %}\n'
                                          '{% block erkenning %}\n<p class="eigen">Onze eigen uitleg.</p>\n{% endblock %}\n')
    overridden = _practice_page(_renderer(practices, tmp_path), practice)
    original = re.search(r'<p class="pb-geen-erkenning".*?</p>\n', default)
    assert original is not None
    assert overridden == default.replace(original.group(0), '<p class="eigen">Onze eigen uitleg.</p>\n')


def test_an_override_can_add_to_a_block_with_super_and_use_the_pages_names(practices: list[Practice], tmp_path: Path) -> None:
    practice = practices[0]
    default = _practice_page(_renderer(practices), practice)
    _override(tmp_path, "praktijk.md.j2", '{% extends "praktijkbank/_base/praktijk.md.j2" %}\n'
                                          '{% block titel %}{{ super() }}\nVragen over {{ p.title }}? Bel ons.\n{% endblock %}\n')
    overridden = _practice_page(_renderer(practices, tmp_path), practice)
    title = default.split("\n", 1)[0] + "\n"
    assert overridden == default.replace(title, f"{title}\nVragen over {practice.title}? Bel ons.\n", 1)


def test_a_card_block_changes_every_card_and_nothing_else(practices: list[Practice], tmp_path: Path) -> None:
    default = _overview(_renderer(practices))
    _override(tmp_path, "kaart.html.j2", '{% extends "praktijkbank/_base/kaart.html.j2" %}\n'
                                         '{% block voet %}\n<p class="eigen-voet">{{ p.updated }}</p>\n{% endblock %}\n')
    overridden = _overview(_renderer(practices, tmp_path))
    feet = re.findall(r'<p class="pb-kaart__voet">Bijgewerkt op (.*?) · .*?</p>\n', default)
    assert len(feet) == len(practices)
    expected = re.sub(r'<p class="pb-kaart__voet">Bijgewerkt op (.*?) · .*?</p>\n', r'<p class="eigen-voet">\1</p>\n', default)
    assert overridden == expected


def test_a_full_override_still_replaces_the_whole_page(practices: list[Practice], tmp_path: Path) -> None:
    _override(tmp_path, "overzicht.md.j2", "# Onze voorbeelden\n\n{{ practices | length }} stuks\n")
    assert _overview(_renderer(practices, tmp_path)) == f"# Onze voorbeelden\n\n{len(practices)} stuks\n"


def test_a_broken_block_override_is_told_in_dutch_with_its_file_and_line(practices: list[Practice], tmp_path: Path) -> None:
    _override(tmp_path, "praktijk.md.j2", '{% extends "praktijkbank/_base/praktijk.md.j2" %}\n'
                                          "{% block titel %}\n# {{ p.bestaat_niet.veld }}\n{% endblock %}\n")
    with pytest.raises(jinja2.TemplateError) as caught:
        _renderer(practices, tmp_path).practice_page(practices[0])
    message = templateerrors.describe(caught.value, [tmp_path])
    assert f"{tmp_path / 'praktijkbank' / 'praktijk.md.j2'}:3 is niet te gebruiken (onbekende naam: " in message
    assert "_base" in message and "haal het weg om het standaardsjabloon te gebruiken" in message
