"""Support metrics of DESIGN.md, aggregated in SQLite and added up per account or month.

* TMA (average handle time) = mean ``handle_minutes``.
* TME (average wait) = mean (first response − opened), in minutes: ``first_response_minutes``
  when the sheet gave it, else computed from the two timestamps.
* Resolution time = mean (resolved − opened), in hours: ``resolution_hours`` or timestamps.
* FCR = resolved tickets with one contact and not reopened / resolved tickets. A ticket whose
  number of contacts was never recorded cannot be judged either way, so it is left out of
  both sides; FCR is unknown (None) when no resolved ticket has a contact count.
* SLA attainment = first responses within the priority's target / tickets with a first
  response. Targets (minutes) per priority are the setting :data:`SLA_TARGETS`; a ticket with
  no priority, or one the setting does not name, gets the ``normal`` target.

Tickets belong to the window of the day they were opened. Each figure is a sum and a count
per account, so portfolio, segment and account figures always agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from csdesk.metrics.periods import Window
from csdesk.store.settings import Setting
from csdesk.store.workspace import Workspace

if TYPE_CHECKING:
    import pandas as pd

SLA_TARGETS: Setting[dict[str, float]] = Setting(
    "support.sla_first_response_minutes",
    {"urgent": 60.0, "high": 240.0, "normal": 480.0, "low": 1440.0},
    "First-response target per ticket priority, in minutes",
)

SUM_COLUMNS = (
    "tickets",
    "handle_sum",
    "handle_n",
    "wait_sum",
    "wait_n",
    "resolution_sum",
    "resolution_n",
    "resolved_judged",
    "fcr_hits",
    "sla_met",
    "escalations",
    "csat_satisfied",
    "csat_n",
)

_AGGREGATE_SQL = """
SELECT {key},
       count(*),
       coalesce(sum(handle_minutes), 0), count(handle_minutes),
       coalesce(sum(wait), 0), count(wait),
       coalesce(sum(res), 0), count(res),
       sum(resolved AND contacts IS NOT NULL),
       sum(resolved AND contacts = 1 AND coalesce(reopened, 0) = 0),
       sum(wait IS NOT NULL AND round(wait, 6) <= target),
       sum(coalesce(escalated, 0) != 0),
       sum(csat >= 4), count(csat)
FROM (
    SELECT account_id, substr(opened_at, 1, 7) AS month, handle_minutes, contacts, reopened,
           escalated, csat,
           coalesce(first_response_minutes,
                    (julianday(first_response_at) - julianday(opened_at)) * 1440.0) AS wait,
           coalesce(resolution_hours,
                    (julianday(resolved_at) - julianday(opened_at)) * 24.0) AS res,
           (resolved_at IS NOT NULL OR resolution_hours IS NOT NULL) AS resolved,
           CASE lower(coalesce(priority, '')) {cases} ELSE ? END AS target
    FROM tickets
    WHERE opened_at >= ? AND opened_at < ? {account_filter}
)
GROUP BY {key}
"""


def aggregates(
    ws: Workspace,
    window: Window,
    *,
    by: str = "account_id",
    account_ids: npt.ArrayLike | None = None,
) -> pd.DataFrame:
    """Sums and counts per ``account_id`` or per ``month`` (YYYY-MM), index named after it."""
    import pandas as pd

    if by not in ("account_id", "month"):
        raise ValueError(f"aggregates by account_id or month, not {by!r}")
    targets = {str(k).lower(): float(v) for k, v in SLA_TARGETS.get(ws).items()}
    default = targets.get("normal", SLA_TARGETS.default["normal"])
    cases = " ".join("WHEN ? THEN ?" for _ in targets) or "WHEN NULL THEN NULL"
    params: list[Any] = [x for pair in targets.items() for x in pair]
    params += [default, *window.sql_range]
    account_filter = ""
    if account_ids is not None:
        ids = [int(i) for i in np.asarray(account_ids).ravel()]
        account_filter = f"AND account_id IN ({', '.join('?' * len(ids))})" if ids else "AND 0"
        params += ids
    sql = _AGGREGATE_SQL.format(key=by, cases=cases, account_filter=account_filter)
    frame = pd.DataFrame(ws.query(sql, params), columns=[by, *SUM_COLUMNS])
    return frame.set_index(by).fillna(0)


@dataclass(frozen=True, slots=True)
class SupportSummary:
    tickets: int | None  # None: the workspace holds no tickets at all
    tma_minutes: float | None
    tme_minutes: float | None
    resolution_hours: float | None
    fcr: float | None
    sla: float | None
    escalations: int | None
    csat: float | None  # share of rated tickets scored 4-5

    def as_json(self) -> dict[str, Any]:
        """The ``support`` object of ``csdesk metrics --json``."""
        return {
            "tickets": self.tickets,
            "tma_minutes": self.tma_minutes,
            "tme_minutes": self.tme_minutes,
            "resolution_hours": self.resolution_hours,
            "fcr": self.fcr,
            "sla": self.sla,
        }


def _ratio(num: float, den: float) -> float | None:
    return None if den == 0 else float(num) / float(den)


def summarise(sums: pd.DataFrame | pd.Series, *, has_tickets: bool = True) -> SupportSummary:
    """Turn added-up sums (a frame is summed first) into the support figures."""
    import pandas as pd

    total = sums.sum() if isinstance(sums, pd.DataFrame) else sums
    total = total.reindex(list(SUM_COLUMNS), fill_value=0)
    if not has_tickets:
        return SupportSummary(None, None, None, None, None, None, None, None)
    return SupportSummary(
        tickets=int(total["tickets"]),
        tma_minutes=_ratio(total["handle_sum"], total["handle_n"]),
        tme_minutes=_ratio(total["wait_sum"], total["wait_n"]),
        resolution_hours=_ratio(total["resolution_sum"], total["resolution_n"]),
        fcr=_ratio(total["fcr_hits"], total["resolved_judged"]),
        sla=_ratio(total["sla_met"], total["wait_n"]),
        escalations=int(total["escalations"]),
        csat=_ratio(total["csat_satisfied"], total["csat_n"]),
    )


def has_tickets(ws: Workspace) -> bool:
    return ws.scalar("SELECT 1 FROM tickets LIMIT 1") is not None


def summary(
    ws: Workspace, window: Window, account_ids: npt.ArrayLike | None = None
) -> SupportSummary:
    """Support figures over a window for the portfolio or the given accounts."""
    return summarise(aggregates(ws, window, account_ids=account_ids), has_tickets=has_tickets(ws))


def per_month(
    ws: Workspace, window: Window, account_ids: npt.ArrayLike | None = None
) -> dict[str, SupportSummary]:
    """Support figures per opening month (YYYY-MM) inside the window."""
    sums = aggregates(ws, window, by="month", account_ids=account_ids)
    return {str(month): summarise(row) for month, row in sums.iterrows()}


def per_account(ws: Workspace, window: Window) -> dict[int, SupportSummary]:
    """Support figures per account that opened tickets inside the window."""
    sums = aggregates(ws, window)
    return {int(str(account)): summarise(row) for account, row in sums.iterrows()}
