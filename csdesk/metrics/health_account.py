"""One account's health inputs for many months at once (the account page: explanation + history).

:func:`csdesk.metrics.health_components.load_sql_inputs` answers "every account, one month".
An account page asks the opposite question, "one account, 13 months", and asking it month by
month cost 13 rounds of SQL and 13 pandas frames (≈0.3 s). Here each table is read once for
that account (by its ``account_id`` index) over the span of all the months, and numpy picks
each month's rows; the result is one :class:`Inputs` whose rows are the months, scored by the
same :func:`component_frame` in one call. The rules are those of ``load_sql_inputs`` exactly:
the latest row before the month's reference day wins, ties going to the row written last.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from csdesk.domain.month import Month
from csdesk.metrics.health_components import Inputs, reference_day
from csdesk.metrics.health_model import HealthModel
from csdesk.metrics.mrr_source import RevenueData
from csdesk.store.workspace import Workspace

if TYPE_CHECKING:
    import pandas as pd


def _latest(keys: npt.NDArray[np.str_], lows: list[str], stops: list[str]) -> npt.NDArray[np.int64]:
    """Per month, the index of the last of the sorted ``keys`` with low <= key < stop; -1
    when there is none."""
    if not len(keys):
        return np.full(len(stops), -1, dtype=np.int64)
    last = np.searchsorted(keys, np.array(stops), side="left") - 1
    found = last >= 0
    found[found] = keys[last[found]] >= np.array(lows)[found]
    return np.where(found, last, -1)


def _column(rows: list[tuple[Any, ...]], i: int) -> npt.NDArray[Any]:
    return np.array([r[i] for r in rows])


def _picked(values: npt.NDArray[Any], index: npt.NDArray[np.int64], dtype: str) -> pd.Series:
    """Series by month row of ``values[index]``, leaving out months without a row."""
    import pandas as pd

    rows = np.flatnonzero(index >= 0)
    return pd.Series(values[index[rows]] if len(rows) else [], index=rows, dtype=dtype)


def month_inputs(
    ws: Workspace,
    account_id: int,
    months: list[Month],
    model: HealthModel,
    revenue: RevenueData,
) -> Inputs:
    """Inputs of ``account_id`` as of each of ``months``: row ``k`` is ``months[k]`` (no row
    at all when the account does not exist).

    ``revenue`` must hold the account's MRR (``mrr_source.load(..., account_ids=[id])``).
    """
    import pandas as pd

    refs = [reference_day(m) for m in months]
    stops = [(ref + timedelta(days=1)).isoformat() for ref in refs]
    rows = np.arange(len(months))
    account = ws.query("SELECT seats, start_date FROM accounts WHERE id = ?", (account_id,))
    # An unknown account has no rows at all (every component then reads as "no data").
    seats, start = account[0] if account else (None, None)
    known = rows if account else rows[:0]
    accounts = pd.DataFrame(
        {"seats": [seats] * len(known), "start_date": [start] * len(known)}, index=known
    )

    def lows(days: int) -> list[str]:
        return [(ref - timedelta(days=days)).isoformat() for ref in refs]

    adoption = model["adoption"]
    usage_from = lows(int(adoption["lookback_days"]))
    usage = ws.query(
        "SELECT date, value FROM usage WHERE account_id = ? AND date >= ? AND date < ? "
        "AND +metric = ? ORDER BY date, id",
        (account_id, min(usage_from), max(stops), adoption["metric"]),
    )
    picked = _latest(_column(usage, 0), usage_from, stops)
    active_users = _picked(_column(usage, 1), picked, "float64")

    touches = ws.query(
        "SELECT at FROM events WHERE account_id = ? AND at < ? AND role = 'cs' ORDER BY at",
        (account_id, max(stops)),
    )
    touch_at = _column(touches, 0)
    last_touch = _picked(touch_at, _latest(touch_at, [""] * len(months), stops), "object")
    any_touch = ws.scalar("SELECT 1 FROM events WHERE role = 'cs' LIMIT 1") is not None

    ticket_from = lows(int(model["support"]["window_days"]))
    tickets = ws.query(
        "SELECT opened_at, coalesce(escalated, 0) != 0 FROM tickets "
        "WHERE account_id = ? AND opened_at >= ? AND opened_at < ? ORDER BY opened_at",
        (account_id, min(ticket_from), max(stops)),
    )
    opened = _column(tickets, 0)
    escalated = np.concatenate([[0], np.cumsum(_column(tickets, 1).astype(np.int64))])
    first = np.searchsorted(opened, np.array(ticket_from), side="left") if len(opened) else rows * 0
    stop = np.searchsorted(opened, np.array(stops), side="left") if len(opened) else rows * 0
    ticket_counts = pd.DataFrame(
        {"tickets": stop - first, "escalations": escalated[stop] - escalated[first]}, index=rows
    )
    any_tickets = ws.scalar("SELECT 1 FROM tickets LIMIT 1") is not None

    survey_from = lows(int(model["sentiment"]["lookback_days"]))
    surveys = ws.query(
        "SELECT date, type, score FROM surveys WHERE account_id = ? AND date >= ? AND date < ? "
        "AND +type IN ('nps', 'csat') ORDER BY date, id",
        (account_id, min(survey_from), max(stops)),
    )
    latest: dict[str, pd.Series] = {}
    for kind in ("nps", "csat"):
        chosen = [r for r in surveys if r[1] == kind]
        index = _latest(_column(chosen, 0), survey_from, stops)
        latest[kind] = _picked(_column(chosen, 2), index, "float64")

    history = revenue.cents[0] if len(revenue.account_ids) else None
    back = int(model["financial"]["months"])

    def cents(month: Month) -> int:
        j = revenue.column(month)
        return 0 if history is None or j is None else int(history[j])

    trail = np.array([[cents(m - k) for k in range(back, -1, -1)] for m in months], dtype=np.int64)
    prev, cur = trail[:, :-1], trail[:, 1:]
    return Inputs(
        ref=refs[0],
        month=months[0],
        accounts=accounts,
        active_users=active_users,
        last_touch=last_touch,
        any_touch=any_touch,
        tickets=ticket_counts,
        any_tickets=any_tickets,
        nps=latest["nps"],
        csat=latest["csat"],
        mrr_now=pd.Series(trail[:, -1], index=rows),
        mrr_before=pd.Series(trail[:, 0], index=rows),
        contracted=pd.Series(((cur > 0) & (cur < prev)).any(axis=1), index=rows),
        row_refs=np.array(refs, dtype="datetime64[D]")[: len(known)],
    )
