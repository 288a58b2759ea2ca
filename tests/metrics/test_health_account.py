"""One account's months read at once give exactly what the portfolio path gives month by month."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from csdesk.domain.month import Month
from csdesk.metrics import health, mrr_source
from csdesk.metrics.health_components import component_frame, load_inputs
from csdesk.metrics.health_model import COMPONENTS, HealthModel
from csdesk.store import Workspace
from tests.metrics.conftest import Book

generate_module = pytest.importorskip("csdesk.demo.generate")


def month_by_month(ws: Workspace, account_id: int, months: list[Month]) -> pd.DataFrame:
    """Component values and scores from the all-accounts loader, one month at a time."""
    model = HealthModel.load(ws)
    revenue = mrr_source.load(ws, through=months[-1])
    frames = [
        component_frame(load_inputs(ws, m, model, revenue), model).reindex([account_id])
        for m in months
    ]
    return pd.concat(frames, ignore_index=True)


def assert_history_matches(ws: Workspace, account_id: int, end: Month, months: int) -> None:
    chosen = [end - k for k in range(months - 1, -1, -1)]
    expected = month_by_month(ws, account_id, chosen)
    frame = health.history(ws, account_id, months, as_of=end)
    assert frame["month"].tolist() == [str(m) for m in chosen]
    for name in COMPONENTS:
        np.testing.assert_array_equal(
            frame[name].to_numpy(dtype="float64"), expected[name].to_numpy(dtype="float64")
        )


def test_ties_and_lookback_edges(book: Book) -> None:
    """Two rows on one day: the one written last wins, as in the portfolio loader; rows just
    outside a month's lookback or after its reference day are not picked."""
    ws = book.ws
    a = book.account("A", seats=10, start_date="2024-01-10")
    book.account("B", seats=5)
    book.revenue(a, {f"2025-{m:02d}": 100 + m for m in range(1, 7)})
    book.rows(
        "usage",
        [
            {"account_id": a, "date": "2025-03-31", "metric": "active_users", "value": 2},
            {"account_id": a, "date": "2025-03-31", "metric": "active_users", "value": 7},
            {"account_id": a, "date": "2025-04-01", "metric": "logins", "value": 50},
        ],
    )
    book.rows(
        "surveys",
        [
            {"account_id": a, "date": "2025-02-28", "type": "nps", "score": 3},
            {"account_id": a, "date": "2025-02-28", "type": "nps", "score": 10},
            {"account_id": a, "date": "2025-05-01", "type": "csat", "score": 2},
        ],
    )
    book.rows(
        "events",
        [
            {"account_id": a, "at": "2025-01-31 23:59:59", "kind": "call", "role": "cs",
             "title": "x"},
            {"account_id": a, "at": "2025-04-02 09:00:00", "kind": "call", "role": "am",
             "title": "y"},
        ],
    )  # fmt: skip
    book.rows(
        "tickets",
        [
            {"account_id": a, "opened_at": "2025-03-01 10:00:00", "escalated": 1},
            {"account_id": a, "opened_at": "2025-06-30 23:00:00", "escalated": None},
        ],
    )
    assert_history_matches(ws, a, Month(2025, 6), 8)
    item = health.explain(ws, a, Month(2025, 4))
    parts = {p.name: p for p in item.components}
    assert parts["adoption"].value == pytest.approx(0.7)  # the later of the two 03-31 rows
    assert parts["sentiment"].value == 100  # NPS 10, written after the 3 on the same day


def test_small_demo_accounts(tmp_path: Path) -> None:
    with Workspace.create(tmp_path / "demo.csdesk") as ws:
        generate_module.generate(ws, size="small", today=date(2026, 11, 22))
        ids = [int(r[0]) for r in ws.query("SELECT id FROM accounts ORDER BY id")]
        for account_id in ids[::30]:
            assert_history_matches(ws, account_id, Month(2026, 10), 13)


def test_unknown_account_history_has_no_scores(book: Book) -> None:
    book.account("A", seats=10)
    frame = health.history(book.ws, 999, 2, as_of=Month(2025, 6))
    assert frame["month"].tolist() == ["2025-05", "2025-06"]
    assert frame["score"].isna().all() and frame["band"].isna().all()
    assert frame["missing"].tolist() == [COMPONENTS, COMPONENTS]


def test_history_scores_the_months_the_portfolio_scores(book: Book) -> None:
    """A new account's trend starts with its first payment, a churned one ends with its last
    (no invented 'critical' months); an active account with no revenue data is scored
    throughout. The same rule as the portfolio's (health.scored_accounts)."""
    new = book.account("New", seats=10, start_date="2025-04-10")
    book.revenue(new, {"2025-05": 500.0, "2025-06": 500.0})
    gone = book.account("Gone", seats=10, status="churned")
    book.revenue(gone, {"2025-02": 800.0, "2025-03": 900.0})
    unbilled = book.account("Unbilled", seats=10)
    # Usage in every month (a trial before the first payment): data to score all five.
    book.rows(
        "usage",
        [
            {"account_id": account, "date": f"2025-{m:02d}-15", "metric": "active_users",
             "value": 5}
            for account in (new, gone, unbilled)
            for m in range(2, 7)
        ],
    )  # fmt: skip
    expected = {
        new: ["2025-05", "2025-06"],
        gone: ["2025-02", "2025-03"],
        unbilled: ["2025-02", "2025-03", "2025-04", "2025-05", "2025-06"],
    }
    for account, months in expected.items():
        frame = health.history(book.ws, account, 5, as_of=Month(2025, 6))
        assert frame["month"].tolist() == ["2025-02", "2025-03", "2025-04", "2025-05", "2025-06"]
        scored = frame[frame["score"].notna()]
        assert scored["month"].tolist() == months
        assert scored["band"].notna().all()
        assert frame.loc[frame["score"].isna(), "band"].isna().all()
        portfolio = [
            account in health.score_all(book.ws, Month.parse(m)).index for m in frame["month"]
        ]
        assert portfolio == frame["score"].notna().tolist()


def test_an_account_not_paying_that_month_is_explained_but_not_scored(book: Book) -> None:
    gone = book.account("Gone", seats=10, status="churned")
    book.revenue(gone, {"2025-02": 800.0, "2025-03": 900.0})
    book.rows(
        "usage",
        [{"account_id": gone, "date": f"2025-0{m}-15", "metric": "active_users", "value": 5}
         for m in (3, 4)],
    )  # fmt: skip
    after = health.explain(book.ws, gone, Month(2025, 4))
    assert not after.scored and after.score is None and after.band is None
    assert after.previous_score is not None  # March: still paying, scored
    assert after.change is None
    adoption = {c.name: c for c in after.components}["adoption"]
    assert adoption.value == pytest.approx(0.5)  # what was measured is still shown
    during = health.explain(book.ws, gone, Month(2025, 3))
    assert during.scored and during.score is not None and during.band is not None
