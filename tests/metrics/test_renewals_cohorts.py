"""Renewals (due, forecast, rates, quarters) and cohort tables, worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from csdesk.domain.month import Month
from csdesk.metrics import cohorts, renewals, revenue
from csdesk.metrics.scope import for_account
from csdesk.store import Workspace
from tests.metrics.conftest import Book

JUNE = Month(2025, 6)


@pytest.fixture
def due(book: Book) -> dict[str, int]:
    r1 = book.account("R1", renewal_date="2025-07-15", renewal_probability=0.5)
    r2 = book.account("R2", renewal_date="2025-09-20")
    r3 = book.account("R3", renewal_date="2025-10-15")
    r4 = book.account("R4")  # no renewal date: its contracts' end dates count
    r5 = book.account("R5", renewal_date="2025-01-10")
    book.revenue(r1, {"2025-03": 100, "2025-04": 100, "2025-05": 100, "2025-06": 100})
    book.revenue(r2, {"2025-03": 50, "2025-04": 50, "2025-05": 50, "2025-06": 50})
    book.revenue(r3, {"2025-06": 10})
    book.revenue(r5, {"2024-12": 100})
    book.contract(r4, "2024-01-01", "2025-08-31", 30)
    book.contract(r4, "2023-01-01", "2024-12-31", 10)
    return {"R1": r1, "R2": r2, "R3": r3, "R4": r4, "R5": r5}


def test_upcoming_forecast(ws: Workspace, due: dict[str, int]) -> None:
    frame = renewals.upcoming(ws, 90, as_of=JUNE)
    # R1 on 15 Jul (12 x 100, the CSM's 50 %), R4's contract on 31 Aug (12 x 30), R2 on
    # 20 Sep (12 x 50); R3 (15 Oct) is 107 days away. R2 and R4 score 70 (flat MRR, the
    # only component with data): healthy, 90 %.
    assert frame["account"].tolist() == ["R1", "R4", "R2"]
    assert frame["value"].tolist() == [1200, 360, 600]
    assert frame["probability"].tolist() == [0.5, 0.9, 0.9]
    summary = renewals.summarise_upcoming(frame)
    assert (summary.due, summary.value_due, summary.forecast) == (3, 2160, 1464)
    assert len(renewals.upcoming(ws, 30, as_of=JUNE)) == 1
    one = renewals.upcoming(ws, 90, as_of=JUNE, scope=for_account(ws, "R2"))
    assert one["account"].tolist() == ["R2"]


def test_band_probabilities_are_a_setting(ws: Workspace, due: dict[str, int]) -> None:
    renewals.BAND_PROBABILITY.set(ws, {"healthy": 0.8, "unscored": 0.1})
    frame = renewals.upcoming(ws, 90, as_of=JUNE)
    assert frame["probability"].tolist() == [0.5, 0.8, 0.8]


def test_by_quarter(ws: Workspace, due: dict[str, int]) -> None:
    frame = renewals.by_quarter(ws, 2, as_of=JUNE)
    assert frame["quarter"].tolist() == ["2025Q2", "2025Q3"]
    assert frame["due"].tolist() == [0, 3]
    assert frame["value_due"].isna().tolist() == [True, False]
    assert frame.loc[1, "value_due"] == 2160 and frame.loc[1, "forecast"] == 1464


def test_past_renewal_rates(ws: Workspace, due: dict[str, int]) -> None:
    # R4's old contract ended 31 Dec 2024 and R4 paid in January (renewed, 12 x 10);
    # R5 renewed on 10 Jan 2025 in theory but paid nothing in February (12 x 100 lost).
    rates = renewals.rates(ws, date(2024, 12, 1), date(2025, 1, 31))
    assert (rates.due, rates.renewed, rates.pending) == (2, 1, 0)
    assert rates.logo_rate == 0.5
    assert rates.value_due == 1320 and rates.value_renewed == 120
    assert rates.value_rate == pytest.approx(120 / 1320)
    # R1 on 15 Jul: the revenue rows stop in June, so whether it renewed is not known yet.
    later = renewals.rates(ws, date(2025, 7, 1), date(2025, 7, 31))
    assert (later.due, later.pending, later.logo_rate) == (0, 1, None)


def test_cohort_table(ws: Workspace, abc: dict[str, int]) -> None:
    table = cohorts.table(ws)
    logos = cohorts.pivot(table, "logo_share")
    assert logos.loc["2025-01"].tolist() == [1, 1, 1, 1, 0, 1]
    assert logos.loc["2025-02"].dropna().tolist() == [1, 1, 1, 1, 0]
    money = cohorts.pivot(table, "revenue_share")
    assert money.loc["2025-01"].tolist() == pytest.approx([1, 1, 1.5, 1.2, 0, 0.8])
    assert money.loc["2025-04"].dropna().tolist() == pytest.approx([1, 1, 1.4])
    assert set(table["accounts"]) == {1}
    assert cohorts.table(ws, max_age=1)["age"].max() == 1
    assert cohorts.table(revenue.load(ws), through=Month(2025, 2))["cohort"].tolist() == [
        "2025-01",
        "2025-01",
        "2025-02",
    ]


def test_cohorts_of_an_empty_workspace(ws: Workspace) -> None:
    assert cohorts.table(ws).empty
