"""Settings reached from an import dialog, and the dialog told when they change.

Both import dialogs are window-modal: while one is up the main window's menu, and so its
Settings, cannot be reached. A file refused for a rate, or a data room held back for its
currencies, names Settings as the remedy; the dialog opens Settings over itself, and plans
again when the workspace's settings change (saved there, or anywhere else).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from csdesk.ui.data_change import SETTINGS, DataChange
from csdesk.ui.session import Session

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from csdesk.ui.settings_dialog import SettingsDialog

# The Settings dialog's tabs the import dialogs open it on.
GENERAL_TAB, RATES_TAB = 0, 1


class SettingsFollower:
    """Calls ``changed`` when the session it follows announces a change of the settings."""

    def __init__(self, changed: Callable[[], None]) -> None:
        self._changed = changed
        self._session: Session | None = None
        self.dialog: SettingsDialog | None = None  # the one opened last (kept alive)

    def follow(self, session: Session | None) -> None:
        if self._session is session:
            return
        if self._session is not None:
            with contextlib.suppress(RuntimeError, TypeError):
                self._session.data_changed.disconnect(self._data_changed)
        if session is not None:
            session.data_changed.connect(self._data_changed)
        self._session = session

    def open_settings(self, session: Session, over: QWidget, tab: int) -> SettingsDialog:
        from csdesk.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(session, over)
        dialog.tabs.setCurrentIndex(tab)
        dialog.open()
        self.dialog = dialog
        return dialog

    def _data_changed(self, change: object) -> None:
        if SETTINGS in DataChange.coerce(change).kinds:
            self._changed()
