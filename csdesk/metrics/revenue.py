"""Revenue metrics of DESIGN.md: MRR movements, ARR, ARPA, NRR, GRR, churn, LTV, upsell rate.

Every figure is computed from the integer-cent matrix of :mod:`csdesk.metrics.mrr_source`, so
each month's movements add up to the change in MRR to the cent. Functions take a
:class:`RevenueData` (load it once with :func:`load` and pass it around) and return money in
currency units (floats rounded to cents) and ratios as fractions; None when undefined (an
empty cohort, a month before the data), never a made-up 0.

Movement of account a in month m, with p = MRR(a, m−1) and c = MRR(a, m):
new (p = 0 < c, never paid before) = c; reactivation (p = 0 < c, paid before) = c;
expansion (0 < p < c) = c − p; contraction (0 < c < p) = c − p; churn (p > 0 = c) = −p.
The month before the first month of the matrix counts as 0, so the first month is all new.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from csdesk.domain.enums import MovementKind
from csdesk.domain.month import Month
from csdesk.domain.movement import MrrMonth
from csdesk.metrics.mrr_source import IntArray, RevenueData, last_month, load
from csdesk.store.workspace import Workspace

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "KINDS",
    "MovementMatrices",
    "RevenueData",
    "account_history",
    "account_movements",
    "active_accounts",
    "arpa",
    "arr",
    "classify",
    "gross_mrr_churn",
    "grr",
    "load",
    "logo_churn",
    "ltv",
    "missing_months",
    "monthly_logo_churn",
    "movements",
    "mrr",
    "mrr_matrix",
    "net_mrr_churn",
    "nrr",
    "upsell_rate",
]

KINDS = tuple(kind.value for kind in MovementKind)


def _money(cents: int | np.integer) -> float:
    return round(int(cents) / 100, 2)


def _source(source: Workspace | RevenueData, through: Month | None = None) -> RevenueData:
    return source if isinstance(source, RevenueData) else load(source, through=through)


@dataclass(frozen=True, eq=False)
class MovementMatrices:
    """One (accounts × months) cents matrix per movement kind, aligned with the revenue data."""

    new: IntArray
    expansion: IntArray
    contraction: IntArray
    churn: IntArray
    reactivation: IntArray

    def of(self, kind: str) -> IntArray:
        matrix: IntArray = getattr(self, kind)
        return matrix


def classify(data: RevenueData) -> MovementMatrices:
    """Split every account's month-on-month change into exactly one movement kind."""
    cur = data.cents
    prev = np.zeros_like(cur)
    prev[:, 1:] = cur[:, :-1]
    change = cur - prev
    paid_before = np.maximum.accumulate(prev > 0, axis=1) if cur.size else prev > 0
    starts = (prev == 0) & (cur > 0)
    zero = np.zeros_like(cur)
    return MovementMatrices(
        new=np.where(starts & ~paid_before, cur, zero),
        reactivation=np.where(starts & paid_before, cur, zero),
        expansion=np.where((prev > 0) & (cur > prev), change, zero),
        contraction=np.where((cur > 0) & (cur < prev), change, zero),
        churn=np.where((prev > 0) & (cur == 0), -prev, zero),
    )


def mrr_matrix(ws: Workspace, *, through: Month | None = None) -> pd.DataFrame:
    """MRR per account and month in currency units.

    Index ``account_id`` (workspace id), one column per month named ``YYYY-MM``; accounts
    that never paid are absent.
    """
    import pandas as pd

    data = load(ws, through=through)
    return pd.DataFrame(
        data.cents / 100,
        index=pd.Index(data.account_ids, name="account_id"),
        columns=[str(m) for m in data.months()],
    )


def movements(source: Workspace | RevenueData, *, through: Month | None = None) -> pd.DataFrame:
    """Portfolio movements per month, from the first month with data through ``through``.

    Columns: ``month`` (YYYY-MM), ``new``, ``expansion``, ``contraction``, ``churn``,
    ``reactivation``, ``mrr`` — money in currency units; contraction and churn are negative.
    """
    import pandas as pd

    data = _source(source, through)
    months = data.months(through)
    count = len(months)
    moves = classify(data)
    frame = pd.DataFrame({"month": [str(m) for m in months]})
    for kind in KINDS:
        frame[kind] = moves.of(kind)[:, :count].sum(axis=0) / 100
    frame["mrr"] = data.cents[:, :count].sum(axis=0) / 100
    return frame


