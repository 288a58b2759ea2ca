"""The data room wizard in the app: a folder or zip dropped on the window (or chosen from the
File menu) lists every file with what it holds, the skipped ones with their reasons; a file
that needs a mapping waits alone; a file's entity and its columns can be changed; Import all
writes the rest, in order, and the portfolio counts them; a cancel midway writes nothing."""

from __future__ import annotations

import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from clipping import clipped
from dialog_log import DialogLog
from import_helpers import imports_page
from PySide6.QtCore import QMimeData, QPointF, QSize, Qt, QUrl
from PySide6.QtGui import QDropEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from csdesk.i18n import current_language
from csdesk.ingest import dataroom
from csdesk.store import Workspace
from csdesk.store.settings import LOCALE
from csdesk.ui.import_wizard.room import FILES, IMPORTING, SUMMARY, RoomWizard
from csdesk.ui.import_wizard.room_steps import (
    FILE_COLUMN,
    PROBLEMS_COLUMN,
    ROWS_COLUMN,
    SHEET_COLUMN,
    STATE_COLUMN,
    SURE_COLUMN,
)
from csdesk.ui.import_wizard.wizard import COLUMNS, PREVIEW
from csdesk.ui.main_window import MainWindow
from csdesk.ui.workers import Runner

ACCOUNTS = "Cliente;Segmento;Região\nAçaí Ltda;SMB;Sul\nZeta Comércio;Enterprise;Sudeste\n"
# The sample workspace's last month is 2026-04 (MRR 180).
REVENUE = (
    "Cliente;Mês;MRR\nAçaí Ltda;03/2026;900\nAçaí Ltda;04/2026;1000\nZeta Comércio;04/2026;2500\n"
)
# Columns that name no field: csdesk cannot tell what it holds.
NOTES = "Coluna A;Coluna B\nfoo;bar\nbaz;qux\n"
NEW = "('Açaí Ltda', 'Zeta Comércio')"


def write_room(folder: Path) -> Path:
    """A client's folder: revenue named to sort first, the accounts it names, a copy of
    the accounts, a README, a PDF and a sheet nobody can read without help."""
    folder.mkdir()
    (folder / "01 receita mensal.csv").write_text(REVENUE, encoding="utf-8")
    (folder / "Cadastro de clientes.csv").write_text(ACCOUNTS, encoding="utf-8")
    (folder / "Cadastro de clientes (1).csv").write_text(ACCOUNTS, encoding="utf-8")
    (folder / "README.txt").write_text("Leia-me\nEstes são os dados.\n", encoding="utf-8")
    (folder / "relatorio.pdf").write_bytes(b"%PDF-1.4 not much of a report")
    (folder / "notas.csv").write_text(NOTES, encoding="utf-8")
    write_tickets(folder / "Suporte.xlsx")
    return folder


def write_tickets(path: Path) -> None:
    """The help desk's workbook: tickets on its first sheet, a notes sheet after."""
    import openpyxl

    book = openpyxl.Workbook()
    tickets = book.active
    assert tickets is not None
    tickets.title = "Chamados"
    tickets.append(["Chamado", "Cliente", "Aberto em", "Prioridade"])
    tickets.append(["CH-101", "Açaí Ltda", "2026-04-02", "Alta"])
    tickets.append(["CH-102", "Zeta Comércio", "2026-04-03", "Baixa"])
    book.create_sheet("Notas").append(["ligar para a Zeta"])
    book.save(path)


@pytest.fixture
def room_folder(tmp_path: Path) -> Path:
    return write_room(tmp_path / "Dados do cliente")


@pytest.fixture
def room_zip(tmp_path: Path, room_folder: Path) -> Path:
    path = tmp_path / "dados.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for file in sorted(room_folder.iterdir()):
            archive.write(file, f"export/{file.name}")
    return path


def drop(window: MainWindow, paths: list[Path]) -> QDropEvent:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPointF(100, 100),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    return event


def room_wizard(window: MainWindow) -> RoomWizard:
    wizard = imports_page(window).room_wizard
    assert wizard is not None
    return wizard


def cell(wizard: RoomWizard, row: int, column: int) -> str:
    item = wizard.files_step.files.item(row, column)
    assert item is not None
    return item.text()


