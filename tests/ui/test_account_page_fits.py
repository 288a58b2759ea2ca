"""The account page fits a 1000×650 window whatever tab is shown.

The health tab's note wraps; a QTabWidget holding wrapped text answered for its height at a
width with its preferred height, which the page took as its least: the page scrolled by a
couple of hundred pixels in a 1000×650 window while the tab's lists could still give up rows.
The account's name now shares the back button's row, cut with "…" when long, which leaves the
tabs' lists about 40 pixels more.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from csdesk.ui.elided_label import ElidedLabel
from csdesk.ui.main_window import MINIMUM_SIZE, MainWindow
from csdesk.ui.pages.account import AccountPage

LONG_NOTE = "; ".join(["not a paying customer that month, so no score"] * 6)


def _health_tab(
    window: MainWindow, qtbot: QtBot, width: int, height: int, note: str = LONG_NOTE
) -> AccountPage:
    window.resize(width, height)
    window.open_account(1)
    page = window.account_page
    page.tabs.setCurrentWidget(page.health_page)
    page.health_note.setText(note)  # wraps over several lines at this width
    qtbot.waitUntil(lambda: page.health_note.height() > page.health_note.fontMetrics().height())
    QApplication.processEvents()
    return page


@pytest.mark.parametrize("size", [(1000, 650), MINIMUM_SIZE.toTuple()])
def test_the_health_tab_with_wrapped_text_fits_a_small_window(
    window: MainWindow, qtbot: QtBot, size: tuple[int, int]
) -> None:
    page = _health_tab(window, qtbot, *size)
    assert page.scroll_area.verticalScrollBar().maximum() == 0  # the page does not scroll
    viewport = page.scroll_area.viewport().height()
    assert page.body.height() == viewport
    # The tabs take what the header leaves, and the note keeps all its lines.
    assert page.tabs.geometry().bottom() <= viewport
    note = page.health_note
    assert note.height() >= note.heightForWidth(note.width())
    assert page.health_table.height() > 0


def test_a_page_taller_than_the_window_still_scrolls(window: MainWindow, qtbot: QtBot) -> None:
    page = _health_tab(window, qtbot, 1000, 650, note="; ".join([LONG_NOTE] * 12))
    assert page.scroll_area.verticalScrollBar().maximum() > 0
    note = page.health_note  # scrolled to, never cut
    assert note.height() >= note.heightForWidth(note.width())


def test_a_long_name_is_cut_on_the_back_buttons_row(window: MainWindow, qtbot: QtBot) -> None:
    window.resize(1000, 650)
    window.open_account(1)
    page = window.account_page
    name = "Armazéns Gerais Paranapanema Logística, Transportes e Distribuição S.A."
    page.heading.setText(name)
    QApplication.processEvents()
    heading = page.heading
    assert isinstance(heading, ElidedLabel)
    assert abs(heading.geometry().center().y() - page.back.geometry().center().y()) <= 2
    assert heading.geometry().right() < page.roles_button.geometry().left()
    assert heading.is_elided() and heading.toolTip() == name and heading.text() == name
    assert page.scroll_area.horizontalScrollBar().maximum() == 0  # the page kept its width
