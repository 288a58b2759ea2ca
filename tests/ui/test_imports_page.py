from __future__ import annotations

from pathlib import Path

from dialog_log import DialogLog
from pytestqt.qtbot import QtBot

from csdesk.ui.main_window import MainWindow
from csdesk.ui.pages.imports import ImportsPage
from csdesk.ui.workers import Runner

SHEET = (
    "Cliente;Segmento;Data de renovação;MRR\n"
    "Delta SA;SMB;31/12/2026;R$ 1.234,56\n"
    "Epsilon Ltda;Enterprise;30/06/2027;R$ 2.000,00\n"
    "Zeta;SMB;31/02/2027;R$ 10,00\n"
)


def imports_page(window: MainWindow) -> ImportsPage:
    page = window.page("imports")
    assert isinstance(page, ImportsPage)
    return page


def test_drop_review_import_and_undo(
    window: MainWindow, tmp_path: Path, dialogs: DialogLog
) -> None:
    sheet = tmp_path / "clientes.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    window.spreadsheet_dropped.emit(sheet)
    page = imports_page(window)
    review = page.review
    assert window.current_page() is page
    assert review.isVisible()
    assert review.title.text().startswith("clientes.csv")
    assert "3 rows read" in review.summary.text() and "2 to import" in review.summary.text()
    fields = {column: box.currentData() for column, box in review.field_boxes.items()}
    assert fields == {
        "Cliente": "account",
        "Segmento": "segment",
        "Data de renovação": "renewal_date",
        "MRR": "mrr",
    }
    assert review.entity.currentData() == "accounts"
    problems = [
        review.problems_model.index(r, 2).data() for r in range(review.problems_model.rowCount())
    ]
    assert "31/02/2027" in problems  # the impossible date, on its row, with its column

    session = window.session
    assert session is not None
    review.import_button.click()
    assert not review.isVisible()
    assert (
        session.ws.scalar(
            "SELECT count(*) FROM accounts WHERE name IN ('Delta SA', 'Epsilon Ltda')"
        )
        == 2
    )
    assert "2 rows written" in page.last_result.text()
    assert page.model.rowCount() == 1 and page.model.index(0, 7).data() == "Imported"

    page.table.selectRow(0)
    assert page.undo_button.isEnabled()
    page.undo_button.click()
    assert session.ws.scalar("SELECT count(*) FROM accounts WHERE name = 'Delta SA'") == 0
    assert page.model.index(0, 7).data() == "Undone"
    assert dialogs.errors == []


def test_importing_the_same_file_twice_is_refused_in_a_dialog(
    window: MainWindow, tmp_path: Path, dialogs: DialogLog
) -> None:
    sheet = tmp_path / "clientes.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    window.spreadsheet_dropped.emit(sheet)
    page = imports_page(window)
    page.review.import_button.click()
    window.spreadsheet_dropped.emit(sheet)
    page.review.import_button.click()
    assert dialogs.errors and "already imported" in dialogs.errors[0][1]
    assert page.review.isVisible() and page.review.import_button.isEnabled()


def test_discard_writes_nothing(window: MainWindow, tmp_path: Path) -> None:
    sheet = tmp_path / "clientes.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    window.spreadsheet_dropped.emit(sheet)
    page = imports_page(window)
    page.review.discard_button.click()
    assert not page.review.isVisible()
    assert window.session is not None
    assert window.session.ws.scalar("SELECT count(*) FROM import_batches") == 0


def test_import_runs_in_the_writer_thread(qtbot: QtBot, sample_path: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "clientes.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    win = MainWindow(Runner())
    qtbot.addWidget(win)
    assert win.open_path(sample_path)
    win.show()
    page = imports_page(win)
    win.spreadsheet_dropped.emit(sheet)
    qtbot.waitUntil(page.review.isVisible, timeout=20_000)
    with qtbot.waitSignal(page.review.imported, timeout=20_000):
        page.review.import_button.click()
    assert win.session is not None
    assert win.session.ws.scalar("SELECT count(*) FROM accounts WHERE name = 'Epsilon Ltda'") == 1
    win.close()


def test_a_column_sent_elsewhere_plans_again_before_importing(
    window: MainWindow, tmp_path: Path
) -> None:
    sheet = tmp_path / "clientes.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    window.spreadsheet_dropped.emit(sheet)
    review = imports_page(window).review
    box = review.field_boxes["Segmento"]
    box.setCurrentIndex(box.findData("-"))
    box.activated.emit(box.currentIndex())
    assert review.plan is not None
    assert review.plan.mapping()["Segmento"] is None
    assert review.field_boxes["Segmento"].currentData() == "-"
    review.import_button.click()
    session = window.session
    assert session is not None
    assert session.ws.query("SELECT segment FROM accounts WHERE name = 'Delta SA'") == [(None,)]