def listed(wizard: RoomWizard) -> dict[str, dict[str, str]]:
    """The files table as text: file → its cells by column name."""
    out: dict[str, dict[str, str]] = {}
    for row in range(wizard.files_step.files.rowCount()):
        name = cell(wizard, row, FILE_COLUMN)
        out[name] = {
            "sheet": cell(wizard, row, SHEET_COLUMN),
            "holds": wizard.files_step.holds_boxes[name].currentText(),
            "rows": cell(wizard, row, ROWS_COLUMN),
            "problems": cell(wizard, row, PROBLEMS_COLUMN),
            "state": cell(wizard, row, STATE_COLUMN),
        }
    return out


def skipped(wizard: RoomWizard) -> dict[str, str]:
    model = wizard.files_step.skipped_model
    return {model.index(r, 0).data(): model.index(r, 1).data() for r in range(model.rowCount())}


def count(window: MainWindow, sql: str) -> int:
    assert window.session is not None
    return int(window.session.ws.scalar(sql))


def test_a_dropped_folder_lists_its_files_in_order_and_imports_the_ready_ones(
    window: MainWindow, room_folder: Path, qtbot: QtBot, tmp_path: Path
) -> None:
    accounts_before = count(window, "SELECT count(*) FROM accounts")
    batches_before = count(window, "SELECT count(*) FROM import_batches")
    with qtbot.waitSignal(window.room_dropped) as blocker:
        event = drop(window, [room_folder])
    assert event.isAccepted() and blocker.args == [room_folder]
    assert window.current_page() is imports_page(window)
    wizard = room_wizard(window)
    assert wizard.isVisible() and wizard.step == FILES
    assert wizard.title.text() == "The files of Dados do cliente"
    files = listed(wizard)
    # Accounts before the revenue and tickets that name them, whatever the names say; the
    # unsure file last.
    assert list(files) == [
        "Cadastro de clientes.csv",
        "01 receita mensal.csv",
        "Suporte.xlsx",
        "notas.csv",
    ]
    assert files["Cadastro de clientes.csv"] == {
        "sheet": "",
        "holds": "Accounts",
        "rows": "2",
        "problems": "no problems",
        "state": "Ready",
    }
    assert files["01 receita mensal.csv"]["holds"] == "Revenue"
    assert files["01 receita mensal.csv"]["rows"] == "3"
    assert files["Suporte.xlsx"]["sheet"] == "Chamados"
    assert files["Suporte.xlsx"]["holds"] == "Tickets"
    assert cell(wizard, 2, SURE_COLUMN) == "93%"
    assert cell(wizard, 3, SURE_COLUMN) == "–"  # nothing guessed
    assert files["notas.csv"]["holds"] == ""  # nothing guessed: the box asks
    assert files["notas.csv"]["state"].startswith("Waits: csdesk cannot tell what this sheet")
    wizard.files_step.files.selectRow(3)
    assert wizard.files_step.detail.text().startswith("notas.csv waits: csdesk cannot tell what")
    assert skipped(wizard) == {
        "Cadastro de clientes (1).csv": "a byte-for-byte copy of Cadastro de clientes.csv",
        "README.txt": "a text file in which csdesk recognises no table",
        "relatorio.pdf": "not a spreadsheet, calendar or mail file",
        # The workbook's other sheet is read too: a line of notes, no table.
        "Suporte.xlsx [Notas]": "Suporte.xlsx, sheet 'Notas' has a header (row 1) but no data "
        "rows under it: nothing to import.",
    }
    assert wizard.files_step.skipped_title.text() == "4 files skipped"
    # The unsure file blocks only itself.
    assert wizard.import_button.isEnabled()
    assert wizard.hint.text() == "1 file waits for a choice; the others import without it."
    wizard.grab().save(str(tmp_path / "room-files.png"))

    wizard.import_button.click()
    assert wizard.step == SUMMARY
    summary = wizard.summary_step.model
    rows = {
        summary.index(r, 0).data(): [summary.index(r, c).data() for c in range(7)]
        for r in range(summary.rowCount())
    }
    assert rows["Cadastro de clientes.csv"][1:6] == ["Accounts", "2", "0", "0", "2"]
    assert rows["01 receita mensal.csv"][1:6] == ["Revenue", "3", "0", "0", "0"]
    assert rows["Suporte.xlsx"][1:6] == ["Tickets", "2", "0", "0", "0"]
    assert rows["notas.csv"][6].startswith("Not imported: csdesk cannot tell what this sheet")
    assert rows["relatorio.pdf"][6] == "Skipped: not a spreadsheet, calendar or mail file"
    assert "3 files imported" in wizard.summary_step.text.text()
    wizard.grab().save(str(tmp_path / "room-summary.png"))
    assert count(window, "SELECT count(*) FROM accounts") == accounts_before + 2
    assert count(window, "SELECT count(*) FROM import_batches") == batches_before + 3
    assert (
        count(window, "SELECT count(*) FROM tickets WHERE external_id IN ('CH-101', 'CH-102')") == 2
    )
    mrr = {
        (name, month): value
        for name, month, value in window.session.ws.query(  # type: ignore[union-attr]
            "SELECT a.name, r.month, r.mrr FROM revenue_months r JOIN accounts a "
            f"ON a.id = r.account_id WHERE a.name IN {NEW}"
        )
    }
    assert mrr == {
        ("Açaí Ltda", "2026-03"): 900,
        ("Açaí Ltda", "2026-04"): 1000,
        ("Zeta Comércio", "2026-04"): 2500,
    }
    # One group of batches: the Imports page lists the set.
    groups = window.session.ws.query(  # type: ignore[union-attr]
        "SELECT DISTINCT group_id FROM import_batches WHERE group_id IS NOT NULL"
    )
    assert len(groups) == 1
    # The Imports page behind lists the set on one row, selected.
    page = imports_page(window)
    assert page.model.rowCount() == 1
    assert page.table.selectionModel().isRowSelected(0)
    wizard.import_button.click()  # Finish
    assert not wizard.isVisible()


