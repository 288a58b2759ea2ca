"""An accounts export that gives each account's ARR and no MRR (Gainsight's, Salesforce's)
gives the MRR as a twelfth of it, and says so: it was left out, and the portfolio then had
no revenue at all. Beside an MRR column the ARR stays out; sent to the MRR by hand, or by a
saved mapping, it is divided the same way."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_helpers import write_csv

from csdesk.ingest import commit, prepare
from csdesk.store import Workspace

ARR_ONLY = (
    "Account Name,CSM,ARR (US$),Renewal Date\n"
    'Acme Corp,Ana,"120,000.00",2027-03-31\n'
    'Beta LLC,Bruno,"36,000.50",2026-12-31\n'
)


def _mrr(ws: Workspace) -> dict[str, float]:
    """Each account's MRR as the import wrote it (its month's line)."""
    return dict(
        ws.conn.execute(
            "SELECT a.name, r.mrr FROM revenue_months r JOIN accounts a ON a.id = r.account_id"
        ).fetchall()
    )


def test_an_arr_column_alone_gives_the_mrr_as_a_twelfth(ws: Workspace, tmp_path: Path) -> None:
    plan = prepare(write_csv(tmp_path / "accounts.csv", ARR_ONLY), ws=ws)
    [arr] = [c for c in plan.columns if c.column == "ARR (US$)"]
    assert (arr.field, arr.value_kind) == ("mrr", "money_yearly")
    assert "names the annual recurring revenue" in arr.reason
    assert "a year's amounts (ARR): divided by 12 for the MRR" in arr.decision
    commit(ws, plan)
    assert _mrr(ws) == {"Acme Corp": 10000.0, "Beta LLC": pytest.approx(3000.04)}


def test_beside_an_mrr_the_arr_stays_out(ws: Workspace, tmp_path: Path) -> None:
    text = 'Account Name,MRR,ARR\nAcme Corp,"10,000","999,999"\n'
    plan = prepare(write_csv(tmp_path / "accounts.csv", text), ws=ws)
    assert {c.column: c.field for c in plan.columns} == {
        "Account Name": "account",
        "MRR": "mrr",
        "ARR": None,
    }
    commit(ws, plan)
    assert _mrr(ws) == {"Acme Corp": 10000.0}


def test_an_arr_sent_to_the_mrr_by_hand_is_divided_too(ws: Workspace, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "accounts.csv", ARR_ONLY)
    plan = prepare(path, ws=ws, entity="accounts", mapping={"ARR (US$)": "mrr"})
    [arr] = [c for c in plan.columns if c.column == "ARR (US$)"]
    assert (arr.field, arr.value_kind, arr.reason) == ("mrr", "money_yearly", "set by you")
    commit(ws, plan)
    assert _mrr(ws)["Acme Corp"] == 10000.0
