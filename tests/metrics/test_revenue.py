"""Revenue metrics against hand-computed portfolios (see each test's comment for the sums)."""

from __future__ import annotations

from datetime import date

import pytest

from csdesk.domain.month import Month
from csdesk.errors import CsdeskError
from csdesk.metrics import mrr_source, portfolio, revenue
from csdesk.store import Workspace
from tests.metrics.conftest import Book

M = Month.parse


def test_movements_hand_computed(ws: Workspace, abc: dict[str, int]) -> None:
    frame = revenue.movements(ws)
    assert frame.to_dict("records") == [
        {
            "month": "2025-01",
            "new": 100,
            "expansion": 0,
            "contraction": 0,
            "churn": 0,
            "reactivation": 0,
            "mrr": 100,
        },
        {
            "month": "2025-02",
            "new": 200,
            "expansion": 0,
            "contraction": 0,
            "churn": 0,
            "reactivation": 0,
            "mrr": 300,
        },
        {
            "month": "2025-03",
            "new": 0,
            "expansion": 50,
            "contraction": 0,
            "churn": 0,
            "reactivation": 0,
            "mrr": 350,
        },
        {
            "month": "2025-04",
            "new": 50,
            "expansion": 0,
            "contraction": -30,
            "churn": 0,
            "reactivation": 0,
            "mrr": 370,
        },
        {
            "month": "2025-05",
            "new": 0,
            "expansion": 0,
            "contraction": 0,
            "churn": -120,
            "reactivation": 0,
            "mrr": 250,
        },
        {
            "month": "2025-06",
            "new": 0,
            "expansion": 20,
            "contraction": 0,
            "churn": -200,
            "reactivation": 80,
            "mrr": 150,
        },
    ]


def test_movements_stop_at_through(ws: Workspace, abc: dict[str, int]) -> None:
    frame = revenue.movements(ws, through=M("2025-03"))
    assert frame["month"].tolist() == ["2025-01", "2025-02", "2025-03"]


def test_account_movements_for_the_timeline(ws: Workspace, abc: dict[str, int]) -> None:
    frame = revenue.account_movements(ws, abc["A"])
    assert [tuple(r) for r in frame.itertuples(index=False)] == [
        ("2025-01", "new", 100.0, 100.0),
        ("2025-03", "expansion", 50.0, 150.0),
        ("2025-04", "contraction", -30.0, 120.0),
        ("2025-05", "churn", -120.0, 0.0),
        ("2025-06", "reactivation", 80.0, 80.0),
    ]


def test_mrr_matrix_layout(ws: Workspace, abc: dict[str, int]) -> None:
    matrix = revenue.mrr_matrix(ws)
    assert matrix.index.name == "account_id"
    assert list(matrix.columns) == [
        "2025-01",
        "2025-02",
        "2025-03",
        "2025-04",
        "2025-05",
        "2025-06",
    ]
    assert matrix.loc[abc["A"]].tolist() == [100, 100, 150, 120, 0, 80]


def test_ratios_hand_computed(ws: Workspace, abc: dict[str, int]) -> None:
    data = revenue.load(ws)
    # Cohort Feb = {A 100, B 200}; in Jun A pays 80 (churned in May, back in Jun), B nothing.
    assert revenue.nrr(data, M("2025-02"), M("2025-06")) == pytest.approx(80 / 300)
    assert revenue.grr(data, M("2025-02"), M("2025-06")) == pytest.approx(80 / 300)
    assert revenue.logo_churn(data, M("2025-02"), M("2025-06")) == pytest.approx(1 / 2)
    # Cohort Apr = {A 120, B 200, C 50} -> Jun {80, 0, 70}: NRR 150/370, GRR (80+0+50)/370.
    assert revenue.nrr(data, M("2025-04"), M("2025-06")) == pytest.approx(150 / 370)
    assert revenue.grr(data, M("2025-04"), M("2025-06")) == pytest.approx(130 / 370)
    assert revenue.monthly_logo_churn(data, M("2025-05")) == pytest.approx(1 / 3)
    assert revenue.monthly_logo_churn(data, M("2025-06")) == pytest.approx(1 / 2)
    assert revenue.gross_mrr_churn(data, M("2025-06")) == pytest.approx(200 / 250)
    assert revenue.net_mrr_churn(data, M("2025-06")) == pytest.approx((200 - 20 - 80) / 250)
    assert revenue.gross_mrr_churn(data, M("2025-04")) == pytest.approx(30 / 350)
    assert revenue.net_mrr_churn(data, M("2025-04")) == pytest.approx(30 / 350)
    assert revenue.mrr(data, M("2025-06")) == 150
    assert revenue.arr(data, M("2025-06")) == 1800
    assert revenue.active_accounts(data, M("2025-06")) == 2
    assert revenue.arpa(data, M("2025-06")) == 75
    # Monthly logo churn Feb..Jun = 0, 0, 0, 1/3, 1/2 (Jan and earlier undefined): mean 1/6.
    assert revenue.ltv(data, M("2025-06"), 1.0) == pytest.approx(75 * 6)
    assert revenue.ltv(data, M("2025-06"), 0.8) == pytest.approx(75 * 0.8 * 6)


