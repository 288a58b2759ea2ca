"""The app's own preferences (window geometry, recent workspaces), kept beside the data folder.

An INI file in csdesk's data folder rather than the platform registry, so that
``CSDESK_DATA_DIR`` isolates tests and portable installs completely.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from csdesk.store.paths import data_dir

RECENT_LIMIT = 8


def settings() -> QSettings:
    return QSettings(str(data_dir() / "app.ini"), QSettings.Format.IniFormat)


def recent_workspaces() -> list[Path]:
    value = settings().value("recent", [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return []
    return [Path(str(item)) for item in value if str(item)]


def remember_workspace(path: Path) -> None:
    resolved = str(path.expanduser().resolve())
    items = [str(p) for p in recent_workspaces() if str(p) != resolved]
    settings().setValue("recent", [resolved, *items][:RECENT_LIMIT])


def forget_workspace(path: Path) -> None:
    resolved = str(path.expanduser().resolve())
    settings().setValue("recent", [str(p) for p in recent_workspaces() if str(p) != resolved])
