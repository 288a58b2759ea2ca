"""Grouped revenue figures equal the per-group ``revenue_figures`` exactly, for any matrix."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from csdesk.domain.month import Month
from csdesk.metrics.grouped_revenue import revenue_by_group
from csdesk.metrics.mrr_source import RevenueData
from csdesk.metrics.portfolio import revenue_figures

FIRST = Month(2023, 1)


@st.composite
def portfolios(draw: st.DrawFn) -> tuple[RevenueData, np.ndarray, int, Month]:
    n_accounts = draw(st.integers(0, 12))
    n_months = draw(st.integers(1, 30))
    # Few distinct amounts, many zeros: churn, reactivation, expansion and contraction all occur.
    cells = draw(
        st.lists(
            st.sampled_from([0, 0, 0, 100, 250, 999, 5000]),
            min_size=n_accounts * n_months,
            max_size=n_accounts * n_months,
        )
    )
    cents = np.array(cells, dtype=np.int64).reshape(n_accounts, n_months)
    n_groups = draw(st.integers(1, 4))
    codes = np.array(
        draw(st.lists(st.integers(-1, n_groups - 1), min_size=n_accounts, max_size=n_accounts)),
        dtype=np.int64,
    )
    # Months before, inside and after the matrix.
    month = FIRST + draw(st.integers(-3, n_months + 2))
    ids = np.arange(1, n_accounts + 1, dtype=np.int64) * 7
    return RevenueData(ids, FIRST, cents), codes, n_groups, month


@settings(max_examples=300, deadline=None)
@given(portfolios(), st.sampled_from([0.0, 0.8, 0.735]))
def test_grouped_equals_per_group(
    case: tuple[RevenueData, np.ndarray, int, Month], margin: float
) -> None:
    data, codes, n_groups, month = case
    grouped = revenue_by_group(data, codes, n_groups, month, margin)
    assert len(grouped) == n_groups
    for group in range(n_groups):
        expected = revenue_figures(data.subset(data.account_ids[codes == group]), month, margin)
        assert grouped[group] == expected
        assert [type(v) for v in grouped[group].values()] == [type(v) for v in expected.values()]


def test_rows_in_no_group_count_nowhere() -> None:
    cents = np.array([[100, 100, 0], [500, 0, 0]], dtype=np.int64)
    data = RevenueData(np.array([3, 9], dtype=np.int64), FIRST, cents)
    grouped = revenue_by_group(data, np.array([0, -1], dtype=np.int64), 2, FIRST + 1, 0.8)
    assert grouped[0]["mrr"] == 1.0
    assert grouped[0]["active_accounts"] == 1
    assert grouped[0]["gross_mrr_churn"] == 0.0
    assert grouped[1] == dict.fromkeys(grouped[1])
