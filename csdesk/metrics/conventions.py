"""NRR, GRR and logo churn under other tools' conventions, beside csdesk's own.

A client's billing or CS tool rarely computes these the way DESIGN.md does; an audit has to show
why the numbers differ. :func:`compare` computes, over the same months s → e:

NRR and GRR
* ``csdesk`` — cohort method: accounts paying in s, their MRR in e over their MRR in s
  (GRR caps each account at its starting MRR). Accounts that started after s are ignored.
* ``movement_based`` — (MRR(s) + expansion + contraction + churn summed over s+1..e for *all*
  accounts) / MRR(s). Accounts that started inside the window count when they expand, shrink
  or leave; reactivations and new accounts do not count (GRR: contraction and churn only).
* ``compounded_monthly`` — the product of the twelve monthly ratios
  1 + (expansion + contraction + churn + reactivation) / MRR(m − 1) (GRR: contraction and churn
  only), i.e. a monthly figure annualised.

Logo churn
* ``csdesk`` — share of the accounts paying in s that pay nothing in e (one that left and came
  back is not churned).
* ``churn_events`` — accounts with at least one churn movement in s+1..e over the accounts paying
  in s; leavers that came back, and new accounts that left, count.
* ``churn_events_gap`` — the same, forgiving a churn when the account pays again within
  ``gap_days`` (rounded up to whole months): many tools treat a short lapse as a late payment.
* ``start_plus_new`` — accounts with a churn movement over (accounts paying in s + accounts new
  in the window): the denominator some tools use so that fast-growing books look steadier.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import numpy as np

from csdesk.domain.month import Month
from csdesk.metrics import mrr_source, revenue
from csdesk.metrics.mrr_source import RevenueData
from csdesk.store.workspace import Workspace


@dataclass(frozen=True, slots=True)
class ConventionFigure:
    metric: str  # nrr, grr, logo_churn
    convention: str
    value: float | None
    explanation: str


def _window(data: RevenueData, start: Month, end: Month) -> RevenueData | None:
    """Columns s..e (zeros where the data does not reach), or None for an empty range."""
    if end < start or data.first is None:
        return None
    cols = [data.at(start + k) for k in range(start.months_until(end) + 1)]
    return RevenueData(data.account_ids, start, np.column_stack(cols).astype(np.int64))


def _paid_before_start(data: RevenueData, start: Month) -> np.ndarray:
    j = data.column(start)
    if data.first is None or start <= data.first:
        return np.zeros(len(data.account_ids), dtype=bool)
    upto = data.n_months if j is None else j
    return np.asarray((data.cents[:, :upto] > 0).any(axis=1))


def compare(
    data: RevenueData, start: Month, end: Month, *, gap_days: int = 90
) -> list[ConventionFigure]:
    """Every convention's NRR, GRR and logo churn over ``start`` → ``end``."""
    window = _window(data, start, end)
    figures = [
        ConventionFigure("nrr", "csdesk", revenue.nrr(data, start, end), "cohort method"),
        ConventionFigure("grr", "csdesk", revenue.grr(data, start, end), "cohort method"),
        ConventionFigure(
            "logo_churn", "csdesk", revenue.logo_churn(data, start, end), "cohort method"
        ),
    ]
    if window is None:
        return figures
    moves = revenue.classify(window)
    # A return in the window by an account that paid before `start` is a reactivation, not new.
    earlier = _paid_before_start(data, start)
    new = moves.new.copy()
    new[earlier] = 0
    base = int(window.cents[:, 0].sum())
    exp = int(moves.expansion[:, 1:].sum())
    con = int(moves.contraction[:, 1:].sum())
    churn = int(moves.churn[:, 1:].sum())

    def ratio(num: int) -> float | None:
        return None if base == 0 else num / base

    prev_totals = window.cents.sum(axis=0)[:-1]
    monthly_net, monthly_gross = [], []
    for k in range(1, window.n_months):
        if prev_totals[k - 1] == 0:
            continue
        step = (
            moves.expansion[:, k].sum()
            + moves.contraction[:, k].sum()
            + moves.churn[:, k].sum()
            + moves.reactivation[:, k].sum()
            + (moves.new[:, k] * earlier).sum()
        )
        gross = moves.contraction[:, k].sum() + moves.churn[:, k].sum()
        monthly_net.append(1 + int(step) / int(prev_totals[k - 1]))
        monthly_gross.append(1 + int(gross) / int(prev_totals[k - 1]))
    figures += [
        ConventionFigure(
            "nrr",
            "movement_based",
            ratio(base + exp + con + churn),
            "start MRR plus every expansion, contraction and churn in the window, over start "
            "MRR; accounts that started inside the window count",
        ),
        ConventionFigure(
            "nrr",
            "compounded_monthly",
            float(np.prod(monthly_net)) if monthly_net else None,
            "product of the monthly net retention ratios",
        ),
        ConventionFigure(
            "grr",
            "movement_based",
            ratio(base + con + churn),
            "start MRR plus every contraction and churn in the window, over start MRR",
        ),
        ConventionFigure(
            "grr",
            "compounded_monthly",
            float(np.prod(monthly_gross)) if monthly_gross else None,
            "product of the monthly gross retention ratios",
        ),
    ]

    cohort = window.cents[:, 0] > 0
    churned = moves.churn[:, 1:] < 0
    leavers = churned.any(axis=1)
    # Forgive a churn when the account pays again within the gap.
    gap = max(1, math.ceil(gap_days / 30))
    paid = window.cents > 0
    cols = np.arange(window.n_months)
    next_paid = np.where(paid, cols, window.n_months + gap + 1)
    next_paid = np.minimum.accumulate(next_paid[:, ::-1], axis=1)[:, ::-1]
    after = np.full_like(next_paid, window.n_months + gap + 1)
    after[:, :-1] = next_paid[:, 1:]
    lapse = after[:, 1:] - cols[None, 1:]  # months until paying again, from the churn month
    lasting = churned & ~((lapse <= gap) & (after[:, 1:] < window.n_months))
    starters = (new[:, 1:] > 0).any(axis=1)
    n_cohort = int(cohort.sum())
    figures += [
        ConventionFigure(
            "logo_churn",
            "churn_events",
            None if n_cohort == 0 else int(leavers.sum()) / n_cohort,
            "accounts with a churn movement in the window over accounts paying at its start; "
            "leavers that came back and new accounts that left count",
        ),
        ConventionFigure(
            "logo_churn",
            "churn_events_gap",
            None if n_cohort == 0 else int(lasting.any(axis=1).sum()) / n_cohort,
            f"as churn_events, forgiving a churn when the account pays again within "
            f"{gap_days} days ({gap} months)",
        ),
        ConventionFigure(
            "logo_churn",
            "start_plus_new",
            None
            if n_cohort + int(starters.sum()) == 0
            else int(leavers.sum()) / (n_cohort + int(starters.sum())),
            "accounts with a churn movement over accounts at the start plus new accounts",
        ),
    ]
    return figures


def trailing(
    ws: Workspace, as_of: Month | None = None, *, months: int = 12, gap_days: int = 90
) -> list[ConventionFigure]:
    """:func:`compare` over the ``months`` months ending with ``as_of`` (default: the last
    month with revenue), read from a workspace."""
    data = mrr_source.load(ws, through=as_of)
    end = as_of or data.last_month_with_revenue() or Month.of(date.today())
    return compare(data, end - months, end, gap_days=gap_days)
