"""A large sheet read in two halves at once (issue 14, point 1): exactly the cells a whole read
gives, or a whole read when a cut could move a cell."""

from __future__ import annotations

import os
import tempfile
import time
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from ingest_helpers import write_xlsx, xlsx_with_sheet_xml
from openpyxl import Workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from csdesk.ingest import workbook_cells, workbook_split
from csdesk.ingest.errors import UnreadableFile


@pytest.fixture
def halves(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every sheet part is read in halves; the list holds one entry per read that was."""
    monkeypatch.setattr(workbook_split, "SPLIT_MIN_BYTES", 1)
    joined: list[str] = []
    original = workbook_split._joined

    def spy(first: workbook_split.SheetRead, second: workbook_split.SheetRead) -> Any:
        found = original(first, second)
        joined.append("joined" if found is not None else "crossed")
        return found

    monkeypatch.setattr(workbook_split, "_joined", spy)
    return joined


def _whole(path: Path, sheet: str | None = None) -> workbook_cells.SheetCells:
    saved = workbook_split.SPLIT_MIN_BYTES
    workbook_split.SPLIT_MIN_BYTES = 1 << 62
    try:
        return workbook_cells.read(path, sheet)
    finally:
        workbook_split.SPLIT_MIN_BYTES = saved


def _assert_same(path: Path, sheet: str | None = None) -> workbook_cells.SheetCells:
    halved = workbook_cells.read(path, sheet)
    whole = _whole(path, sheet)
    assert halved.sheet == whole.sheet
    assert halved.sheets == whole.sheets
    assert halved.first_column == whole.first_column
    assert halved.merged == whole.merged
    assert np.array_equal(halved.row_numbers, whole.row_numbers)
    assert [list(c) for c in halved.columns] == [list(c) for c in whole.columns]
    return halved


def _mixed_rows(count: int) -> list[list[Any]]:
    rows: list[list[Any]] = [["Cliente", "Mês", "MRR", "Ativo", "Nota"]]
    for i in range(count):
        rows.append(
            [
                f"Cliente {i:04d} Ltda",
                date(2024, 1 + i % 12, 1),
                1234.5 + i if i % 7 else None,
                i % 3 == 0,
                "" if i % 5 else f"obs {i}",
            ]
        )
    return rows


def test_a_sheet_read_in_halves_gives_the_cells_of_a_whole_read(
    tmp_path: Path, halves: list[str]
) -> None:
    path = write_xlsx(tmp_path / "receita.xlsx", _mixed_rows(2_000), sheet="Receita")
    cells = _assert_same(path)
    assert halves == ["joined"]
    assert len(cells.row_numbers) == 2_001
    assert cells.columns[1][1] == date(2024, 1, 1)


def test_halves_of_different_widths_and_a_gap_between_them_line_up(
    tmp_path: Path, halves: list[str]
) -> None:
    """The top rows start in column C, the bottom ones in A and run to G; empty rows lie
    around the middle: each half's box is placed where it sits in the sheet."""
    book = Workbook()
    sheet = book.active
    for row in range(1, 401):
        sheet.cell(row, 3, f"top {row}")
        sheet.cell(row, 4, row)
    for row in range(431, 801):
        sheet.cell(row, 1, f"bottom {row}")
        sheet.cell(row, 7, row * 2)
    path = tmp_path / "offset.xlsx"
    book.save(path)
    cells = _assert_same(path)
    assert halves == ["joined"]
    assert cells.first_column == 0
    assert len(cells.columns) == 7
    assert cells.columns[2][0] == "top 1" and cells.columns[0][-1] == "bottom 800"


def test_merged_cells_and_a_1904_workbook_read_in_halves(tmp_path: Path, halves: list[str]) -> None:
    book = Workbook()
    book.epoch = CALENDAR_MAC_1904
    sheet = book.active
    sheet.append(["Conta", "Início", "Fim"])
    for i in range(600):
        sheet.append([f"C{i}", datetime(2025, 1, 1 + i % 28), date(2026, 1, 1)])
    sheet.merge_cells("A2:A3")
    sheet.merge_cells("B590:C590")
    path = tmp_path / "mac.xlsx"
    book.save(path)
    cells = _assert_same(path)
    assert halves == ["joined"]
    assert len(cells.merged) == 2
    assert cells.columns[1][1] == date(2025, 1, 1)  # the 1904 calendar followed in both halves
    assert cells.columns[2][-1] == date(2026, 1, 1)


def test_a_wide_sheet_is_measured_in_halves_and_read(tmp_path: Path, halves: list[str]) -> None:
    """Two-letter columns (one per month) take the second measuring pass, over each half."""
    header = ["Conta", *[f"{y}-{m:02d}" for y in range(2022, 2025) for m in range(1, 13)]]
    rows = [header] + [[f"Conta {i}", *range(i, i + 36)] for i in range(500)]
    path = write_xlsx(tmp_path / "wide.xlsx", rows)
    cells = _assert_same(path)
    assert halves == ["joined"]
    assert len(cells.columns) == 37


def test_the_sheet_asked_for_is_halved_and_the_others_read_as_before(
    tmp_path: Path, halves: list[str]
) -> None:
    path = write_xlsx(
        tmp_path / "two.xlsx",
        [["Nota"], ["curta"]],
        sheet="Capa",
        extra_sheets={"Receita": _mixed_rows(1_500)},
    )
    _assert_same(path, "Receita")
    assert halves == ["joined"]  # the largest part is Receita's
    halves.clear()
    _assert_same(path)  # the first sheet (Capa) is read whole, Receita measured first
    assert halves == []


def _with_sheet_xml(tmp_path: Path, name: str, rows_xml: str) -> Path:
    return xlsx_with_sheet_xml(tmp_path / name, rows_xml)


def _row(number: int, value: str) -> str:
    return f'<row r="{number}"><c r="A{number}" t="inlineStr"><is><t>{value}</t></is></c></row>'


def test_rows_out_of_order_across_the_cut_are_read_whole(tmp_path: Path, halves: list[str]) -> None:
    """The bottom rows written first: the halves' boxes cross, so the sheet is read whole."""
    rows = "".join(_row(n, f"v{n}") for n in range(300, 600)) + "".join(
        _row(n, f"v{n}") for n in range(1, 300)
    )
    path = _with_sheet_xml(tmp_path, "order.xlsx", rows)
    cells = _assert_same(path)
    assert halves == ["crossed"]
    assert list(cells.columns[0][:2]) == ["v1", "v2"]


def test_cells_without_references_after_the_cut_are_read_whole(
    tmp_path: Path, halves: list[str]
) -> None:
    """A cell without its reference follows the previous cell: a cut would move it."""
    rows = "".join(_row(n, f"v{n}") for n in range(1, 300)) + "".join(
        f'<row r="{n}"><c t="inlineStr"><is><t>w{n}</t></is></c><c><v>{n}</v></c></row>'
        for n in range(300, 600)
    )
    path = _with_sheet_xml(tmp_path, "implicit.xlsx", rows)
    cells = _assert_same(path)
    assert halves == []  # never joined: the second half's layout sent it back whole
    assert cells.columns[0][-1] == "w599" and cells.columns[1][-1] == 599


def test_the_halves_leave_nothing_in_the_temporary_folder(
    tmp_path: Path, halves: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    path = write_xlsx(tmp_path / "receita.xlsx", _mixed_rows(800))
    workbook_cells.read(path, None)
    assert halves == ["joined"]
    assert os.listdir(scratch) == []


def test_a_damaged_sheet_read_in_halves_is_a_message(tmp_path: Path, halves: list[str]) -> None:
    """The sheet part is unpacked only by the halves' reading: its damage is said the same way."""
    good = write_xlsx(tmp_path / "good.xlsx", _mixed_rows(3_000))
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    # The middle of the sheet's deflated data, past its local header.
    middle = info.header_offset + 30 + len(info.filename) + info.compress_size // 2
    data[middle : middle + 64] = bytes(64)
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(bytes(data))
    with pytest.raises(UnreadableFile, match="damaged or protected"):
        workbook_cells.read(damaged, None)


def test_only_a_sheet_of_many_megabytes_is_deferred_to_the_halves(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "small.xlsx", _mixed_rows(100))
    assert workbook_split.part_to_defer(path) is None
    assert workbook_split.sheet_parts(path) == {"Sheet1": "xl/worksheets/sheet1.xml"}


def test_no_room_for_the_halves_reads_the_sheet_whole(
    tmp_path: Path, halves: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_xlsx(tmp_path / "receita.xlsx", _mixed_rows(800))
    whole = _whole(path)

    def full(*args: Any, **kwargs: Any) -> Any:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(workbook_split._Half, "write", full)
    cells = workbook_cells.read(path, None)
    assert halves == []
    assert [list(c) for c in cells.columns] == [list(c) for c in whole.columns]


def test_halves_left_by_a_stopped_process_are_deleted(
    tmp_path: Path, halves: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A process stopped during a read leaves its halves; the next read deletes them once an
    hour old, and a process at exit deletes those of reads still running."""
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    stale = scratch / "csdesk-read-stale"
    fresh = scratch / "csdesk-read-fresh"
    for folder in (stale, fresh):
        folder.mkdir()
        (folder / "first.xlsx").write_bytes(b"client data")
    old = time.time() - 2 * 3_600
    os.utime(stale, (old, old))
    workbook_cells.read(write_xlsx(tmp_path / "receita.xlsx", _mixed_rows(800)), None)
    assert halves == ["joined"]
    assert sorted(os.listdir(scratch)) == ["csdesk-read-fresh"]  # a read may still use it
    running = workbook_split._scratch()
    (running / "second.xlsx").write_bytes(b"client data")
    workbook_split._remove_live()
    assert not running.exists()
