"""Small building blocks shared by the pages: page header, empty state, KPI card, health chip."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from csdesk.ui import icons, style


def page_title(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("pageTitle")
    return label


def section_title(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionTitle")
    return label


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
        self.icon_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = QLabel(title)
        self.title.setObjectName("emptyTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body = QLabel(body)
        self.body.setObjectName("emptyBody")
        self.body.setWordWrap(True)
        self.body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.setFixedWidth(520)
        self._fit_body()
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.icon_label)
        layout.addSpacing(style.SPACING)
        layout.addWidget(self.title)
        layout.addWidget(self.body, 0, Qt.AlignmentFlag.AlignHCenter)
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
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.box = layout = QVBoxLayout(self)
        layout.setContentsMargins(style.SPACING, 8, style.SPACING, 8)
        layout.setSpacing(2)
        layout.addWidget(self.label)
        layout.addWidget(self.value)

    def set_value(self, text: str, colour: str | None = None) -> None:
        self.value.setText(text)
        self.value.setStyleSheet(f"color: {colour};" if colour else "")
