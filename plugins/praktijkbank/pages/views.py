"""What templates see: practices with labels resolved, dates in Dutch, facets and related practices.

Templates stay declarative because the lookups live here: the label of a vocabulary value, the title of
a field, whether a part of the checklist is filled in. Nothing here escapes; the templates do.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from praktijkbank.core.completeness import is_filled, lookup
from praktijkbank.core.model import Completeness, Practice
from praktijkbank.core.schema import Schema
from praktijkbank.pages import facets

MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december"]

#: The front-matter fields shown as characteristics on a practice page, in this order.
FACET_KEYS = ("plaats", "regio", "netwerktype", "themas", "doelgroepen", "omvang", "ritme", "status", "periode",
              "organisaties", "financiers", "perspectieven", "waarden")
#: The network type whose own name (``netwerktype_anders``) is shown beside its label.
OTHER_TYPE = "anders"
#: Statuses of a practice that no longer runs: a period without an end then says when it began, not "sinds".
ENDED = ("afgerond", "gestopt", "opgegaan")
#: How a page names the counts of ``omvang``: (singular, plural). A count the schema adds later is named after
#: its title ("Aantal buurten" -> "buurten").
SCALE_UNITS = {"deelnemers": ("deelnemer", "deelnemers"), "teams": ("team", "teams"),
               "groepen": ("groep of project", "groepen of projecten"),
               "organisaties": ("organisatie", "organisaties"), "gemeenten": ("gemeente", "gemeenten")}
#: The facets a reader can narrow a search by, in the order the search page shows them.
SEARCH_FILTERS = ("themas", "netwerktype", "regio", "doelgroepen")


def dutch_date(iso: str) -> str:
    """``2026-03-05`` -> ``5 maart 2026``; ``2019-09`` -> ``september 2019``; ``2019`` and ``najaar 2019`` stay."""
    parts = str(iso).split("-")
    try:
        if len(parts) == 3:
            return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        pass
    return iso


@dataclass(frozen=True)
class Link:
    """A label, and the source path of the page it links to (None: plain text).

    ``search_filter`` is the value's search filter, ``segment:value`` as in the overview's address (``regio:zeeland``),
    for the facets in ``SEARCH_FILTERS``: stable keys that do not change when a label is reworded.
    """

    label: str
    src: str | None = None
    search_filter: str | None = None


def dutch_number(number: int) -> str:
    """``1500`` -> ``1.500``: thousands separated by a dot, as Dutch readers write them."""
    return f"{number:,}".replace(",", ".")


def scale_label(scale: Any, schema: Schema | None = None) -> str:
    """The counts of ``omvang`` in words, in the schema's order: ``12 deelnemers, 3 teams en 1 gemeente``.

    '' when there are none (only an explanation).
    """
    if not isinstance(scale, dict):
        return ""
    keys = list(schema.properties(("omvang",))) if schema is not None else list(SCALE_UNITS)
    parts = []
    for key in keys + [key for key in scale if key not in keys]:
        count = scale.get(key)
        if not isinstance(count, int) or isinstance(count, bool):
            continue
        fallback = str(schema.title(("omvang", key))) if schema is not None else key
        name = fallback.removeprefix("Aantal ").strip().lower() or key
        singular, plural = SCALE_UNITS.get(key, (name, name))
        parts.append(f"{dutch_number(count)} {singular if count == 1 else plural}")
    return " en ".join([", ".join(parts[:-1]), parts[-1]]) if len(parts) > 1 else "".join(parts)


@dataclass(frozen=True)
class Characteristic:
    """One row of a practice's characteristics (place, type, themes, …); values with a facet page link to it.

    ``note`` is a short text shown below the values (the explanation of a practice's scale).
    """

    key: str
    title: str
    values: tuple[Link, ...]
    note: str | None = None


@dataclass(frozen=True)
class PracticeView:
    """A practice as its page shows it."""

    practice: Practice
    schema: Schema
    characteristics: tuple[Characteristic, ...]
    filter_values: dict[str, list[str]]
    related: tuple[PracticeView, ...] = ()

    @property
    def slug(self) -> str:
        return self.practice.slug

    @property
    def title(self) -> str:
        return self.practice.title

    @property
    def summary(self) -> str:
        return self.practice.summary

    @property
    def body(self) -> str:
        return self.practice.body

    @property
    def completeness(self) -> Completeness:
        return self.practice.completeness

    @property
    def updated(self) -> str:
        return dutch_date(self.practice.updated)

    @property
    def reviewed(self) -> tuple[str, str, str] | None:
        """``(date, in Dutch, by whom)`` of the last review (``beoordeeld``); 'redactie' is this site's editors."""
        review = self.value("beoordeeld")
        if not isinstance(review, dict) or not review.get("op") or not is_filled(review.get("door")):
            return None
        by = " ".join(str(review["door"]).split())
        return str(review["op"]), dutch_date(str(review["op"])), "de redactie" if by.casefold() == "redactie" else by

    def value(self, dotted: str) -> Any:
        value = lookup(self.practice.data, dotted)
        return value if is_filled(value) else None

    def has(self, *dotted: str) -> bool:
        return any(self.value(d) is not None for d in dotted)

    def items(self, dotted: str) -> list[Any]:
        value = self.value(dotted)
        return [item for item in value if is_filled(item)] if isinstance(value, list) else []

    def title_of(self, dotted: str) -> str:
        return self.schema.title(tuple(dotted.split(".")))

    def filled(self, dotted: str) -> list[tuple[str, str, Any]]:
        """``(key, title, value)`` of every filled sub-field of a mapping, in schema order."""
        path = tuple(dotted.split("."))
        return [(key, self.schema.title((*path, key)), self.value(f"{dotted}.{key}"))
                for key in self.schema.properties(path) if self.value(f"{dotted}.{key}") is not None]


def facet_src(segment: str, value: str | None = None) -> str:
    """Source path of a facet's page (``thema/index.md``) or of one value's page (``thema/sociale-basis.md``)."""
    return f"{segment}/{value}.md" if value else f"{segment}/index.md"


class SiteView:
    """Views over all valid practices of a site: newest first, with facets and related practices computed once."""

    def __init__(self, schema: Schema, practices: list[Practice], related_limit: int = 3,
                 views: dict[str, PracticeView] | None = None) -> None:
        """``views`` may be kept from an earlier SiteView over the same schema (``serve``): a practice that is the
        very same object keeps its view, which every list page shows."""
        self.schema = schema
        self.practices = sorted(practices, key=lambda p: (p.title.casefold(), p.slug))
        self.practices.sort(key=lambda p: p.updated, reverse=True)
        self.facet_defs = {d.field: d for d in facets.definitions(schema)}
        self.facets = facets.build(self.practices, schema)
        self._related = facets.related(self.practices, related_limit) if related_limit else {}
        self._views: dict[str, PracticeView] = {} if views is None else views

    def characteristics(self, practice: Practice) -> tuple[Characteristic, ...]:
        result = []
        for key in FACET_KEYS:
            value = practice.data.get(key)
            if not is_filled(value):
                continue
            definition = self.facet_defs.get(key)
            note = None
            if key == "periode":
                links: tuple[Link, ...] = (Link(period_label(cast(dict[str, str], value), practice.data.get("status"))),)
            elif key == "omvang":
                counts = scale_label(value, self.schema)
                explanation = value.get("toelichting") if isinstance(value, dict) else None
                links = (Link(counts or str(explanation)),)
                note = str(explanation) if counts and is_filled(explanation) else None
            elif definition is not None:
                searchable = key in SEARCH_FILTERS
                links = tuple(Link(self._facet_label(practice, key, v), facet_src(definition.segment, v),
                                   f"{definition.segment}:{v}" if searchable else None)
                              for v in facets.values_of(practice, definition))
            elif isinstance(value, list):
                links = tuple(Link(self.schema.label((key,), str(v))) for v in value)
            else:
                links = (Link(self.schema.label((key,), str(value))),)
            title = definition.plural if definition and key in ("perspectieven", "waarden") else self.schema.title((key,))
            result.append(Characteristic(key, title, links, note))
        return tuple(result)

    def _facet_label(self, practice: Practice, key: str, value: str) -> str:
        if self.schema.choices((key,)):
            label = self.schema.label((key,), value)
            # 'Andere vorm' says little: the network's own name for its form goes with it.
            other = practice.data.get("netwerktype_anders")
            if key == "netwerktype" and value == OTHER_TYPE and is_filled(other):
                return f"{label}: {' '.join(str(other).split())}"
            return label
        return self.schema.title((key, value))

    def view(self, practice: Practice, with_related: bool = False) -> PracticeView:
        """A practice's view; the card version is built once, as each practice appears on many list pages."""
        card = self._views.get(practice.slug)
        if card is None or card.practice is not practice:
            filter_values = {d.segment: facets.values_of(practice, d) for d in self.facet_defs.values()}
            card = self._views[practice.slug] = PracticeView(practice, self.schema, self.characteristics(practice), filter_values)
        if not with_related:
            return card
        related = tuple(self.view(other) for other in self._related.get(practice.slug, []))
        return PracticeView(practice, self.schema, card.characteristics, card.filter_values, related)

    def related_to(self, practice: Practice) -> list[Practice]:
        """The practices shown as related on the page of ``practice``."""
        return self._related.get(practice.slug, [])

    def cards(self, practices: list[Practice] | None = None) -> list[PracticeView]:
        return [self.view(p) for p in (self.practices if practices is None else practices)]


def period_label(period: dict[str, str], status: Any = None) -> str:
    """``september 2019 – najaar 2023``, ``sinds 12 september 2019``; a practice that ended without a known end
    ``begonnen in 2019`` (not "sinds", which would say it still runs)."""
    start, end = period.get("van"), period.get("tot")
    if start and end:
        return dutch_date(start) if start == end else f"{dutch_date(start)} – {dutch_date(end)}"
    if start:
        if status in ENDED:
            return f"begonnen {'op' if str(start).count('-') == 2 else 'in'} {dutch_date(start)}"
        return f"sinds {dutch_date(start)}"
    return f"tot {dutch_date(end)}" if end else ""
