"""The frame both import dialogs share (one file, a whole folder): a header band with the
titles, the steps in the middle, and a bottom row with the busy bar, the hint and the buttons.
One place, so that the two dialogs keep looking like one family."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from csdesk.ui import style


def busy_bar() -> QProgressBar:
    """The small bar beside the hint: moving (no range) until a job says how far it is."""
    bar = QProgressBar()
    bar.setRange(0, 0)
    bar.setFixedWidth(90)
    bar.setTextVisible(False)
    return bar


def set_buttons(primary: QPushButton, others: list[QPushButton]) -> None:
    """Enter is always ``primary`` (the default button), never a focused Back or Cancel."""
    primary.setObjectName("primary")
    primary.setDefault(True)
    for button in others:
        button.setAutoDefault(False)
    for button in (primary, *others):
        button.setMinimumWidth(96)


def lay_out(
    dialog: QDialog,
    *,
    above_titles: QWidget | None,
    title: QLabel,
    subtitle: QLabel,
    stack: QStackedWidget,
    busy_bar: QProgressBar,
    hint: QLabel,
    buttons: list[QPushButton],
) -> None:
    """Put the parts in ``dialog``: ``above_titles`` (the step bar) heads the header band."""
    palette = style.current()
    margin = style.SPACING * 2
    header = QWidget()
    header.setObjectName("wizardHeader")
    header.setStyleSheet(
        f"QWidget#wizardHeader {{ background: {palette.surface};"
        f" border-bottom: 1px solid {palette.border}; }}"
    )
    header_layout = QVBoxLayout(header)
    header_layout.setContentsMargins(margin, style.SPACING, margin, style.SPACING)
    header_layout.setSpacing(style.SPACING)
    if above_titles is not None:
        header_layout.addWidget(above_titles)
    titles = QVBoxLayout()
    titles.setSpacing(2)
    titles.addWidget(title)
    titles.addWidget(subtitle)
    header_layout.addLayout(titles)
    body = QVBoxLayout()
    body.setContentsMargins(margin, style.SPACING + 4, margin, style.SPACING)
    body.addWidget(stack, 1)
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setStyleSheet(f"color: {palette.border};")
    row = QHBoxLayout()
    row.setContentsMargins(margin, style.SPACING, margin, style.SPACING)
    row.setSpacing(8)
    row.addWidget(busy_bar)
    row.addWidget(hint, 1)
    row.addSpacing(style.SPACING)
    for button in buttons:
        row.addWidget(button)
    layout = QVBoxLayout(dialog)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(header)
    layout.addLayout(body, 1)
    layout.addWidget(line)
    layout.addLayout(row)
