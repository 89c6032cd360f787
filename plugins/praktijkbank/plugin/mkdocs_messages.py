"""MkDocs's own progress lines in Dutch, so that everything a contributor reads in ``make build`` is Dutch.

Part of the MkDocs adapter: it knows MkDocs's (and ProperDocs's) English messages, which are formatted before
they are logged, and rewrites the ones it knows on the handlers of the ``mkdocs`` logger. Lines it does not
know stay as they are, so a new MkDocs message is shown in English rather than lost.
"""

from __future__ import annotations

import logging
import re

#: MkDocs's message (as a pattern over the formatted text) and its Dutch text (``\\1`` for what it matched).
_DUTCH = [
    (r"Cleaning site directory", "De map van de site wordt leeggemaakt"),
    (r"Building documentation to directory: (.*)", r"De site wordt gebouwd in de map \1"),
    (r"Documentation built in ([\d.]+) seconds", r"De site is gebouwd in \1 seconden"),
    (r"Building documentation\.\.\.", "De site wordt gebouwd …"),
    (r"Serving on (\S+) and opening it in a browser", r"De site is te zien op \1 (de browser gaat open)"),
    (r"Serving on (\S+)", r"De site is te zien op \1"),
    (r"Watching paths for changes: (.*)", r"Wijzigingen worden gevolgd in \1"),
    (r"Detected file changes", "Er is een bestand gewijzigd"),
    (r"Reloading browsers", "De browser wordt ververst"),
    (r"Browser connected: (.*)", r"Browser verbonden: \1"),
    (r"Shutting down\.\.\.", "De site stopt …"),
    (r"The directory contains stale files\. Use --clean to remove them\.",
     "De map bevat oude bestanden. Gebruik --clean om ze weg te halen."),
]
_PATTERNS = [(re.compile(rf"^{english}$", re.S), dutch) for english, dutch in _DUTCH]
#: The loggers whose handlers print MkDocs's lines (ProperDocs keeps its own beside MkDocs's).
LOGGERS = ("mkdocs", "properdocs")


#: ``mkdocs serve`` puts the time before its lines (``[11:06:50] Serving on ...``).
_TIME = re.compile(r"^(\[\d{2}:\d{2}:\d{2}\] )?(.*)$", re.S)


def dutch(message: str) -> str:
    """The Dutch text of one of MkDocs's messages, or the message itself when it is not one we know."""
    stamp, text = _TIME.match(message).groups()  # type: ignore[union-attr]  # the pattern matches every text
    for pattern, translation in _PATTERNS:
        if pattern.match(text):
            return (stamp or "") + pattern.sub(translation, text)
    return message


class DutchMessages(logging.Filter):
    """Rewrites MkDocs's known English lines into Dutch just before a handler prints them."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith(LOGGERS) and not record.name.startswith(("mkdocs.plugins.praktijkbank",)):
            try:
                message = record.getMessage()
            except (TypeError, ValueError):
                return True
            translated = dutch(message)
            if translated != message:
                record.msg, record.args = translated, ()
        return True


def install() -> None:
    """Put the filter on every handler that prints MkDocs's lines (once; ``serve`` starts the plugin again)."""
    for name in LOGGERS:
        for handler in logging.getLogger(name).handlers:
            if not any(isinstance(existing, DutchMessages) for existing in handler.filters):
                handler.addFilter(DutchMessages())
