"""A filter's combo box: "any" first, then every value some account has.

A CSM filter on 100,000 accounts offers 2,500 names, and the combo is as wide as its longest
choice, so Qt measures every one on each new set of choices. Held in a model written in
Python, that is two calls from Qt into Python per choice (20 ms at 2,500 names, on every
opening of the accounts page); held in Qt's own string list, the measuring stays in C++.
Filling the list is one call, not thousands of ``addItem`` (with PySide6 6.12 on Python 3.11
every call to a method that returns nothing takes one reference from ``None``, which is not
immortal before 3.12: enough of them and the interpreter aborts).

A string list holds only the text, so the data of a choice (the value the filter compares,
or None for "any") is answered here: ``itemData``, ``currentData`` and ``findData`` behave
as on any combo whose items were added with their data.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QComboBox, QWidget

_DATA = Qt.ItemDataRole.UserRole


class ChoiceCombo(QComboBox):
    """Row 0 is ``any_text`` (data None: no filter); each other row shows a value and has it
    as its data."""

    def __init__(self, any_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.any_text = any_text
        self.values: list[str] = []
        self._choices = QStringListModel([any_text], self)
        self.setModel(self._choices)

    def set_values(self, values: Sequence[str]) -> None:
        """Offer ``values`` after "any" (in the order given), in place of the last ones."""
        self.values = list(values)
        self._choices.setStringList([self.any_text, *self.values])

    def itemData(self, index: int, role: int = _DATA) -> Any:
        if role != _DATA:
            return super().itemData(index, role)
        return self.values[index - 1] if 1 <= index <= len(self.values) else None

    def currentData(self, role: int = _DATA) -> Any:
        return self.itemData(self.currentIndex(), role)

    def findData(
        self,
        data: Any,
        role: int = _DATA,
        flags: Qt.MatchFlag = Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchCaseSensitive,
    ) -> int:
        if role != _DATA:
            return super().findData(data, role, flags)
        if data is None:
            return 0
        try:
            return self.values.index(data) + 1
        except ValueError:
            return -1
