"""The small dialogs of the work queue: done with a note, snooze to a day, dismiss with a
reason; and the undo command that makes each of them one Ctrl+Z away."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from csdesk.desk import queue
from csdesk.ui.data_change import ACTIONS, DataChange
from csdesk.ui.session import Session
from csdesk.ui.translate import _


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    return day


class TextDialog(QDialog):
    """One line of text: the note kept with done, the reason kept with dismiss."""

    def __init__(
        self, title: str, prompt: str, *, required: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.required = required
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(prompt))
        self.text = QLineEdit()
        layout.addWidget(self.text)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.text.textChanged.connect(self._check)
        self._check()
        self.resize(420, self.sizeHint().height())

    def _check(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not self.required or bool(self.text.text().strip()))


class SnoozeDialog(QDialog):
    """A day after today, picked on a calendar or with +1 day / +1 week / +1 month."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.setWindowTitle(_("Snooze until"))
        layout = QVBoxLayout(self)
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setMinimumDate(_qdate(today + timedelta(days=1)))
        self.set_day(today + timedelta(days=7))
        layout.addWidget(self.date_edit)
        quick = QHBoxLayout()
        for text, pick in (
            (_("+1 day"), lambda: today + timedelta(days=1)),
            (_("+1 week"), lambda: today + timedelta(days=7)),
            (_("+1 month"), lambda: _add_months(today, 1)),
        ):
            button = QPushButton(text)
            button.clicked.connect(lambda _checked=False, p=pick: self.set_day(p()))
            quick.addWidget(button)
        layout.addLayout(quick)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def set_day(self, day: date) -> None:
        self.date_edit.setDate(_qdate(day))

    def day(self) -> date:
        value = self.date_edit.date()
        return date(value.year(), value.month(), value.day())


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


# An action done (its note goes on the account's timeline), snoozed or dismissed.
_ACTION_CHANGE = DataChange("actions", frozenset({ACTIONS, "events"}))


class ActionCommand(QUndoCommand):
    """One change of an action (done, snooze, dismiss): made on redo, put back on undo."""

    def __init__(self, session: Session, text: str, change: Callable[[], queue.Undo]) -> None:
        super().__init__(text)
        self.session = session
        self.change = change
        self.undone: queue.Undo | None = None

    def redo(self) -> None:
        self.undone = self.change()
        self.session.announce(_ACTION_CHANGE)

    def undo(self) -> None:
        if self.undone is not None:
            queue.undo(self.session.ws, self.undone)
            self.undone = None
            self.session.announce(_ACTION_CHANGE)
