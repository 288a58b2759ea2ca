"""Date windows of whole months, as half-open ranges of ISO text ready for SQL comparisons.

Stored dates are ``YYYY-MM-DD`` and date-times ``YYYY-MM-DD HH:MM:SS``; comparing them as text
against ``[first day, day after the last day)`` includes every time of the last day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from csdesk.domain.month import Month


@dataclass(frozen=True, slots=True)
class Window:
    """The ``months`` calendar months ending with ``end`` (inclusive)."""

    end: Month
    months: int = 12

    @property
    def start(self) -> Month:
        return self.end - (self.months - 1)

    @property
    def first_day(self) -> date:
        return self.start.first_day

    @property
    def last_day(self) -> date:
        return self.end.last_day

    @property
    def sql_range(self) -> tuple[str, str]:
        """(first day, day after the last day) as ISO text: ``first <= x < stop``."""
        return self.first_day.isoformat(), (self.last_day + timedelta(days=1)).isoformat()


def day_after(day: date) -> str:
    return (day + timedelta(days=1)).isoformat()
