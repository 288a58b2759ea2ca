"""A data sheet of the export as plain data: typed columns, rows, and how it is presented."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from openpyxl.utils import get_column_letter

ColumnKind = Literal["text", "int", "number", "money", "ratio", "date", "score"]

# Widths (in characters) of columns whose values have a known shape.
_KIND_WIDTH: dict[str, float] = {
    "int": 10,
    "number": 11,
    "money": 15,
    "ratio": 10,
    "date": 12,
    "score": 9,
}
MIN_WIDTH, MAX_WIDTH = 8.0, 48.0


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its header, the kind of value it holds, a width (None: fitted)."""

    header: str
    kind: ColumnKind
    width: float | None = None


@dataclass
class DataSheet:
    """A sheet of rows under one header row; values are Python str, int, float, date or None.

    ``freeze`` is the top-left cell that stays scrollable (``C2``: header row and the first
    two columns frozen). ``band_score_column`` (0-based) names the health score column whose
    value colours the row's score and band cells (healthy, at risk, critical).
    """

    title: str
    columns: list[Column]
    rows: Sequence[Sequence[object]]
    freeze: str = "A2"
    autofilter: bool = True
    band_score_column: int | None = None
    band_columns: tuple[int, ...] = ()
    note: str | None = None
    widths: list[float] = field(default_factory=list)

    @property
    def last_row(self) -> int:
        """The sheet row of the last data row (the header is row 1)."""
        return len(self.rows) + 1

    def letter(self, index: int) -> str:
        return get_column_letter(index + 1)

    def column_range(self, index: int) -> str:
        """``'Sheet name'!$C$2:$C$101``: the data cells of one column, for formulas and charts."""
        letter = self.letter(index)
        last = max(self.last_row, 2)
        return f"{quote_sheet(self.title)}!${letter}$2:${letter}${last}"

    def fitted_widths(self, sample: int = 3000) -> list[float]:
        """Column widths from the header and the longest text among the first rows."""
        widths: list[float] = []
        for index, column in enumerate(self.columns):
            if column.width is not None:
                widths.append(column.width)
                continue
            longest = max((len(word) for word in column.header.split()), default=0) + 2
            if column.kind == "text":
                for row in self.rows[:sample]:
                    value = row[index]
                    if isinstance(value, str):
                        longest = max(longest, min(len(value), int(MAX_WIDTH)) + 2)
            else:
                longest = max(longest, int(_KIND_WIDTH[column.kind]))
            widths.append(float(min(max(longest, MIN_WIDTH), MAX_WIDTH)))
        return widths


def quote_sheet(title: str) -> str:
    """A sheet name as a formula reference: always quoted, quotes doubled."""
    return "'" + title.replace("'", "''") + "'"
