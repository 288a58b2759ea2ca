"""The account page's charts sit above their lists with a line the person can drag.

In a 1000×650 window the timeline's chart, at its set height, left the list two rows. The chart
now gives way in a short window (down to a height where each lane keeps its label), the line
between chart and list can be dragged, or the chart folded away, and the choice is kept.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QSplitter, QWidget
from pytestqt.qtbot import QtBot

from csdesk.ui import ui_settings
from csdesk.ui.chart_split import CHART_SHARE, ChartSplit
from csdesk.ui.chart_view import ChartView
from csdesk.ui.main_window import MainWindow
from csdesk.ui.pages.account import LANE, LANE_AXIS, TIMELINE_HEIGHT, AccountPage


def _timeline_split(page: AccountPage) -> ChartSplit:
    splitter = page.axis_chart.parentWidget()
    assert isinstance(splitter, ChartSplit)
    return splitter


def _drag(splitter: QSplitter, by: int) -> None:
    """Drag the line between chart and list by ``by`` pixels, as a mouse would."""
    handle = splitter.handle(1)
    start = QPointF(handle.rect().center())
    end = start + QPointF(0, by)
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    for kind, at, buttons in (
        (QEvent.Type.MouseButtonPress, start, left),
        (QEvent.Type.MouseMove, end, left),
        (QEvent.Type.MouseButtonRelease, end, none),
    ):
        event = QMouseEvent(
            kind, at, handle.mapToGlobal(at), left, buttons, Qt.KeyboardModifier.NoModifier
        )
        QApplication.sendEvent(handle, event)


def _open(window: MainWindow, qtbot: QtBot, width: int, height: int) -> AccountPage:
    window.resize(width, height)
    window.open_account(1)
    page = window.account_page
    qtbot.waitUntil(lambda: page.axis_chart.figure is not None)
    QApplication.processEvents()
    return page


def test_in_a_short_window_the_list_keeps_the_larger_part(window: MainWindow, qtbot: QtBot) -> None:
    page = _open(window, qtbot, 1000, 650)
    lanes = len(page.axis_chart.figure.axes[0].get_yticks())  # type: ignore[union-attr]
    least = min(TIMELINE_HEIGHT, LANE_AXIS + LANE * lanes)
    assert page.axis_chart.minimumHeight() == least
    splitter = _timeline_split(page)
    total = sum(splitter.sizes())
    # Its share of the short tab, never less than its lanes need, nor its own height.
    assert page.axis_chart.height() == max(least, int(total * CHART_SHARE)) < TIMELINE_HEIGHT
    assert page.timeline_table.height() >= total - page.axis_chart.height() - 1

    tall = _open(window, qtbot, 1280, 1000)
    assert tall.axis_chart.height() == TIMELINE_HEIGHT  # room enough: the chart's own height


def test_the_line_dragged_is_kept_for_the_next_page_and_the_chart_folds_away(
    window: MainWindow, qtbot: QtBot
) -> None:
    page = _open(window, qtbot, 1280, 800)
    splitter = _timeline_split(page)
    before = page.axis_chart.height()
    _drag(splitter, 90)
    assert page.axis_chart.height() == before + 90
    stored = ui_settings.settings().value("splitters/account/timeline")
    assert stored is not None

    # Another account page (here a new splitter under the same key) takes the same share.
    again = ChartSplit(ChartView(TIMELINE_HEIGHT, minimum=LANE_AXIS), QWidget(), "account/timeline")
    qtbot.addWidget(again)
    again.resize(800, splitter.height())
    again.show()
    qtbot.waitExposed(again)
    assert abs(again.sizes()[0] - splitter.sizes()[0]) <= 2

    _drag(splitter, -(page.axis_chart.height() + 50))  # past its least height: folded away
    assert splitter.sizes()[0] == 0
    assert page.timeline_table.height() >= splitter.height() - splitter.handleWidth() - 2
    _drag(splitter, -400)  # the list never folds
    assert splitter.sizes()[1] > 0


def test_the_health_and_revenue_charts_sit_above_their_lists_likewise(
    window: MainWindow, qtbot: QtBot, with_metrics: bool
) -> None:
    page = _open(window, qtbot, 1000, 650)
    for tab, chart, listed in (
        (page.revenue_page, page.revenue_chart, page.revenue_table),
        (page.health_page, page.health_chart, page.health_table),
    ):
        page.tabs.setCurrentWidget(tab)
        qtbot.waitUntil(lambda chart=chart: chart.figure is not None)
        splitter = chart.parentWidget()
        assert isinstance(splitter, ChartSplit) and splitter.widget(1) is listed
        assert chart.minimumHeight() <= chart.height() <= chart.sizeHint().height()
        assert listed.height() > 0 and listed.isVisible()
