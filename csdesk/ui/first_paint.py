"""Start background work only once the window has painted.

A job that imports numpy and pandas in a worker thread holds the interpreter for a few hundred
milliseconds; started while the window first shows, it delays the first paint (the main
thread waits for the interpreter too). Work asked for before the first paint waits for it,
with a short fallback in case no paint comes (a window that is shown but covered).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

FALLBACK_MS = 300
_PAINTED = "csdesk_painted"
_WATCHER = "_csdesk_paint_watcher"


class _PaintWatcher(QObject):
    """Runs the waiting callbacks right after the window's first paint has finished."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.waiting: list[Callable[[], None]] = []
        self.released = False
        window.installEventFilter(self)
        QTimer.singleShot(FALLBACK_MS, self.release)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Paint:
            # The event is about to be handled: release once the whole repaint is done.
            QTimer.singleShot(0, self.release)
        return False

    def release(self) -> None:
        if self.released or self.window.property(_PAINTED):
            return
        self.released = True
        self.window.setProperty(_PAINTED, True)
        self.window.removeEventFilter(self)
        waiting, self.waiting = self.waiting, []
        for callback in waiting:
            callback()
        self.deleteLater()


def after_first_paint(widget: QWidget, callback: Callable[[], None]) -> None:
    """Call ``callback`` from the event loop, after ``widget``'s window first painted.

    A window that has painted already runs it on the next turn of the event loop, and so does
    one still not shown then (tests, screenshots); one shown by then waits for its paint.
    """
    window = widget.window()
    if window.property(_PAINTED):
        QTimer.singleShot(0, callback)
        return
    if not window.isVisible():
        # Asked while the window is being built: it is usually shown before the event loop
        # turns, and then the work waits for its paint too.
        QTimer.singleShot(0, lambda: _when_shown_painted(widget, callback))
        return
    _watcher(window).waiting.append(callback)


def _when_shown_painted(widget: QWidget, callback: Callable[[], None]) -> None:
    try:
        window = widget.window()
    except RuntimeError:  # deleted meanwhile: its work goes with it
        return
    if window.isVisible() and not window.property(_PAINTED):
        _watcher(window).waiting.append(callback)
    else:
        callback()


def _watcher(window: QWidget) -> _PaintWatcher:
    # Kept on the window's Python object: ``findChild`` would make a Python object of every
    # child widget to test its type, loading their classes while the window first shows.
    watcher = getattr(window, _WATCHER, None)
    if not isinstance(watcher, _PaintWatcher) or watcher.released:
        watcher = _PaintWatcher(window)
        setattr(window, _WATCHER, watcher)
    return watcher


def painted(widget: QWidget) -> bool:
    """Whether ``widget``'s window has painted and run the work that waited for it."""
    return bool(widget.window().property(_PAINTED))
