"""Say in Dutch which template failed and where, instead of a Jinja traceback.

A site may override any of the plugin's templates from its theme's ``custom_dir``. A mistake there (an ``{% if %}``
without ``{% endif %}``, a name the template does not get) would otherwise end the build with a Python traceback
that names the plugin's internals. This module turns Jinja's error into one sentence with the template's file and
line, Jinja's own explanation, and what to do; the plugin reports it as a build error.
"""

from __future__ import annotations

import traceback
from collections.abc import Sequence
from pathlib import Path

import jinja2

#: The plugin's own templates, which an override replaces (the real ones of the pages are in ``_base/``).
ORIGINALS = Path(__file__).parents[1] / "templates" / "praktijkbank"
#: File names that are templates: Jinja rewrites tracebacks so that template frames carry the template's path.
TEMPLATE_SUFFIXES = (".j2", ".html", ".md")


def describe(exc: jinja2.TemplateError, override_dirs: Sequence[str | Path] = ()) -> str:
    """A Dutch sentence about ``exc``: which template, which line, Jinja's explanation, and a hint."""
    path, line = _location(exc)
    where = f"het sjabloon {_shown(path)}" + (f":{line}" if line else "") if path else "een sjabloon"
    explanation = exc.message if isinstance(exc, jinja2.TemplateSyntaxError) else str(exc)
    if isinstance(exc, jinja2.TemplateNotFound):
        explanation = f"het sjabloon '{exc.name}' bestaat niet"
    own = path is not None and any(_is_within(path, Path(d)) for d in override_dirs)
    if own and path is not None:
        hint = ("Dit sjabloon staat in de custom_dir van het thema: herstel het (vergelijk het met het origineel in "
                f"{_shown(str(_original_folder(Path(path).name)))}), of haal het weg om het standaardsjabloon te gebruiken.")
    elif isinstance(exc, jinja2.TemplateNotFound):
        hint = "Kijk of een eigen sjabloon in de custom_dir van het thema een bestaand sjabloon noemt."
    else:
        hint = "Dit is een fout in praktijkbank zelf: meld hem, met deze melding erbij."
    return f"{where} is niet te gebruiken ({_kind(exc)}: {explanation}). {hint}"


def _original_folder(name: str) -> Path:
    """Where the original of an overridden template is: a page's real template is in ``_base/`` (its name there only
    extends it, so an override can replace one block of it)."""
    return ORIGINALS / "_base" if (ORIGINALS / "_base" / name).is_file() else ORIGINALS


def _location(exc: jinja2.TemplateError) -> tuple[str | None, int | None]:
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
        return exc.filename, exc.lineno
    frames = [frame for frame in traceback.extract_tb(exc.__traceback__) if frame.filename.endswith(TEMPLATE_SUFFIXES)]
    if frames:
        return frames[-1].filename, frames[-1].lineno
    return None, None


def _kind(exc: jinja2.TemplateError) -> str:
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return "schrijffout in het sjabloon"
    if isinstance(exc, jinja2.UndefinedError):
        return "onbekende naam"
    if isinstance(exc, jinja2.TemplateNotFound):
        return "sjabloon ontbreekt"
    return "fout bij het invullen"


def _is_within(path: str, folder: Path) -> bool:
    try:
        Path(path).resolve().relative_to(folder.resolve())
    except (ValueError, OSError):
        return False
    return True


def _shown(path: str) -> str:
    """The path relative to the working folder when it is below it (as contributors see their project)."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return path
