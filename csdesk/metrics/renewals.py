"""Renewals: what is due when, how much of it, past renewal rates and the weighted forecast.

Renewal dates (one rule, documented in docs/metrics.md):
* an account with a ``renewal_date`` renews on that date;
* an account without one renews when each of its contracts with an end date ends.

Value at stake is annual: 12 × the account's MRR in the month before the renewal month (or in
the as-of month when that lies in the future), falling back to ``contract_value`` when the
account pays nothing then; for a contract, 12 × its MRR (or its ``value``).

Forecast = Σ value × probability, where the probability is the account's
``renewal_probability`` when a CSM set one, else the setting :data:`BAND_PROBABILITY` for its
health band ("unscored" when it has no score).

A past renewal counts as renewed when the account pays in the month after the renewal month;
when the data does not reach that month yet (the last month of the revenue sheet, or of the
contracts when there is no revenue sheet) it is pending and left out of the rates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

import numpy as np

from csdesk.domain.month import Month
from csdesk.metrics import mrr_source
from csdesk.metrics.health_components import iso_days, reference_day
from csdesk.metrics.mrr_source import RevenueData
from csdesk.metrics.scope import PORTFOLIO, Scope
from csdesk.store.settings import Setting
from csdesk.store.workspace import Workspace

if TYPE_CHECKING:
    import pandas as pd

# Month ordinal (year * 12 + month - 1) of numpy's datetime64[M] epoch, 1970-01.
_EPOCH_ORDINAL = 1970 * 12

BAND_PROBABILITY: Setting[dict[str, float]] = Setting(
    "renewals.probability_by_band",
    {"healthy": 0.9, "at_risk": 0.6, "critical": 0.3, "unscored": 0.5},
    "Renewal probability implied by each health band",
)

_ITEMS_SQL = """
SELECT a.id, a.name, a.renewal_date, a.contract_value, a.renewal_probability, 'account'
FROM accounts AS a
WHERE a.renewal_date IS NOT NULL{condition}
UNION ALL
SELECT c.account_id, a.name, c.end_date, coalesce(c.mrr * 12, c.value), a.renewal_probability,
       'contract'
