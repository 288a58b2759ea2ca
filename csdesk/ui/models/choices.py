"""A filter's choices as a list model: "any" first, then every value some account has.

A CSM filter on 100,000 accounts offers 2,500 names. Filling a combo box item by item is
thousands of calls into Qt per opening, and with PySide6 6.12 on Python 3.11 every call to a
method that returns nothing takes one reference from ``None`` (which is not immortal before
3.12): enough of them and the interpreter aborts. A model replaces its values in one reset.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex


class ChoicesModel(QAbstractListModel):
    """Row 0 is ``any_text`` (data None: no filter); each other row shows a value and has it
    as its data (``Qt.UserRole``, what ``QComboBox.currentData`` and ``findData`` use)."""

    def __init__(self, any_text: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.any_text = any_text
        self.values: list[str] = []

    def set_values(self, values: Sequence[str]) -> None:
        self.beginResetModel()
        self.values = list(values)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1 + len(self.values)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = index.row()
        if not index.isValid() or not 0 <= row <= len(self.values):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.any_text if row == 0 else self.values[row - 1]
        if role == Qt.ItemDataRole.UserRole:
            return None if row == 0 else self.values[row - 1]
        return None
