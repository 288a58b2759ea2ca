"""The five health components, each a raw value and a 0–100 score per account, vectorised.

Each loader answers with one SQL aggregate (a GROUP BY or an index walk per account), never by
reading whole tables into pandas. A component with no data for an account is NaN: the score
then leaves it out and renormalises the weights (see :mod:`csdesk.metrics.health`).

What counts as "no data":
* adoption: no seats recorded, or no ``active_users`` usage value in the lookback.
* engagement: the workspace records no CS touch at all. An account never touched while others
  are counts the days since its start date (score 0 when that is unknown too).
* support: the workspace holds no tickets at all, or the account's seats are unknown.
* sentiment: no NPS or CSAT response from the account in the lookback.
* financial: the account paid nothing ``months`` months before the as-of month (too new).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from csdesk.domain.month import Month
from csdesk.metrics.health_model import COMPONENTS, HealthModel
from csdesk.metrics.mrr_source import RevenueData
from csdesk.store.workspace import Workspace

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class Inputs:
    """What the components read for one as-of month.

    Everything but the MRR fields comes from SQL (:func:`load_sql_inputs`), which needs no
    revenue matrix and can run on another connection while the matrix loads.
    """

    ref: date
    month: Month
    accounts: pd.DataFrame  # index account_id: seats, start_date
    active_users: pd.Series
    last_touch: pd.Series  # ISO date-time text or None
    any_touch: bool
    tickets: pd.DataFrame  # index account_id: tickets, escalations (window of the model)
    any_tickets: bool
    nps: pd.Series  # latest NPS score in the lookback
    csat: pd.Series  # latest CSAT score in the lookback
    mrr_now: pd.Series  # cents
    mrr_before: pd.Series  # cents, `months` months earlier
    contracted: pd.Series  # bool: a contraction happened in the last `months` months
    # When the rows are months of one account (csdesk.metrics.health_account), each row's
    # own reference day; ``ref`` then holds the first row's.
    row_refs: npt.NDArray[np.datetime64] | None = None


def reference_day(month: Month, today: date | None = None) -> date:
    """The day "as of a month" means: its last day, or today inside the current month."""
    today = today or date.today()
    return min(month.last_day, max(today, month.first_day))


def _id_filter(column: str, account_ids: list[int] | None) -> tuple[str, list[int]]:
    if account_ids is None:
        return "", []
    return f" AND {column} IN ({', '.join('?' * len(account_ids)) or 'NULL'})", account_ids


def load_sql_inputs(
    ws: Workspace,
    month: Month,
    model: HealthModel,
    account_ids: list[int] | None = None,
) -> Inputs:
    """Every component's SQL data for the given accounts (all when None); MRR fields empty."""
    import pandas as pd

    ref = reference_day(month)
    stop = (ref + timedelta(days=1)).isoformat()
    where, ids = _id_filter("id", account_ids)
    accounts = pd.DataFrame(
        ws.query(f"SELECT id, seats, start_date FROM accounts WHERE 1 {where}", ids),
        columns=["account_id", "seats", "start_date"],
    ).set_index("account_id")

    # Per-account index walks (newest row first, LIMIT 1) rather than scans of whole tables:
    # each account needs only its latest usage value, survey and touch. The unary "+" keeps
    # SQLite from choosing the (metric/type, date) index, which would scan every account's rows.
    where, ids = _id_filter("a.id", account_ids)
    adoption = model["adoption"]
    since = (ref - timedelta(days=int(adoption["lookback_days"]))).isoformat()
    usage = ws.query(
        "SELECT a.id, (SELECT u.value FROM usage AS u WHERE u.account_id = a.id "
        "AND u.date >= ? AND u.date < ? AND +u.metric = ? ORDER BY u.date DESC LIMIT 1) "
        f"FROM accounts AS a WHERE 1 {where}",
        [since, stop, adoption["metric"], *ids],
    )
    active_users = pd.Series({r[0]: r[1] for r in usage if r[1] is not None}, dtype="float64")

    touches = ws.query(
        "SELECT a.id, (SELECT e.at FROM events AS e WHERE e.account_id = a.id AND e.at < ? "
        "AND e.role = 'cs' ORDER BY e.at DESC LIMIT 1) FROM accounts AS a "
        f"WHERE 1 {where}",
        [stop, *ids],
    )
    last_touch = pd.Series({r[0]: r[1] for r in touches if r[1] is not None}, dtype="object")
    any_touch = ws.scalar("SELECT 1 FROM events WHERE role = 'cs' LIMIT 1") is not None

    window = (ref - timedelta(days=int(model["support"]["window_days"]))).isoformat()
    ticket_rows = ws.query(
        "SELECT a.id, count(*), sum(coalesce(t.escalated, 0) != 0) FROM accounts AS a "
        "JOIN tickets AS t INDEXED BY tickets_account_opened ON t.account_id = a.id "
        f"AND t.opened_at >= ? AND t.opened_at < ? WHERE 1 {where} GROUP BY a.id",
        [window, stop, *ids],
    )
    tickets = pd.DataFrame(ticket_rows, columns=["account_id", "tickets", "escalations"])
    any_tickets = ws.scalar("SELECT 1 FROM tickets LIMIT 1") is not None

    since = (ref - timedelta(days=int(model["sentiment"]["lookback_days"]))).isoformat()
    latest = (
        "(SELECT s.score FROM surveys AS s WHERE s.account_id = a.id AND +s.type = '{kind}' "
        "AND s.date >= ? AND s.date < ? ORDER BY s.date DESC LIMIT 1)"
    )
    surveys = ws.query(
        f"SELECT a.id, {latest.format(kind='nps')}, {latest.format(kind='csat')} "
        f"FROM accounts AS a WHERE 1 {where}",
        [since, stop, since, stop, *ids],
    )
    nps = pd.Series({r[0]: r[1] for r in surveys if r[1] is not None}, dtype="float64")
    csat = pd.Series({r[0]: r[2] for r in surveys if r[2] is not None}, dtype="float64")
    empty = pd.Series(dtype="int64")
    return Inputs(
        ref=ref,
        month=month,
        accounts=accounts,
        active_users=active_users,
        last_touch=last_touch,
        any_touch=any_touch,
        tickets=tickets.set_index("account_id"),
        any_tickets=any_tickets,
        nps=nps,
        csat=csat,
        mrr_now=empty,
        mrr_before=empty,
        contracted=pd.Series(dtype="bool"),
    )


