"""The system switching between light and dark: the running app follows at once."""

from __future__ import annotations

import matplotlib.colors
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette
from pytestqt.qtbot import QtBot

from csdesk.charts.theme import DARK as DARK_CHARTS
from csdesk.ui import style
from csdesk.ui.main_window import MainWindow
from csdesk.ui.pages.portfolio import PortfolioPage


def test_the_app_follows_the_system_to_dark_and_back(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, with_metrics: bool
) -> None:
    app = window.application()
    window.show_page("portfolio")
    before = window.current_page()
    assert isinstance(before, PortfolioPage)
    hints = QGuiApplication.styleHints()
    hints.colorSchemeChanged.connect(window.follow_system_scheme)  # as csdesk.ui.app does
    try:
        monkeypatch.setattr(style, "system_is_dark", lambda: True)
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
        assert app.palette().color(QPalette.ColorRole.Window).name() == style.DARK.window
        page = window.current_page()
        assert isinstance(page, PortfolioPage) and page is not before  # drawn again, in dark
        qtbot.waitUntil(lambda: page.movements_chart.figure is not None)
        figure = page.movements_chart.figure
        assert figure is not None
        face = matplotlib.colors.to_hex(figure.get_facecolor())
        assert face == DARK_CHARTS.background.lower()
        # Nothing changes when the scheme is the one already shown.
        assert not window.follow_system_scheme()
    finally:
        monkeypatch.setattr(style, "system_is_dark", lambda: False)
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
        hints.colorSchemeChanged.disconnect(window.follow_system_scheme)
    assert app.palette().color(QPalette.ColorRole.Window).name() == style.LIGHT.window
