from __future__ import annotations

from csdesk.domain.month import Month
from csdesk.store import Workspace
from csdesk.store.queries.movements import MovementKind, revenue_history


def test_history_runs_to_the_latest_month_with_movements(sample_ws: Workspace) -> None:
    acme = revenue_history(sample_ws, 1)
    assert [(str(m.month), m.mrr, m.movement, m.change) for m in acme] == [
        ("2026-01", 100.0, MovementKind.NEW, 100.0),
        ("2026-02", 150.0, MovementKind.EXPANSION, 50.0),
        ("2026-03", 120.0, MovementKind.CONTRACTION, -30.0),
        ("2026-04", 120.0, None, 0.0),
    ]


def test_gap_is_churn_then_reactivation(sample_ws: Workspace) -> None:
    beta = revenue_history(sample_ws, 2)
    assert [m.movement for m in beta] == [
        MovementKind.NEW,
        MovementKind.CHURN,
        MovementKind.REACTIVATION,
        None,
    ]
    assert beta[1].change == -50.0


def test_churned_account_runs_on_at_zero(sample_ws: Workspace) -> None:
    gamma = revenue_history(sample_ws, 3)
    assert gamma[-1].month == Month(2026, 4)
    assert [m.movement for m in gamma] == [MovementKind.NEW, None, MovementKind.CHURN, None]
    assert revenue_history(sample_ws, 99) == []


def test_months_add_up(sample_ws: Workspace) -> None:
    for account_id in (1, 2, 3):
        total = 0.0
        for month in revenue_history(sample_ws, account_id):
            total += month.change
            assert round(total, 2) == month.mrr
