"""The Imports page: a dropped spreadsheet walks through the wizard and lands in the history,
where a batch can be undone; the same file twice is refused in a dialog; cancelling writes
nothing; the import runs in the writer thread; a changed column is planned again (Next waits)."""

from __future__ import annotations

from pathlib import Path

from dialog_log import DialogLog
from import_helpers import imports_page, wizard_of
from pytestqt.qtbot import QtBot

from csdesk.ui.import_wizard.wizard import COLUMNS, PREVIEW, SUMMARY
from csdesk.ui.main_window import MainWindow
from csdesk.ui.workers import Job, Runner

SHEET = (
    "Cliente;Segmento;Data de renovação;MRR\n"
    "Delta SA;SMB;31/12/2026;R$ 1.234,56\n"
    "Epsilon Ltda;Enterprise;30/06/2027;R$ 2.000,00\n"
    "Zeta;SMB;31/02/2027;R$ 10,00\n"
)


def write_sheet(tmp_path: Path) -> Path:
    sheet = tmp_path / "clientes.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    return sheet


def test_drop_walk_the_wizard_import_and_undo_from_the_history(
    window: MainWindow, tmp_path: Path, dialogs: DialogLog
) -> None:
    window.spreadsheet_dropped.emit(write_sheet(tmp_path))
    page = imports_page(window)
    wizard = wizard_of(window)
    assert window.current_page() is page
    assert wizard.isVisible() and wizard.step == COLUMNS
    assert wizard.file_step.name.text() == "clientes.csv"
    fields = {c: box.currentData() for c, box in wizard.columns_step.field_boxes.items()}
    assert fields == {
        "Cliente": "account",
        "Segmento": "segment",
        "Data de renovação": "renewal_date",
        "MRR": "mrr",
    }
    assert wizard.columns_step.entity.currentData() == "accounts"
    wizard.next_button.click()
    preview = wizard.preview_step
    assert preview.read_card.value.text() == "3" and preview.accepted_card.value.text() == "2"
    problems = [
        preview.problems_model.index(r, 2).data() for r in range(preview.problems_model.rowCount())
    ]
    assert "31/02/2027" in problems  # the impossible date, on its row, with its column

    session = window.session
    assert session is not None
    wizard.next_button.click()  # Import
    assert wizard.step == SUMMARY
    assert (
        session.ws.scalar(
            "SELECT count(*) FROM accounts WHERE name IN ('Delta SA', 'Epsilon Ltda')"
        )
        == 2
    )
    assert "2 rows written" in wizard.summary_step.result_text.text()
    wizard.next_button.click()  # Finish
    assert not wizard.isVisible()
    assert page.model.rowCount() == 1 and page.model.index(0, 7).data() == "Imported"
    assert page.empty.isHidden()

    page.table.selectRow(0)
    assert page.undo_button.isEnabled()
    page.undo_button.click()
    assert session.ws.scalar("SELECT count(*) FROM accounts WHERE name = 'Delta SA'") == 0
    assert page.model.index(0, 7).data() == "Undone"
    assert dialogs.errors == []


def test_importing_the_same_file_twice_is_refused_in_a_dialog(
    window: MainWindow, tmp_path: Path, dialogs: DialogLog
) -> None:
    sheet = write_sheet(tmp_path)
    window.spreadsheet_dropped.emit(sheet)
    wizard = wizard_of(window)
    wizard.next_button.click()
    wizard.next_button.click()
    wizard.next_button.click()  # Finish
    window.spreadsheet_dropped.emit(sheet)
    wizard.next_button.click()
    wizard.next_button.click()  # Import, refused
    assert dialogs.errors and "already imported" in dialogs.errors[0][1]
    # Back on the preview, nothing lost: the person may undo the first batch and try again.
    assert wizard.isVisible() and wizard.step == PREVIEW
    assert wizard.next_button.isEnabled()
    assert "nothing was written" in wizard.hint.text()
    assert window.session is not None
    assert window.session.ws.scalar("SELECT count(*) FROM import_batches") == 1


def test_cancel_writes_nothing(window: MainWindow, tmp_path: Path) -> None:
    window.spreadsheet_dropped.emit(write_sheet(tmp_path))
    wizard = wizard_of(window)
    wizard.next_button.click()
    wizard.cancel_button.click()
    assert not wizard.isVisible()
    page = imports_page(window)
    assert not page.empty.isHidden()  # still no imports
    assert window.session is not None
    assert window.session.ws.scalar("SELECT count(*) FROM import_batches") == 0


