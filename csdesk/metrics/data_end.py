"""Where the recorded activity ends, when open contracts carry the revenue on past it.

An import of contracts carries each open contract on, month by month, up to the month of the
import. A data room exported in December 2024 and imported two years later therefore has
revenue up to today while its tickets, usage, surveys and events stop at the export: figures
for the months in between describe months no one recorded (every open contract paying, no
churn, NRR at 100%, no tickets), and a benchmark comparison of them is wrong. So by default the
audit is as of the month the recorded activity ends, and says so (a month asked for explicitly
is kept, and a finding says when it lies past the data); the app's metric pages, which follow
the revenue, say where the activity ends beside their month.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from csdesk.domain.month import Month
from csdesk.store.workspace import Workspace

# Months of revenue past the newest recorded activity before the audit steps back: one or two
# are the normal lag of an export (this month's tickets are not in yet).
GAP = 3

# Each: the newest rows first (rowid order is the order of import; revenue_months by its month
# index), so a workspace with recent activity answers on its first row.
_RECENT = (
    "SELECT 1 FROM tickets WHERE opened_at >= :since AND opened_at <= :today"
    " ORDER BY rowid DESC LIMIT 1",
    "SELECT 1 FROM events WHERE at >= :since AND at <= :today ORDER BY rowid DESC LIMIT 1",
    "SELECT 1 FROM surveys WHERE date >= :since AND date <= :today ORDER BY rowid DESC LIMIT 1",
    "SELECT 1 FROM usage WHERE date >= :since AND date <= :today ORDER BY rowid DESC LIMIT 1",
    "SELECT 1 FROM revenue_months WHERE month >= :since_month AND (batch_id IS NULL OR batch_id"
    " NOT IN (SELECT id FROM import_batches WHERE entity = 'contracts')) LIMIT 1",
)
_ACTIVITY_END = """
SELECT max(m) FROM (
    SELECT substr(max(opened_at), 1, 7) AS m FROM tickets WHERE opened_at <= :today
    UNION ALL SELECT substr(max(date), 1, 7) FROM usage WHERE date <= :today
    UNION ALL SELECT substr(max(date), 1, 7) FROM surveys WHERE date <= :today
    UNION ALL SELECT substr(max(at), 1, 7) FROM events WHERE at <= :today
    UNION ALL SELECT max(month) FROM revenue_months
        WHERE batch_id IS NULL
           OR batch_id NOT IN (SELECT id FROM import_batches WHERE entity = 'contracts')
)
"""


@dataclass(frozen=True)
class ChosenMonth:
    """The month chosen, and what it was chosen from."""

    month: Month
    revenue_end: Month | None  # the last month with revenue (contracts carried on included)
    # The newest ticket, usage, survey, event or revenue-sheet line, when it is GAP or more
    # months older than the month asked for or the last revenue month; else None.
    activity_end: Month | None
    stepped_back: bool  # the default moved from revenue_end back to activity_end

    @property
    def past_the_data(self) -> bool:
        """The month lies ``GAP`` or more months after the recorded activity."""
        return lies_past(self.activity_end, self.month)


def lies_past(activity_end: Month | None, month: Month) -> bool:
    """``month`` lies ``GAP`` or more months after the recorded activity's end."""
    return activity_end is not None and activity_end.months_until(month) >= GAP


def _today(today: date) -> str:
    # "2026-12-07T99" sorts after every time of that day, written with "T" or a space.
    return today.isoformat() + "T99"


def activity_end(ws: Workspace, today: date) -> Month | None:
    """The month of the newest recorded activity up to ``today``; None when there is none."""
    found = ws.scalar(_ACTIVITY_END, {"today": _today(today)})
    return Month.parse(str(found)) if found else None


def stale_end(ws: Workspace, month: Month, today: date) -> Month | None:
    """The activity's end when it lies ``GAP`` or more months before ``month``; None when
    there is activity since, or none at all (contracts alone are not activity)."""
    since = month - (GAP - 1)
    params = {
        "since": since.first_day.isoformat(),
        "since_month": str(since),
        "today": _today(today),
    }
    if any(ws.scalar(sql, params) for sql in _RECENT):
        return None
    return activity_end(ws, today)


def choose(
    ws: Workspace, asked: Month | None, revenue_end: Month | None, today: date
) -> ChosenMonth:
    """``asked`` when given; else the last revenue month, or the activity's end when the
    revenue runs ``GAP`` or more months past it; else this month."""
    month = asked or revenue_end or Month.of(today)
    end = stale_end(ws, month, today)
    if asked is None and revenue_end is not None and end is not None:
        return ChosenMonth(end, revenue_end, end, stepped_back=True)
    return ChosenMonth(month, revenue_end, end, stepped_back=False)
