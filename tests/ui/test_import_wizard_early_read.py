"""A workbook dropped on the window is read on a second thread while the importer loads.

The first import of a session used to load pandas and the importer on the window's thread
(the import page's module imported the data room's currency note at its top): the window froze
for 0.4 s when the file was dropped. The importer now loads in the read job, the workbook is
read meanwhile (`csdesk.ingest.early_read`), and no read is left behind holding its cells.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from import_helpers import wizard_of

from csdesk.ingest import early_read
from csdesk.ui.main_window import MainWindow


def write_xlsx(path: Path, rows: list[list[Any]], sheet: str = "Sheet1") -> Path:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = sheet
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


@pytest.fixture(autouse=True)
def _no_reads_left() -> Any:
    yield
    early_read._reads.clear()


def test_a_dropped_workbook_is_read_on_the_second_thread_and_let_go(
    window: MainWindow, tmp_path: Path, workbook_reads: list[str]
) -> None:
    rows: list[list[Any]] = [["Cliente", "Mês", "MRR"]]
    rows += [[f"Conta {i}", "2025-01", 100.0 + i] for i in range(12)]
    path = write_xlsx(tmp_path / "receita.xlsx", rows, sheet="Receita")
    window.spreadsheet_dropped.emit(path)
    wizard = wizard_of(window)
    assert wizard.plan is not None and wizard.plan.rows_read == 12
    assert workbook_reads == ["early-read"]  # read once, on its own thread
    assert early_read._reads == {}


def test_a_read_the_import_did_not_take_is_let_go(tmp_path: Path) -> None:
    first = write_xlsx(tmp_path / "a.xlsx", [["Cliente", "MRR"], ["Acme", 1.0]])
    second = write_xlsx(tmp_path / "b.xlsx", [["Cliente", "MRR"], ["Beta", 2.0]])
    early_read.start(first, None)
    early_read.start(second, None)  # another file before the first was taken: it replaces it
    assert early_read.take(first, None) is None
    early_read.discard(second, None)
    assert early_read._reads == {}


PROGRAM = """
import json, sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
import csdesk.ui.pages.imports
print(json.dumps(sorted(m for m in ("pandas", "csdesk.ingest.plan") if m in sys.modules)))
"""


def test_the_import_page_loads_no_pandas_on_the_window_thread(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CSDESK_DATA_DIR=str(tmp_path / "data"))
    out = subprocess.run(
        [sys.executable, "-c", PROGRAM], env=env, capture_output=True, text=True, check=True
    )
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []
