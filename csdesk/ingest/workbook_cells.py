"""A workbook's sheet read by calamine into columns of cells, after the safety checks.

Kept apart from the readers, and free of pandas, so that the command line can run it on a
second thread while pandas is still loading (:mod:`csdesk.ingest.early_read`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from csdesk import collector
from csdesk.i18n import _, ngettext
from csdesk.ingest import limits, wording, workbook_extent, workbook_safety, workbook_split
from csdesk.ingest.errors import HostileFile, ImportRefused, UnreadableFile
from csdesk.ingest.wording import count


@dataclass(frozen=True, slots=True)
class SheetInfo:
    name: str
    hidden: bool


@dataclass(frozen=True, slots=True)
class SheetCells:
    """The sheet chosen, its cells as columns, and what a :class:`Grid` is made from."""

    sheets: list[SheetInfo]
    sheet: str
    columns: list[np.ndarray]
    row_numbers: np.ndarray
    first_column: int
    merged: list[tuple[int, int, int, int]]
    # Per sheet row: its cells that hold an Excel error (#N/A), which calamine reads as empty,
    # each as (its column, counted from A as 0; the error as written).
    errors: dict[int, list[tuple[int, str]]] = field(default_factory=dict)


def check_width(width: int, where: str) -> None:
    # "at least": a CSV's width is counted on its first 256 kB, which may end inside a line.
    if width > limits.MAX_COLUMNS:
        raise HostileFile(
            _(
                "{where} has at least {width} columns; csdesk imports sheets of at most {most} "
                "columns. Remove the unused columns and import it again."
            ).format(where=where, width=count(width), most=count(limits.MAX_COLUMNS))
        )


def read(path: Path, wanted: str | None) -> SheetCells:
    """The sheet ``wanted`` (else the first visible one holding data), once the file has
    passed the checks that keep calamine from reading a bomb or an encrypted file."""
    from python_calamine import CalamineError, CalamineWorkbook

    kind = workbook_safety.sniff(path)
    deferred = None
    errors: dict[str, workbook_extent.ErrorScan] = {}
    if kind == "zip":
        deferred = workbook_split.part_to_defer(path)
        errors = workbook_safety.check_zip(path, deferred)
    elif kind == "cfb":
        workbook_safety.check_compound_file(path)
    else:
        raise UnreadableFile(
            _(
                "{file} is not a workbook: its content is not that of an Excel or "
                "OpenDocument file (it may be damaged or renamed). Open it in Excel and save "
                "it as .xlsx, or export it as CSV."
            ).format(file=path.name)
        )
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        sheets = [
            SheetInfo(meta.name, str(meta.visible).split(".")[-1] != "Visible")
            for meta in workbook.sheets_metadata
        ]
        with collector.paused():
            return _load(path, workbook, sheets, wanted, deferred, errors)
    except ImportRefused:
        raise
    except (CalamineError, ValueError, OSError) as exc:
        message = str(exc) or type(exc).__name__
        if "password" in message.lower() or "encrypt" in message.lower():
            raise UnreadableFile(
                _(
                    "{file} is password-protected; remove the password in Excel and import "
                    "it again."
                ).format(file=path.name)
            ) from exc
        raise UnreadableFile(
            _(
                "{file} cannot be read as a workbook ({reason}). Open it in Excel and save "
                "it again, or export the sheet as CSV."
            ).format(file=path.name, reason=message)
        ) from exc


def _load(
    path: Path,
    workbook: Any,
    sheets: list[SheetInfo],
    wanted: str | None,
    deferred: str | None = None,
    errors: dict[str, workbook_extent.ErrorScan] | None = None,
) -> SheetCells:
    """The sheet's cells as columns (its rows' lists gone by the return).

    ``deferred`` is the part the safety checks left unmeasured (:func:`workbook_split.
    part_to_defer`): read in halves when it holds the first sheet tried, else measured before
    any sheet is read. ``errors`` are the Excel errors the checks found, by part.
    """
    errors = dict(errors or {})
    names = [info.name for info in sheets]
    if wanted is not None:
        if wanted not in names:
            listed = ", ".join(
                _("{sheet!r} (hidden)").format(sheet=info.name) if info.hidden else repr(info.name)
                for info in sheets
            )
            raise ImportRefused(
                _("{file} has no sheet named {sheet!r}; its sheets are: {sheets}.").format(
                    file=path.name, sheet=wanted, sheets=listed
                )
            )
        candidates = [wanted]
    else:
        candidates = [info.name for info in sheets if not info.hidden] or names
    halved = _halved(path, candidates[0], deferred) if deferred is not None else None
    if deferred is not None and halved is None:
        found_errors = workbook_safety.check_deferred(path, deferred)
        if found_errors.count:
            errors[deferred] = found_errors
    elif halved is not None and deferred is not None and halved.errors and halved.errors.count:
        errors[deferred] = halved.errors
    for name in candidates:
        if halved is not None and name == candidates[0]:
            found = halved
        else:
            sheet = workbook.get_sheet_by_name(name)
            check_width(int(sheet.width or 0), wording.where(path.name, name))
            found = workbook_split.SheetRead(
                sheet.to_python(), sheet.start, sheet.end, sheet.merged_cell_ranges or []
            )
        rows = found.rows
        if any(any(cell != "" and cell is not None for cell in row) for row in rows[:1000]):
            start = found.start or (0, 0)
            merged = [(int(a[0]), int(a[1]), int(b[0]), int(b[1])) for a, b in found.merged]
            first_row = int(start[0])
            numbers = np.arange(first_row + 1, first_row + 1 + len(rows), dtype=np.int64)
            cells_in_error = _error_cells(path, name, errors) if errors else {}
            return SheetCells(
                sheets, name, _columns(rows), numbers, int(start[1]), merged, cells_in_error
            )
    if wanted is not None:
        raise ImportRefused(
            _("{where} is empty: nothing to import.").format(where=wording.where(path.name, wanted))
            + _only_errors(_of_sheet(path, wanted, errors))
        )
    raise ImportRefused(
        _("{file} is empty: none of its sheets holds data.").format(file=path.name)
        + _only_errors(errors)
    )


def _of_sheet(
    path: Path, sheet: str, errors: dict[str, workbook_extent.ErrorScan]
) -> dict[str, workbook_extent.ErrorScan]:
    if not errors:
        return {}
    part = workbook_split.sheet_parts(path).get(sheet)
    return {part: errors[part]} if part in errors else {}


def _only_errors(errors: dict[str, workbook_extent.ErrorScan]) -> str:
    """What a sheet read as empty held instead, when its cells were Excel errors."""
    count = sum(scan.count for scan in errors.values())
    if not count:
        return ""
    written = sorted({cell[2] for scan in errors.values() for cell in scan.cells})
    return " " + ngettext(
        "Its {count} value is an Excel error ({errors}): fix the formula and save the workbook.",
        "Its {count} values are all Excel errors ({errors}): fix the formulas and save the "
        "workbook.",
        count,
    ).format(count=wording.count(count), errors=", ".join(written[:6]))


def _error_cells(
    path: Path, sheet: str, errors: dict[str, workbook_extent.ErrorScan]
) -> dict[int, list[tuple[int, str]]]:
    """Per row of ``sheet``, its cells holding an Excel error: (column, error as written)."""
    found = _of_sheet(path, sheet, errors)
    if not found:
        return {}
    [scan] = found.values()
    by_row: dict[int, list[tuple[int, str]]] = {}
    for row, column, written in scan.cells:
        by_row.setdefault(row, []).append((column, written))
    return by_row


def _halved(path: Path, name: str, deferred: str) -> workbook_split.SheetRead | None:
    """The sheet ``name`` read in halves when it is the part ``deferred``, else None."""
    parts = workbook_split.sheet_parts(path)
    if parts.get(name) != deferred:
        return None
    others = {part for sheet, part in parts.items() if sheet != name}
    with workbook_safety.unpacking(path):
        found = workbook_split.read(path, deferred, name, others)
    if found is not None and found.start is not None and found.end is not None:
        width = found.end[1] - found.start[1] + 1
        check_width(width, wording.where(path.name, name))
    return found


def _columns(rows: list[list[Any]]) -> list[np.ndarray]:
    widths = set(map(len, rows))
    width = max(widths, default=0)
    if not rows or not width:
        return []
    if len(widths) > 1:
        rows = [row + [""] * (width - len(row)) for row in rows]
    total = len(rows)
    return [np.fromiter((row[i] for row in rows), dtype=object, count=total) for i in range(width)]
