"""The numbers csdesk.ui.qt_numbers passes instead of Qt's enums are Qt's, and work as them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QLabel

from csdesk.ui import qt_numbers


def test_each_number_is_the_enums_value() -> None:
    assert Qt.ItemDataRole.UserRole.value == qt_numbers.USER_ROLE
    assert Qt.AlignmentFlag.AlignCenter.value == qt_numbers.ALIGN_CENTER
    assert (
        Qt.ShortcutContext.WidgetWithChildrenShortcut.value
        == qt_numbers.WIDGET_WITH_CHILDREN_SHORTCUT
    )


def test_a_property_set_by_number_holds_the_enum(qapp: QApplication) -> None:
    label = QLabel()
    assert label.setProperty("alignment", qt_numbers.ALIGN_CENTER)
    assert label.alignment() == Qt.AlignmentFlag.AlignCenter
    shortcut = QShortcut(QKeySequence("D"), label)
    assert shortcut.setProperty("context", qt_numbers.WIDGET_WITH_CHILDREN_SHORTCUT)
    assert shortcut.context() == Qt.ShortcutContext.WidgetWithChildrenShortcut
