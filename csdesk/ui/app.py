"""Starting the desktop app: `csdesk` (default workspace) and `csdesk open FILE`.

Without a display the app cannot start; it says so in one line and names the headless commands
instead of letting Qt abort. A workspace that cannot be opened is a dialog: the window still
opens, empty, so the person can pick another file.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from csdesk.ui.main_window import MainWindow

HEADLESS_MESSAGE = (
    "csdesk: no display found, so the desktop app cannot open. The headless commands work "
    "without one: csdesk demo, import, imports, undo-import, metrics, health, report, export, "
    "backup, restore (csdesk --help lists them all)."
)


def has_display() -> bool:
    """False on Linux/BSD when neither X11, Wayland nor an explicit Qt platform is set."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run(file: str | None) -> int:
    """Open the app on ``file`` (or the default workspace); return the exit code."""
    if not has_display():
        print(HEADLESS_MESSAGE, file=sys.stderr)
        return 2
    window = start(file)
    app = window.application()
    return int(app.exec())


def start(file: str | None) -> MainWindow:
    """The styled, shown main window on ``file``, the default workspace (created when
    missing) when None; a file that cannot be opened leaves the window empty after a dialog."""
    from PySide6.QtGui import QGuiApplication, QIcon
    from PySide6.QtWidgets import QApplication

    from csdesk.i18n import set_language
    from csdesk.resources import resource_path
    from csdesk.store.paths import default_workspace_path
    from csdesk.ui import style, workspace_opening
    from csdesk.ui.main_window import MainWindow
    from csdesk.ui.session import workspace_language

    app = QApplication.instance() or style.create_application(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("csdesk")
    app.setApplicationDisplayName("csdesk")
    icon = resource_path("app-icon.svg")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    style.apply(app)
    path = Path(file) if file else default_workspace_path()
    ws = workspace_opening.open_workspace(None, path, create=file is None)
    # Words in the workspace's language (its locale setting, else the system's), set before
    # any window text is made; the window follows later changes of it (MainWindow docstring).
    set_language(None if ws is None else workspace_language(ws))
    window = MainWindow()
    window.set_workspace(ws)
    # The system switching between light and dark while the app runs: it follows at once.
    QGuiApplication.styleHints().colorSchemeChanged.connect(window.follow_system_scheme)
    window.show()
    return window
