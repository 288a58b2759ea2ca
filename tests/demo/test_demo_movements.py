"""Every MRR movement kind is in the small demo, computed here independently from the rows."""

from __future__ import annotations

import itertools
import sqlite3

import numpy as np

from tests.demo.conftest import frame


def _movements(conn: sqlite3.Connection) -> dict[str, np.ndarray]:
    """Per (account, month) masks of each movement, from revenue_months alone (pandas)."""
    revenue = frame(conn, "SELECT account_id, month, mrr FROM revenue_months")
    months = sorted(revenue["month"].unique())
    matrix = (
        revenue.pivot(index="account_id", columns="month", values="mrr")
        .reindex(columns=months)
        .fillna(0.0)
        .to_numpy()
    )
    previous = np.hstack([np.zeros((len(matrix), 1)), matrix[:, :-1]])
    paid_before = np.hstack(
        [np.zeros((len(matrix), 1), dtype=bool), np.cumsum(matrix > 0, axis=1)[:, :-1] > 0]
    )
    starting = (previous == 0) & (matrix > 0)
    masks = {
        "new": starting & ~paid_before,
        "reactivation": starting & paid_before,
        "expansion": (previous > 0) & (matrix > previous),
        "contraction": (matrix > 0) & (matrix < previous),
        "churn": (previous > 0) & (matrix == 0),
    }
    # The first month has no previous month in the data: leave it out.
    return {kind: mask[:, 1:] for kind, mask in masks.items()}


def test_every_movement_kind_occurs(db: sqlite3.Connection) -> None:
    movements = _movements(db)
    for kind, mask in movements.items():
        assert mask.sum() > 0, f"no {kind} movement in the small demo"
    # Not a single token occurrence: a believable book has several of the rarer kinds.
    assert movements["churn"].any(axis=1).sum() >= 8
    assert movements["new"].any(axis=1).sum() >= 10
    assert movements["contraction"].any(axis=1).sum() >= 5
    assert movements["reactivation"].any(axis=1).sum() >= 1


def test_churned_status_matches_revenue(db: sqlite3.Connection) -> None:
    last = db.execute("SELECT max(month) FROM revenue_months").fetchone()[0]
    paying_now = {
        row[0]
        for row in db.execute("SELECT account_id FROM revenue_months WHERE month = ?", (last,))
    }
    statuses = dict(db.execute("SELECT id, status FROM accounts").fetchall())
    for account, status in statuses.items():
        assert (status == "active") == (account in paying_now), account
    assert "churned" in statuses.values()


def test_reactivated_account_churns_and_returns(db: sqlite3.Connection) -> None:
    rows = db.execute(
        "SELECT month FROM revenue_months r JOIN accounts a ON a.id = r.account_id "
        "WHERE a.name = 'Transportadora Rota Sul Ltda' ORDER BY month"
    ).fetchall()
    months = [row[0] for row in rows]
    ordinals = [int(m[:4]) * 12 + int(m[5:]) for m in months]
    gaps = [b - a for a, b in itertools.pairwise(ordinals) if b - a > 1]
    assert len(gaps) == 1 and gaps[0] > 2


def test_contraction_before_churn_story(db: sqlite3.Connection) -> None:
    mrr = [
        row[0]
        for row in db.execute(
            "SELECT mrr FROM revenue_months r JOIN accounts a ON a.id = r.account_id "
            "WHERE a.name = 'Padaria Pão Dourado Ltda' ORDER BY month"
        )
    ]
    status = db.execute(
        "SELECT status FROM accounts WHERE name = 'Padaria Pão Dourado Ltda'"
    ).fetchone()[0]
    assert status == "churned"
    assert mrr[-1] < mrr[-5]  # the last months before churn are a contraction
