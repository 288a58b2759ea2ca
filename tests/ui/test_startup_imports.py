"""The main window first paints without the libraries and engines its first view does not
need: the Today page's queue (its rules, their wording, Babel) loads after that paint, and no
page's charts or documents (pandas, numpy, matplotlib, reportlab) load before their page; the
menus show their titles at once and get their entries after the paint."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from csdesk.ui.first_paint import painted
from csdesk.ui.main_window import MainWindow
from csdesk.ui.workers import Runner

# Not needed to show the window on the Today page; each is a measurable part of a start.
HEAVY = (
    "pandas",
    "numpy",
    "matplotlib",
    "reportlab",
    "openpyxl",
    "babel",
    "csdesk.desk.queue",
    "csdesk.desk.engine",
    "csdesk.i18n.formatting",
    "csdesk.metrics",
    "csdesk.charts",
    "csdesk.reports",
    "csdesk.ingest",
)

PROGRAM = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QDeadlineTimer, QElapsedTimer
import PySide6.QtCore
# A PySide that builds its types lazily (6.7 on) has no Qt namespace until it is touched.
lazy = "Qt" not in vars(PySide6.QtCore)
from csdesk.store import Workspace
from csdesk.ui import style
from csdesk.ui.main_window import MainWindow
from csdesk.ui.pages.today import TodayPage

from PySide6.QtCore import QEvent, QObject

heavy = {heavy!r}
at_paint = {{}}


class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not at_paint:
            at_paint["first"] = sorted(m for m in heavy if m in sys.modules)
            at_paint["menus"] = window.__dict__["_menus_filled"]
            # PySide builds its Qt namespace (94 enums) the first time it is touched.
            at_paint["qt"] = lazy and "Qt" in vars(PySide6.QtCore)
        return False


app = style.create_application(sys.argv)
style.apply(app)
window = MainWindow()
watcher = FirstPaint()
window.installEventFilter(watcher)
window.set_workspace(Workspace.open(Path({path!r})))
window.resize(1280, 800)
window.show()
while not at_paint:  # as the event loop's first turns do
    app.processEvents()
first = at_paint["first"]
page = window.current_page()
assert isinstance(page, TodayPage)
clock = QElapsedTimer()
clock.start()
while not page.items and clock.elapsed() < 60_000:
    app.processEvents()
    window.runner.wait()
later = sorted(m for m in heavy if m in sys.modules)
print(json.dumps({{"first": first, "later": later, "items": len(page.items),
                  "menus": at_paint["menus"], "qt": at_paint["qt"]}}))
window.close()
"""


def test_the_first_paint_loads_nothing_the_first_view_does_not_show(
    sample_path: Path, tmp_path: Path
) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CSDESK_DATA_DIR=str(tmp_path / "data"))
    code = textwrap.dedent(PROGRAM.format(heavy=HEAVY, path=str(sample_path)))
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["first"] == [], f"loaded before the window first painted: {seen['first']}"
    assert seen["menus"] is False, "the menus' entries were made before the first paint"
    assert seen["qt"] is False, "PySide's Qt namespace was built before the first paint"
    # Then the queue arrives, and with it what it needs (the check can see those modules).
    assert seen["items"] > 0
    assert {"babel", "csdesk.desk.queue", "csdesk.desk.engine"} <= set(seen["later"])


def test_the_menus_get_their_entries_after_the_first_paint_or_when_asked(
    qtbot: QtBot, sample_path: Path
) -> None:
    shown = MainWindow(Runner(immediate=True))
    qtbot.addWidget(shown)
    assert shown.open_path(sample_path)
    shown.show()
    titles = [action.text() for action in shown.menuBar().actions()]
    assert titles == ["&File", "&Edit", "&Go"]
    menus = [action.menu() for action in shown.menuBar().actions()]
    assert all(isinstance(menu, QMenu) and not menu.actions() for menu in menus)
    qtbot.waitUntil(lambda: painted(shown))
    go = menus[2]
    assert isinstance(go, QMenu)
    assert [a.shortcut().toString() for a in go.actions()][-9:] == [
        f"Ctrl+{n}" for n in range(1, 10)
    ]
    # A window whose entries are asked for before it painted makes them then.
    hidden = MainWindow(Runner(immediate=True))
    qtbot.addWidget(hidden)
    assert hidden.undo_action.text() == "&Undo" and not hidden.undo_action.isEnabled()
    assert hidden.import_action.shortcut().toString() == "Ctrl+I"
