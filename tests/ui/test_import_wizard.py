"""The whole import flow on a real file: File > Import…, mapping, the preview with each problem
on its row, import, the summary, and undo from the summary and from the history."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from dialog_log import DialogLog
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from csdesk.ui.main_window import MainWindow
from csdesk.ui.models.import_preview import SEVERITY_ROLE
from csdesk.ui.pages.imports import ImportsPage

SHEET = (
    "Cliente;Segmento;Data de renovação;MRR\r\n"
    "Açaí Ltda;SMB;31/12/2026;R$ 1.234,56\r\n"
    "Épsilon Ltda;Enterprise;30/06/2027;R$ dois mil\r\n"
    "Zeta Comércio;SMB;31/01/2027;R$ 10,00\r\n"
)


@pytest.fixture
def cp1252_sheet(tmp_path: Path) -> Path:
    path = tmp_path / "clientes.csv"
    path.write_bytes(SHEET.encode("cp1252"))
    return path


def test_wizard_from_file_menu_to_undo(
    window: MainWindow,
    cp1252_sheet: Path,
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    monkeypatch: pytest.MonkeyPatch,
    dialogs: DialogLog,
    tmp_path: Path,
) -> None:
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(cp1252_sheet), ""))
    window.import_action.trigger()
    page = window.page("imports")
    assert isinstance(page, ImportsPage)
    assert window.current_page() is page
    review = page.review
    assert review.isVisible()
    assert review.entity.currentData() == "accounts"
    assert review.field_boxes["MRR"].currentData() == "mrr"

    preview = review.preview_model
    qtmodeltester.check(preview)
    assert preview.rowCount() == 3
    headers = [
        preview.headerData(c, Qt.Orientation.Horizontal) for c in range(preview.columnCount())
    ]
    assert headers == ["Row", "Cliente", "Segmento", "Data de renovação", "MRR"]
    rows = {preview.index(r, 0).data(): r for r in range(preview.rowCount())}
    bad = rows["3"]  # spreadsheet row 3: header is row 1
    assert preview.index(bad, 1).data() == "Épsilon Ltda"  # read as cp1252
    assert preview.index(bad, 4).data() == "R$ dois mil"  # the value as typed
    assert preview.index(bad, 0).data(SEVERITY_ROLE) == "error"
    assert preview.index(bad, 4).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "not an amount of money" in preview.index(bad, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert preview.index(rows["2"], 0).data(SEVERITY_ROLE) is None
    assert preview.index(rows["2"], 4).data(Qt.ItemDataRole.BackgroundRole) is None
    good = window.session.number(1234.56, decimals=2)  # type: ignore[union-attr]
    assert preview.index(rows["2"], 4).data() == good  # read, shown in the reader's locale
    assert preview.index(rows["2"], 3).data() == window.session.day(  # type: ignore[union-attr]
        date(2026, 12, 31)
    )
    review.grab().save(str(tmp_path / "wizard.png"))

    review.import_button.click()
    session = window.session
    assert session is not None
    names = {
        r[0]: r[1]
        for r in session.ws.query(
            "SELECT a.name, max(r.mrr) FROM accounts a LEFT JOIN revenue_months r "
            "ON r.account_id = a.id WHERE a.name IN ('Açaí Ltda', 'Épsilon Ltda', "
            "'Zeta Comércio') GROUP BY a.name"
        )
    }
    assert names == {"Açaí Ltda": 1234.56, "Zeta Comércio": 10.0}
    text = page.last_result.text()
    assert "2 rows written" in text and "1 rejected" in text and "2 accounts created" in text
    assert page.last_batch is not None and f"Batch {page.last_batch}" in text
    assert page.undo_last_button.isVisible()

    page.undo_last_button.click()
    assert session.ws.scalar("SELECT count(*) FROM accounts WHERE name = 'Açaí Ltda'") == 0
    assert "undone" in page.last_result.text()
    assert page.model.index(0, 7).data() == "Undone"
    assert dialogs.errors == []


def test_history_undo_after_a_wizard_import(window: MainWindow, cp1252_sheet: Path) -> None:
    window.spreadsheet_dropped.emit(cp1252_sheet)
    page = window.page("imports")
    assert isinstance(page, ImportsPage)
    page.review.import_button.click()
    session = window.session
    assert session is not None
    assert session.ws.scalar("SELECT count(*) FROM accounts WHERE name = 'Zeta Comércio'") == 1
    page.table.selectRow(0)
    page.undo_button.click()
    assert session.ws.scalar("SELECT count(*) FROM accounts WHERE name = 'Zeta Comércio'") == 0
