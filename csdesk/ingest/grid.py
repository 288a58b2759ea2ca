"""A block of cells as the readers hand it over: columns of Python objects plus row numbers.

Columns rather than rows, because everything after reading works a column at a time with
numpy and pandas. ``row_numbers`` are the numbers a person sees in the spreadsheet (1-based,
counting the title and header lines above the data), carried along so every problem can
name its row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd


def column_letter(index: int) -> str:
    """0 -> ``A``, 25 -> ``Z``, 26 -> ``AA``: the name Excel gives a column."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def blank_mask(values: np.ndarray) -> np.ndarray:
    """True where a cell is empty (missing, or empty text).

    Text of spaces only counts as a value here; the converters treat it as blank (see
    :func:`csdesk.ingest.values.convert`), which costs nothing on the common path.
    """
    mask = pd.isna(values)
    if values.dtype == object:
        mask = mask | np.asarray(values == "", dtype=bool)
    return np.asarray(mask, dtype=bool)


@dataclass
class Grid:
    """Cells of (part of) one sheet; all columns have the same length as ``row_numbers``."""

    columns: list[np.ndarray]
    row_numbers: np.ndarray
    first_column: int = 0
    # Rows the reader could not split into the header's columns (CSV lines with extra fields).
    malformed: dict[int, str] = field(default_factory=dict)
    # Rows read with a doubt worth a warning (a stray byte read as U+FFFD), by row number.
    notes: dict[int, str] = field(default_factory=dict)
    # Cells holding an Excel error (#N/A), which the reader gave as empty: by row number, each
    # cell's column (counted from A as 0, like ``first_column``) and the error as written.
    errors: dict[int, list[tuple[int, str]]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.row_numbers)

    @property
    def width(self) -> int:
        return len(self.columns)

    def slice(self, start: int, stop: int | None = None) -> Grid:
        numbers = self.row_numbers[start:stop]
        malformed: dict[int, str] = {}
        notes: dict[int, str] = {}
        errors: dict[int, list[tuple[int, str]]] = {}
        if self.malformed or self.notes or self.errors:
            inside = set(numbers.tolist())
            malformed = {row: text for row, text in self.malformed.items() if row in inside}
            notes = {row: text for row, text in self.notes.items() if row in inside}
            errors = {row: cells for row, cells in self.errors.items() if row in inside}
        return Grid(
            [column[start:stop] for column in self.columns],
            numbers,
            self.first_column,
            malformed,
            notes,
            errors,
        )

    def letter(self, index: int) -> str:
        return column_letter(self.first_column + index)