def account_history(
    source: Workspace | RevenueData, account_id: int, *, last: Month | None = None
) -> list[MrrMonth]:
    """One account's MRR and movement in every month from its first paying month to the
    portfolio's last month; empty when it never paid.

    From a workspace only the account's own rows are read (its revenue months, or its contracts
    when it has none) and its months run on to the last month of the portfolio's matrix, so a
    churn after its last row shows. That month is ``last`` when the caller already knows it
    (:func:`csdesk.metrics.mrr_source.last_month`, which probes every account, kept between
    account views), else read here. From a portfolio's :class:`RevenueData` the account's row
    is taken as it is. Either way each month agrees with :func:`classify` on the whole
    portfolio, and so with :func:`movements`.
    """
    data = (
        source.subset([account_id])
        if isinstance(source, RevenueData)
        else load(source, account_ids=[account_id], through=last or last_month(source))
    )
    if data.first is None or len(data.account_ids) == 0:
        return []
    cents = data.cents[0]
    paying = np.flatnonzero(cents > 0)
    if len(paying) == 0:
        return []
    moves = classify(data)
    amounts = np.stack([moves.of(kind)[0] for kind in KINDS])  # one row per kind
    history: list[MrrMonth] = []
    for j in range(int(paying[0]), data.n_months):
        moved = np.flatnonzero(amounts[:, j])  # the kinds exclude each other: one at most
        kind = MovementKind(KINDS[moved[0]]) if len(moved) else None
        change = int(amounts[moved[0], j]) if len(moved) else 0
        history.append(MrrMonth(data.first + j, _money(cents[j]), kind, _money(change)))
    return history


def account_movements(source: Workspace | RevenueData, account_id: int) -> pd.DataFrame:
    """One account's months that moved (see :func:`account_history`): columns month, kind,
    amount, mrr."""
    import pandas as pd

    rows = [
        (str(m.month), m.movement.value, m.change, m.mrr)
        for m in account_history(source, account_id)
        if m.movement is not None
    ]
    return pd.DataFrame(rows, columns=["month", "kind", "amount", "mrr"])


def missing_months(source: Workspace | RevenueData) -> list[Month]:
    """Months inside the data's span in which no account paid anything.

    By definition such a month is MRR 0 (everyone churns, then reactivates); an audit should
    show these gaps, since they are more often a missing column than a real event.
    """
    data = _source(source)
    if data.first is None:
        return []
    paying: npt.NDArray[np.bool_] = np.asarray((data.cents > 0).any(axis=0))
    idx = np.flatnonzero(paying)
    if len(idx) == 0:
        return []
    return [data.first + int(j) for j in range(idx[0], idx[-1] + 1) if not paying[j]]


# -- point-in-time figures ------------------------------------------------------------------


def mrr(data: RevenueData, month: Month) -> float:
    return _money(data.at(month).sum())


def arr(data: RevenueData, month: Month) -> float:
    """ARR = 12 × MRR."""
    return _money(12 * data.at(month).sum())


def active_accounts(data: RevenueData, month: Month) -> int:
    """Accounts with MRR > 0 in ``month``."""
    return int((data.at(month) > 0).sum())


def arpa(data: RevenueData, month: Month) -> float | None:
    """MRR / active accounts, exactly (rounding is for display); None when nobody pays."""
    active = active_accounts(data, month)
    return None if active == 0 else int(data.at(month).sum()) / 100 / active


# -- retention over a window ----------------------------------------------------------------


def _cohort(data: RevenueData, start: Month, end: Month) -> tuple[IntArray, IntArray]:
    s = data.at(start)
    cohort = s > 0
    return s[cohort], data.at(end)[cohort]


def nrr(data: RevenueData, start: Month, end: Month) -> float | None:
    """Σ_C MRR(a, end) / Σ_C MRR(a, start), C = accounts paying in ``start``."""
    s, e = _cohort(data, start, end)
    base = int(s.sum())
    return None if base == 0 else int(e.sum()) / base


def grr(data: RevenueData, start: Month, end: Month) -> float | None:
    """Σ_C min(MRR(a, end), MRR(a, start)) / Σ_C MRR(a, start); never above 1."""
    s, e = _cohort(data, start, end)
    base = int(s.sum())
    return None if base == 0 else int(np.minimum(s, e).sum()) / base


