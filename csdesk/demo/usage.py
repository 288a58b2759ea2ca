"""Monthly product usage per account: active users against licensed seats, and logins.

One value per metric per paying month, dated the month's last day (a month-end snapshot).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from csdesk.demo.book import Book
from csdesk.demo.signals import Signals
from csdesk.demo.timegrid import date_texts

COLUMNS = ("account_id", "date", "metric", "value")
METRICS = ("active_users", "logins")


def build_usage(rng: np.random.Generator, book: Book, signals: Signals) -> list[tuple[Any, ...]]:
    grid = book.grid
    months = grid.months
    seats = book.seats
    adoption = signals.adoption[:, :months]
    users = np.where(book.active, np.maximum(0, np.round(seats * adoption)), 0)
    logins = np.round(users * rng.uniform(10.0, 24.0, users.shape))
    account, month = np.nonzero(book.active)
    month_end = date_texts(grid.month_start[1 : months + 1] - np.timedelta64(1, "D"))
    dates = np.array(month_end, dtype=object)[month]
    count = len(account)
    # Both metrics of one account-month side by side: account, date, metric, value.
    ids = np.repeat(account + 1, 2)
    days = np.repeat(dates, 2)
    metric = np.tile(np.array(METRICS, dtype=object), count)
    values = np.empty(2 * count)
    values[0::2] = users[account, month]
    values[1::2] = logins[account, month]
    return list(zip(ids.tolist(), days.tolist(), metric.tolist(), values.tolist(), strict=True))
