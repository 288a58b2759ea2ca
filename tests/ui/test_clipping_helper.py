"""The layout tests' helper finds what a person would see cut, and only that."""

from __future__ import annotations

from clipping import clipped
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QScrollArea, QWidget
from pytestqt.qtbot import QtBot


def test_cut_text_and_stray_widgets_are_named_fitting_ones_are_not(qtbot: QtBot) -> None:
    root = QWidget()
    qtbot.addWidget(root)
    root.resize(400, 300)
    short = QLabel("A label much longer than its box", root)
    short.setGeometry(0, 0, 60, 20)
    wrapped = QLabel("Words that wrap onto more lines than the label is tall " * 3, root)
    wrapped.setWordWrap(True)
    wrapped.setGeometry(0, 30, 120, 20)
    combo = QComboBox(root)
    combo.addItem("Qualquer data de renovação")
    combo.setGeometry(0, 60, 90, 30)
    button = QPushButton("Export to Excel…", root)
    button.setGeometry(0, 100, 40, 30)
    stray = QLabel("ok", root)
    stray.setGeometry(380, 280, 60, 40)  # reaches past the parent's corner
    fits = QLabel("Fits", root)
    fits.setGeometry(200, 0, 100, 30)
    fitting_combo = QComboBox(root)
    fitting_combo.addItem("Ok")
    fitting_combo.setGeometry(200, 60, 150, 30)
    area = QScrollArea(root)
    area.setGeometry(200, 100, 150, 100)
    wide = QWidget()
    wide.setMinimumSize(400, 400)  # taller scrolls, as pages may; wider hides its right side
    area.setWidget(wide)
    root.show()
    qtbot.waitExposed(root)

    found = clipped(root)
    named = " | ".join(found)
    for cut in ("A label much longer", "Words that wrap", "Qualquer data", "Export to Excel"):
        assert cut in named
    assert any("outside its parent" in f and "'ok'" in f for f in found)
    assert any("wide in" in f and "QScrollArea" in f for f in found)
    assert "'Fits'" not in named and "'Ok'" not in named
    assert len(found) == 6, found
