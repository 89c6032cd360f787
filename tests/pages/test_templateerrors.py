"""Template errors in Dutch: which template, which line, and whose mistake it is."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest
from praktijkbank.pages import templateerrors
from praktijkbank.pages.environment import make_environment


def failure(env: jinja2.Environment, name: str, **context: object) -> jinja2.TemplateError:
    with pytest.raises(jinja2.TemplateError) as caught:
        env.get_template(name).render(**context)
    return caught.value


def test_an_override_is_named_with_its_line_and_the_way_back(tmp_path: Path) -> None:
    (tmp_path / "praktijkbank").mkdir()
    (tmp_path / "praktijkbank" / "kaart.html.j2").write_text("<li>\n\n{{ p.titel.eerste }}</li>\n", encoding="utf-8")
    message = templateerrors.describe(failure(make_environment([tmp_path]), "praktijkbank/kaart.html.j2", p={}), [tmp_path])
    assert f"{tmp_path / 'praktijkbank' / 'kaart.html.j2'}:3 is niet te gebruiken (onbekende naam: " in message
    assert "haal het weg om het standaardsjabloon te gebruiken" in message


def test_a_missing_template_and_a_fault_in_the_plugin_are_told_apart(tmp_path: Path) -> None:
    (tmp_path / "praktijkbank").mkdir()
    (tmp_path / "praktijkbank" / "overzicht.md.j2").write_text('{% include "praktijkbank/bestaat-niet.j2" %}', encoding="utf-8")
    env = make_environment([tmp_path])
    missing = templateerrors.describe(failure(env, "praktijkbank/overzicht.md.j2"), [tmp_path])
    assert "(sjabloon ontbreekt: het sjabloon 'praktijkbank/bestaat-niet.j2' bestaat niet)" in missing
    # A built-in template given the wrong context: not the site's mistake.
    builtin = templateerrors.describe(failure(make_environment(), "praktijkbank/kaart.html.j2"), [tmp_path])
    assert "kaart.html.j2:" in builtin and "Dit is een fout in praktijkbank zelf" in builtin