def test_the_portfolio_shows_what_the_room_imported(
    window: MainWindow, room_folder: Path, qtbot: QtBot, with_metrics: bool
) -> None:
    session = window.session
    assert session is not None
    drop(window, [room_folder])
    wizard = room_wizard(window)
    wizard.import_button.click()
    wizard.import_button.click()  # Finish
    window.show_page("portfolio")
    page = window.page("portfolio")
    mrr = page.kpi_grid.cards["mrr"].value  # type: ignore[attr-defined]
    # The sample's 180 in 2026-04, and the room's 1,000 + 2,500.
    qtbot.waitUntil(lambda: mrr.text() == session.money(3680.0))


def test_a_dropped_zip_opens_the_same_list(
    window: MainWindow, room_zip: Path, qtbot: QtBot
) -> None:
    drop(window, [room_zip])
    wizard = room_wizard(window)
    assert wizard.title.text() == "The files of dados.zip"
    files = listed(wizard)
    assert list(files) == [
        "export/Cadastro de clientes.csv",
        "export/01 receita mensal.csv",
        "export/Suporte.xlsx",
        "export/notas.csv",
    ]
    assert set(skipped(wizard)) == {
        "export/Cadastro de clientes (1).csv",
        "export/README.txt",
        "export/relatorio.pdf",
        "export/Suporte.xlsx [Notas]",
    }
    # The zip's files were unpacked in a temporary folder the room owns; closing goes with it.
    assert wizard.room is not None
    unpacked = wizard.room.files[0].path
    assert unpacked.exists()
    # Its review says where the file is in the zip, not the temporary folder.
    wizard.review_file(0)
    review = wizard.review_wizard
    assert review is not None and review.isVisible()
    assert review.file_step.folder.text() == "dados.zip › export"
    assert review.file_step.name.text() == "Cadastro de clientes.csv"
    review.cancel_button.click()
    wizard.cancel_button.click()
    assert not wizard.isVisible()
    assert not unpacked.exists()


def test_a_file_given_an_entity_is_planned_again_alone(
    window: MainWindow, room_folder: Path
) -> None:
    drop(window, [room_folder])
    wizard = room_wizard(window)
    assert wizard.room is not None
    accounts_plan = wizard.room.file("Cadastro de clientes.csv").plan
    box = wizard.files_step.holds_boxes["notas.csv"]
    box.setCurrentIndex(box.findData("revenue"))
    box.activated.emit(box.currentIndex())
    room = wizard.room
    assert room.file("notas.csv").entity == "revenue"
    assert room.file("Cadastro de clientes.csv").plan is accounts_plan  # not read again
    files = listed(wizard)
    assert files["notas.csv"]["holds"] == "Revenue"
    # No column gives the month or the MRR: it still waits, saying which fields it lacks,
    # after the revenue file that is ready.
    assert list(files) == [
        "Cadastro de clientes.csv",
        "01 receita mensal.csv",
        "notas.csv",
        "Suporte.xlsx",
    ]
    assert files["notas.csv"]["state"].startswith(
        "Waits: no column gives month, mrr, which revenue need."
    )
    box = wizard.files_step.holds_boxes["notas.csv"]  # the list was drawn again
    box.setCurrentIndex(box.findData("contacts"))
    box.activated.emit(box.currentIndex())
    files = listed(wizard)
    # Read as contacts, its two columns are a name and an account: it is ready, last.
    assert files["notas.csv"] == {
        "sheet": "",
        "holds": "Contacts",
        "rows": "2",
        "problems": "no problems",
        "state": "Ready",
    }
    assert list(files)[-1] == "notas.csv"
    assert wizard.hint.text() == ""


