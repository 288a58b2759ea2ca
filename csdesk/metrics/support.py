"""Support metrics of DESIGN.md, aggregated in SQLite and added up per account or month.

* TMA (average handle time) = mean ``handle_minutes``.
* TME (average wait) = mean (first response − opened), in minutes: ``first_response_minutes``
  when the sheet gave it, else computed from the two timestamps.
* Resolution time = mean (resolved − opened), in hours: ``resolution_hours`` or timestamps.
* FCR = resolved tickets with one contact and not reopened / resolved tickets. A ticket whose
  number of contacts was never recorded cannot be judged either way, so it is left out of
  both sides; FCR is unknown (None) when no resolved ticket has a contact count.
* SLA attainment = first responses within the priority's target / tickets with a first
  response. A wait or resolution that cannot be (answered or resolved before opened, or
  resolved before the first response) is left out of the means and of SLA attainment.
  Targets (minutes) per priority are the setting :data:`SLA_TARGETS` (a priority matches in
  lower, upper or title case); a ticket with no priority, or one the setting does not name,
  gets the ``normal`` target.

Tickets belong to the window of the day they were opened. Each figure is a sum and a count
per account, so portfolio, segment and account figures always agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from csdesk.metrics.periods import Window
from csdesk.metrics.scope import GROUP_KEYS, PORTFOLIO, Scope, group_labels
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

_RAW_WAIT = (
    "coalesce(t.first_response_minutes, "
    "(julianday(t.first_response_at) - julianday(t.opened_at)) * 1440.0)"
)
_RAW_RESOLUTION = (
    "coalesce(t.resolution_hours, (julianday(t.resolved_at) - julianday(t.opened_at)) * 24.0)"
)
# Impossible durations are left out of the means (the import reports them on their rows): a
# resolution before the opening; a first response before the opening or after the
# resolution, which is no real first response (nor counted by SLA attainment).
_RESOLUTION = f"(CASE WHEN {_RAW_RESOLUTION} >= 0 THEN {_RAW_RESOLUTION} END)"
_WAIT = (
    f"(CASE WHEN {_RAW_WAIT} >= 0 AND NOT coalesce({_RAW_RESOLUTION} * 60.0 < {_RAW_WAIT}, 0) "
    f"THEN {_RAW_WAIT} END)"
)
_RESOLVED = "(t.resolved_at IS NOT NULL OR t.resolution_hours IS NOT NULL)"

# One flat aggregate (no sub-select: SQLite would re-evaluate its columns per use anyway).
_AGGREGATE_SQL = f"""
SELECT {{key}}count(*),
       total(t.handle_minutes), count(t.handle_minutes),
       total({_WAIT}), count({_WAIT}),
       total({_RESOLUTION}), count({_RESOLUTION}),
       count(CASE WHEN {_RESOLVED} THEN t.contacts END),
       count(CASE WHEN t.contacts = 1 AND NOT coalesce(t.reopened, 0) THEN {_RESOLVED} OR NULL END),
       count(CASE WHEN {_WAIT} <= (CASE t.priority {{cases}} ELSE ? END) + 1e-6 THEN 1 END),
       count(CASE WHEN t.escalated THEN 1 END),
       count(CASE WHEN t.csat >= 4 THEN 1 END), count(t.csat)
FROM tickets AS t {{hint}} {{join}}
WHERE t.opened_at >= ? AND t.opened_at < ?{{condition}}
{{group_by}}
"""

_GROUP_KEYS = {"account_id": "t.account_id", "month": "substr(t.opened_at, 1, 7)"}


def aggregates(
    ws: Workspace,
    window: Window,
    scope: Scope = PORTFOLIO,
    *,
    group: str | None = None,
) -> pd.DataFrame:
    """Sums and counts (:data:`SUM_COLUMNS`) over the window: one row, or one per ``group``
    ("account_id", "month" or a dimension of :data:`csdesk.metrics.scope.GROUP_KEYS`) with the
    group's value in the index."""
    import pandas as pd

    targets = {str(k).lower(): float(v) for k, v in SLA_TARGETS.get(ws).items()}
    default = targets.get("normal", SLA_TARGETS.default["normal"])
    # Priorities are matched as written, in lower, upper or title case (no per-row lower()).
    spellings = [
        (spelling, target)
        for key, target in targets.items()
        for spelling in dict.fromkeys((key, key.upper(), key.title()))
    ]
    cases = " ".join("WHEN ? THEN ?" for _ in spellings) or "WHEN NULL THEN NULL"
    params: list[Any] = [x for pair in spellings for x in pair]
    params += [default, *window.sql_range]
    condition, scope_params = scope.condition("t.account_id")
    params += scope_params
    key, join = "", ""
    if group in _GROUP_KEYS:
        key = _GROUP_KEYS[group]
    elif group is not None:
        key, join = GROUP_KEYS[group], "JOIN accounts AS a ON a.id = t.account_id"
    sql = _AGGREGATE_SQL.format(
        key=f"{key} AS g, " if key else "",
        cases=cases,
        # A whole-portfolio window is a large share of the table: a sequential read beats
        # jumping through the opened_at index row by row.
        hint="NOT INDEXED" if scope.everything else "",
        join=join,
        condition=condition,
        group_by="GROUP BY g" if key else "",
    )
    columns = [*(["group"] if key else []), *SUM_COLUMNS]
    frame = pd.DataFrame(ws.query(sql, params), columns=columns).fillna(0)
    return frame.set_index("group") if key else frame


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


def summary(ws: Workspace, window: Window, scope: Scope = PORTFOLIO) -> SupportSummary:
    """Support figures over a window for the portfolio or a scope."""
    return summarise(aggregates(ws, window, scope), has_tickets=has_tickets(ws))


def by_group(
    ws: Workspace, window: Window, group: str, scope: Scope = PORTFOLIO
) -> dict[Any, SupportSummary]:
    """Support figures per ``group``: "month" (YYYY-MM of opening), "account_id", or a
    dimension (segment, tier, region, csm); groups without tickets are absent."""
    sums = aggregates(ws, window, scope, group=group)
    if group in GROUP_KEYS:
        # By name: the sums of two CSMs who share one are added up (group_labels).
        names = group_labels(sums.index, ws, group)
        named = np.array([name is not None for name in names], dtype=bool)
        sums = sums.loc[named].groupby([n for n in names if n is not None], sort=True).sum()
    cols = {name: sums[name].to_numpy(dtype="float64") for name in SUM_COLUMNS}

    def ratio(num: str, den: str, i: int) -> float | None:
        return None if cols[den][i] == 0 else float(cols[num][i] / cols[den][i])

    out: dict[Any, SupportSummary] = {
        key: SupportSummary(
            tickets=int(cols["tickets"][i]),
            tma_minutes=ratio("handle_sum", "handle_n", i),
            tme_minutes=ratio("wait_sum", "wait_n", i),
            resolution_hours=ratio("resolution_sum", "resolution_n", i),
            fcr=ratio("fcr_hits", "resolved_judged", i),
            sla=ratio("sla_met", "wait_n", i),
            escalations=int(cols["escalations"][i]),
            csat=ratio("csat_satisfied", "csat_n", i),
        )
        for i, key in enumerate(sums.index)
    }
    return out
