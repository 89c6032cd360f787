"""Rules between fields of one practice, which JSON Schema could state but never explain in a contributor's words.

Each rule is a warning: the file is valid, but a reader would see something that does not add up (a name for
an 'other' network type that is not shown, a period that ends before it starts). Runs on valid data only.
"""

from __future__ import annotations

import re
from typing import Any

from praktijkbank.core.fieldpath import Path, Position, format_path
from praktijkbank.core.findings import Finding, Severity

OTHER_TYPE = "anders"
#: The month a season stands for when two moments are compared ("najaar 2019" comes after "2019-08").
_SEASON_MONTH = {"voorjaar": 3, "lente": 3, "zomer": 6, "najaar": 9, "herfst": 9, "winter": 12}
_MOMENT = re.compile(r"^(?:(?P<season>[a-z]+) )?(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$")


def check_consistency(data: dict[str, Any], positions: dict[Path, Position], shown: str) -> list[Finding]:
    """Every inconsistency between fields of one valid practice."""
    findings = []
    network_type, other_name = data.get("netwerktype"), data.get("netwerktype_anders")
    if other_name and network_type != OTHER_TYPE:
        findings.append(_warning(shown, positions, ("netwerktype_anders",),
                                 f"staat ingevuld, maar netwerktype is {_quoted(network_type)}",
                                 "Deze naam verschijnt alleen bij netwerktype 'anders'. Kies 'anders', of laat dit veld weg."))
    if network_type == OTHER_TYPE and not other_name:
        findings.append(_warning(shown, positions, ("netwerktype",), "is 'anders', maar de vorm heeft geen naam",
                                 "Noem de vorm in een paar woorden bij 'netwerktype_anders:', dan zien lezers wat voor netwerk het is."))
    period = data.get("periode")
    if isinstance(period, dict):
        start, end = _sortable(period.get("van")), _sortable(period.get("tot"), last=True)
        if start and end and end < start:
            findings.append(_warning(shown, positions, ("periode", "tot"),
                                     f"'{period['tot']}' ligt vóór het begin ('{period['van']}')",
                                     "Zijn 'van' en 'tot' omgewisseld?"))
    return findings


def _sortable(moment: Any, *, last: bool = False) -> tuple[int, int, int] | None:
    """A year, month, season or date as (year, month, day): its first day, or with ``last`` its last day, so that
    a period from "2019-06" to "2019" (which ends some time in 2019) is not called backwards."""
    match = _MOMENT.match(str(moment)) if moment else None
    if not match:
        return None
    if match["month"]:
        month = int(match["month"])
    elif match["season"]:
        month = _SEASON_MONTH.get(match["season"], 1) + (2 if last else 0)
    else:
        month = 12 if last else 1
    return int(match["year"]), month, int(match["day"] or (31 if last else 1))


def _quoted(value: Any) -> str:
    return f"'{value}'" if value else "niet ingevuld"


def _warning(shown: str, positions: dict[Path, Position], path: Path, message: str, hint: str) -> Finding:
    position = positions.get(path)
    line, column = (position.value_line, position.value_column) if position else (1, 1)
    return Finding(shown, line, column, Severity.WARNING, format_path(path), message, hint, "samenhang")