def test_import_runs_in_the_writer_thread_and_next_waits_for_a_new_plan(
    qtbot: QtBot, sample_path: Path, tmp_path: Path
) -> None:
    runner = Runner()
    jobs: list[Job] = []
    runner.job_started.connect(jobs.append)
    win = MainWindow(runner)
    qtbot.addWidget(win)
    assert win.open_path(sample_path)
    win.show()
    win.spreadsheet_dropped.emit(write_sheet(tmp_path))
    wizard = wizard_of(win)
    qtbot.waitUntil(lambda: wizard.step == COLUMNS, timeout=20_000)
    box = wizard.columns_step.field_boxes["Segmento"]
    box.setCurrentIndex(box.findData("-"))
    box.activated.emit(box.currentIndex())
    assert wizard.busy  # planning again in the background
    wizard.next_button.click()  # waits for the new plan, then moves on
    assert wizard.step == COLUMNS
    qtbot.waitUntil(lambda: wizard.step == PREVIEW, timeout=20_000)
    assert wizard.plan is not None and wizard.plan.mapping()["Segmento"] is None
    with qtbot.waitSignal(wizard.imported, timeout=20_000):
        wizard.next_button.click()
    # The Today page the window opens on brings the work queue up to date, a write of its own.
    writers = [job for job in jobs if job.writes and job.title != "Updating the work queue"]
    assert [job.title for job in writers] == ["Importing clientes.csv"]
    assert win.session is not None
    assert win.session.ws.scalar("SELECT count(*) FROM accounts WHERE name = 'Epsilon Ltda'") == 1
    assert win.session.ws.query("SELECT segment FROM accounts WHERE name = 'Delta SA'") == [(None,)]
    win.close()


def test_a_column_sent_elsewhere_plans_again_before_importing(
    window: MainWindow, tmp_path: Path
) -> None:
    window.spreadsheet_dropped.emit(write_sheet(tmp_path))
    wizard = wizard_of(window)
    box = wizard.columns_step.field_boxes["Segmento"]
    box.setCurrentIndex(box.findData("-"))
    box.activated.emit(box.currentIndex())
    assert wizard.plan is not None
    assert wizard.plan.mapping()["Segmento"] is None
    assert wizard.columns_step.field_boxes["Segmento"].currentData() == "-"
    wizard.next_button.click()
    wizard.next_button.click()
    session = window.session
    assert session is not None
    assert session.ws.query("SELECT segment FROM accounts WHERE name = 'Delta SA'") == [(None,)]


USAGE_BY_SUBSCRIPTION = (
    "usage_id,subscription_id,usage_date,feature_name,usage_count\n"
    "U-1,S-100,2026-03-01,reports,5\n"
    "U-2,S-100,2026-03-08,reports,7\n"
    "U-3,S-200,2026-03-09,exports,2\n"
)


def test_usage_waiting_for_its_contracts_is_named_with_how_it_joins(
    window: MainWindow, tmp_path: Path
) -> None:
    from csdesk.ingest import commit, prepare

    session = window.session
    assert session is not None
    sheet = tmp_path / "feature_usage.csv"
    sheet.write_text(USAGE_BY_SUBSCRIPTION, encoding="utf-8")
    commit(session.ws, prepare(sheet, ws=session.ws))
    window.show_page("imports")
    page = imports_page(window)
    page.ensure_fresh()
    page.refresh()
    assert page.waiting_note.isVisible()
    note = page.waiting_note.text()
    assert "3 usage rows of feature_usage.csv wait for their contracts (S-100, S-200)." in note
    assert "as soon as a contracts sheet that names those subscriptions is imported" in note
    # Once the contracts arrive, nothing waits and the note goes.
    contracts = tmp_path / "subscriptions.csv"
    contracts.write_text(
        "subscription_id,account_id,start_date,end_date,mrr_amount\n"
        "S-100,ACME,2026-01-01,,100\nS-200,ACME,2026-01-01,,50\n",
        encoding="utf-8",
    )
    commit(session.ws, prepare(contracts, ws=session.ws, entity="contracts"))
    page.refresh()
    assert not page.waiting_note.isVisible()
