"""Properties that must hold for any portfolio (hypothesis), checked on in-memory matrices."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from csdesk.domain.month import Month
from csdesk.metrics import cohorts, revenue
from csdesk.metrics.mrr_source import RevenueData

FIRST = Month(2024, 1)
# MRR in cents, with plenty of zeros so that churn and returns happen often.
CENTS = st.sampled_from([0, 0, 0, 1, 999, 10_000, 10_001, 25_050, 1_000_000])

matrices = st.tuples(st.integers(1, 6), st.integers(1, 10)).flatmap(
    lambda shape: hnp.arrays(np.int64, shape, elements=CENTS)
)


def _data(cents: np.ndarray) -> RevenueData:
    return RevenueData(np.arange(1, len(cents) + 1, dtype=np.int64), FIRST, cents)


@settings(max_examples=150, deadline=None)
@given(matrices)
def test_movements_reconcile_mrr_every_month(cents: np.ndarray) -> None:
    moves = revenue.classify(_data(cents))
    total = sum(moves.of(kind) for kind in revenue.KINDS)
    previous = np.zeros_like(cents)
    previous[:, 1:] = cents[:, :-1]
    # Per account and month, exactly one kind explains the whole change ...
    assert np.array_equal(total, cents - previous)
    kinds_used = sum((moves.of(kind) != 0).astype(int) for kind in revenue.KINDS)
    assert kinds_used.max(initial=0) <= 1
    # ... so the portfolio's MRR(m) = MRR(m-1) + movements, to the cent.
    mrr = cents.sum(axis=0)
    assert np.array_equal(np.diff(mrr, prepend=0), total.sum(axis=0))


@settings(max_examples=150, deadline=None)
@given(matrices, st.data())
def test_retention_ratios(cents: np.ndarray, draw: st.DataObject) -> None:
    data = _data(cents)
    s = draw.draw(st.integers(0, cents.shape[1] - 1))
    e = draw.draw(st.integers(s, cents.shape[1] - 1))
    start, end = FIRST + s, FIRST + e
    nrr, grr = revenue.nrr(data, start, end), revenue.grr(data, start, end)
    if cents[:, s].sum() == 0:
        assert nrr is None and grr is None
        return
    assert grr is not None and nrr is not None
    assert 0 <= grr <= 1
    assert nrr >= grr
    cohort = cents[:, s] > 0
    if (cents[cohort, e] <= cents[cohort, s]).all():  # nothing expanded
        assert nrr == grr
    churn = revenue.logo_churn(data, start, end)
    assert churn is not None and 0 <= churn <= 1


@settings(max_examples=50, deadline=None)
@given(matrices)
def test_cohort_shares_at_age_zero_are_one(cents: np.ndarray) -> None:
    table = cohorts.table(_data(cents))
    if not (cents > 0).any():
        assert table.empty
        return
    first = table[table["age"] == 0]
    assert (first["logo_share"] == 1).all() and (first["revenue_share"] == 1).all()
    assert first["accounts"].sum() == int((cents > 0).any(axis=1).sum())
    assert ((table["logo_share"] >= 0) & (table["logo_share"] <= 1)).all()
