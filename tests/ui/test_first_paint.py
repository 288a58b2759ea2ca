"""Background work asked for while the window first shows waits for its first paint."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QLabel, QMainWindow
from pytestqt.qtbot import QtBot

from csdesk.ui.first_paint import after_first_paint


class PaintLog(QObject):
    """Records, in order, the window's paints and the callbacks run."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.events: list[str] = []
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.events.append("paint")
        return False


def test_work_asked_for_while_showing_runs_after_the_first_paint(qtbot: QtBot) -> None:
    window = QMainWindow()
    window.setCentralWidget(QLabel("portfolio"))
    qtbot.addWidget(window)
    log = PaintLog(window)
    window.show()
    after_first_paint(window.centralWidget(), lambda: log.events.append("job"))
    after_first_paint(window, lambda: log.events.append("second job"))
    assert log.events == []  # nothing runs from inside the call
    qtbot.waitUntil(lambda: "second job" in log.events)
    assert log.events.index("paint") < log.events.index("job") < log.events.index("second job")
    # Once painted, later work runs on the next turn of the event loop.
    after_first_paint(window, lambda: log.events.append("later"))
    assert "later" not in log.events
    qtbot.waitUntil(lambda: "later" in log.events)


def test_a_window_not_shown_runs_the_work_on_the_next_turn(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    ran: list[str] = []
    after_first_paint(window, lambda: ran.append("job"))
    assert ran == []
    QCoreApplication.processEvents()
    qtbot.waitUntil(lambda: ran == ["job"])


def test_work_asked_for_while_building_a_window_shown_then_waits_for_its_paint(
    qtbot: QtBot,
) -> None:
    """As the main window's menus: asked for in its constructor, before ``show``; the event
    loop's first turn comes before the paint, so running on it would run before the paint."""
    window = QMainWindow()
    label = QLabel("today")
    after_first_paint(label, lambda: log.events.append("job"))  # not even in the window yet
    window.setCentralWidget(label)
    qtbot.addWidget(window)
    log = PaintLog(window)
    window.show()
    qtbot.waitUntil(lambda: "job" in log.events)
    assert log.events.index("paint") < log.events.index("job")