def test_a_file_opened_in_the_import_wizard_comes_back_with_its_mapping(
    window: MainWindow, room_folder: Path, tmp_path: Path
) -> None:
    drop(window, [room_folder])
    wizard = room_wizard(window)
    row = list(listed(wizard)).index("notas.csv")
    wizard.files_step.files.selectRow(row)
    wizard.review_button.click()
    review = wizard.review_wizard
    assert review is not None and review.isVisible() and review.reviewing
    assert review.step == COLUMNS
    assert [label.isVisible() for label in review.step_bar.labels] == [True] * 4 + [False] * 2
    columns = review.columns_step
    columns.entity.setCurrentIndex(columns.entity.findData("contacts"))
    columns.entity.activated.emit(columns.entity.currentIndex())
    for column, field in (("Coluna A", "account"), ("Coluna B", "name")):
        box = columns.field_boxes[column]
        box.setCurrentIndex(box.findData(field))
        box.activated.emit(box.currentIndex())
    review.next_button.click()
    assert review.step == PREVIEW
    assert review.next_button.text() == "Use for this file"
    review.grab().save(str(tmp_path / "room-review.png"))
    review.next_button.click()
    assert not review.isVisible()
    files = listed(wizard)
    assert files["notas.csv"]["holds"] == "Contacts"
    assert files["notas.csv"]["state"] == "Ready"
    assert wizard.hint.text() == ""
    wizard.import_button.click()
    assert wizard.step == SUMMARY
    assert (
        count(
            window,
            "SELECT count(*) FROM contacts c JOIN accounts a ON a.id = c.account_id "
            "WHERE a.name = 'foo' AND c.name = 'bar'",
        )
        == 1
    )


