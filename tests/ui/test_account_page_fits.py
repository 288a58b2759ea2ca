"""The account page fits a 1000×650 window whatever tab is shown.

The health tab's note wraps; a QTabWidget holding wrapped text answered for its height at a
width with its preferred height, which the page took as its least: the page scrolled by a
couple of hundred pixels in a 1000×650 window while the tab's lists could still give up rows.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from csdesk.ui.main_window import MainWindow
from csdesk.ui.pages.account import AccountPage

LONG_NOTE = "; ".join(["not a paying customer that month, so no score"] * 6)


def _health_tab(window: MainWindow, qtbot: QtBot, width: int, height: int) -> AccountPage:
    window.resize(width, height)
    window.open_account(1)
    page = window.account_page
    page.tabs.setCurrentWidget(page.health_page)
    page.health_note.setText(LONG_NOTE)  # wraps over several lines at this width
    qtbot.waitUntil(lambda: page.health_note.height() > page.health_note.fontMetrics().height())
    QApplication.processEvents()
    return page


def test_the_health_tab_with_wrapped_text_fits_a_small_window(
    window: MainWindow, qtbot: QtBot
) -> None:
    page = _health_tab(window, qtbot, 1000, 650)
    assert page.scroll_area.verticalScrollBar().maximum() == 0  # the page does not scroll
    viewport = page.scroll_area.viewport().height()
    assert page.body.height() == viewport
    # The tabs take what the header leaves, and the note keeps all its lines.
    assert page.tabs.geometry().bottom() <= viewport
    note = page.health_note
    assert note.height() >= note.heightForWidth(note.width())
    assert page.health_table.height() > 0


def test_a_window_too_short_for_the_page_still_scrolls(window: MainWindow, qtbot: QtBot) -> None:
    page = _health_tab(window, qtbot, 1000, 420)
    assert page.scroll_area.verticalScrollBar().maximum() > 0
