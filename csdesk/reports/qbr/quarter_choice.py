"""Which quarter a QBR is of when none is asked for, and whether one asked for has any data.

The default is the quarter of the last month with revenue. A data room imported long after it
was exported has its open contracts carried on to the month of the import, while its tickets,
usage, surveys and events stop at the export (:mod:`csdesk.metrics.data_end`). A pack for a
quarter in between would show the client a quarter no one recorded: no tickets (so support
scores full marks), no usage, revenue flat. So the default steps back to the quarter the
recorded activity ends in, as the audit's month does, and a quarter asked for past the
activity is kept but named to the person writing the pack before anyone reads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from csdesk.domain.month import Month
from csdesk.metrics import data_end
from csdesk.reports.qbr.model import Quarter
from csdesk.store.queries.accounts import latest_revenue_month
from csdesk.store.workspace import Workspace


@dataclass(frozen=True)
class QuarterChoice:
    """The quarter chosen, and what it was chosen from."""

    quarter: Quarter
    revenue_end: Month | None  # the last month with revenue (contracts carried on included)
    activity_end: Month | None  # the newest recorded activity (None: there is none)
    stepped_back: bool  # the default moved from the revenue's quarter to the activity's

    @property
    def past_the_data(self) -> bool:
        """The chosen quarter holds no recorded activity (see :meth:`lies_past`)."""
        return self.lies_past(self.quarter)

    def lies_past(self, quarter: Quarter) -> bool:
        """``quarter`` ends ``data_end.GAP`` or more months after the newest ticket, usage
        record, survey or event: its pack would show none of them."""
        return data_end.lies_past(self.activity_end, quarter.last_month)


def choose_quarter(ws: Workspace, asked: Quarter | None, today: date) -> QuarterChoice:
    """``asked`` when given; else the quarter of the last revenue month, or of the recorded
    activity's end when the revenue runs on ``data_end.GAP`` or more months past it."""
    revenue_end = latest_revenue_month(ws)
    chosen = data_end.choose(ws, None if asked is None else asked.last_month, revenue_end, today)
    quarter = asked or Quarter.of(chosen.month)
    return QuarterChoice(quarter, revenue_end, chosen.activity_end, chosen.stepped_back)


def selectable_quarters(choice: QuarterChoice, count: int = 8) -> list[Quarter]:
    """Newest first: the revenue's last quarter and the ``count - 1`` before it, and the
    chosen quarter and the ``count - 1`` before it (the same list when they are the same), so
    that a stepped-back default and the revenue's own quarters are both there to choose."""
    ends = [choice.quarter]
    if choice.revenue_end is not None:
        ends.append(Quarter.of(choice.revenue_end))
    found: set[Quarter] = set()
    for end in ends:
        quarter = end
        for _step in range(count):
            found.add(quarter)
            quarter = quarter.previous
    return sorted(found, key=lambda q: (q.year, q.number), reverse=True)
