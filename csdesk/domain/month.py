"""Calendar months, the unit of every revenue figure.

Stored as ``YYYY-MM`` text in the workspace; as an ordinal (year * 12 + month - 1) when
arithmetic is needed, which is what vectorised metrics use too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True, order=True, slots=True)
class Month:
    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"month must be 1..12, not {self.month}")

    @classmethod
    def parse(cls, text: str) -> Month:
        """Read ``YYYY-MM``; raise ValueError with the offending text otherwise."""
        match = _MONTH_RE.match(text.strip())
        if not match:
            raise ValueError(f"{text!r} is not a month in the form YYYY-MM")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def of(cls, day: date) -> Month:
        return cls(day.year, day.month)

    @classmethod
    def from_ordinal(cls, ordinal: int) -> Month:
        year, month0 = divmod(ordinal, 12)
        return cls(year, month0 + 1)

    @property
    def ordinal(self) -> int:
        return self.year * 12 + self.month - 1

    def __add__(self, months: int) -> Month:
        return Month.from_ordinal(self.ordinal + months)

    def __sub__(self, months: int) -> Month:
        return Month.from_ordinal(self.ordinal - months)

    def months_until(self, other: Month) -> int:
        """Signed number of months from self to other (other - self)."""
        return other.ordinal - self.ordinal

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return (self + 1).first_day - timedelta(days=1)

    @property
    def quarter(self) -> int:
        return (self.month - 1) // 3 + 1

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"
