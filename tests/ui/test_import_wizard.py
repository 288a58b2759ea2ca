"""The import wizard on real files: File ▸ Import… through every step to the summary and its
undo, the keyboard (Enter is Next, Esc is Cancel), Back and Next, a workbook's sheets, a plan
that cannot be imported, and cancelling (mid-way or during the import) writing nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from dialog_log import DialogLog
from import_helpers import imports_page, wizard_of
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from csdesk.ui.import_wizard.wizard import COLUMNS, FILE, PREVIEW, SHEET, SUMMARY
from csdesk.ui.main_window import MainWindow
from csdesk.ui.models.import_preview import SEVERITY_ROLE

SHEET_TEXT = (
    "Cliente;Segmento;Data de renovação;MRR\r\n"
    "Açaí Ltda;SMB;31/12/2026;R$ 1.234,56\r\n"
    "Épsilon Ltda;Enterprise;30/06/2027;R$ dois mil\r\n"
    "Zeta Comércio;SMB;31/01/2027;R$ 10,00\r\n"
)
NEW_NAMES = "('Açaí Ltda', 'Épsilon Ltda', 'Zeta Comércio')"


@pytest.fixture
def cp1252_sheet(tmp_path: Path) -> Path:
    path = tmp_path / "clientes.csv"
    path.write_bytes(SHEET_TEXT.encode("cp1252"))
    return path


def count(window: MainWindow, sql: str) -> int:
    assert window.session is not None
    return int(window.session.ws.scalar(sql))


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
    page = imports_page(window)
    assert window.current_page() is page
    wizard = wizard_of(window)
    assert wizard.isVisible()
    assert wizard.windowModality() == Qt.WindowModality.WindowModal
    # A CSV has one sheet: the wizard opens on the columns, file and sheet steps done.
    assert wizard.step == COLUMNS
    bar = [label.text() for label in wizard.step_bar.labels]
    assert bar == ["✓  File", "✓  Sheet", "3  Columns", "4  Preview", "5  Import", "6  Summary"]
    assert "nothing to choose" in wizard.step_bar.labels[SHEET].toolTip()
    assert wizard.file_step.name.text() == "clientes.csv"
    assert "cp1252" in wizard.file_step.format.text()
    columns = wizard.columns_step
    assert columns.entity.currentData() == "accounts"
    assert columns.field_boxes["MRR"].currentData() == "mrr"
    assert "MRR" in columns.columns.item(3, 3).text()  # the reason of the mapping
    wizard.grab().save(str(tmp_path / "wizard-columns.png"))

    wizard.next_button.click()
    assert wizard.step == PREVIEW
    assert wizard.next_button.text() == "Import" and wizard.next_button.isEnabled()
    preview_step = wizard.preview_step
    assert preview_step.read_card.value.text() == "3"
    assert preview_step.accepted_card.value.text() == "2"
    assert preview_step.rejected_card.value.text() == "1"
    assert preview_step.accounts_card.value.text() == "2"
    preview = preview_step.preview_model
    qtmodeltester.check(preview)
    qtmodeltester.check(preview_step.problems_model)
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
    session = window.session
    assert session is not None
    assert preview.index(rows["2"], 4).data() == session.number(1234.56, decimals=2)
    assert preview.index(rows["2"], 3).data() == session.day(date(2026, 12, 31))
    # The problems list names row, column and value; choosing it selects the row above.
    problems = preview_step.problems_model
    assert [problems.index(0, c).data() for c in range(3)] == ["3", "MRR", "R$ dois mil"]
    preview_step.problems.clicked.emit(problems.index(0, 3))
    assert preview_step.preview.selectionModel().isRowSelected(bad)
    wizard.grab().save(str(tmp_path / "wizard-preview.png"))

    wizard.next_button.click()  # Import
    assert wizard.step == SUMMARY
    assert not wizard.back_button.isVisible() and not wizard.cancel_button.isVisible()
    names = {
        r[0]: r[1]
        for r in session.ws.query(
            "SELECT a.name, max(r.mrr) FROM accounts a LEFT JOIN revenue_months r "
            f"ON r.account_id = a.id WHERE a.name IN {NEW_NAMES} GROUP BY a.name"
        )
    }
    assert names == {"Açaí Ltda": 1234.56, "Zeta Comércio": 10.0}
    summary = wizard.summary_step
    text = summary.result_text.text()
    assert "2 rows written" in text and "1 rejected" in text and "2 accounts created" in text
    assert summary.batch_id is not None and f"Batch {summary.batch_id}" in text
    assert summary.written_card.value.text() == "2"
    assert summary.accounts_card.value.text() == "2"
    assert summary.undo_button.isVisible()
    # The history behind the wizard already lists the batch, selected.
    assert page.model.rowCount() == 1 and page.model.index(0, 7).data() == "Imported"
    assert page.table.selectionModel().isRowSelected(0)

    summary.undo_button.click()
    assert count(window, "SELECT count(*) FROM accounts WHERE name = 'Açaí Ltda'") == 0
    assert "undone" in summary.title.text()
    assert not summary.undo_button.isVisible()
    assert page.model.index(0, 7).data() == "Undone"

    wizard.next_button.click()  # Finish
    assert not wizard.isVisible()
    assert window.current_page() is page
    assert dialogs.errors == []


def test_enter_is_next_and_escape_cancels_writing_nothing(
    window: MainWindow, cp1252_sheet: Path, qtbot: QtBot
) -> None:
    window.spreadsheet_dropped.emit(cp1252_sheet)
    wizard = wizard_of(window)
    assert wizard.step == COLUMNS
    qtbot.keyClick(wizard, Qt.Key.Key_Return)
    assert wizard.step == PREVIEW
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert not wizard.isVisible()
    assert count(window, "SELECT count(*) FROM import_batches") == 0
    assert count(window, f"SELECT count(*) FROM accounts WHERE name IN {NEW_NAMES}") == 0


def test_back_and_next_walk_the_steps(window: MainWindow, cp1252_sheet: Path) -> None:
    window.spreadsheet_dropped.emit(cp1252_sheet)
    wizard = wizard_of(window)
    wizard.back_button.click()
    assert wizard.step == FILE  # the sheet step of a CSV is skipped both ways
    assert not wizard.back_button.isVisible()
    assert wizard.step_bar.labels[FILE].text() == "1  File"
    assert "Read: 3 rows" in wizard.file_step.status.text()
    wizard.next_button.click()
    assert wizard.step == COLUMNS
    wizard.next_button.click()
    assert wizard.step == PREVIEW
    wizard.back_button.click()
    assert wizard.step == COLUMNS
    wizard.cancel_button.click()
    assert not wizard.isVisible()
    assert count(window, "SELECT count(*) FROM import_batches") == 0


def test_cancel_mid_way_after_a_choice_writes_nothing(
    window: MainWindow, cp1252_sheet: Path
) -> None:
    window.spreadsheet_dropped.emit(cp1252_sheet)
    wizard = wizard_of(window)
    box = wizard.columns_step.field_boxes["Segmento"]
    box.setCurrentIndex(box.findData("-"))
    box.activated.emit(box.currentIndex())
    assert wizard.plan is not None and wizard.plan.mapping()["Segmento"] is None
    wizard.next_button.click()
    wizard.cancel_button.click()
    assert not wizard.isVisible()
    assert count(window, "SELECT count(*) FROM import_batches") == 0
    assert count(window, f"SELECT count(*) FROM accounts WHERE name IN {NEW_NAMES}") == 0


def test_cancelling_the_running_import_writes_nothing(
    window: MainWindow, cp1252_sheet: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from csdesk.ingest import plan as plan_module

    window.spreadsheet_dropped.emit(cp1252_sheet)
    wizard = wizard_of(window)
    wizard.next_button.click()
    real_commit = plan_module.commit

    def commit_pressing_escape(
        ws: Any, plan: Any, *, progress: Callable[..., None], lang: Any = None
    ) -> Any:
        def report(fraction: float, message: str) -> None:
            if fraction > 0.5:  # rows written, transaction still open: the person hits Esc
                qtbot.keyClick(wizard, Qt.Key.Key_Escape)
            progress(fraction, message)

        return real_commit(ws, plan, progress=report, lang=lang)

    monkeypatch.setattr(plan_module, "commit", commit_pressing_escape)
    wizard.next_button.click()  # Import
    assert wizard.isVisible() and wizard.step == PREVIEW
    assert wizard.hint.text() == "Import cancelled; nothing was written."
    assert wizard.next_button.isEnabled()  # it may be tried again
    assert count(window, "SELECT count(*) FROM import_batches") == 0
    assert count(window, f"SELECT count(*) FROM accounts WHERE name IN {NEW_NAMES}") == 0


def test_a_plan_that_cannot_be_imported_says_why_and_keeps_import_disabled(
    window: MainWindow, cp1252_sheet: Path
) -> None:
    window.spreadsheet_dropped.emit(cp1252_sheet)
    wizard = wizard_of(window)
    box = wizard.columns_step.field_boxes["Segmento"]
    box.setCurrentIndex(box.findData("renewal_date"))  # text sent to a date field
    box.activated.emit(box.currentIndex())
    wizard.next_button.click()
    assert wizard.step == PREVIEW
    assert wizard.plan is not None and wizard.plan.blocking
    assert not wizard.next_button.isEnabled()
    assert wizard.plan.blocking in wizard.next_button.toolTip()
    assert wizard.plan.blocking in wizard.preview_step.blocking.text()
    assert not wizard.preview_step.blocking.isHidden()
    wizard.next_button.click()
    assert wizard.step == PREVIEW


def test_a_workbook_opens_on_its_visible_sheets(window: MainWindow, tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "carteira.xlsx"
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.title = "Clientes"
    first.append(["Cliente", "Segmento"])
    first.append(["Delta SA", "SMB"])
    revenue = book.create_sheet("Receita")
    revenue.append(["Cliente", "Mês", "MRR"])
    revenue.append(["Delta SA", "01/2025", 100.0])
    revenue.append(["Delta SA", "02/2025", 120.0])
    book.create_sheet("Rascunho").sheet_state = "hidden"
    book.save(path)

    window.spreadsheet_dropped.emit(path)
    wizard = wizard_of(window)
    assert wizard.step == SHEET
    sheets = wizard.sheet_step.sheets
    assert [sheets.item(i).text() for i in range(sheets.count())] == ["Clientes", "Receita"]
    assert "1" in wizard.sheet_step.hidden_note.text()
    sheets.setCurrentRow(1)
    assert wizard.plan is not None and wizard.plan.sheet == "Receita"
    assert wizard.sheet_step.holds.text() == "Revenue"
    wizard.next_button.click()
    assert wizard.step == COLUMNS
    assert wizard.columns_step.entity.currentData() == "revenue"
    wizard.back_button.click()
    assert wizard.step == SHEET
