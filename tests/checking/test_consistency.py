"""Rules between fields of one practice: warnings a contributor can act on, and none for periods that add up."""

from __future__ import annotations

import pytest
from praktijkbank.checking.consistency import check_consistency


@pytest.mark.parametrize(("start", "end"), [("2019-06", "2019"), ("2019", "2019-01"), ("zomer 2020", "2020-08"),
                                            ("2018-12-31", "winter 2018"), ("2019", "2019")])
def test_periods_that_may_add_up_get_no_warning(start: str, end: str) -> None:
    assert check_consistency({"periode": {"van": start, "tot": end}}, {}, "x.md") == []


@pytest.mark.parametrize(("start", "end"), [("2020", "2019"), ("najaar 2021", "2021-03"), ("2019-09-12", "2019-09-11")])
def test_a_period_that_ends_before_it_starts_is_named(start: str, end: str) -> None:
    [finding] = check_consistency({"periode": {"van": start, "tot": end}}, {}, "x.md")
    assert finding.field == "periode.tot" and "omgewisseld" in finding.hint


def test_other_network_type_asks_for_its_name() -> None:
    [finding] = check_consistency({"netwerktype": "anders"}, {}, "x.md")
    assert finding.field == "netwerktype" and "netwerktype_anders" in finding.hint
    assert check_consistency({"netwerktype": "anders", "netwerktype_anders": "Casustafel"}, {}, "x.md") == []
