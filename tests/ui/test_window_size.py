"""The main window's size: a share of the screen on a first start, what it was afterwards."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from csdesk.ui import ui_settings
from csdesk.ui.main_window import FIRST_AT_LEAST, MINIMUM_SIZE, MainWindow, first_size
from csdesk.ui.workers import Runner


@pytest.mark.parametrize(
    ("available", "expected"),
    [
        (QSize(1920, 1040), QSize(1536, 832)),  # 80 % of a full-HD screen's free area
        (QSize(2560, 1400), QSize(2048, 1120)),
        (QSize(1366, 728), QSize(1100, 700)),  # 80 % would be smaller: the floor
        (QSize(1092, 614), QSize(1092, 614)),  # 1366×768 at 125 %: all the screen has
        (QSize(1280, 650), QSize(1100, 650)),
    ],
)
def test_first_size_is_a_share_of_the_screen_within_its_bounds(
    available: QSize, expected: QSize
) -> None:
    assert first_size(available) == expected


def test_first_start_fills_the_share_of_the_screen_it_opens_on(qtbot: QtBot) -> None:
    assert ui_settings.settings().value("window/geometry") is None  # a first start
    window = MainWindow(Runner(immediate=True))
    qtbot.addWidget(window)
    screen = window.screen()
    assert screen is not None
    available = screen.availableGeometry()
    assert window.size() == first_size(available.size())
    assert available.contains(window.geometry())
    assert window.geometry().center() == available.center() or window.size() == available.size()
    minimum = window.minimumSize()
    assert minimum == MINIMUM_SIZE.boundedTo(available.size())
    assert minimum.width() <= FIRST_AT_LEAST.width() and minimum.height() <= FIRST_AT_LEAST.height()


def test_the_import_wizard_never_opens_larger_than_the_screen(qtbot: QtBot) -> None:
    from csdesk.ui.import_wizard.wizard import ImportWizard

    wizard = ImportWizard()
    qtbot.addWidget(wizard)
    screen = wizard.screen()
    assert screen is not None
    room = screen.availableGeometry().size()
    assert room.width() < 1040 or room.height() < 700  # the test screen is the small one
    assert wizard.size() == QSize(1040, 700).boundedTo(room)
    assert wizard.minimumSize() == QSize(860, 580).boundedTo(room)
