"""The demo's calendar: a grid of months ending with the current (partial) month.

Index 0 is the first month of revenue history and index ``months - 1`` the last complete
month (the last month with MRR); index ``months`` is the current month, in which activity
(tickets, events, surveys) runs up to yesterday. Times are numpy ``datetime64[s]`` so that a
million timestamps are made and formatted without a Python loop.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

import numpy as np
import numpy.typing as npt

from csdesk.domain.month import Month

Array = npt.NDArray[Any]

SECONDS_PER_DAY = 86_400


@dataclass(frozen=True)
class TimeGrid:
    today: date
    months: int  # complete months of revenue history
    first: Month  # month of index 0
    month_start: Array  # datetime64[D], one per grid month plus the month after the grid
    days_in_month: Array  # int64, per grid month
    days_open: Array  # int64, days of each grid month on which activity may fall

    @classmethod
    def ending_before(cls, today: date, months: int) -> TimeGrid:
        """The ``months`` complete months before ``today``'s month, plus the current one."""
        first = Month.of(today) - months
        start = np.datetime64(str(first), "M") + np.arange(months + 2)
        month_start = start.astype("datetime64[D]")
        days = np.diff(month_start).astype(np.int64)
        days_open = days.copy()
        days_open[months] = today.day - 1
        return cls(today, months, first, month_start, days, days_open)

    @property
    def size(self) -> int:
        """Grid months including the current, partial one."""
        return self.months + 1

    @property
    def last_month(self) -> Month:
        return self.first + (self.months - 1)

    @property
    def now(self) -> np.datetime64:
        """Midnight at the start of today: nothing in the demo happens at or after it."""
        return np.datetime64(self.today.isoformat(), "s")

    def month_label(self, index: int) -> str:
        return str(self.first + index)

    def month_labels(self) -> list[str]:
        return [self.month_label(i) for i in range(self.months)]

    def start_seconds(self, month_index: Array) -> Array:
        """datetime64[s] of midnight on the first day of each given grid month."""
        return self.month_start[month_index].astype("datetime64[s]")

    def random_moments(self, rng: np.random.Generator, month_index: Array) -> Array:
        """One datetime64[s] per entry: a working-hours moment on an open day of that month."""
        count = len(month_index)
        days = np.floor(rng.random(count) * np.maximum(self.days_open[month_index], 1))
        hours = rng.choice(_HOURS, size=count, p=_HOUR_WEIGHTS)
        seconds = (
            days.astype(np.int64) * SECONDS_PER_DAY
            + hours * 3600
            + rng.integers(0, 3600, size=count)
        )
        return self.start_seconds(month_index) + seconds.astype("timedelta64[s]")

    def random_days(self, rng: np.random.Generator, month_index: Array) -> Array:
        """One datetime64[D] per entry: an open day of that month."""
        days = np.floor(rng.random(len(month_index)) * np.maximum(self.days_open[month_index], 1))
        return self.month_start[month_index] + days.astype("timedelta64[D]")


# Office hours weigh most; a little weekend-evening and early-morning traffic stays realistic.
_HOURS = np.arange(24, dtype=np.int64)
_HOUR_WEIGHTS = np.array(
    [0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 1.5, 4, 7, 8, 8, 5, 6, 8, 8, 7, 6, 4, 2, 1.2, 0.8, 0.5, 0.3]
)
_HOUR_WEIGHTS = _HOUR_WEIGHTS / _HOUR_WEIGHTS.sum()


def datetime_texts(moments: Array, missing: Array | None = None) -> list[str | None]:
    """``YYYY-MM-DD HH:MM:SS`` strings (None where ``missing``) for datetime64[s] values.

    Built from two small tables (one string per distinct day, one per second of a day) joined
    by numpy's object addition: much cheaper than formatting a million datetimes one by one.
    """
    if len(moments) == 0:
        return []
    seconds = moments.astype("datetime64[s]").astype(np.int64)
    day, second = np.divmod(seconds, SECONDS_PER_DAY)
    first = int(day.min())
    days = np.arange(first, int(day.max()) + 1).astype("datetime64[D]")
    day_text = np.array([f"{text} " for text in np.datetime_as_string(days)], dtype=object)
    text = day_text[day - first] + _clock_texts()[second]
    if missing is not None:
        text[missing] = None
    result: list[str | None] = text.tolist()
    return result


@cache
def _clock_texts() -> Array:
    """``HH:MM:SS`` for every second of a day, indexed by the second."""
    return np.array(
        [f"{h:02d}:{m:02d}:{s:02d}" for h in range(24) for m in range(60) for s in range(60)],
        dtype=object,
    )


def date_texts(days: Array) -> list[str]:
    """``YYYY-MM-DD`` strings for datetime64 values (truncated to the day)."""
    text = np.datetime_as_string(days.astype("datetime64[D]"), unit="D").astype("U10")
    result: list[str] = text.tolist()
    return result


def to_date(day: np.datetime64) -> date:
    return date.fromisoformat(str(day.astype("datetime64[D]")))
