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


def recent_workspaces(stored: QSettings | None = None) -> list[Path]:
    value = (stored or settings()).value("recent", [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return []
    return [Path(str(item)) for item in value if str(item)]


def remember_workspace(path: Path) -> None:
    """Put ``path`` first in the recent workspaces. Reopening the last one (every start)
    changes nothing, and writes nothing: rewriting the file cost each start 3 ms."""
    resolved = str(path.expanduser().resolve())
    stored = settings()
    recent = [str(p) for p in recent_workspaces(stored)]
    wanted = [resolved, *(p for p in recent if p != resolved)][:RECENT_LIMIT]
    if wanted != recent:
        stored.setValue("recent", wanted)


def forget_workspace(path: Path) -> None:
    resolved = str(path.expanduser().resolve())
    settings().setValue("recent", [str(p) for p in recent_workspaces() if str(p) != resolved])
