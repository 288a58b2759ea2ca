"""Ctrl+K: jump to an account by typing part of its name or id.

A small popup with a search field over a filtered list; Enter (or a click) opens the selected
account, arrows move through the matches, Escape closes. Matching is the store's
:func:`find_accounts` (prefix matches first), so 10,000 accounts cost one indexed query per
keystroke.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from csdesk.store.queries.accounts import find_accounts
from csdesk.ui.session import Session
from csdesk.ui.translate import _

LIMIT = 30


class QuickOpen(QDialog):
    account_chosen = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.session = session
        self.setWindowTitle(_("Open account"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Open account: type a name or id"))
        self.results = QListWidget()
        self.results.setUniformItemSizes(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.search)
        layout.addWidget(self.results)
        self.resize(480, 360)
        self.search.textChanged.connect(self.update_results)
        self.search.installEventFilter(self)
        self.results.itemActivated.connect(self._choose)
        self.search.returnPressed.connect(self.choose_current)

    def update_results(self, text: str) -> None:
        self.results.clear()
        for account_id, name in find_accounts(self.session.ws, text, limit=LIMIT):
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, account_id)
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Arrow keys in the search field move through the results."""
        if (
            watched is self.search
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
        ):
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(Qt.Key(event.key()))
            if step is not None and self.results.count():
                row = min(max(self.results.currentRow() + step, 0), self.results.count() - 1)
                self.results.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)

    def choose_current(self) -> None:
        item = self.results.currentItem()
        if item is not None:
            self._choose(item)

    def _choose(self, item: QListWidgetItem) -> None:
        account_id = item.data(Qt.ItemDataRole.UserRole)
        self.accept()
        if isinstance(account_id, int):
            self.account_chosen.emit(account_id)

    def popup(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            centre = parent.mapToGlobal(parent.rect().center())
            self.move(
                centre.x() - self.width() // 2, parent.mapToGlobal(parent.rect().topLeft()).y() + 80
            )
        self.search.clear()
        self.results.clear()
        self.show()
        self.search.setFocus()