def test_cancel_midway_leaves_the_workspace_unchanged(
    window: MainWindow, room_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drop(window, [room_folder])
    wizard = room_wizard(window)
    tables = ("accounts", "revenue_months", "tickets", "import_batches")
    before = {t: count(window, f"SELECT count(*) FROM {t}") for t in tables}
    seen: list[float] = []
    original = dataroom.import_room

    def cancel_after_the_first_file(*args: Any, **kwargs: Any) -> Any:
        progress = kwargs["progress"]

        def relayed(fraction: float, message: str) -> None:
            progress(fraction, message)
            seen.append(fraction)
            if fraction >= 0.5 and not wizard._cancel.is_set():
                assert wizard.step == IMPORTING
                wizard.cancel_button.click()  # the person cancels, the first file written

        kwargs["progress"] = relayed
        return original(*args, **kwargs)

    monkeypatch.setattr(dataroom, "import_room", cancel_after_the_first_file)
    wizard.import_button.click()
    assert max(seen) >= 0.5, "the cancel came before any file was written"
    assert wizard.step == FILES
    assert wizard.hint.text() == "Import cancelled; nothing was written."
    assert {t: count(window, f"SELECT count(*) FROM {t}") for t in tables} == before
    # The list is as it was: Import all runs again, to the end this time.
    monkeypatch.setattr(dataroom, "import_room", original)
    assert wizard.import_button.isEnabled()
    wizard.import_button.click()
    assert wizard.step == SUMMARY
    assert "3 files imported" in wizard.summary_step.text.text()
    assert count(window, "SELECT count(*) FROM accounts") == before["accounts"] + 2


def open_in(window: MainWindow, sample_path: Path, language: str) -> None:
    """Open the sample again with its Language setting at ``language`` (the window's words,
    numbers and the room's messages switch with it)."""
    ws = Workspace.open(sample_path)
    LOCALE.set(ws, language)
    ws.close()
    assert window.open_path(sample_path)
    assert current_language() == language


@pytest.mark.parametrize(
    ("size", "language"),
    [
        (QSize(1000, 650), "en"),
        (QSize(1920, 1080), "en"),
        (QSize(1000, 650), "pt_BR"),
        (QSize(1920, 1080), "pt_BR"),
        (QSize(860, 560), "pt_BR"),  # the dialog's smallest
    ],
)
def test_nothing_is_cut_off_in_the_room_wizard(
    window: MainWindow,
    sample_path: Path,
    room_folder: Path,
    qtbot: QtBot,
    tmp_path: Path,
    size: QSize,
    language: str,
) -> None:
    open_in(window, sample_path, language)
    drop(window, [room_folder])
    wizard = room_wizard(window)
    wizard.resize(size)
    name = f"{size.width()}x{size.height()}-{language}"
    found: dict[str, list[str]] = {}

    def look(step: str, widget: QWidget) -> None:
        QApplication.processEvents()
        widget.grab().save(str(tmp_path / f"room-{step}-{name}.png"))
        found[step] = clipped(widget)

    look("files", wizard)
    wizard.files_step.files.selectRow(list(listed(wizard)).index("notas.csv"))
    wizard.review_button.click()
    review = wizard.review_wizard
    assert review is not None
    review.resize(size)
    look("review", review)
    columns = review.columns_step
    columns.entity.setCurrentIndex(columns.entity.findData("contacts"))
    columns.entity.activated.emit(columns.entity.currentIndex())
    review.next_button.click()
    assert review.step == PREVIEW
    look("preview", review)
    review.cancel_button.click()
    wizard.import_button.click()
    assert wizard.step == SUMMARY
    look("summary", wizard)
    assert found == {"files": [], "review": [], "preview": [], "summary": []}


def test_the_summary_undoes_the_whole_set(window: MainWindow, room_folder: Path) -> None:
    tables = ("accounts", "revenue_months", "tickets")
    before = {t: count(window, f"SELECT count(*) FROM {t}") for t in tables}
    drop(window, [room_folder])
    wizard = room_wizard(window)
    wizard.import_button.click()
    assert count(window, "SELECT count(*) FROM accounts") == before["accounts"] + 2
    assert wizard.summary_step.undo_button.isVisible()
    wizard.summary_step.undo_button.click()
    assert {t: count(window, f"SELECT count(*) FROM {t}") for t in tables} == before
    assert not wizard.summary_step.undo_button.isVisible()
    assert "undone" in wizard.summary_step.text.text()
    # The Imports page shows the set undone, as one row.
    page = imports_page(window)
    states = [page.model.index(r, 7).data() for r in range(page.model.rowCount())]
    assert states == ["Undone"]


def test_the_file_menu_imports_a_folder_or_a_zip(
    window: MainWindow, room_folder: Path, room_zip: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    assert window.import_folder_action.shortcut() == QKeySequence("Ctrl+Shift+I")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(room_folder))
    window.import_folder_action.trigger()
    wizard = room_wizard(window)
    assert wizard.isVisible() and wizard.title.text() == "The files of Dados do cliente"
    wizard.cancel_button.click()
    assert not wizard.isVisible()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(room_zip), ""))
    window.import_zip_action.trigger()
    assert wizard.isVisible() and wizard.title.text() == "The files of dados.zip"
    assert len(listed(wizard)) == 4


