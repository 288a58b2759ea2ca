"""The numbers csdesk.ui.qt_numbers passes instead of Qt's enums are Qt's, and work as them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from csdesk.ui import qt_numbers


def test_each_number_is_the_enums_value() -> None:
    assert Qt.ItemDataRole.UserRole.value == qt_numbers.USER_ROLE
    assert Qt.AlignmentFlag.AlignCenter.value == qt_numbers.ALIGN_CENTER


def test_an_alignment_set_by_number_is_qts(qapp: QApplication) -> None:
    label = QLabel()
    assert label.setProperty("alignment", qt_numbers.ALIGN_CENTER)
    assert label.alignment() == Qt.AlignmentFlag.AlignCenter
