"""Renewal dates month by month, for the portfolio's renewals chart.

Counts active accounts whose renewal date falls in each month, and the annual value up for
renewal: twelve times the account's MRR in the workspace's latest revenue month, or its
recorded contract value when it has no revenue that month. Contract end dates are the metrics
engine's business (renewal rates and forecasts); this is the simple per-account calendar.
"""

from __future__ import annotations

from dataclasses import dataclass

from csdesk.domain.month import Month
from csdesk.store.queries.accounts import latest_revenue_month
from csdesk.store.workspace import Workspace


@dataclass(frozen=True, slots=True)
class RenewalMonth:
    month: Month
    count: int
    value: float


def renewals_by_month(ws: Workspace, first: Month, months: int = 12) -> list[RenewalMonth]:
    """Every month from ``first`` on, ``months`` of them, including months with none due."""
    last = first + (months - 1)
    latest = latest_revenue_month(ws)
    rows = ws.query(
        """
        SELECT substr(a.renewal_date, 1, 7) AS renewal_month, count(*),
               sum(coalesce(12 * r.mrr, a.contract_value, 0))
        FROM accounts a
        LEFT JOIN revenue_months r ON r.account_id = a.id AND r.month = ?
        WHERE a.status = 'active' AND a.renewal_date >= ? AND a.renewal_date < ?
        GROUP BY renewal_month
        """,
        (
            str(latest) if latest else "",
            first.first_day.isoformat(),
            (last + 1).first_day.isoformat(),
        ),
    )
    found = {
        Month.parse(month): (int(count), round(float(value), 2)) for month, count, value in rows
    }
    return [RenewalMonth(first + k, *found.get(first + k, (0, 0.0))) for k in range(months)]
