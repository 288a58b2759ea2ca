"""The QBR's quarter on a data room whose open contracts carry the revenue past its data."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from stale_room import ACCOUNTS, CONTRACTS, TICKETS, build_room, build_stale_room

from csdesk.cli import main
from csdesk.domain.month import Month
from csdesk.i18n import Lang
from csdesk.reports.qbr.content import build_qbr
from csdesk.reports.qbr.model import Quarter
from csdesk.reports.qbr.quarter_choice import choose_quarter, selectable_quarters
from csdesk.store import Workspace

THIS_QUARTER = Quarter.of(Month.of(date.today()))
CHURN = "churn_event_id,account_id,churn_date,reason_code\nE1,A1,2024-12-05,competitor\n"


def test_the_default_quarter_is_where_the_recorded_activity_ends(tmp_path: Path) -> None:
    path = build_room(
        tmp_path, accounts=ACCOUNTS, contracts=CONTRACTS, tickets=TICKETS, churn_events=CHURN
    )
    with Workspace.open(path, read_only=True) as ws:
        choice = choose_quarter(ws, None, date.today())
        assert choice.quarter == Quarter(2024, 4) and choice.stepped_back
        assert choice.revenue_end == Month.of(date.today()) and not choice.past_the_data
        content = build_qbr(ws, "A1", lang=Lang("en"), today=date.today())
    assert content.quarter == Quarter(2024, 4) and content.as_of == Month(2024, 12)
    assert content.support.tickets == 1  # Alpha's ticket of November 2024
    # The churn's title is a bare reason: the list of changes says what it was.
    assert "Churn: competitor" in [c.what for c in content.changes]


def test_the_cli_says_which_quarter_and_warns_past_the_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = build_stale_room(tmp_path)
    capsys.readouterr()
    assert main(["report", "qbr", str(path), "A1", "-o", str(tmp_path / "a.pdf")]) == 0
    err = capsys.readouterr().err
    assert "note: QBR of 2024Q4, where the recorded activity ends" in err
    assert "from Dec 2024" in err and str(date.today().year) in err
    text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "a.pdf").pages)
    assert "Q4 2024 (Oct 2024 – Dec 2024)" in " ".join(text.split())
    # One health driver with data: it is not both the strongest and the weakest.
    assert "Only financial has data to score." in text and "Strongest" not in text
    asked = ["--quarter", str(THIS_QUARTER.previous)]
    assert main(["report", "qbr", str(path), "A1", "-o", str(tmp_path / "b.pdf"), *asked]) == 0
    err = capsys.readouterr().err
    assert f"warning: {THIS_QUARTER.previous} lies past the recorded activity" in err
    assert "--quarter 2024Q4 for the quarter where it ends" in err
    # The quarter the activity ends in: nothing to say.
    assert main(["report", "qbr", str(path), "A1", "-o", str(tmp_path / "c.pdf"),
                 "--quarter", "2024Q4"]) == 0  # fmt: skip
    assert capsys.readouterr().err == ""


def test_recent_activity_keeps_the_revenue_quarter(tmp_path: Path) -> None:
    this_month = Month.of(date.today())
    recent = TICKETS + f"T3,A1,{(this_month - 1).first_day.isoformat()},low\n"
    path = build_room(tmp_path, accounts=ACCOUNTS, contracts=CONTRACTS, tickets=recent)
    with Workspace.open(path, read_only=True) as ws:
        choice = choose_quarter(ws, None, date.today())
    assert choice.quarter == THIS_QUARTER and not choice.stepped_back
    assert selectable_quarters(choice, 3) == [
        THIS_QUARTER,
        THIS_QUARTER.previous,
        THIS_QUARTER.previous.previous,
    ]


def test_the_choosable_quarters_hold_both_the_revenue_and_the_activity(tmp_path: Path) -> None:
    with Workspace.open(build_stale_room(tmp_path), read_only=True) as ws:
        choice = choose_quarter(ws, None, date.today())
    quarters = selectable_quarters(choice, 2)
    assert quarters[:2] == [THIS_QUARTER, THIS_QUARTER.previous]
    assert quarters[-2:] == [Quarter(2024, 4), Quarter(2024, 3)]
    assert [choice.lies_past(q) for q in quarters] == [True] * (len(quarters) - 2) + [False] * 2
