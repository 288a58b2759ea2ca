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
    """True where a cell is empty: missing, or text that is empty or only spaces."""
    series = pd.Series(values, dtype=object, copy=False)
    mask = series.isna().to_numpy().copy()
    is_empty_text = np.asarray(values == "", dtype=bool)
    mask |= is_empty_text
    # Spaces-only text is rare; look for it only among the text cells that are short.
    kind = pd.api.types.infer_dtype(series, skipna=True)
    if kind in ("string", "mixed", "mixed-integer"):
        text = series[~mask]
        stripped = text.map(lambda v: isinstance(v, str) and not v.strip(), na_action="ignore")
        if len(stripped):
            spaces = stripped.to_numpy(dtype=bool, na_value=False)
            mask[np.flatnonzero(~mask)[spaces]] = True
    return mask


@dataclass
class Grid:
    """Cells of (part of) one sheet; all columns have the same length as ``row_numbers``."""

    columns: list[np.ndarray]
    row_numbers: np.ndarray
    first_column: int = 0
    # Rows the reader could not split into the header's columns (CSV lines with extra fields).
    malformed: dict[int, str] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.row_numbers)

    @property
    def width(self) -> int:
        return len(self.columns)

    def slice(self, start: int, stop: int | None = None) -> Grid:
        return Grid(
            [column[start:stop] for column in self.columns],
            self.row_numbers[start:stop],
            self.first_column,
            {
                row: text
                for row, text in self.malformed.items()
                if row in set(self.row_numbers[start:stop].tolist())
            },
        )

    def letter(self, index: int) -> str:
        return column_letter(self.first_column + index)
