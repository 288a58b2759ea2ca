"""What a person would see cut off in a widget tree: the helper every page's layout test uses.

A widget is reported when a shown label's text needs more room than the label has (a line
wider than it, or wrapped lines taller than it), a button's or tab's text does not fit, or a
shown widget reaches outside its parent. What scrolls down is not clipped: the content of a
scroll area may be taller than its viewport (but not wider: a page that scrolls sideways hides
its right edge), and the insides of item views (cells elide by design)
are left to those views.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QComboBox,
    QLabel,
    QScrollArea,
    QStyle,
    QStyleOptionComboBox,
    QTabBar,
    QWidget,
)

# How far inside its canvas a chart's text must stay, in pixels.
EDGE = 3


def _describe(widget: QWidget) -> str:
    text = ""
    if isinstance(widget, QLabel | QAbstractButton):
        text = widget.text()
    elif isinstance(widget, QComboBox):
        text = widget.currentText()
    name = widget.objectName()
    kind = type(widget).__name__
    return f"{kind}{f'#{name}' if name else ''} {text[:60]!r} {_rect(widget.geometry())}"


def _rect(rect: QRect) -> str:
    return f"({rect.x()},{rect.y()} {rect.width()}x{rect.height()})"


def _scrolled(widget: QWidget) -> bool:
    """True when ``widget`` is the moving content of a scroll area (its viewport's child)."""
    parent = widget.parentWidget()
    area = parent.parentWidget() if parent is not None else None
    return isinstance(area, QAbstractScrollArea) and area.viewport() is parent


def _inside_item_view(widget: QWidget, root: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, QAbstractItemView):
            return True
        parent = parent.parentWidget()
    return False


def clipped(root: QWidget) -> list[str]:
    """Every shown widget under ``root`` that is cut off, described; empty when none is."""
    found: list[str] = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or widget.isWindow() or _inside_item_view(widget, root):
            continue
        inner = widget.widget() if isinstance(widget, QScrollArea) else None
        if isinstance(widget, QScrollArea) and inner is not None:
            content, viewport = inner.width(), widget.viewport().width()
            if content > viewport:
                # Down is how a page grows; sideways, its right edge is out of sight.
                found.append(f"content {content} px wide in {viewport} px: {_describe(widget)}")
        parent = widget.parentWidget()
        outside = parent is not None and not parent.rect().contains(widget.geometry())
        if parent is not None and outside and not _scrolled(widget):
            found.append(f"outside its parent {_rect(parent.rect())}: {_describe(widget)}")
            continue
        if isinstance(widget, QLabel) and widget.text() and widget.pixmap().isNull():
            if widget.wordWrap():
                needed = widget.heightForWidth(widget.width())
                if needed > widget.height():
                    found.append(f"wrapped text {needed} px tall: {_describe(widget)}")
            else:
                hint = widget.minimumSizeHint()
                if hint.width() > widget.width() or hint.height() > widget.height():
                    found.append(f"text needs {hint.width()}x{hint.height()}: {_describe(widget)}")
        elif isinstance(widget, QAbstractButton) and widget.text():
            hint = widget.minimumSizeHint()
            if hint.width() > widget.width():
                found.append(f"text needs {hint.width()} px: {_describe(widget)}")
        elif isinstance(widget, QComboBox) and widget.currentText():
            # The shown choice with the frame and arrow a combo draws around it.
            option = QStyleOptionComboBox()
            widget.initStyleOption(option)
            text = QSize(widget.fontMetrics().horizontalAdvance(widget.currentText()), 1)
            style = widget.style()
            shown = style.sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, text, widget)
            if not widget.isEditable() and shown.width() > widget.width():
                found.append(f"choice needs {shown.width()} px: {_describe(widget)}")
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                if widget.tabRect(index).right() > widget.width():
                    found.append(f"tab {widget.tabText(index)!r} cut: {_describe(widget)}")
    return found


def _drawn_texts(figure: Any) -> list[Any]:
    """The texts matplotlib draws: titles, labels, annotations, legends and the tick labels
    inside the view (ticks outside it exist but are not drawn)."""
    texts = [*figure.texts]
    for legend in figure.legends:
        texts += legend.texts
    for axes in figure.axes:
        if not axes.get_visible():
            continue
        texts += [axes.title, axes._left_title, axes._right_title, *axes.texts]
        if axes.get_legend() is not None:
            texts += axes.get_legend().texts
        for axis in (axes.xaxis, axes.yaxis):
            if not axes.axison or not axis.get_visible():
                continue
            texts.append(axis.label)
            for tick in axis._update_ticks():
                texts += [tick.label1, tick.label2]
    return [t for t in texts if t.get_visible() and t.get_text().strip()]


def chart_problems(root: QWidget) -> list[str]:
    """Every text of a shown chart under ``root`` that reaches past its canvas, or runs into
    its chart's title, drawn at the canvas's size now."""
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

    found: list[str] = []
    for canvas in root.findChildren(FigureCanvasQTAgg):
        if not canvas.isVisibleTo(root):
            continue
        figure = canvas.figure
        canvas.draw()
        renderer = canvas.get_renderer()
        box = figure.bbox
        titles = [
            t
            for axes in figure.axes
            for t in (axes.title, getattr(axes, "_left_title", axes.title))
            if t.get_text()
        ]
        name = titles[0].get_text() if titles else "chart"
        for text in _drawn_texts(figure):
            extent = text.get_window_extent(renderer)
            # Drawn glyphs spill a pixel or two past what matplotlib measures: a margin.
            if (
                extent.x0 < box.x0 + EDGE
                or extent.x1 > box.x1 - EDGE
                or extent.y0 < box.y0 + EDGE
                or extent.y1 > box.y1 - EDGE
            ):
                found.append(f"{name}: {text.get_text()!r} past the canvas {extent} {box}")
            for title in titles:
                if text is not title and extent.overlaps(title.get_window_extent(renderer)):
                    found.append(f"{name}: {text.get_text()!r} over the title {extent}")
    return found