def with_revenue(inputs: Inputs, model: HealthModel, revenue: RevenueData) -> Inputs:
    """Add the financial component's MRR now, ``months`` months before, and contractions."""
    import dataclasses

    import pandas as pd

    months = int(model["financial"]["months"])
    index = pd.Index(revenue.account_ids, name="account_id")
    stacked = np.vstack([revenue.at(inputs.month - k) for k in range(months, -1, -1)])
    prev, cur = stacked[:-1], stacked[1:]
    contracted = ((cur > 0) & (cur < prev)).any(axis=0)
    return dataclasses.replace(
        inputs,
        mrr_now=pd.Series(stacked[-1], index=index),
        mrr_before=pd.Series(stacked[0], index=index),
        contracted=pd.Series(contracted, index=index),
    )


def load_inputs(
    ws: Workspace,
    month: Month,
    model: HealthModel,
    revenue: RevenueData,
    account_ids: list[int] | None = None,
) -> Inputs:
    """Fetch every component's raw data for the given accounts (all when None)."""
    return with_revenue(load_sql_inputs(ws, month, model, account_ids), model, revenue)


FloatArray = npt.NDArray[np.float64]


def _ramp(x: FloatArray, zero_at: float, full_at: float) -> FloatArray:
    """Linear 0..100 between zero_at and full_at (either order), clipped; NaN stays NaN."""
    if full_at == zero_at:
        return np.where(np.isnan(x), np.nan, (x >= full_at) * 100.0)
    return np.clip((x - zero_at) / (full_at - zero_at), 0, 1) * 100


def iso_days(values: pd.Series) -> npt.NDArray[np.datetime64]:
    """The day of ISO dates or date-times (their first 10 characters) as ``datetime64[D]``;
    NaT where unknown or unreadable.

    Well-formed text is parsed by numpy in one step; anything else goes through pandas'
    forgiving parser, which turns what it cannot read into NaT.
    """
    import pandas as pd

    text = values.astype("object").where(values.notna(), "").to_numpy(dtype=str).astype("U10")
    if len(text) and np.isin(np.strings.str_len(text), (0, 10)).all():
        try:
            return text.astype("datetime64[D]")
        except ValueError:
            pass
    stamps = pd.to_datetime(pd.Series(text).where(text != "", None), errors="coerce")
    return stamps.to_numpy(dtype="datetime64[D]", na_value=np.datetime64("NaT"))


