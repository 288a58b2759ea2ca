"""A chart above its list, with a line between them that the person can drag.

The account page's charts had a set height: in a 1000×650 window its timeline kept two rows
of entries under the chart. Here the chart asks for its height and gives way to the list when
the window is short, down to a height where it still reads; dragging the line sets another
share, or folds the chart away for the whole list; every account's page and the next start
keep it.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSplitter, QWidget

from csdesk.ui import ui_settings
from csdesk.ui.chart_view import ChartView

# The share of a short tab the chart takes at most, before the person moves the line.
CHART_SHARE = 0.45


class ChartSplit(QSplitter):
    def __init__(self, chart: ChartView, below: QWidget, key: str) -> None:
        super().__init__(Qt.Orientation.Vertical)
        self.key = key
        self.chart = chart
        self.addWidget(chart)
        self.addWidget(below)
        # Dragged past its least height the chart folds away, for the whole list; the line
        # stays, to drag it back. The list never folds.
        self.setCollapsible(0, True)
        self.setCollapsible(1, False)
        self.setStretchFactor(0, 0)
        self.setStretchFactor(1, 1)
        stored = ui_settings.settings().value(self._setting)
        self._chosen = isinstance(stored, QByteArray) and self.restoreState(stored)
        self.splitterMoved.connect(self._remember)
        chart.installEventFilter(self)  # a chart shown once its data came (health) is shared

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.chart and event.type() == QEvent.Type.Show and not self._chosen:
            self._share()
        return super().eventFilter(watched, event)

    @property
    def _setting(self) -> str:
        return f"splitters/{self.key}"

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self._chosen:
            self._share()

    def _share(self) -> None:
        """The chart's own height, or less in a short tab: the list keeps the larger part."""
        total = sum(self.sizes())
        if total <= 0 or self.chart.isHidden():
            return
        wanted = self.chart.sizeHint().height()
        chart = max(self.chart.minimumHeight(), min(wanted, int(total * CHART_SHARE)))
        self.setSizes([chart, total - chart])

    def _remember(self, *_moved: object) -> None:
        self._chosen = True
        ui_settings.settings().setValue(self._setting, self.saveState())
