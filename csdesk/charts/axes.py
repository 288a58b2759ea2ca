"""Axis helpers: months as categories, money and counts in the reader's locale, date ticks.

Months on the x axis are categories (one slot per calendar month, labelled ``jan/2025`` in
pt_BR), thinned so labels never collide; money ticks are compact (``R$ 1,2 mi``) with just
enough decimals to tell neighbouring ticks apart.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from matplotlib.ticker import Formatter

from csdesk.domain.month import Month
from csdesk.i18n import formatting

if TYPE_CHECKING:
    from matplotlib.axes import Axes

MIN_SLOTS = 6


def to_month(value: object) -> Month:
    """A ``Month`` from a Month, ``YYYY-MM`` text, a date/datetime/Timestamp or a Period."""
    if isinstance(value, Month):
        return value
    if isinstance(value, datetime | date):
        return Month(value.year, value.month)
    year, month = getattr(value, "year", None), getattr(value, "month", None)
    if isinstance(year, int) and isinstance(month, int):
        return Month(year, month)
    return Month.parse(str(value)[:7])


def to_months(values: Iterable[object]) -> list[Month]:
    return [to_month(value) for value in values]


def month_ticks(
    axes: Axes, months: Sequence[Month], locale: str, *, max_labels: int | None = None
) -> None:
    """Label category positions 0..n-1 with short month names, the year below the first label
    and below each January; every k-th month only when there are more than fit the width."""
    if max_labels is None:
        width = axes.get_figure().get_size_inches()[0]  # type: ignore[union-attr]
        max_labels = max(4, int(width * 1.6))
    step = max(1, math.ceil(len(months) / max_labels))
    # Keep the latest month labelled: it is the one a reader looks for.
    positions = list(range(len(months) - 1, -1, -step))[::-1]
    labels = []
    previous_year: int | None = None
    for index in positions:
        month = months[index]
        text = formatting.month_short(month, locale)
        if month.year != previous_year:
            text += f"\n{month.year}"
            previous_year = month.year
        labels.append(text)
    axes.set_xticks(positions, labels)
    # A short series keeps the bar width of a longer one instead of filling the whole width.
    padding = max(0.0, (MIN_SLOTS - len(months)) / 2)
    axes.set_xlim(-0.6 - padding, len(months) - 0.4 + padding)


class MoneyFormatter(Formatter):
    """Compact money ticks in the locale, with as few decimals as keep the ticks distinct."""

    def __init__(self, currency: str, locale: str) -> None:
        self.currency = currency
        self.locale = locale
        self.decimals = 1

    def _format(self, value: float, decimals: int) -> str:
        if abs(value) < 1e-9:
            value = 0.0
        return formatting.money_compact(value, self.currency, self.locale, decimals=decimals)

    def __call__(self, x: float, pos: int | None = None) -> str:
        return self._format(x, self.decimals)

    def format_ticks(self, values: Sequence[float]) -> list[str]:
        for decimals in (0, 1, 2):
            labels = [self._format(value, decimals) for value in values]
            if len(set(labels)) == len(labels):
                break
        self.decimals = decimals
        return labels


class NumberFormatter(Formatter):
    """Whole numbers (or compact ones above ten thousand) in the locale."""

    def __init__(self, locale: str) -> None:
        self.locale = locale

    def __call__(self, x: float, pos: int | None = None) -> str:
        if abs(x) >= 10_000:
            return formatting.number_compact(x, self.locale)
        decimals = 0 if float(x).is_integer() else 1
        return formatting.number(x, self.locale, decimals=decimals)


class PercentFormatter(Formatter):
    """A fraction axis (0.25) shown as a percentage in the locale (25 %)."""

    def __init__(self, locale: str, decimals: int = 0) -> None:
        self.locale = locale
        self.decimals = decimals

    def __call__(self, x: float, pos: int | None = None) -> str:
        return formatting.percent(x, self.locale, decimals=self.decimals)


class DateFormatter(Formatter):
    """matplotlib date numbers shown as months (long spans) or days (short ones)."""

    def __init__(self, locale: str, *, by_month: bool) -> None:
        self.locale = locale
        self.by_month = by_month

    def __call__(self, x: float, pos: int | None = None) -> str:
        from matplotlib.dates import num2date

        moment = num2date(x)
        if self.by_month:
            return formatting.month(Month(moment.year, moment.month), self.locale)
        return formatting.day(moment.date(), self.locale)