def _days(values: pd.Series, ref: date | npt.NDArray[np.datetime64]) -> FloatArray:
    """Days from ISO dates (or date-times) to ``ref`` (one day, or one per row); NaN where
    unknown or unreadable."""
    delta = np.asarray(ref, dtype="datetime64[D]") - iso_days(values)
    return np.where(np.isnat(delta), np.nan, delta.astype("float64"))


def component_frame(inputs: Inputs, model: HealthModel) -> pd.DataFrame:
    """Per account: ``<component>_value`` and ``<component>`` (score 0–100, NaN = no data).

    Plain numpy over aligned arrays: this runs for 10,000 accounts and for one account alike.
    """
    import pandas as pd

    index = inputs.accounts.index
    out: dict[str, FloatArray] = {}

    def aligned(series: pd.Series, fill: float = np.nan) -> FloatArray:
        return np.asarray(series.reindex(index).to_numpy(dtype="float64", na_value=fill))

    seats = aligned(pd.to_numeric(inputs.accounts["seats"], errors="coerce"))
    seats = np.where(seats > 0, seats, np.nan)

    ratio = aligned(inputs.active_users) / seats
    out["adoption_value"] = ratio
    out["adoption"] = np.clip(ratio / float(model["adoption"]["target_ratio"]), 0, 1) * 100

    engagement = model["engagement"]
    ref = inputs.ref if inputs.row_refs is None else inputs.row_refs
    days = _days(inputs.last_touch.reindex(index), ref)
    started = _days(inputs.accounts["start_date"], ref)
    days = np.clip(np.where(np.isnan(days), started, days), 0, None)
    out["engagement_value"] = days
    score = _ramp(days, float(engagement["zero_days"]), float(engagement["full_days"]))
    out["engagement"] = (
        np.nan_to_num(score, nan=0.0) if inputs.any_touch else np.full(len(index), np.nan)
    )

    support = model["support"]
    tickets = (
        aligned(inputs.tickets["tickets"], 0.0) if len(inputs.tickets) else np.zeros(len(index))
    )
    escalations = (
        aligned(inputs.tickets["escalations"], 0.0) if len(inputs.tickets) else np.zeros(len(index))
    )
    tickets, escalations = np.nan_to_num(tickets), np.nan_to_num(escalations)
    load = (tickets + float(support["escalation_weight"]) * escalations) / seats
    nothing = np.full(len(index), np.nan)
    out["support_value"] = load if inputs.any_tickets else nothing
    support_score = np.clip(1 - load / float(support["zero_load"]), 0, 1) * 100
    out["support"] = support_score if inputs.any_tickets else nothing

    both = np.vstack([aligned(inputs.nps) * 10, (aligned(inputs.csat) - 1) * 25])
    answered = (~np.isnan(both)).sum(axis=0)
    sentiment = np.where(answered > 0, np.nansum(both, axis=0) / np.maximum(answered, 1), np.nan)
    out["sentiment_value"] = sentiment
    out["sentiment"] = np.clip(sentiment, 0, 100)

    fin = model["financial"]
    before = np.nan_to_num(aligned(inputs.mrr_before, 0.0))
    now = np.nan_to_num(aligned(inputs.mrr_now, 0.0))
    with np.errstate(divide="ignore", invalid="ignore"):
        trend = np.where(before > 0, now / before - 1, np.nan)
    stable = float(fin["stable_score"])
    up = stable + (100 - stable) * np.clip(trend / float(fin["growth_full"]), 0, 1)
    down = stable * (1 - np.clip(trend / float(fin["decline_zero"]), 0, 1))
    penalty = np.nan_to_num(aligned(inputs.contracted.astype("float64"), 0.0))
    fin_score = np.where(trend >= 0, up, down) - penalty * float(fin["contraction_penalty"])
    out["financial_value"] = trend
    out["financial"] = np.where(np.isnan(trend), np.nan, np.clip(fin_score, 0, 100))
    columns = [c for name in COMPONENTS for c in (f"{name}_value", name)]
    return pd.DataFrame({c: out[c] for c in columns}, index=index)
