"""Spreadsheets written on the fly for the import tests."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any


def write_xlsx(
    path: Path,
    rows: Sequence[Sequence[Any]],
    *,
    sheet: str = "Sheet1",
    extra_sheets: dict[str, Sequence[Sequence[Any]]] | None = None,
    hidden: Sequence[str] = (),
    merges: Sequence[str] = (),
) -> Path:
    """A real .xlsx written by openpyxl: ``None`` cells stay empty."""
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    first.title = sheet
    sheets = {sheet: rows, **(extra_sheets or {})}
    for name, content in sheets.items():
        target = first if name == sheet else book.create_sheet(name)
        for row in content:
            target.append(list(row))
        if name in hidden:
            target.sheet_state = "hidden"
    for merge in merges:
        first.merge_cells(merge)
    book.save(path)
    return path


def write_csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path
