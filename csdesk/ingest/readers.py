"""Readers: a spreadsheet file in, blocks of cells (:class:`Grid`) out.

Workbooks (xlsx, xlsm, xls, ods) go through python-calamine, which returns cached formula
values and knows hidden sheets; they are checked for bombs and encryption first
(:mod:`workbook_safety`), and read into columns by :mod:`workbook_cells`, which the command
line may have run already, on a second thread (:mod:`early_read`). CSV files go through
pandas' C parser in chunks, so a file of a million lines is never held whole. Either way a
:class:`Source` hands out the first lines for analysis (:meth:`Source.head`) and then every
line in order (:meth:`Source.chunks`).
"""

from __future__ import annotations

import re
import warnings
from abc import ABC, abstractmethod
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd

from csdesk.i18n import _
from csdesk.ingest import csv_format, early_read, limits, wording, workbook_cells, workbook_safety
from csdesk.ingest.errors import HostileFile, ImportRefused, UnreadableFile
from csdesk.ingest.grid import Grid, column_letter
from csdesk.ingest.wording import count
from csdesk.ingest.workbook_cells import SheetInfo

HEAD_ROWS = 1_000
CSV_CHUNK_ROWS = 100_000
WORKBOOK_SUFFIXES = early_read.SUFFIXES
# Extra columns read beyond the widest line of the sample, to catch lines with extra fields.
_CSV_SPARE_COLUMNS = 4
_MAY_HOLD_TEXT = frozenset({"string", "mixed", "mixed-integer", "unknown-array"})
_SKIPPED_LINE = re.compile(r"Skipping line (\d+): expected (\d+) fields, saw (\d+)")


class Source(ABC):
    """One sheet of one file, ready to be read."""

    path: Path
    sheets: list[SheetInfo]
    sheet: str | None
    description: str
    streamed: bool
    merged: list[tuple[int, int, int, int]]

    @property
    def file_name(self) -> str:
        return self.path.name

    def where(self) -> str:
        return wording.where(self.file_name, self.sheet)

    @abstractmethod
    def head(self) -> Grid:
        """The first lines, enough to find the header and decide the mapping."""

    @abstractmethod
    def chunks(self) -> Iterator[Grid]:
        """Every line of the sheet, in order, in blocks."""


def check_cell_sizes(grid: Grid, where: str) -> None:
    """Refuse a cell longer than Excel allows (a 50 MB cell is an attack or an accident).

    Columns without text (numbers, dates) are passed over at once.
    """
    for index, column in enumerate(grid.columns):
        if column.dtype != object or not len(column):
            continue
        if pd.api.types.infer_dtype(column, skipna=True) not in _MAY_HOLD_TEXT:
            continue
        try:
            longest = max(map(len, column))  # a column of text only: the fast way
        except TypeError:
            longest = max((len(v) for v in column if type(v) is str), default=0)
        if longest >= limits.MAX_CELL_CHARS:
            lengths = np.array([len(v) if isinstance(v, str) else 0 for v in column])
            position = int(lengths.argmax())
            raise HostileFile(
                _(
                    "{where}, row {row}, column {letter}: one cell holds {length} characters "
                    "(a workbook cuts a longer text to {most}, the most a spreadsheet cell "
                    "holds). The file was refused; shorten that cell's text and import it again."
                ).format(
                    where=where,
                    row=int(grid.row_numbers[position]),
                    letter=grid.letter(index),
                    length=count(longest),
                    most=count(limits.MAX_CELL_CHARS),
                )
            )


class WorkbookSource(Source):
    """A sheet of a workbook, read whole by calamine (fast, and the file is zipped anyway)."""

    streamed = False

    def __init__(
        self, path: Path, sheet: str | None, cells: workbook_cells.SheetCells | None = None
    ) -> None:
        """``cells``: the sheet already read (:mod:`early_read`), else it is read here."""
        self.path = path
        if cells is None:
            cells = workbook_cells.read(path, sheet)
        self.sheets = cells.sheets
        self.sheet = cells.sheet
        self.merged = cells.merged
        kind = path.suffix.lstrip(".").upper()
        self.description = (
            _("{kind} workbook").format(kind=kind) if kind else _("Workbook (no file extension)")
        )
        self._grid = Grid(cells.columns, cells.row_numbers, cells.first_column, errors=cells.errors)
        check_cell_sizes(self._grid, self.where())

    def head(self) -> Grid:
        return self._grid.slice(0, HEAD_ROWS)

    def chunks(self) -> Iterator[Grid]:
        yield self._grid


