"""Times as a Google Forms download writes them ("2026/11/03 2:40:10 PM GMT-3"): AM and PM
after a year-first date, and a zone after the time, which is left out (the time is kept as
written, as an ISO time's offset is). Before, such a timestamp was not a date at all. And a
column of a/b/yyyy dates that nothing decides is read month first when its times are on a
12-hour clock (the US writes both), day first otherwise."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from ingest_helpers import write_csv

from csdesk.ingest import commit, prepare
from csdesk.ingest.grid import blank_mask
from csdesk.ingest.values import convert
from csdesk.store import Workspace


@pytest.mark.parametrize(
    ("cell", "read"),
    [
        ("2026/11/03 10:15:22 AM GMT-3", "2026-11-03 10:15:22"),
        ("2026/11/03 2:40:10 PM GMT-3", "2026-11-03 14:40:10"),
        ("2026/11/03 12:30:45 PM GMT-3", "2026-11-03 12:30:45"),
        ("2026/11/03 12:05:00 AM GMT+5:30", "2026-11-03 00:05:00"),
        ("2026-11-03 10:15 UTC", "2026-11-03 10:15:00"),
        ("2026-11-03T10:15:22-03:00", "2026-11-03 10:15:22"),
        ("11/3/2026 2:15:22 PM GMT-3", "2026-11-03 14:15:22"),  # a 12-hour clock: the US order
    ],
)
def test_a_time_with_am_pm_and_a_zone_is_read_as_written(cell: str, read: str) -> None:
    values = np.array([cell], dtype=object)
    converted = convert("datetime", values, blank_mask(values))
    assert converted.values.tolist() == [read]
    assert not converted.bad.any()


@pytest.mark.parametrize("cell", ["2026/11/03 10:15:22 XM", "2026/11/03 GMT-3 10:15", "13:00 PM"])
def test_what_is_not_a_time_is_still_refused(cell: str) -> None:
    values = np.array([cell], dtype=object)
    assert convert("datetime", values, blank_mask(values)).bad.all()


def test_the_decision_says_the_zone_was_left_out() -> None:
    values = np.array(["2026/11/03 10:15:22 AM GMT-3", "2026/11/04 9:00:00 PM GMT-3"], dtype=object)
    decision = convert("datetime", values, blank_mask(values)).decision
    assert decision.endswith("times kept as written, their zone left out (GMT-3)")
    plain = np.array(["2026-11-03 10:15:22"], dtype=object)
    assert "zone" not in convert("datetime", plain, blank_mask(plain)).decision


def test_a_12_hour_clock_decides_the_order_only_when_no_value_does() -> None:
    clock = np.array(["11/3/2026 2:15 PM", "11/5/2026 9:00 AM"], dtype=object)
    converted = convert("datetime", clock, blank_mask(clock))
    assert converted.values.tolist() == ["2026-11-03 14:15:00", "2026-11-05 09:00:00"]
    assert "month first, as their times are on a 12-hour clock" in converted.decision
    day_first = np.array(["13/11/2026 2:15 PM", "3/11/2026 2:15 PM"], dtype=object)
    converted = convert("datetime", day_first, blank_mask(day_first))
    assert converted.values.tolist()[1] == "2026-11-03 14:15:00"  # 13 decides: day first
    plain = np.array(["11/3/2026 14:15"], dtype=object)
    assert convert("datetime", plain, blank_mask(plain)).values.tolist() == ["2026-03-11 14:15:00"]


def test_the_other_date_columns_of_the_sheet_follow_the_clock(
    ws: Workspace, tmp_path: Path
) -> None:
    """A CRM's export: the creation time on a 12-hour clock, the close date without a time.
    Both are read month first, as the US writes them."""
    text = (
        "Opportunity Name,Account Name,Stage,Amount,Created Date,Close Date\n"
        "Upsell BI,Raiz Ltda,Negotiation,12000,11/3/2026 2:15 PM,12/1/2026\n"
        "Renewal,Santa Clara Ltda,Proposal,48000,10/5/2026 9:40 AM,11/2/2026\n"
    )
    plan = prepare(write_csv(tmp_path / "opportunities.csv", text), ws=ws)
    assert plan.entity == "opportunities"
    commit(ws, plan)
    rows = ws.conn.execute("SELECT created, closed FROM opportunities ORDER BY created").fetchall()
    assert [tuple(r) for r in rows] == [("2026-10-05", "2026-11-02"), ("2026-11-03", "2026-12-01")]
