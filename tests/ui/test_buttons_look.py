"""A primary action that cannot be taken must look it: the import wizard's Import button on a
sheet that cannot be imported, for one."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from csdesk.ui import style


def _fill(button: QPushButton) -> QColor:
    """The colour inside the button, beside its text."""
    image = button.grab().toImage()
    return image.pixelColor(6, image.height() // 2)


def test_a_disabled_primary_button_does_not_look_like_an_enabled_one(qtbot: QtBot) -> None:
    enabled, disabled = QPushButton("Import"), QPushButton("Import")
    for button in (enabled, disabled):
        button.setObjectName("primary")
        button.resize(120, 32)
        qtbot.addWidget(button)
        button.show()
    disabled.setEnabled(False)
    accent = QColor(style.current().accent)
    assert _fill(enabled) == accent
    assert _fill(disabled) != accent