class CsvSource(Source):
    """A CSV file, read in chunks of :data:`CSV_CHUNK_ROWS` lines."""

    streamed = True

    def __init__(self, path: Path, sheet: str | None) -> None:
        self.path = path
        if sheet is not None:
            raise ImportRefused(
                _(
                    "{file} is a CSV file: it has no sheets, so --sheet {sheet!r} does not apply."
                ).format(file=path.name, sheet=sheet)
            )
        self.format = csv_format.detect(path)
        workbook_cells.check_width(self.format.max_fields, path.name)
        self.sheets = []
        self.sheet = None
        self.merged = []
        self.description = self.format.describe()
        # Lines with more fields than usual spill into spare columns and are reported.
        self._width = self.format.fields
        self._spare = max(_CSV_SPARE_COLUMNS, self.format.max_fields - self.format.fields)

    def _reader(self, chunk_rows: int, nrows: int | None = None) -> Iterator[Grid]:
        total = self._width + self._spare
        lines = _LineNumbers()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                reader = pd.read_csv(
                    self.path,
                    sep=self.format.separator,
                    encoding=self.format.encoding,
                    encoding_errors="replace" if self.format.stray_bytes else "strict",
                    header=None,
                    names=list(range(total)),
                    dtype=object,
                    na_filter=False,
                    skip_blank_lines=False,
                    quotechar='"',
                    engine="c",
                    on_bad_lines="warn",
                    chunksize=chunk_rows,
                    nrows=nrows,
                )
                with reader:
                    for frame in reader:
                        grid = self._frame_to_grid(frame, caught, lines)
                        check_cell_sizes(grid, self.file_name)
                        yield grid
                    if lines.pending_after(lines.last):
                        # Lines skipped after the last one read: rows of their own.
                        empty = pd.DataFrame({i: [] for i in range(total)}, dtype=object)
                        yield self._frame_to_grid(empty, caught, lines, final=True)
            except (pd.errors.ParserError, UnicodeDecodeError, ValueError, TypeError) as exc:
                raise UnreadableFile(
                    _("{file} cannot be read as CSV ({format}): {reason}").format(
                        file=self.file_name, format=self.description, reason=exc
                    )
                ) from exc

    def _frame_to_grid(
        self,
        frame: pd.DataFrame,
        caught: list[warnings.WarningMessage],
        lines: _LineNumbers,
        final: bool = False,
    ) -> Grid:
        for message in caught:
            match = _SKIPPED_LINE.search(str(message.message))
            if match:
                lines.skip(
                    int(match.group(1)),
                    _(
                        "this line has {found} fields where {expected} were expected; it could "
                        "not be read"
                    ).format(found=count(int(match.group(3))), expected=count(int(match.group(2)))),
                )
        caught.clear()
        numbers = lines.number(len(frame))
        columns = [frame[i].to_numpy(dtype=object) for i in range(self._width)]
        malformed: dict[int, str] = {}
        for i in range(self._width, self._width + self._spare):
            extra = frame[i].to_numpy(dtype=object)
            # Read with na_filter off, an absent field is "": the (slow) test for a missing
            # value is left to the few cells that hold anything.
            candidates = np.flatnonzero(extra != "")
            filled = candidates[pd.notna(extra[candidates])]
            for position in filled.tolist():
                row = int(numbers[position])
                malformed[row] = _(
                    "this line has more fields than the header ({fields}); a separator inside "
                    "an unquoted value shifted its columns"
                ).format(fields=self._width)
        notes = self._stray_byte_notes(columns, numbers) if self.format.stray_bytes else {}
        # A line the parser skipped stays a row (empty, refused with its reason), so no later
        # row takes its number and the count of rows read is the count of lines.
        skipped = lines.take(numbers[-1] if len(numbers) else None, final)
        if skipped:
            places = np.searchsorted(numbers, np.fromiter(skipped, dtype=np.int64))
            numbers = np.insert(numbers, places, np.fromiter(skipped, dtype=np.int64))
            columns = [np.insert(column, places, "") for column in columns]
            malformed.update(skipped)
        return Grid(columns, numbers, 0, malformed, notes)

    def _stray_byte_notes(self, columns: list[np.ndarray], numbers: np.ndarray) -> dict[int, str]:
        notes: dict[int, str] = {}
        for index, column in enumerate(columns):
            texts = pd.Series(column, dtype=object)
            hits = np.flatnonzero(texts.str.contains("\ufffd", regex=False, na=False).to_numpy())
            for position in hits.tolist():
                row = int(numbers[position])
                notes.setdefault(
                    row,
                    _(
                        "column {letter} holds a byte that is not UTF-8 (the rest of the file is "
                        "UTF-8); it was read as \ufffd: {value!r}. Check that text"
                    ).format(letter=column_letter(index), value=column[position]),
                )
        return notes

    def head(self) -> Grid:
        grids = list(self._reader(HEAD_ROWS, nrows=HEAD_ROWS))
        if not grids:
            return Grid([], np.empty(0, dtype=np.int64))
        if len(grids) == 1:
            return grids[0]
        # The lines read, then the skipped lines after them.
        return Grid(
            [np.concatenate(parts) for parts in zip(*(g.columns for g in grids), strict=True)],
            np.concatenate([g.row_numbers for g in grids]),
            0,
            {row: text for g in grids for row, text in g.malformed.items()},
            {row: text for g in grids for row, text in g.notes.items()},
        )

    def chunks(self) -> Iterator[Grid]:
        yield from self._reader(CSV_CHUNK_ROWS)


