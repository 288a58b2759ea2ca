"""The month an audit is as of, when open contracts carry the revenue past the end of the data.

An import of contracts carries each open contract on, month by month, up to the month of the
import. A data room exported in December 2024 and imported two years later therefore has
revenue up to today while its tickets, usage, surveys and events stop at the export: figures
for the months in between describe months no one recorded (every open contract paying, no
churn, NRR at 100%, no tickets), and a benchmark comparison of them is wrong. So by default the
audit is as of the month the recorded activity ends, and says so; a month asked for explicitly
is kept, and a finding says when it lies past the data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from csdesk.domain.month import Month
from csdesk.store.workspace import Workspace

# Months of revenue past the newest recorded activity before the audit steps back: one or two
# are the normal lag of an export (this month's tickets are not in yet).
GAP = 3

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
class AuditMonth:
    """The month chosen, and what it was chosen from."""

    month: Month
    revenue_end: Month | None  # the last month with revenue (contracts carried on included)
    activity_end: Month | None  # the newest ticket, usage, survey, event or revenue-sheet line
    stepped_back: bool  # the default moved from revenue_end back to activity_end

    @property
    def past_the_data(self) -> bool:
        """The month asked for lies ``GAP`` or more months after the recorded activity."""
        return self.activity_end is not None and (self.activity_end.months_until(self.month) >= GAP)


def activity_end(ws: Workspace, today: date) -> Month | None:
    """The month of the newest recorded activity up to ``today``; None when there is none."""
    # "2026-12-07T99" sorts after every time of that day, written with "T" or a space.
    found = ws.scalar(_ACTIVITY_END, {"today": today.isoformat() + "T99"})
    return Month.parse(str(found)) if found else None


def choose(
    ws: Workspace, asked: Month | None, revenue_end: Month | None, today: date
) -> AuditMonth:
    """``asked`` when given; else the last revenue month, or the activity's end when the
    revenue runs ``GAP`` or more months past it; else this month."""
    end = activity_end(ws, today)
    if asked is not None:
        return AuditMonth(asked, revenue_end, end, stepped_back=False)
    if revenue_end is None:
        return AuditMonth(Month.of(today), revenue_end, end, stepped_back=False)
    if end is not None and end < revenue_end and end.months_until(revenue_end) >= GAP:
        return AuditMonth(end, revenue_end, end, stepped_back=True)
    return AuditMonth(revenue_end, revenue_end, end, stepped_back=False)
