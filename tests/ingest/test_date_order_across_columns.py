"""A date column whose a/b/yyyy values all fit both orders is read in the order the sheet's
other date columns decide, and says so. A Salesforce report's 'Created Date' of 10/1/2026
beside a 'Close Date' of 12/15/2026 is the 1st of October; it was assumed day first, the 10th
of January, which moved the opportunity's age by nine months without a word."""

from __future__ import annotations

from pathlib import Path

from ingest_helpers import write_csv

from csdesk.ingest import commit, prepare
from csdesk.ingest.dates import order_evidence
from csdesk.store import Workspace

SALESFORCE = (
    "Opportunity Name,Account Name,Amount,Close Date,Stage,Created Date\n"
    'Acme - Expansion,Acme Corp,"$24,000.00",12/15/2026,Negotiation/Review,10/1/2026\n'
    'Beta - Renewal,Beta LLC,"$36,000.00",12/31/2026,Closed Won,9/5/2026\n'
)


def test_an_undecided_column_follows_the_deciding_one(ws: Workspace, tmp_path: Path) -> None:
    plan = prepare(write_csv(tmp_path / "opportunities.csv", SALESFORCE), ws=ws)
    assert plan.entity == "opportunities"
    decisions = {c.column: c.decision for c in plan.columns}
    assert decisions["Close Date"] == "mm/dd/yyyy"
    assert decisions["Created Date"] == (
        "mm/dd/yyyy (every value fits both orders: read as column 'Close Date' is, whose "
        "values decide it)"
    )
    commit(ws, plan)
    created = [r[0] for r in ws.conn.execute("SELECT created FROM opportunities ORDER BY id")]
    assert created == ["2026-10-01", "2026-09-05"]


def test_columns_that_disagree_are_each_read_as_they_are(ws: Workspace, tmp_path: Path) -> None:
    text = (
        "Ticket ID,Account,Opened,Resolved,First response\n"
        "1,Acme,25/03/2026,03/26/2026,03/04/2026\n"
    )
    plan = prepare(write_csv(tmp_path / "tickets.csv", text), ws=ws)
    decisions = {c.column: c.decision for c in plan.columns}
    assert decisions["Opened"].startswith("dd/mm/yyyy")
    assert decisions["Resolved"].startswith("mm/dd/yyyy")
    assert "day first assumed" in decisions["First response"]


def test_the_evidence_of_one_column() -> None:
    assert order_evidence(["12/15/2026", "1/2/2026", None]) == (True, True)
    assert order_evidence(["25/03/2026"]) == (True, False)
    assert order_evidence(["01/02/2026", "03/04/2026"]) == (True, None)
    assert order_evidence(["2026-03-01", 5]) == (False, None)