class _LineNumbers:
    """The number of each line pandas hands over, counting the lines it skipped.

    pandas numbers the rows it returns consecutively and only warns of a line it could not
    split ("Skipping line N"); without this every row after such a line would name the wrong
    row, and the skipped line itself none.
    """

    def __init__(self) -> None:
        self.kept = 0  # rows handed over so far
        self.last = 0  # the highest line number handed over (kept or skipped)
        self._skipped: dict[int, str] = {}
        self._sorted = np.empty(0, dtype=np.int64)

    def skip(self, line: int, reason: str) -> None:
        self._skipped[line] = reason
        self._sorted = np.array(sorted(self._skipped), dtype=np.int64)

    def number(self, rows: int) -> np.ndarray:
        kept = np.arange(self.kept, self.kept + rows, dtype=np.int64)
        self.kept += rows
        # Before the j-th skipped line (0-based) come skipped[j] - j - 1 kept lines.
        before = self._sorted - np.arange(len(self._sorted), dtype=np.int64) - 1
        return kept + 1 + np.searchsorted(before, kept, side="right")

    def pending_after(self, line: int) -> bool:
        return bool(len(self._sorted)) and int(self._sorted[-1]) > line

    def take(self, up_to: int | None, final: bool) -> dict[int, str]:
        """The skipped lines not yet handed over, up to line ``up_to`` (all when final)."""
        top = max(self.last, up_to or 0)
        chosen = {
            line: reason
            for line, reason in self._skipped.items()
            if line > self.last and (final or line <= top)
        }
        self.last = max([top, *chosen])
        return chosen


def open_source(path: Path, sheet: str | None = None) -> Source:
    """The right reader for the file, chosen by its content for workbooks, else CSV."""
    if not path.exists():
        raise ImportRefused(_("{path} does not exist.").format(path=path))
    if path.is_dir():
        raise ImportRefused(_("{path} is a folder, not a spreadsheet file.").format(path=path))
    if path.stat().st_size == 0:
        raise ImportRefused(
            _("{file} is empty (0 bytes): there is nothing to import.").format(file=path.name)
        )
    suffix = path.suffix.lower()
    if suffix in WORKBOOK_SUFFIXES or workbook_safety.sniff(path) != "other":
        return WorkbookSource(path, sheet, early_read.take(path, sheet))
    return CsvSource(path, sheet)


__all__ = [
    "CsvSource",
    "Grid",
    "SheetInfo",
    "Source",
    "WorkbookSource",
    "column_letter",
    "open_source",
]