def test_undefined_ratios_are_none(ws: Workspace, abc: dict[str, int]) -> None:
    data = revenue.load(ws)
    # A cohort with zero starting MRR (nobody paid in 2024-06): undefined, not 0.
    assert revenue.nrr(data, M("2024-06"), M("2025-06")) is None
    assert revenue.grr(data, M("2024-06"), M("2025-06")) is None
    assert revenue.logo_churn(data, M("2024-06"), M("2025-06")) is None
    assert revenue.gross_mrr_churn(data, M("2025-01")) is None
    assert revenue.arpa(data, M("2024-01")) is None
    # No churn at all in the trailing year: LTV is not defined.
    assert revenue.ltv(data, M("2025-04"), 1.0) is None


def test_empty_workspace(ws: Workspace) -> None:
    data = revenue.load(ws)
    assert data.first is None
    assert revenue.movements(data).empty
    assert revenue.mrr(data, M("2025-01")) == 0
    assert revenue.nrr(data, M("2024-01"), M("2025-01")) is None


def test_month_with_no_data_is_zero_mrr(ws: Workspace, book: Book) -> None:
    a = book.account("A")
    book.revenue(a, {"2025-01": 100, "2025-03": 100})
    frame = revenue.movements(ws).set_index("month")
    assert frame.loc["2025-02", "churn"] == -100
    assert frame.loc["2025-03", "reactivation"] == 100
    assert revenue.missing_months(ws) == [M("2025-02")]


def test_contracts_active_on_the_last_day_of_the_month(ws: Workspace, book: Book) -> None:
    d = book.account("D")
    book.contract(d, "2025-01-15", "2025-03-10", 100)  # Jan, Feb (ends before 31 Mar)
    book.contract(d, "2025-02-20", "2025-04-30", 50)  # Feb, Mar, Apr (end inclusive)
    book.contract(d, "2025-03-31", None, 10)  # from Mar, still running
    book.contract(d, "2025-05-05", "2025-05-20", 999)  # never active on a last day
    book.contract(d, "2025-06-01", "2025-06-30", 7.25)  # exactly June
    matrix = revenue.mrr_matrix(ws)
    assert matrix.loc[d].to_dict() == {
        "2025-01": 100,
        "2025-02": 150,
        "2025-03": 60,
        "2025-04": 60,
        "2025-05": 10,
        "2025-06": 17.25,
    }


def test_revenue_rows_take_precedence_over_contracts(ws: Workspace, book: Book) -> None:
    e = book.account("E")
    book.revenue(e, {"2025-01": 80})
    book.contract(e, "2025-01-01", None, 1000)
    f = book.account("F")
    book.contract(f, "2025-01-01", "2025-01-31", 5)
    matrix = revenue.mrr_matrix(ws)
    assert matrix.loc[e, "2025-01"] == 80
    assert matrix.loc[f, "2025-01"] == 5


def test_open_contracts_run_to_through(ws: Workspace, book: Book) -> None:
    a = book.account("A")
    book.contract(a, "2025-01-10", None, 10)
    data = revenue.load(ws, through=M("2025-04"))
    assert data.last == M("2025-04")
    assert revenue.mrr(data, M("2025-04")) == 10


def test_bad_contract_date_is_named(ws: Workspace, book: Book) -> None:
    a = book.account("A")
    book.contract(a, "2025-13-45", None, 10)
    with pytest.raises(CsdeskError, match="2025-13-45"):
        revenue.load(ws)


