"""The ``praktijkbank`` command: ``praktijkbank check`` validates practice files for contributors and CI.

Exit codes: 0 when every file is valid (warnings allowed unless ``--strict``), 1 when any file has an
error, 2 for a wrong invocation. All messages are Dutch; no input, however broken, yields a traceback.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from praktijkbank import __version__
from praktijkbank.checking.collection import load_practices
from praktijkbank.checking.file import display_path
from praktijkbank.checking.reporting import FORMATS, REPORTERS
from praktijkbank.cli.project import ProjectError, read_settings
from praktijkbank.core.schema import Schema, SchemaError
from praktijkbank.runtime.forked import usable_cpus

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2

_ARGPARSE_MESSAGES = [
    (r"unrecognized arguments: (.*)", r"onbekende argumenten: \1"),
    (r"argument (\S+): invalid choice: '?([^' ]*)'? \(choose from (.*)\)", r"ongeldige keuze '\2' voor \1 (kies uit \3)"),
    (r"argument (\S+): expected one argument", r"\1 heeft een waarde nodig"),
    (r"the following arguments are required: (.*)", r"deze argumenten zijn verplicht: \1"),
    (r"invalid choice: '?([^' ]*)'? \(choose from (.*)\)", r"onbekend commando '\1' (kies uit \2)"),
]


class _DutchHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix="gebruik: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse with Dutch headings and error messages, exiting with 2 on misuse."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _DutchHelpFormatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumenten"
        self._optionals.title = "opties"
        self.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")

    def error(self, message: str) -> NoReturn:
        for pattern, replacement in _ARGPARSE_MESSAGES:
            if re.search(pattern, message):
                message = re.sub(pattern, replacement, message)
                break
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: fout: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="praktijkbank", description="Praktijkbank: praktijkvoorbeelden van lerende netwerken controleren.")
    parser.add_argument("--version", action="version", version=f"praktijkbank {__version__}", help="toon het versienummer en stop")
    commands = parser.add_subparsers(dest="command", title="commando's", metavar="COMMANDO", parser_class=_Parser)
    check = commands.add_parser(
        "check",
        help="controleer praktijkvoorbeelden",
        description="Controleer praktijkvoorbeelden tegen de Checklist goede praktijken (het schema). "
        "Elk probleem komt op een eigen regel: bestand:regel:kolom: fout: veld: uitleg.",
    )
    check.add_argument("paths", nargs="*", type=Path, metavar="PAD",
                       help="bestanden of mappen (standaard: de map met praktijkvoorbeelden uit mkdocs.yml)")
    check.add_argument("-f", "--format", choices=FORMATS, default="text",
                       help="uitvoer: text (standaard), github (annotaties in een pull request) of json")
    check.add_argument("--strict", action="store_true", help="behandel waarschuwingen als fouten")
    check.add_argument("--volledigheid", action="store_true",
                       help="toon per praktijkvoorbeeld hoeveel onderdelen van de checklist beschreven zijn")
    check.add_argument("-c", "--config-file", type=Path, metavar="BESTAND", help="het MkDocs-configuratiebestand (standaard: mkdocs.yml)")
    check.add_argument("--schema", type=Path, metavar="BESTAND", help="het JSON-schema (standaard: uit mkdocs.yml)")
    new = commands.add_parser(
        "nieuw",
        help="maak een nieuw praktijkvoorbeeld uit het sjabloon",
        description="Maak een nieuw praktijkvoorbeeld met alle velden van de checklist en uitleg bij elk veld. "
        "Een bestaand bestand wordt nooit overschreven.",
    )
    new.add_argument("titel", metavar="TITEL", help="de titel van het praktijkvoorbeeld, tussen aanhalingstekens")
    new.add_argument("--map", type=Path, metavar="MAP", help="waar het bestand komt (standaard: de map uit mkdocs.yml)")
    new.add_argument("-c", "--config-file", type=Path, metavar="BESTAND", help="het MkDocs-configuratiebestand (standaard: mkdocs.yml)")
    new.add_argument("--schema", type=Path, metavar="BESTAND", help="het JSON-schema (standaard: uit mkdocs.yml)")
    return parser


def run_new(args: argparse.Namespace) -> int:
    # Imported here: Jinja and the templates are only needed to write a new file, and 'check' should not wait for them.
    from praktijkbank.contribute.scaffold import ScaffoldError, write_new_practice
    from praktijkbank.pages.environment import make_environment

    try:
        settings = read_settings(args.config_file)
    except ProjectError as exc:
        return _usage_error(str(exc))
    try:
        schema = Schema.load(args.schema or settings.schema)
    except SchemaError as exc:
        return _usage_error(str(exc) if args.schema else settings.explain_missing_schema(str(exc)))
    folder = args.map or Path(display_path(settings.practices_dir, Path.cwd()))
    try:
        path = write_new_practice(folder, args.titel, schema, make_environment())
    except ScaffoldError as exc:
        print(f"praktijkbank: fout: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except OSError as exc:
        print(f"praktijkbank: fout: het bestand kan niet worden geschreven ({exc.strerror})", file=sys.stderr)
        return EXIT_INVALID
    shown = display_path(path, Path.cwd())
    print(f"Nieuw praktijkvoorbeeld: {shown}")
    options = "".join(f" {flag} {value}" for flag, value in (("-c", args.config_file), ("--schema", args.schema)) if value)
    print(f"Vul de samenvatting, het verhaal en wat je verder weet in, en controleer het bestand met: "
          f"praktijkbank check{options} {shown}")
    return EXIT_OK


def _usage_error(message: str) -> int:
    print(f"praktijkbank: fout: {message}", file=sys.stderr)
    return EXIT_USAGE


def run_check(args: argparse.Namespace) -> int:
    try:
        settings = read_settings(args.config_file)
    except ProjectError as exc:
        return _usage_error(str(exc))
    schema_path = args.schema or settings.schema
    try:
        schema = Schema.load(schema_path)
    except SchemaError as exc:
        return _usage_error(str(exc) if args.schema else settings.explain_missing_schema(str(exc)))
    paths = list(args.paths) or [settings.practices_dir]
    missing = [p for p in paths if not p.exists()]
    if missing:
        return _usage_error(f"bestand of map bestaat niet: {', '.join(str(p) for p in missing)}")

    result = load_practices(paths, schema, root=Path.cwd(), workers=usable_cpus())
    if args.strict:
        result = result.escalated()
    sys.stdout.write(REPORTERS[args.format](result, args.volledigheid))
    return EXIT_INVALID if result.has_errors else EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return run_new(args) if args.command == "nieuw" else run_check(args)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
