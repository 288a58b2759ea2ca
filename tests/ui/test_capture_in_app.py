"""A calendar dropped on the window goes through the wizard (File, then Preview: no sheet or
columns to choose) into the timeline, and the account's Stakeholders tab shows who was met."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from import_helpers import imports_page, wizard_of
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from pytestqt.qtbot import QtBot

from csdesk.ui.import_wizard.wizard import COLUMNS, PREVIEW, SHEET, SUMMARY
from csdesk.ui.main_window import MainWindow
from csdesk.ui.pages.account import AccountPage

CALENDAR = """BEGIN:VCALENDAR\r
PRODID:-//Google Inc//Google Calendar 70.9054//EN\r
VERSION:2.0\r
X-WR-CALNAME:ana@team.example\r
X-WR-TIMEZONE:America/Sao_Paulo\r
BEGIN:VEVENT\r
DTSTART:20260210T130000Z\r
DTEND:20260210T140000Z\r
UID:qbr-acme@google.com\r
ORGANIZER;CN=Ana Lima:mailto:ana@team.example\r
ATTENDEE;CUTYPE=INDIVIDUAL;PARTSTAT=ACCEPTED;CN="Souza, João":mailto:joao@acme.example\r
SUMMARY:QBR Acme\r
STATUS:CONFIRMED\r
END:VEVENT\r
BEGIN:VEVENT\r
DTSTART:20260212T130000Z\r
DTEND:20260212T140000Z\r
UID:other@google.com\r
ORGANIZER;CN=Ana Lima:mailto:ana@team.example\r
ATTENDEE;PARTSTAT=ACCEPTED;CN=Zé:mailto:ze@nowhere.example\r
SUMMARY:Café com prospect\r
END:VEVENT\r
END:VCALENDAR\r
"""


def _prepare_book(window: MainWindow) -> None:
    session = window.session
    assert session is not None
    with session.ws.transaction() as conn:
        conn.execute("UPDATE people SET email = 'ana@team.example' WHERE name = 'Ana Lima'")
        conn.execute("UPDATE accounts SET domain = 'acme.example' WHERE name = 'Acme Corp'")


def _drop(window: MainWindow, path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)


def test_a_dropped_calendar_becomes_touches_and_stakeholders(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    _prepare_book(window)
    path = tmp_path / "ana@team.example.ics"
    path.write_bytes(CALENDAR.encode("utf-8"))
    _drop(window, path)
    assert window.current_page() is imports_page(window)
    wizard = wizard_of(window)
    qtbot.waitUntil(lambda: wizard.step == PREVIEW)
    bar = [label.text() for label in wizard.step_bar.labels]
    assert bar[SHEET].startswith("✓") and bar[COLUMNS].startswith("✓")
    assert "1 with accounts" in wizard.file_step.status.text()
    preview = wizard.preview_step.preview_model
    assert preview.rowCount() == 1
    assert [preview.index(0, c).data() for c in (2, 3, 4)] == ["Acme Corp", "QBR", "QBR Acme"]
    problems = wizard.preview_step.problems_model
    assert problems.rowCount() == 1
    assert "ze@nowhere.example" in problems.index(0, 3).data()
    assert wizard.preview_step.problems.isColumnHidden(0)
    wizard.grab().save(str(tmp_path / "wizard-calendar.png"))

    wizard.next_button.click()  # Import
    assert wizard.step == SUMMARY
    assert "1 row written" in wizard.summary_step.result_text.text()
    wizard.next_button.click()  # Finish

    session = window.session
    assert session is not None
    acme = int(session.ws.scalar("SELECT id FROM accounts WHERE name = 'Acme Corp'"))
    window.open_account(acme)
    page = window.account_page
    assert isinstance(page, AccountPage)
    model = page.stakeholders_model
    names = [model.index(r, 1).data() for r in range(model.rowCount())]
    assert "João Souza" in names
    row = names.index("João Souza")
    assert model.index(row, 5).data() == "1"
    assert model.index(row, 4).data() == session.day(date(2026, 2, 10))
    # The sample's contacts name no champion: the map says so.
    assert page.stakeholders_note.text().startswith("No champion among the contacts")
    assert model.index(row, 0).data() == "Other"
    page.tabs.setCurrentIndex(page.tabs.count() - 1)
    page.grab().save(str(tmp_path / "account-stakeholders.png"))


def test_a_calendar_with_no_readable_event_says_why_and_calls_it_a_file(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    """Its one event gives DTSTART twice: the wizard names that, says "file" (a calendar is
    not a sheet) and keeps Import disabled."""
    _prepare_book(window)
    path = tmp_path / "agenda.ics"
    first, _rest = CALENDAR.split("BEGIN:VEVENT\r\nDTSTART:20260212", 1)
    twice = first.replace(
        "DTSTART:20260210T130000Z\r\n", "DTSTART:20260210T130000Z\r\nDTSTART:20260210T150000Z\r\n"
    )
    path.write_bytes((twice + "END:VCALENDAR\r\n").encode("utf-8"))
    _drop(window, path)
    wizard = wizard_of(window)
    qtbot.waitUntil(lambda: wizard.step == PREVIEW)
    reason = wizard.blocked_reason()
    assert reason is not None
    assert reason.startswith("This file cannot be imported: agenda.ics: holds no meeting")
    assert "gives its start (DTSTART) 2 times" in reason
    assert wizard.preview_step.blocking.text() == reason
    assert not wizard.next_button.isEnabled()
