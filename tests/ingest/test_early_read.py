"""A workbook read on a second thread while `csdesk import` loads (issue 14, point 1).

The read started early must give the import exactly what its own read would, once, in the
command's language, and an error it meets must reach the person as the import's own.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from ingest_helpers import write_xlsx

from csdesk.cli import main
from csdesk.i18n import language
from csdesk.ingest import early_read, prepare, readers, workbook_cells
from csdesk.ingest.errors import UnreadableFile
from csdesk.store import Workspace


@pytest.fixture(autouse=True)
def _no_reads_left() -> Any:
    yield
    early_read._reads.clear()


def _sheet(path: Path) -> Path:
    rows: list[list[Any]] = [["Cliente", "Mês", "MRR"]]
    rows += [[f"C{i}", "2025-01", 10.0 * i] for i in range(1, 6)]
    return write_xlsx(path, rows, sheet="Receita")


def _same_cells(a: workbook_cells.SheetCells, b: workbook_cells.SheetCells) -> bool:
    return (
        a.sheet == b.sheet
        and a.sheets == b.sheets
        and a.first_column == b.first_column
        and np.array_equal(a.row_numbers, b.row_numbers)
        and len(a.columns) == len(b.columns)
        and all(list(x) == list(y) for x, y in zip(a.columns, b.columns, strict=True))
    )


def test_the_cells_read_early_are_those_a_read_gives_and_are_handed_over_once(
    tmp_path: Path,
) -> None:
    path = _sheet(tmp_path / "receita.xlsx")
    early_read.start(path, None)
    taken = early_read.take(path, None)
    assert taken is not None
    assert _same_cells(taken, workbook_cells.read(path, None))
    assert early_read.take(path, None) is None  # once: a second prepare reads for itself


def test_a_read_for_another_sheet_or_a_file_changed_since_is_not_used(tmp_path: Path) -> None:
    path = _sheet(tmp_path / "receita.xlsx")
    early_read.start(path, None)
    assert early_read.take(path, "Receita") is None  # asked for by name: another read
    assert early_read.take(path, None) is not None

    early_read.start(path, None)
    for read in early_read._reads.values():
        read.done.wait()
    later = path.stat().st_mtime_ns + 5_000_000_000
    os.utime(path, ns=(later, later))  # saved again in Excel since
    assert early_read.take(path, None) is None


def test_only_workbook_files_are_read_early(tmp_path: Path) -> None:
    csv = tmp_path / "receita.csv"
    csv.write_text("Cliente;MRR\nAcme;10\n", encoding="utf-8")
    early_read.start(csv, None)
    early_read.start(tmp_path / "missing.xlsx", None)
    early_read.start(tmp_path, None)
    assert early_read._reads == {}


def test_the_error_a_read_meets_is_raised_by_the_import_in_the_command_language(
    tmp_path: Path,
) -> None:
    fake = tmp_path / "planilha.xlsx"
    fake.write_text("Cliente;MRR\nAcme;10\n", encoding="utf-8")  # a CSV renamed .xlsx
    with language("pt_BR"):
        early_read.start(fake, None)
    for read in early_read._reads.values():
        read.done.wait()
    with pytest.raises(UnreadableFile) as raised:
        readers.open_source(fake)
    assert "planilha.xlsx não é uma pasta de trabalho" in raised.value.message
    assert early_read._reads == {}


def test_prepare_reads_the_cells_read_early_and_does_not_read_again(
    tmp_path: Path, workbook_reads: list[str]
) -> None:
    path = _sheet(tmp_path / "receita.xlsx")
    early_read.start(path, None)
    plan = prepare(path)
    assert workbook_reads == ["early-read"]
    assert plan.entity == "revenue" and plan.rows_accepted == 5
    with Workspace.open(tmp_path / "w.csdesk", create=True) as ws:
        from csdesk.ingest import commit

        assert commit(ws, plan).rows_written == 5


def test_csdesk_import_of_a_workbook_reads_it_on_the_second_thread(
    tmp_path: Path, workbook_reads: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    path = _sheet(tmp_path / "receita.xlsx")
    target = tmp_path / "new.csdesk"
    assert main(["import", str(target), str(path)]) == 0
    assert workbook_reads == ["early-read"]
    assert "Imported batch 1: 5 rows written" in capsys.readouterr().out
    assert early_read._reads == {}
