"""One account's month-by-month MRR and movements (revenue.account_history), hand-computed.

Every expectation below is worked out from the rows each test writes, with DESIGN.md's rule:
p = MRR of the month before, c = this month's; new (p = 0 < c, never paid before) = c,
reactivation (p = 0 < c, paid before) = c, expansion (0 < p < c) and contraction (0 < c < p)
= c − p, churn (p > 0 = c) = −p.
"""

from __future__ import annotations

import pytest

from csdesk.domain.enums import MovementKind
from csdesk.domain.month import Month
from csdesk.domain.movement import MrrMonth
from csdesk.metrics import revenue
from csdesk.store import Workspace

NEW = MovementKind.NEW
EXPANSION = MovementKind.EXPANSION
CONTRACTION = MovementKind.CONTRACTION
CHURN = MovementKind.CHURN
REACTIVATION = MovementKind.REACTIVATION


def account(ws: Workspace, name: str) -> int:
    with ws.transaction() as conn:
        cursor = conn.execute(
            "INSERT INTO accounts (name, name_key) VALUES (?, ?)", (name, name.lower())
        )
    return int(cursor.lastrowid or 0)


def revenue_rows(ws: Workspace, account_id: int, months: dict[str, float]) -> None:
    ws.insert_many(
        "revenue_months",
        ["account_id", "month", "mrr"],
        [(account_id, month, mrr) for month, mrr in months.items()],
    )


def contract(ws: Workspace, account_id: int, start: str, end: str | None, mrr: float) -> None:
    ws.insert_many(
        "contracts",
        ["account_id", "start_date", "end_date", "mrr"],
        [(account_id, start, end, mrr)],
    )


def rows(history: list[MrrMonth]) -> list[tuple[str, float, MovementKind | None, float]]:
    return [(str(m.month), m.mrr, m.movement, m.change) for m in history]


def test_every_kind_of_movement_hand_computed(ws: Workspace) -> None:
    a = account(ws, "A")
    other = account(ws, "Other")
    # A pays nothing in May and June (rows absent), is back in July, and has no row after
    # August; Other's rows run to September, the portfolio's last month.
    revenue_rows(
        ws,
        a,
        {
            "2025-01": 100,
            "2025-02": 150,
            "2025-03": 120,
            "2025-04": 120,
            "2025-07": 80,
            "2025-08": 80,
        },
    )
    revenue_rows(ws, other, {"2024-11": 10, "2025-09": 10})
    assert rows(revenue.account_history(ws, a)) == [
        ("2025-01", 100.0, NEW, 100.0),
        ("2025-02", 150.0, EXPANSION, 50.0),  # 150 − 100
        ("2025-03", 120.0, CONTRACTION, -30.0),  # 120 − 150
        ("2025-04", 120.0, None, 0.0),
        ("2025-05", 0.0, CHURN, -120.0),  # −previous
        ("2025-06", 0.0, None, 0.0),
        ("2025-07", 80.0, REACTIVATION, 80.0),  # paid before, after a two-month gap
        ("2025-08", 80.0, None, 0.0),
        ("2025-09", 0.0, CHURN, -80.0),  # no row after August: churned in September
    ]


def test_history_starts_at_the_first_paying_month(ws: Workspace) -> None:
    a = account(ws, "A")
    never = account(ws, "Never paid")
    # A zero row and a credit note (negative: counts as 0) come before A's first payment.
    revenue_rows(ws, a, {"2025-01": 0, "2025-02": -20, "2025-03": 40})
    revenue_rows(ws, never, {"2025-02": 0})
    assert rows(revenue.account_history(ws, a)) == [("2025-03", 40.0, NEW, 40.0)]
    assert revenue.account_history(ws, never) == []
    assert revenue.account_history(ws, 999) == []