def test_folders_and_zips_are_told_from_spreadsheets_in_a_drop(
    room_folder: Path, room_zip: Path, tmp_path: Path
) -> None:
    sheet = room_folder / "notas.csv"
    photo = tmp_path / "photo.png"
    photo.write_bytes(b"\x89PNG")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in (room_folder, room_zip, sheet, photo)])
    event = QDropEvent(
        QPointF(100, 100),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    assert MainWindow.rooms_in(event) == [room_folder, room_zip]
    assert MainWindow.spreadsheets_in(event) == [sheet]


def test_a_damaged_zip_is_a_dialog_and_no_wizard(
    window: MainWindow, tmp_path: Path, dialogs: DialogLog
) -> None:
    broken = tmp_path / "dados.zip"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    drop(window, [broken])
    assert dialogs.errors and "dados.zip" in dialogs.errors[0][1]
    assert not room_wizard(window).isVisible()


def test_a_read_only_workspace_takes_no_folder(
    qtbot: QtBot, sample_path: Path, room_folder: Path
) -> None:
    window = MainWindow(Runner(immediate=True))
    qtbot.addWidget(window)
    window.set_workspace(Workspace.open(sample_path, read_only=True))
    with qtbot.assertNotEmitted(window.room_dropped):
        event = drop(window, [room_folder])
    assert not event.isAccepted()
    window.close()


def test_the_folder_is_read_and_imported_off_the_gui_thread(
    qtbot: QtBot, sample_path: Path, room_folder: Path
) -> None:
    """With the app's real thread pools: the wizard opens at once, busy, and fills in when
    the reading job answers; Import all runs in the writer job and ends on the summary."""
    window = MainWindow(Runner())
    qtbot.addWidget(window)
    assert window.open_path(sample_path)
    window.show()
    drop(window, [room_folder])
    wizard = room_wizard(window)
    assert wizard.isVisible()
    qtbot.waitUntil(lambda: wizard.room is not None and not wizard.busy)
    assert len(listed(wizard)) == 4
    assert wizard.import_button.isEnabled()
    wizard.import_button.click()
    assert wizard.step in (IMPORTING, SUMMARY)
    qtbot.waitUntil(lambda: wizard.step == SUMMARY)
    assert "3 files imported" in wizard.summary_step.text.text()
    window.runner.wait()
    window.close()


def test_choosing_the_guess_of_an_unsure_file_confirms_it(
    window: MainWindow, room_folder: Path
) -> None:
    drop(window, [room_folder])
    wizard = room_wizard(window)
    assert wizard.room is not None
    # As the core leaves a file whose guess is too unsure to import unseen: the guess shown,
    # the file waiting.
    name = "Cadastro de clientes.csv"
    unsure = replace(wizard.room.file(name), blocked="csdesk is not sure what it holds.")
    files = [unsure if f.name == name else f for f in wizard.room.files]
    wizard._planned(replace(wizard.room, files=files))
    assert listed(wizard)[name]["holds"] == "Accounts"
    assert listed(wizard)[name]["state"] == "Waits: csdesk is not sure what it holds."
    box = wizard.files_step.holds_boxes[name]
    box.activated.emit(box.currentIndex())  # the person picks Accounts, as guessed
    assert listed(wizard)[name]["state"] == "Ready"
    assert wizard.room.file(name).ready


def test_a_folder_with_nothing_to_import_says_so(window: MainWindow, tmp_path: Path) -> None:
    folder = tmp_path / "Só papéis"
    folder.mkdir()
    (folder / "README.md").write_text("# Leia-me\n", encoding="utf-8")
    (folder / "contrato.pdf").write_bytes(b"%PDF-1.4")
    drop(window, [folder])
    wizard = room_wizard(window)
    assert wizard.files_step.files.rowCount() == 0
    assert set(skipped(wizard)) == {"README.md", "contrato.pdf"}
    assert not wizard.import_button.isEnabled()
    assert wizard.hint.text() == (
        "Nothing in Só papéis can be imported: every file is set aside, each with its reason."
    )
    wizard.cancel_button.click()
    empty = tmp_path / "vazia"
    empty.mkdir()
    drop(window, [empty])
    assert wizard.isVisible() and wizard.hint.text() == "vazia holds no files."


@pytest.fixture
def held_window(qtbot: QtBot, sample_path: Path) -> Any:
    """The main window whose jobs wait until the test runs them (late answers on demand)."""
    from held_runner import HeldRunner

    runner = HeldRunner()
    win = MainWindow(runner)
    qtbot.addWidget(win)
    assert win.open_path(sample_path)
    runner.run_all()
    win.show()
    yield win, runner
    runner.run_all()
    win.close()


def _reading(runner: Any) -> list[Any]:
    """The held jobs that read a room or one of its files (pages load beside them)."""
    return [job for job in runner.held if job.title.startswith("Reading")]


def _finish_late(job: Any) -> Any:
    """A job that finished its work just as it was superseded: its answer comes anyway."""
    result = job.function(lambda _fraction, _message: None)
    job.signals.finished.emit(result)
    return result


def test_a_zip_read_for_nothing_has_its_folder_removed_and_never_shows(
    held_window: Any, room_zip: Path, tmp_path: Path
) -> None:
    window, runner = held_window
    other = tmp_path / "outro.zip"
    other.write_bytes(room_zip.read_bytes())
    drop(window, [room_zip])
    wizard = room_wizard(window)
    (first,) = _reading(runner)
    drop(window, [other])  # another zip before the first was read: it supersedes it
    (second,) = [job for job in _reading(runner) if job is not first]
    assert first.cancel_requested and not second.cancel_requested
    late = _finish_late(first)
    runner.held.remove(first)
    assert not late.files[0].path.exists()  # its temporary folder went with it
    assert wizard.room is None and wizard.busy  # nothing of it on screen
    runner.run(second)
    assert wizard.room is not None and wizard.title.text() == "The files of outro.zip"
    assert wizard.room.files[0].path.exists()


def test_a_file_read_again_twice_keeps_the_zip_it_came_from(
    held_window: Any, room_zip: Path
) -> None:
    window, runner = held_window
    drop(window, [room_zip])
    runner.run_all()
    wizard = room_wizard(window)
    assert wizard.room is not None
    name = "export/notas.csv"
    for entity in ("revenue", "contacts"):  # the second choice supersedes the first
        box = wizard.files_step.holds_boxes[name]
        box.setCurrentIndex(box.findData(entity))
        box.activated.emit(box.currentIndex())
    first, second = _reading(runner)
    assert first.cancel_requested
    late = _finish_late(first)
    runner.held.remove(first)
    assert late.file(name).entity == "revenue"
    # The late answer shares the shown room's unpacked files: they stay, and it is not shown.
    assert all(f.path.exists() for f in wizard.room.files)
    assert wizard.room.file(name).entity != "revenue"
    runner.run(second)
    assert wizard.room.file(name).entity == "contacts"
    wizard.import_button.click()
    runner.run_all()
    assert wizard.step == SUMMARY
    assert "4 files imported" in wizard.summary_step.text.text()


def test_a_file_left_out_is_not_imported_and_can_be_put_back(
    window: MainWindow, room_folder: Path, qtbot: QtBot, tmp_path: Path
) -> None:
    drop(window, [room_folder])
    wizard = room_wizard(window)
    order = list(listed(wizard))
    step = wizard.files_step
    # The Leave out button on the selected row.
    step.files.selectRow(order.index("Suporte.xlsx"))
    wizard.leave_out_button.click()
    assert "Suporte.xlsx" not in listed(wizard)
    assert skipped(wizard)["Suporte.xlsx"] == "set aside by you"
    assert step.put_back_button.isVisible() and not step.put_back_button.isEnabled()
    # Delete on the files table does the same.
    step.files.setFocus()
    step.files.selectRow(list(listed(wizard)).index("notas.csv"))
    qtbot.keyClick(step.files, Qt.Key.Key_Delete)
    assert "notas.csv" not in listed(wizard)
    QApplication.processEvents()
    wizard.grab().save(str(tmp_path / "room-left-out.png"))
    # A file csdesk set aside itself cannot be "put back"; one the person left out can.
    names = list(skipped(wizard))
    step.skipped.selectRow(names.index("README.txt"))
    assert not step.put_back_button.isEnabled()
    step.skipped.selectRow(names.index("notas.csv"))
    assert step.put_back_button.isEnabled()
    step.put_back_button.click()
    assert "notas.csv" in listed(wizard) and "notas.csv" not in skipped(wizard)
    assert list(listed(wizard)) == [n for n in order if n != "Suporte.xlsx"]
    # Double-click puts back too; then leave the tickets out for good and import.
    names = list(skipped(wizard))
    index = step.skipped_model.index(names.index("Suporte.xlsx"), 0)
    step.skipped.doubleClicked.emit(index)
    assert list(listed(wizard)) == order
    step.files.selectRow(order.index("Suporte.xlsx"))
    wizard.leave_out_button.click()
    tickets_before = count(window, "SELECT count(*) FROM tickets")
    wizard.import_button.click()
    assert wizard.step == SUMMARY
    assert count(window, "SELECT count(*) FROM tickets") == tickets_before
    assert count(window, "SELECT count(*) FROM accounts WHERE name = 'Zeta Comércio'") == 1


def _currency_room(tmp_path: Path, contract_value: str) -> Path:
    """A room of accounts, revenue in dollars and contracts whose value column is headed
    ``contract_value`` ('Value (EUR)' names a currency, 'Contract value' none)."""
    folder = tmp_path / "sala"
    folder.mkdir()
    (folder / "clientes.csv").write_text("account_id,account\nA1,Alpha\n", encoding="utf-8")
    (folder / "receita.csv").write_text(
        "account_id,month,MRR (USD)\nA1,2025-01,100\n", encoding="utf-8"
    )
    (folder / "contratos.csv").write_text(
        f"Contract ID,account_id,Start,End,{contract_value}\nK-1,A1,2025-01-01,2025-12-31,1200\n",
        encoding="utf-8",
    )
    return folder


def test_the_summary_says_which_files_named_no_currency(
    empty_window: MainWindow, tmp_path: Path
) -> None:
    drop(empty_window, [_currency_room(tmp_path, "Contract value")])
    wizard = room_wizard(empty_window)
    # Before the import the list says it already: the room settled on its only currency.
    planned = wizard.files_step.currency_note
    assert planned.isVisible()
    assert planned.text() == (
        "contratos.csv names no currency: its amounts are read as USD, the currency of "
        "receita.csv, which the workspace takes."
    )
    wizard.grab().save(str(tmp_path / "room-currency-planned.png"))
    wizard.import_button.click()
    note = wizard.summary_step.currency_note
    assert note.isVisible()
    assert note.text().startswith("contratos.csv names no currency, while other files")
    assert "read as USD" in note.text() and "undo the set" in note.text()
    wizard.grab().save(str(tmp_path / "room-currency.png"))
    session = empty_window.session
    assert session is not None and session.currency == "USD"


def test_a_room_naming_two_currencies_holds_its_amounts_back(
    empty_window: MainWindow, tmp_path: Path
) -> None:
    drop(empty_window, [_currency_room(tmp_path, "Value (EUR)")])
    wizard = room_wizard(empty_window)
    states = {name: row["state"] for name, row in listed(wizard).items()}
    for name in ("receita.csv", "contratos.csv"):
        assert "name several currencies (EUR: contratos.csv; USD: receita.csv)" in states[name]
    assert "several currencies" not in states["clientes.csv"]
    assert not wizard.files_step.currency_note.isVisible()
    wizard.grab().save(str(tmp_path / "room-currency-held.png"))
    wizard.import_button.click()
    assert count(empty_window, "SELECT count(*) FROM accounts") == 1
    assert count(empty_window, "SELECT count(*) FROM revenue_months") == 0
    assert count(empty_window, "SELECT count(*) FROM contracts") == 0


def test_choosing_the_currency_in_settings_plans_the_held_files_again(
    empty_window: MainWindow, tmp_path: Path
) -> None:
    """Held back for the room's two currencies, the files import once the workspace's
    currency and the other's rate are given in Settings: the list plans them again."""
    from csdesk.ingest.currencies import RATES
    from csdesk.ui.data_change import DataChange

    drop(empty_window, [_currency_room(tmp_path, "Value (EUR)")])
    wizard = room_wizard(empty_window)
    assert {f.name for f in wizard.ready_files()} == {"clientes.csv"}  # it names no amount
    session = empty_window.session
    assert session is not None
    # The main window's menu is out of reach under the dialog: the dialog opens Settings, on
    # the General tab, for the currency.
    assert wizard.money_button.isVisible()
    dialog = wizard.open_money_settings()
    assert dialog is not None and dialog.isVisible() and dialog.tabs.currentIndex() == 0
    dialog.grab().save(str(tmp_path / "settings-from-room.png"))
    dialog.currency.setText("USD")
    dialog.save()
    states = {name: row["state"] for name, row in listed(wizard).items()}
    assert states["receita.csv"] == "Ready"
    assert "Exchange rates" in states["contratos.csv"]
    # Only a rate missing now: Settings opens on Exchange rates.
    rates = wizard.open_money_settings()
    assert rates is not None and rates.tabs.currentIndex() == 1
    rates.reject()
    RATES.set(session.ws, {"EUR": {"rate": 1.1, "date": "2025-01-31"}})
    session.announce(DataChange.everything("settings"))
    assert not wizard.money_button.isVisible()
    assert {f.name for f in wizard.ready_files()} == {
        "clientes.csv",
        "receita.csv",
        "contratos.csv",
    }
    wizard.grab().save(str(tmp_path / "room-after-settings.png"))
    wizard.import_button.click()
    assert count(empty_window, "SELECT count(*) FROM contracts") == 1
    assert count(empty_window, "SELECT round(value, 2) FROM contracts") == 1320
