"""Small building blocks shared by the pages: page header, empty state, KPI card, health chip,
a grid of cards that reflows to fit."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from csdesk.ui import icons, qt_numbers, style


def page_title(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("pageTitle")
    return label


def section_title(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionTitle")
    return label


def unbroken(text: str) -> str:
    """``text`` ("Dec 2024", "AM: Marcelo Tavares") kept on one line of a label that wraps."""
    return text.replace(" ", "\u00a0")


def muted(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName("muted")
    label.setWordWrap(True)
    return label


class EmptyState(QWidget):
    """What a page shows when it has nothing to show: an icon, a title and what will be there."""

    def __init__(self, icon_name: str, title: str, body: str, parent: QWidget | None = None):
        super().__init__(parent)
        palette = style.current()
        self.icon_label = QLabel()
        self.icon_label.setPixmap(icons.icon(icon_name, palette.muted).pixmap(48, 48))
        # Alignments as Qt properties: no ``Qt`` namespace while the window first shows.
        self.icon_label.setProperty("alignment", qt_numbers.ALIGN_CENTER)
        self.title = QLabel(title)
        self.title.setObjectName("emptyTitle")
        self.title.setProperty("alignment", qt_numbers.ALIGN_CENTER)
        self.body = QLabel(body)
        self.body.setObjectName("emptyBody")
        self.body.setWordWrap(True)
        self.body.setProperty("alignment", qt_numbers.ALIGN_CENTER)
        self.body.setFixedWidth(520)
        self._fit_body()
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.icon_label)
        layout.addSpacing(style.SPACING)
        layout.addWidget(self.title)
        centred = QHBoxLayout()  # the body's fixed width, centred
        centred.addStretch(1)
        centred.addWidget(self.body)
        centred.addStretch(1)
        layout.addLayout(centred)
        layout.addStretch(2)

    def set_text(self, title: str, body: str) -> None:
        self.title.setText(title)
        self.body.setText(body)
        self._fit_body()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_body()  # again, now that the stylesheet's font is applied

    def _fit_body(self) -> None:
        # A wrapped label in a centred layout gets one line's height unless told its own.
        self.body.setMinimumHeight(self.body.heightForWidth(self.body.width()))


class Card(QFrame):
    """A figure with its label, e.g. MRR on the account header."""

    def __init__(self, label: str, value: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.label = QLabel(label)
        self.label.setObjectName("cardLabel")
        self.value = QLabel(value)
        self.value.setObjectName("cardValue")
        from PySide6.QtCore import Qt

        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.box = layout = QVBoxLayout(self)
        layout.setContentsMargins(style.SPACING, 8, style.SPACING, 8)
        layout.setSpacing(2)
        layout.addWidget(self.label)
        layout.addWidget(self.value)

    def set_value(self, text: str, colour: str | None = None) -> None:
        self.value.setText(text)
        self.value.setStyleSheet(f"color: {colour};" if colour else "")


class ReflowGrid(QWidget):
    """Widgets (cards) in rows of ``columns``, fewer per row (down to one) when the width
    cannot hold them whole: each keeps at least its minimum width, so nothing in it is cut,
    and the grid never makes the page wider than the window. The rows are evened out: nine
    cards stand in three rows of three, not 4 + 4 + 1 with one card alone at the bottom."""

    def __init__(
        self, items: Sequence[QWidget] = (), columns: int = 4, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.items: list[QWidget] = list(items)
        self.max_columns = columns
        self.columns = 0  # what the grid is arranged in now (``arrange``)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(style.SPACING)
        if self.items:
            self.arrange(columns)

    def add_items(self, items: Sequence[QWidget]) -> None:
        self.items += items
        self.columns = 0
        self.arrange(self.columns_for(self.width()) if self.width() else self.max_columns)

    def item_width(self) -> int:
        """The width every item needs."""
        return max((item.minimumSizeHint().width() for item in self.items), default=0)

    def columns_for(self, width: int) -> int:
        """Items per row: the most (up to ``max_columns``) whose rows fit in ``width``, each
        column as wide as the widest item in it needs, then as few per row as keeps that
        number of rows, so that the last row is not left with one or two."""
        fits = self.max_columns
        while fits > 1 and self._row_width(fits) > width:
            fits -= 1
        count = len(self.items)
        if count <= fits:
            return fits
        rows = -(-count // fits)
        columns = -(-count // rows)
        while columns > 1 and self._row_width(columns) > width:  # items of unlike widths
            columns -= 1
        return columns

    def _row_width(self, columns: int) -> int:
        widths = [0] * columns
        for position, item in enumerate(self.items):
            column = position % columns
            widths[column] = max(widths[column], item.minimumSizeHint().width())
        return sum(widths) + self.grid.horizontalSpacing() * (columns - 1)

    def arrange(self, columns: int) -> None:
        if columns == self.columns:
            return
        for item in self.items:
            self.grid.removeWidget(item)
        for column in range(max(columns, self.columns, self.grid.columnCount())):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)
        for position, item in enumerate(self.items):
            self.grid.addWidget(item, position // columns, position % columns)
        self.columns = columns
        self.updateGeometry()

    def refit(self) -> None:
        """Arrange again after the items' contents changed (longer figures need wider cards)."""
        self.arrange(self.columns_for(self.width()))
        self.updateGeometry()

    def minimumSizeHint(self) -> QSize:
        """One item wide (the grid reflows to fit), as tall as the rows are now."""
        return QSize(self.item_width(), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.arrange(self.columns_for(event.size().width()))
