"""One account's MRR movements, month by month, as DESIGN.md defines them.

The metrics engine computes movements for the whole portfolio in bulk; the account page needs
one account's few dozen months at once, which this does from its own rows so that opening an
account never waits for a portfolio computation. The definition is the same: with p the MRR of
the month before and c this month's (0 when absent), new (p = 0, c > 0, never paid before),
reactivation (p = 0, c > 0, paid before), expansion (0 < p < c), contraction (0 < c < p),
churn (p > 0, c = 0, amount −p).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from csdesk.domain.month import Month
from csdesk.store.workspace import Workspace


class MovementKind(StrEnum):
    NEW = "new"
    EXPANSION = "expansion"
    CONTRACTION = "contraction"
    CHURN = "churn"
    REACTIVATION = "reactivation"


@dataclass(frozen=True, slots=True)
class MonthRevenue:
    """One month of an account's revenue history and the movement that led to it."""

    month: Month
    mrr: float
    movement: MovementKind | None
    change: float


def revenue_history(ws: Workspace, account_id: int) -> list[MonthRevenue]:
    """Every month from the account's first revenue row to the workspace's latest month."""
    rows = ws.query(
        "SELECT month, mrr FROM revenue_months WHERE account_id = ? ORDER BY month",
        (account_id,),
    )
    if not rows:
        return []
    by_month = {Month.parse(text).ordinal: float(mrr) for text, mrr in rows}
    latest_text = ws.scalar("SELECT max(month) FROM revenue_months")
    last = Month.parse(latest_text).ordinal
    history: list[MonthRevenue] = []
    previous = 0.0
    paid_before = False
    for ordinal in range(min(by_month), last + 1):
        current = by_month.get(ordinal, 0.0)
        kind = _movement(previous, current, paid_before)
        change = round(current - previous, 2)
        history.append(MonthRevenue(Month.from_ordinal(ordinal), current, kind, change))
        paid_before = paid_before or current > 0
        previous = current
    return history


def _movement(previous: float, current: float, paid_before: bool) -> MovementKind | None:
    if previous == 0 and current > 0:
        return MovementKind.REACTIVATION if paid_before else MovementKind.NEW
    if previous > 0 and current == 0:
        return MovementKind.CHURN
    if 0 < previous < current:
        return MovementKind.EXPANSION
    if 0 < current < previous:
        return MovementKind.CONTRACTION
    return None
