"""Finding the header row under titles, notes and blank lines, and naming every column.

The header is the first line that fills most of the sheet's width with labels (text, or the
dates of a wide revenue sheet) and has data under it. A header cell left empty by a merge
takes the merged value (from the merge ranges the workbook declares, or from the line above
it, where a two-line header keeps its group labels). A column with neither a name nor data is
dropped; one with data but no name is called by its letter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

import numpy as np

from csdesk.i18n import _
from csdesk.ingest.errors import ImportRefused
from csdesk.ingest.grid import Grid, blank_mask


@dataclass(frozen=True, slots=True)
class Header:
    row: int  # spreadsheet row number of the header (1-based)
    position: int  # index of the header within the head grid
    names: list[str]  # one per kept column
    columns: list[int]  # index in the grid of each kept column
    raw: list[object]  # the header cells as read (dates stay dates)
    # The same columns named the same in every language: a column without a header is
    # "#B" here (its name, "Column B" / "Coluna B", follows the reader's language). Saved
    # mappings and layout identities use these.
    keys: list[str] = field(default_factory=list)

    def key_of(self, name: str) -> str:
        """The language-independent key of the column shown as ``name`` (itself if unknown)."""
        for shown, key in zip(self.names, self.keys, strict=False):
            if shown == name:
                return key
        return name

    def name_of(self, key: str) -> str:
        """The column shown for a language-independent ``key`` (itself if unknown)."""
        for shown, stored in zip(self.names, self.keys, strict=False):
            if stored == key:
                return shown
        return key


def _label(value: object) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d") if not value.hour and not value.minute else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _is_label(value: object) -> bool:
    if isinstance(value, str):
        text = value.strip()
        return bool(text) and not text.replace(".", "").replace(",", "").lstrip("-").isdigit()
    return isinstance(value, date | datetime)


def find_header(
    head: Grid, where: str, merged: list[tuple[int, int, int, int]] | None = None
) -> Header:
    """Locate the header in the first lines of a sheet; refuse an empty or header-only one."""
    if not len(head) or not head.width:
        raise ImportRefused(_("{where} is empty: there is nothing to import.").format(where=where))
    blanks = np.column_stack([blank_mask(column) for column in head.columns])
    filled = (~blanks).sum(axis=1)
    widest = int(filled.max())
    if widest == 0:
        raise ImportRefused(_("{where} is empty: there is nothing to import.").format(where=where))
    needed = max(2, int(np.ceil(widest * 0.5))) if widest > 1 else 1
    position = -1
    for i in range(len(head)):
        if filled[i] < needed:
            continue
        labels = sum(_is_label(head.columns[c][i]) for c in range(head.width) if not blanks[i, c])
        if labels >= max(1, 0.6 * filled[i]):
            position = i
            break
    if position < 0:
        position = int(np.flatnonzero(filled)[0])
    position = _group_row_above(head, blanks, filled, position, merged or [])
    row_number = int(head.row_numbers[position])
    raw = [head.columns[c][position] for c in range(head.width)]
    cells = [None if blanks[position, c] else raw[c] for c in range(head.width)]
    _fill_merged(cells, head, position, blanks, merged or [])
    below = blanks[position + 1 :]
    has_data: np.ndarray = (
        np.asarray((~below).any(axis=0), dtype=bool)
        if len(below)
        else np.zeros(head.width, dtype=bool)
    )
    unreadable = sorted(row for row in head.malformed if row > row_number)
    if not has_data.any() and unreadable:
        raise ImportRefused(
            _(
                "{where} has a header (row {row}) but none of the lines under it could be read; "
                "row {bad}: {reason}."
            ).format(
                where=where, row=row_number, bad=unreadable[0], reason=head.malformed[unreadable[0]]
            )
        )
    if not has_data.any():
        raise ImportRefused(
            _(
                "{where} has a header (row {row}) but no data rows under it: nothing to import."
            ).format(where=where, row=row_number)
        )
    names: list[str] = []
    keys: list[str] = []
    columns: list[int] = []
    kept_raw: list[object] = []
    seen: dict[str, int] = {}
    seen_keys: dict[str, int] = {}
    for c, cell in enumerate(cells):
        if cell is None and not has_data[c]:
            continue
        # A column without a name is called by its letter, in the reader's language (the
        # name --map and the columns step use); its key is the letter alone.
        letter = head.letter(c)
        name = _label(cell) if cell is not None else _("Column {letter}").format(letter=letter)
        key = _label(cell) if cell is not None else f"#{letter}"
        count = seen.get(name.lower(), 0) + 1
        seen[name.lower()] = count
        names.append(name if count == 1 else f"{name} ({count})")
        key_count = seen_keys.get(key.lower(), 0) + 1
        seen_keys[key.lower()] = key_count
        keys.append(key if key_count == 1 else f"{key} ({key_count})")
        columns.append(c)
        kept_raw.append(cell)
    return Header(row_number, position, names, columns, kept_raw, keys)


def _label_share(head: Grid, blanks: np.ndarray, row: int) -> float:
    cells = [head.columns[c][row] for c in range(head.width) if not blanks[row, c]]
    return sum(_is_label(v) for v in cells) / len(cells) if cells else 0.0


def _group_row_above(
    head: Grid,
    blanks: np.ndarray,
    filled: np.ndarray,
    position: int,
    merged: list[tuple[int, int, int, int]],
) -> int:
    """Step down from a line of group labels (``Receita`` over ``jan/24 fev/24``) to the
    line of column labels under it."""
    below = position + 1
    if below + 1 >= len(head) or filled[below] <= filled[position]:
        return position
    if _label_share(head, blanks, below) < 1.0:
        return position
    row0 = int(head.row_numbers[position]) - 1
    spans = any(top == row0 and right > left for top, left, _bottom, right in merged)
    data_follows = _label_share(head, blanks, below + 1) < 1.0
    return below if spans or data_follows else position


def _fill_merged(
    cells: list[object | None],
    head: Grid,
    position: int,
    blanks: np.ndarray,
    merged: list[tuple[int, int, int, int]],
) -> None:
    """Give a header cell emptied by a merge the merged label."""
    row0 = int(head.row_numbers[position]) - 1
    for top, left, bottom, right in merged:
        if not top <= row0 <= bottom:
            continue
        origin_pos = np.flatnonzero(head.row_numbers == top + 1)
        if not len(origin_pos):
            continue
        origin_col = left - head.first_column
        if not 0 <= origin_col < head.width:
            continue
        value = head.columns[origin_col][int(origin_pos[0])]
        for c in range(
            max(left - head.first_column, 0), min(right - head.first_column + 1, head.width)
        ):
            if cells[c] is None:
                cells[c] = value
    if position > 0:
        for c in range(head.width):
            if cells[c] is None and not blanks[position - 1, c]:
                cells[c] = head.columns[c][position - 1]
