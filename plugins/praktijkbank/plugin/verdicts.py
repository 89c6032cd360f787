"""How a build that stops says so, in Dutch: the last line the contributor sees, and no half-written site behind it.

MkDocs ends a strict build stopped by warnings with "Aborted with 1 warnings in strict mode!", and a build error with
"Aborted with a BuildError!"; the plugin raises `SiteNotBuilt` with its own message instead (MkDocs prints an
``Abort`` as it is). A failing template (mostly a site's own override) becomes a build error with its file and line.
"""

from __future__ import annotations

import functools
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

import click
import jinja2
from mkdocs.exceptions import Abort, BuildError, PluginError

from praktijkbank.checking.collection import LoadResult
from praktijkbank.checking.reporting import summary_line
from praktijkbank.core.findings import Finding
from praktijkbank.pages import templateerrors

Event = TypeVar("Event", bound=Callable[..., Any])
#: How MkDocs says that ``--strict`` stopped the build: "Aborted with 2 warnings, 1 errors in strict mode!".
_STRICT_ABORT = re.compile(r"^Aborted with (?P<counts>.*) in strict mode!$")
_STRICT_COUNT = re.compile(r"(?P<number>\d+) (?P<level>warning|error)s?", re.IGNORECASE)


class SiteNotBuilt(Abort):
    """The build stops, and this Dutch message is the last line the contributor sees (MkDocs prints it as it is)."""

    def show(self, *args: Any, **kwargs: Any) -> None:
        click.echo("\n" + self.format_message(), err=True)  # with the log lines above it, not on stdout like Abort


def reports_template_errors(event: Event) -> Event:
    """A failing template becomes a Dutch build error with its file and line, instead of a Jinja traceback.

    The plugin object names the theme's folders (``template_dirs``), where a site's overrides are."""

    @functools.wraps(event)
    def reported(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return event(self, *args, **kwargs)
        except jinja2.TemplateError as exc:
            raise PluginError(f"praktijkbank: {templateerrors.describe(exc, self.template_dirs)}") from None

    return cast(Event, reported)


def not_built(result: LoadResult, *, strict: bool) -> SiteNotBuilt:
    """The stop when practices are invalid (``strict``: warnings count too)."""
    to_fix = "de fouten en waarschuwingen" if strict and any(not f.is_error for f in result.findings) else "de fouten"
    # Not a PluginError: MkDocs would end with "Aborted with a BuildError!" below this Dutch summary.
    return SiteNotBuilt(
        "praktijkbank: de site is niet gebouwd, want niet alle praktijkvoorbeelden zijn in orde: "
        + summary_line(result.findings, len(result.files))
        + f" Los {to_fix} hierboven op en bouw opnieuw; 'praktijkbank check"
        + (" --strict" if strict else "") + "' toont dezelfde lijst."
    )


def verdict(error: Exception, findings: list[Finding]) -> str | None:
    """The Dutch last line for what stopped the build, or None to leave MkDocs's own."""
    strict = _STRICT_ABORT.match(error.format_message()) if isinstance(error, Abort) else None
    if strict is not None and not isinstance(error, SiteNotBuilt):
        return strict_verdict(strict.group("counts"), findings)
    if isinstance(error, BuildError):
        return "praktijkbank: de site is niet gebouwd door de fout hierboven. Los die op en bouw opnieuw."
    return None


def strict_verdict(counts: str, findings: list[Finding]) -> str:
    """The last line when ``--strict`` (or ``strict: true``) stopped the build because of warnings."""
    numbers = {"warning": 0, "error": 0}
    for match in _STRICT_COUNT.finditer(counts):
        numbers[match.group("level").lower()] += int(match.group("number"))
    warnings, errors = numbers["warning"], numbers["error"]
    parts = [f"{warnings} {'waarschuwing' if warnings == 1 else 'waarschuwingen'}"] if warnings else []
    parts += [f"{errors} {'fout' if errors == 1 else 'fouten'}"] if errors else []
    if warnings + errors == 1:
        what, verb, them = f"de {'waarschuwing' if warnings else 'fout'}", "telt", "die"
    else:
        what, verb, them = f"de {' en '.join(parts) or 'meldingen'}", "tellen", "ze"
    text = (f"praktijkbank: de site is niet gebouwd: in strikte modus (--strict, of strict: true in mkdocs.yml) {verb} "
            f"{what} hierboven als fout. Los {them} op en bouw opnieuw.")
    if any(not finding.is_error for finding in findings):
        text += " 'praktijkbank check --strict' toont ook de waarschuwingen over de praktijkvoorbeelden."
    return text


def empty(site_dir: Path) -> bool:
    """Empty the output folder, so no half-written site that looks complete stays behind; False when there is none."""
    if not site_dir.is_dir():
        return False
    for child in site_dir.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)
    return True
