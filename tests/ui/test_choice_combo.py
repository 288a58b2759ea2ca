"""A filter's combo box keeps its choices in Qt's own list and answers for their data."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from csdesk.ui.choice_combo import ChoiceCombo


def test_any_then_each_value_with_its_data(qtbot: QtBot) -> None:
    combo = ChoiceCombo("All CSMs")
    qtbot.addWidget(combo)
    combo.set_values(["Ana Lima", "Bruno Souza"])
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "All CSMs", "Ana Lima", "Bruno Souza",
    ]  # fmt: skip
    assert [combo.itemData(i) for i in range(combo.count())] == [None, "Ana Lima", "Bruno Souza"]
    assert combo.findData("Bruno Souza") == 2 and combo.findData("Nobody") == -1
    assert combo.findData(None) == 0
    combo.setCurrentIndex(combo.findData("Ana Lima"))
    assert combo.currentData() == "Ana Lima" and combo.currentText() == "Ana Lima"
    # The text roles stay Qt's own.
    assert combo.itemData(1, Qt.ItemDataRole.DisplayRole) == "Ana Lima"


def test_a_value_that_reads_like_any_is_still_a_value(qtbot: QtBot) -> None:
    combo = ChoiceCombo("All tiers")
    qtbot.addWidget(combo)
    combo.set_values(["All tiers", "Gold"])  # a tier someone named so
    assert combo.findData("All tiers") == 1 and combo.itemData(0) is None


def test_new_values_replace_the_old_and_the_width_follows_the_longest(qtbot: QtBot) -> None:
    combo = ChoiceCombo("Any")
    qtbot.addWidget(combo)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    combo.set_values(["A", "B"])
    narrow = combo.sizeHint().width()
    combo.set_values(["A", "A much, much longer customer success manager name"])
    assert combo.count() == 3 and combo.itemData(2).startswith("A much")
    assert combo.sizeHint().width() > narrow + 100
    combo.set_values([])
    assert combo.count() == 1 and combo.findData("A") == -1
