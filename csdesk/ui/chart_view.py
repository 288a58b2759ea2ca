"""A matplotlib figure from csdesk.charts inside a widget, themed like the app.

matplotlib's own Qt embedding (FigureCanvasQTAgg), never pyplot, which keeps global state and
leaks figures. matplotlib loads on the first chart shown, not when the app starts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from csdesk.ui import style

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def chart_theme() -> Any:
    """The csdesk.charts theme matching the app's light or dark palette."""
    from csdesk.charts.theme import DARK, LIGHT

    return DARK if style.current().dark else LIGHT


class ChartView(QWidget):
    """Shows one figure at a time; a new figure replaces the old canvas."""

    def __init__(
        self, height: int = 260, parent: QWidget | None = None, *, minimum: int | None = None
    ) -> None:
        """``height``: fixed; with ``minimum``, the height it asks for and may shrink from
        (the chart of a :class:`~csdesk.ui.chart_split.ChartSplit`)."""
        super().__init__(parent)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self._height = height
        if minimum is None:
            self.setFixedHeight(height)
        else:
            self.setMinimumHeight(minimum)
        self.canvas: QWidget | None = None
        self.figure: Figure | None = None

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._height)

    def set_figure(self, figure: Figure) -> None:
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        if self.canvas is not None:
            self.layout_.removeWidget(self.canvas)
            self.canvas.deleteLater()
        canvas = FigureCanvasQTAgg(figure)
        canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.layout_.addWidget(canvas)
        self.canvas = canvas
        self.figure = figure
        canvas.draw_idle()