FROM contracts AS c JOIN accounts AS a ON a.id = c.account_id
WHERE c.end_date IS NOT NULL AND a.renewal_date IS NULL{condition}
"""


def _mrr_cents(revenue: RevenueData, account_ids: np.ndarray, ordinals: np.ndarray) -> np.ndarray:
    """MRR in cents of each (account, month ordinal) pair; 0 outside the matrix."""
    out = np.zeros(len(account_ids), dtype=np.int64)
    if revenue.first is None or not len(revenue.account_ids) or not len(account_ids):
        return out
    rows = np.searchsorted(revenue.account_ids, account_ids)
    rows = np.minimum(rows, len(revenue.account_ids) - 1)
    cols = ordinals - revenue.first.ordinal
    ok = (revenue.account_ids[rows] == account_ids) & (cols >= 0) & (cols < revenue.n_months)
    out[ok] = revenue.cents[rows[ok], cols[ok]]
    return out


def items(
    ws: Workspace, revenue: RevenueData, as_of: Month, scope: Scope = PORTFOLIO
) -> pd.DataFrame:
    """Every renewal date with its value: columns account_id, account, date, ordinal (the
    month's ordinal), value, source ("account" or "contract"), override (the CSM's
    probability, or NaN)."""
    import pandas as pd

    condition, params = scope.condition("a.id")
    rows = ws.query(_ITEMS_SQL.format(condition=condition), (*params, *params))
    frame = pd.DataFrame(
        rows, columns=["account_id", "account", "date", "fallback", "override", "source"]
    )
    days = iso_days(frame["date"])
    known = ~np.isnat(days)
    frame = frame[known].reset_index(drop=True)
    days = days[known]
    frame["date"] = pd.Series(days.astype(object), dtype="object")  # datetime.date values
    frame["ordinal"] = days.astype("datetime64[M]").astype(np.int64) + _EPOCH_ORDINAL
    ids = frame["account_id"].to_numpy(dtype=np.int64)
    # 12 x MRR in the month before the renewal month, capped at the as-of month.
    at = np.minimum(frame["ordinal"].to_numpy() - 1, as_of.ordinal)
    cents = _mrr_cents(revenue, ids, at)
    fallback = frame["fallback"].astype("float64")
    from_mrr = pd.Series(12 * cents / 100, index=frame.index).where(cents > 0, fallback)
    frame["value"] = from_mrr.where(frame["source"] == "account", fallback)
    return frame.drop(columns="fallback")


def _probabilities(ws: Workspace, frame: pd.DataFrame, bands: pd.Series) -> pd.Series:
    table = BAND_PROBABILITY.get(ws)
    unscored = float(table.get("unscored", BAND_PROBABILITY.default["unscored"]))
    by_band = (
        frame["account_id"]
        .map(bands)
        .map(
            lambda band: (
                unscored if band is None or band != band else float(table.get(str(band), unscored))
            )
        )
    )
    return frame["override"].astype("float64").fillna(by_band)


def upcoming(
    ws: Workspace,
    days: int = 90,
    *,
    as_of: Month | None = None,
    scope: Scope = PORTFOLIO,
    revenue: RevenueData | None = None,
    bands: pd.Series | None = None,
) -> pd.DataFrame:
    """Renewals in the ``days`` days after the as-of day (the as-of month's last day, or today
    inside the current month), sorted by date, with band, probability and expected value."""
    from csdesk.metrics import health

    revenue = revenue if revenue is not None else mrr_source.load(ws, through=as_of)
    month = as_of or health.default_as_of(revenue)
    ref = reference_day(month)
    frame = items(ws, revenue, month, scope)
    due = frame[(frame["date"] > ref) & (frame["date"] <= ref + timedelta(days=days))].copy()
    if bands is None:
        ids = sorted(set(due["account_id"].astype(int)))
        bands = (
            health.score_all(ws, month, revenue=revenue, account_ids=ids)["band"] if ids else None
        )
    due["band"] = due["account_id"].map(bands) if bands is not None else None
    due["probability"] = _probabilities(ws, due, bands if bands is not None else due["band"])
    due["expected"] = due["value"] * due["probability"]
    return due.sort_values(["date", "account"]).reset_index(drop=True)


@dataclass(frozen=True, slots=True)
class UpcomingSummary:
    due: int
    value_due: float | None
    forecast: float | None


def summarise_upcoming(due: pd.DataFrame) -> UpcomingSummary:
    """Count, value and forecast; money is None when no due item has a known value."""
    return summarise_values(
        due["value"].to_numpy(dtype="float64"), due["expected"].to_numpy(dtype="float64")
    )


def summarise_values(values: np.ndarray, expected: np.ndarray) -> UpcomingSummary:
    """:func:`summarise_upcoming` over plain arrays of value and expected value."""
    known = ~np.isnan(values)
    if not known.any():
        return UpcomingSummary(len(values), None, None)
    return UpcomingSummary(
        len(values),
        float(values[known].sum()),
        float(expected[known].sum()),
    )


def by_quarter(
    ws: Workspace, quarters: int = 4, *, as_of: Month | None = None, scope: Scope = PORTFOLIO
) -> pd.DataFrame:
    """Due renewals per calendar quarter from the as-of day's quarter: columns quarter
    (e.g. 2026Q3), due, value_due, forecast."""
    import pandas as pd

    revenue = mrr_source.load(ws, through=as_of)
    from csdesk.metrics import health

    month = as_of or health.default_as_of(revenue)
    ref = reference_day(month)
    first = Month(ref.year, 3 * (Month.of(ref).quarter - 1) + 1)
    end = (first + 3 * quarters).first_day
    due = upcoming(ws, (end - ref).days - 1, as_of=month, scope=scope, revenue=revenue)
    labels = [f"{(first + 3 * q).year}Q{(first + 3 * q).quarter}" for q in range(quarters)]
    due["quarter"] = [f"{o // 12}Q{o % 12 // 3 + 1}" for o in due["ordinal"]]
    rows = []
    for label in labels:
        part = due[due["quarter"] == label]
        summary = summarise_upcoming(part)
        rows.append((label, summary.due, summary.value_due, summary.forecast))
    return pd.DataFrame(rows, columns=["quarter", "due", "value_due", "forecast"])


@dataclass(frozen=True, slots=True)
class RenewalRates:
    due: int
    renewed: int
    pending: int  # the data does not show yet whether they renewed
    logo_rate: float | None
    value_due: float | None
    value_renewed: float | None
    value_rate: float | None


def rates(ws: Workspace, start: date, end: date, *, scope: Scope = PORTFOLIO) -> RenewalRates:
    """Renewal rate (logos and value) of the renewals dated start..end (inclusive)."""
    revenue = mrr_source.load(ws)
    # How far the data reaches: the last imported revenue month when there are revenue rows
    # (a later month would wrongly read as "stopped paying"), else the last paying month.
    text = ws.scalar("SELECT max(month) FROM revenue_months")
    last = Month.parse(text) if text else revenue.last_month_with_revenue()
    frame = items(ws, revenue, last or Month.of(end), scope)
    due = frame[(frame["date"] >= start) & (frame["date"] <= end)]
    after = due["ordinal"].to_numpy(dtype=np.int64) + 1
    decided = after <= (last.ordinal if last is not None else -1)
    paying = _mrr_cents(revenue, due["account_id"].to_numpy(dtype=np.int64), after) > 0
    renewed_mask = decided & paying
    judged = due[decided]
    n = int(decided.sum())
    value_due = None if judged["value"].isna().all() else float(judged["value"].sum())
    value_renewed = None if value_due is None else float(due.loc[renewed_mask, "value"].sum())
    return RenewalRates(
        due=n,
        renewed=int(renewed_mask.sum()),
        pending=len(due) - n,
        logo_rate=None if n == 0 else int(renewed_mask.sum()) / n,
        value_due=value_due,
        value_renewed=value_renewed,
        value_rate=None if not value_due else (value_renewed or 0.0) / value_due,
    )