def logo_churn(data: RevenueData, start: Month, end: Month) -> float | None:
    """Share of the accounts paying in ``start`` that pay nothing in ``end``."""
    s, e = _cohort(data, start, end)
    return None if len(s) == 0 else int((e == 0).sum()) / len(s)


def monthly_logo_churn(data: RevenueData, month: Month) -> float | None:
    """Accounts with a churn movement in ``month`` / accounts paying the month before."""
    prev, cur = data.at(month - 1), data.at(month)
    base = int((prev > 0).sum())
    return None if base == 0 else int(((prev > 0) & (cur == 0)).sum()) / base


def _month_moves(data: RevenueData, month: Month) -> dict[str, int]:
    """Each movement kind's total in ``month``, in cents."""
    prev, cur = data.at(month - 1), data.at(month)
    j = data.column(month)
    before = data.cents[:, : j - 1] if j is not None and j >= 1 else data.cents[:, :0]
    paid_before = (before > 0).any(axis=1)
    change = cur - prev
    starts = (prev == 0) & (cur > 0)
    return {
        "new": int(cur[starts & ~paid_before].sum()),
        "reactivation": int(cur[starts & paid_before].sum()),
        "expansion": int(change[(prev > 0) & (cur > prev)].sum()),
        "contraction": int(change[(cur > 0) & (cur < prev)].sum()),
        "churn": int(-prev[(prev > 0) & (cur == 0)].sum()),
    }


def gross_mrr_churn(data: RevenueData, month: Month) -> float | None:
    """−(churn + contraction in ``month``) / MRR(month − 1)."""
    base = int(data.at(month - 1).sum())
    if base == 0:
        return None
    moves = _month_moves(data, month)
    return -(moves["churn"] + moves["contraction"]) / base


def net_mrr_churn(data: RevenueData, month: Month) -> float | None:
    """−(churn + contraction + expansion + reactivation in ``month``) / MRR(month − 1)."""
    base = int(data.at(month - 1).sum())
    if base == 0:
        return None
    m = _month_moves(data, month)
    return -(m["churn"] + m["contraction"] + m["expansion"] + m["reactivation"]) / base


def ltv(data: RevenueData, month: Month, gross_margin: float) -> float | None:
    """ARPA × gross margin / mean monthly logo churn over the 12 months ending ``month``.

    Months whose churn rate is undefined (nobody paying the month before) are left out of the
    mean; with no churn at all LTV is not defined (None).
    """
    average = arpa(data, month)
    rates = [r for k in range(12) if (r := monthly_logo_churn(data, month - k)) is not None]
    if average is None or not rates:
        return None
    mean_churn = sum(rates) / len(rates)
    return None if mean_churn == 0 else average * gross_margin / mean_churn


def upsell_rate(
    ws: Workspace,
    data: RevenueData,
    start: Month,
    end: Month,
    account_ids: npt.ArrayLike | None = None,
) -> float | None:
    """Accounts with an expansion or a won upsell / cross-sell closed in start+1..end, over the
    accounts paying in ``start`` (only those accounts count in the numerator too, so the rate
    stays a share of them)."""
    s = data.at(start)
    cohort = data.account_ids[s > 0]
    if account_ids is not None:
        cohort = np.intersect1d(cohort, np.asarray(account_ids, dtype=np.int64))
    if len(cohort) == 0:
        return None
    lo, hi = data.column(start), data.column(end)
    expanded: set[int] = set()
    if lo is not None and hi is not None and hi > lo:
        window = RevenueData(data.account_ids, data.first, data.cents[:, lo : hi + 1])
        grew = (classify(window).expansion[:, 1:] > 0).any(axis=1)
        expanded = set(data.account_ids[grew].tolist())
    won = {
        int(row[0])
        for row in ws.query(
            "SELECT DISTINCT account_id FROM opportunities "
            "WHERE kind IN ('upsell', 'cross_sell') AND (outcome = 'won' OR stage = 'closed_won') "
            "AND closed >= ? AND closed <= ?",
            ((start + 1).first_day.isoformat(), end.last_day.isoformat()),
        )
    }
    hits = (expanded | won) & set(cohort.tolist())
    return len(hits) / len(cohort)