def test_an_account_with_only_contracts_gets_a_history(ws: Workspace) -> None:
    billed = account(ws, "Billed")
    signed = account(ws, "Signed")
    revenue_rows(ws, billed, {"2025-01": 500, "2025-09": 500})
    # MRR(m) = contracts active on m's last day (end inclusive, no end = still running):
    # the first from Feb (starts the 15th) through May (ends on the 31st), the second from Apr.
    contract(ws, signed, "2025-02-15", "2025-05-31", 300)
    contract(ws, signed, "2025-04-01", None, 100)
    assert rows(revenue.account_history(ws, signed)) == [
        ("2025-02", 300.0, NEW, 300.0),
        ("2025-03", 300.0, None, 0.0),
        ("2025-04", 400.0, EXPANSION, 100.0),
        ("2025-05", 400.0, None, 0.0),
        ("2025-06", 100.0, CONTRACTION, -300.0),
        ("2025-07", 100.0, None, 0.0),
        ("2025-08", 100.0, None, 0.0),
        ("2025-09", 100.0, None, 0.0),
    ]


def test_a_workspace_of_contracts_only(ws: Workspace) -> None:
    c = account(ws, "C")
    d = account(ws, "D")
    contract(ws, c, "2025-01-01", "2025-03-31", 300)
    contract(ws, d, "2025-02-01", "2025-06-30", 90)  # the portfolio runs to June
    assert rows(revenue.account_history(ws, c)) == [
        ("2025-01", 300.0, NEW, 300.0),
        ("2025-02", 300.0, None, 0.0),
        ("2025-03", 300.0, None, 0.0),
        ("2025-04", 0.0, CHURN, -300.0),
        ("2025-05", 0.0, None, 0.0),
        ("2025-06", 0.0, None, 0.0),
    ]


def test_revenue_rows_win_over_contracts(ws: Workspace) -> None:
    a = account(ws, "A")
    revenue_rows(ws, a, {"2025-01": 100, "2025-02": 100})
    contract(ws, a, "2025-01-01", None, 999)  # promised, not billed: not added on top
    assert rows(revenue.account_history(ws, a)) == [
        ("2025-01", 100.0, NEW, 100.0),
        ("2025-02", 100.0, None, 0.0),
    ]


def _mixed_portfolio(ws: Workspace) -> list[int]:
    a, b, c, d = (account(ws, name) for name in "ABCD")
    revenue_rows(ws, a, {"2025-01": 100, "2025-02": 100, "2025-03": 150, "2025-06": 80})
    revenue_rows(ws, b, {"2025-02": 200.5, "2025-03": 200.25, "2025-04": 0})
    revenue_rows(ws, c, {"2025-04": 50, "2025-05": 50, "2025-06": 70})
    contract(ws, d, "2025-03-10", "2025-07-31", 40)  # counts up to the revenue sheet's end
    contract(ws, d, "2025-05-01", None, 60)
    return [a, b, c, d]


def test_agrees_with_the_portfolio_movements_of_that_account(ws: Workspace) -> None:
    ids = _mixed_portfolio(ws)
    data = revenue.load(ws)
    assert str(data.last) == "2025-06"
    for account_id in ids:
        history = revenue.account_history(ws, account_id)
        assert history, account_id
        # Read from the whole portfolio's matrix, the same months come out.
        assert revenue.account_history(data, account_id) == history
        frame = revenue.movements(data.subset([account_id]))
        by_month = {str(r["month"]): r for r in frame.to_dict("records")}
        assert str(history[-1].month) == frame["month"].iloc[-1] == "2025-06"
        for month in history:
            record = by_month[str(month.month)]
            assert record["mrr"] == pytest.approx(month.mrr)
            for kind in MovementKind:
                expected = month.change if month.movement is kind else 0.0
                assert record[kind.value] == pytest.approx(expected), (account_id, month)
        # Before the first paying month the portfolio shows nothing for this account.
        first = history[0].month
        for record in frame.to_dict("records"):
            if Month.parse(str(record["month"])) < first:
                assert record["mrr"] == 0
                assert all(record[kind.value] == 0 for kind in MovementKind)


def test_changes_add_up_to_the_mrr(ws: Workspace) -> None:
    for account_id in _mixed_portfolio(ws):
        total = 0.0
        for month in revenue.account_history(ws, account_id):
            total += month.change
            assert round(total, 2) == month.mrr