def test_cents_are_exact(ws: Workspace, book: Book) -> None:
    # 0.1 + 0.2 style amounts must still reconcile exactly.
    a, b = book.account("A"), book.account("B")
    book.revenue(a, {"2025-01": 0.1, "2025-02": 0.3, "2025-03": 0.2})
    book.revenue(b, {"2025-01": 0.2, "2025-02": 0.1})
    frame = revenue.movements(ws)
    assert frame["mrr"].tolist() == [0.3, 0.4, 0.2]
    assert frame.loc[1, "expansion"] == 0.2
    assert frame.loc[1, "contraction"] == -0.1
    assert frame.loc[2, "churn"] == -0.1


def test_upsell_rate(ws: Workspace, book: Book) -> None:
    a, b, c, d = (book.account(n) for n in "ABCD")
    for acc in (a, b, c, d):
        book.revenue(acc, {"2025-01": 100, "2025-02": 100, "2025-03": 100})
    book.revenue(a, {"2025-04": 150})  # expansion in window
    book.revenue(b, {"2025-04": 100})
    book.revenue(c, {"2025-04": 100})
    book.rows(
        "opportunities",
        [
            {
                "account_id": b,
                "kind": "cross_sell",
                "stage": "closed_won",
                "outcome": "won",
                "closed": "2025-03-15",
            },
            {
                "account_id": c,
                "kind": "upsell",
                "stage": "closed_lost",
                "outcome": "lost",
                "closed": "2025-03-15",
            },
            {
                "account_id": d,
                "kind": "upsell",
                "stage": "closed_won",
                "outcome": "won",
                "closed": "2024-12-15",
            },  # before the window
        ],
    )
    data = revenue.load(ws)
    # Active at Jan: A, B, C, D; A expanded, B won a cross-sell: 2 / 4.
    assert revenue.upsell_rate(ws, data, M("2025-01"), M("2025-04")) == pytest.approx(0.5)


def test_credit_notes_count_as_zero_and_cents_survive_float_text(ws: Workspace, book: Book) -> None:
    a = book.account("A")
    book.revenue(a, {"2025-01": -5, "2025-02": 0.29, "2025-03": 1234567.89})
    data = revenue.load(ws)
    assert data.cents.tolist() == [[0, 29, 123456789]]


def test_loading_recent_months_only(ws: Workspace, abc: dict[str, int], book: Book) -> None:
    d = book.account("D")
    book.contract(d, "2024-11-15", None, 9)
    full = revenue.load(ws)
    recent = revenue.load(ws, since=M("2025-04"))
    assert recent.first == M("2025-04")
    for month in (M("2025-04"), M("2025-05"), M("2025-06")):
        full_by_id = dict(zip(full.account_ids.tolist(), full.at(month).tolist(), strict=True))
        recent_by_id = dict(
            zip(recent.account_ids.tolist(), recent.at(month).tolist(), strict=True)
        )
        assert {k: v for k, v in full_by_id.items() if v} == {
            k: v for k, v in recent_by_id.items() if v
        }
    assert recent.at(M("2025-03")).sum() == 0  # before the loaded months


def test_contracts_count_up_to_the_revenue_sheets_last_month(ws: Workspace, book: Book) -> None:
    """An account missing from the MRR sheet counts through its contract within the sheet's
    span, not into the future its contract runs to (where every account of the sheet would
    seem to churn and the portfolio's "as of" would move)."""
    a, b = book.account("A"), book.account("B")
    book.revenue(a, {f"2026-{m:02d}": 1000 for m in range(1, 11)})
    book.revenue(b, {f"2026-{m:02d}": 2000 for m in range(1, 11)})
    c = book.account("C")
    book.contract(c, "2026-06-01", "2027-05-31", 500)
    data = revenue.load(ws)
    assert str(data.last) == "2026-10"
    figures = portfolio.compute(ws)
    assert figures["as_of"] == "2026-10"
    assert figures["mrr"] == 3500 and figures["active_accounts"] == 3
    assert figures["movements"][-1]["churn"] == 0


def test_contracts_alone_count_up_to_the_current_month(ws: Workspace, book: Book) -> None:
    d = book.account("D")
    book.contract(d, "2026-01-01", "2028-12-31", 300)
    assert mrr_source.contracts_horizon(ws, date(2026, 11, 22)) == M("2026-11")
    data = revenue.load(ws)
    assert data.last == Month.of(date.today())
    assert mrr_source.last_month(ws) == data.last
