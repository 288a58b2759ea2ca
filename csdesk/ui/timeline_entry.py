"""Logging a timeline entry: the small form, and the undoable command that saves it.

Saving writes at once (no Save button elsewhere); Ctrl+Z removes the entry again and Ctrl+Shift+Z
puts it back under the same id.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QDateTime
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from csdesk.domain.entities import TimelineEvent
from csdesk.domain.enums import EventKind, Role
from csdesk.store.queries import timeline
from csdesk.ui.data_change import DataChange
from csdesk.ui.labels import label
from csdesk.ui.session import Session
from csdesk.ui.translate import _

QUICK_KINDS = (EventKind.NOTE, EventKind.CALL, EventKind.MEETING, EventKind.QBR)
ICON_OF_KIND = {
    EventKind.NOTE: "sticky-note",
    EventKind.CALL: "phone",
    EventKind.MEETING: "users",
    EventKind.QBR: "presentation",
    EventKind.EMAIL: "mail",
    EventKind.MILESTONE: "flag",
    EventKind.ONBOARDING_STEP: "list-checks",
    EventKind.ESCALATION: "triangle-alert",
    EventKind.RENEWAL: "refresh-cw",
    EventKind.CHAMPION_CHANGE: "user-round-cog",
    EventKind.CHURN: "user-minus",
}


@dataclass(frozen=True, slots=True)
class EntryDraft:
    account_id: int
    kind: EventKind
    title: str
    body: str | None
    role: Role | None
    at: datetime


class EntryDialog(QDialog):
    """Title and body, with kind, role and date prefilled (now, Customer Success)."""

    def __init__(self, account_id: int, kind: EventKind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.account_id = account_id
        self.setWindowTitle(_("New {kind}").format(kind=label(kind).lower()))
        self.kind = QComboBox()
        for value in EventKind:
            self.kind.addItem(label(value), value)
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self.title = QLineEdit()
        self.title.setPlaceholderText(_("What happened, in a few words"))
        self.body = QPlainTextEdit()
        self.body.setPlaceholderText(_("Notes (optional)"))
        self.body.setTabChangesFocus(True)
        self.role = QComboBox()
        for role in Role:
            self.role.addItem(label(role), role)
        self.role.addItem(_("No role"), None)
        self.when = QDateTimeEdit(QDateTime.currentDateTime())
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(False)
        self.title.textChanged.connect(lambda t: self.save_button.setEnabled(bool(t.strip())))
        form = QFormLayout(self)
        form.addRow(_("Title"), self.title)
        form.addRow(_("Notes"), self.body)
        form.addRow(_("Kind"), self.kind)
        form.addRow(_("Role"), self.role)
        form.addRow(_("When"), self.when)
        form.addRow(self.buttons)
        self.resize(460, 300)
        self.title.setFocus()

    def draft(self) -> EntryDraft:
        when = self.when.dateTime().toPython()
        assert isinstance(when, datetime)
        return EntryDraft(
            account_id=self.account_id,
            kind=EventKind(self.kind.currentData()),
            title=self.title.text(),
            body=self.body.toPlainText() or None,
            role=None if self.role.currentData() is None else Role(self.role.currentData()),
            at=when,
        )


class AddEntryCommand(QUndoCommand):
    """Adds the entry on redo (the first push saves it), removes it on undo."""

    def __init__(self, session: Session, draft: EntryDraft) -> None:
        super().__init__()
        self.session = session
        self.draft = draft
        self.event_id: int | None = None
        self.removed: TimelineEvent | None = None
        self.retranslate()

    def retranslate(self) -> None:
        """Name the command (Edit ▸ Undo …) in the language in force."""
        draft = self.draft
        self.setText(
            _("add {kind} “{title}”").format(kind=label(draft.kind).lower(), title=draft.title)
        )

    def redo(self) -> None:
        ws = self.session.ws
        if self.removed is None:
            d = self.draft
            self.event_id = timeline.add_event(
                ws, d.account_id, d.kind, d.title, body=d.body, role=d.role, at=d.at
            )
        else:
            self.event_id = timeline.restore_event(ws, self.removed)
        self._announce()

    def undo(self) -> None:
        if self.event_id is None:
            return
        self.removed = timeline.delete_event(self.session.ws, self.event_id)
        self._announce()

    def _announce(self) -> None:
        """One account's timeline changed (its health's engagement may too)."""
        change = DataChange("events", frozenset({"events"}), frozenset({self.draft.account_id}))
        self.session.announce(change)
