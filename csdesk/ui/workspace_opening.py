"""Opening a workspace from the app: every refusal becomes a dialog, never a traceback.

A workspace held by another csdesk can still be opened read-only, which the dialog offers.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from csdesk.store import Workspace, WorkspaceError, WorkspaceLocked
from csdesk.ui.translate import _


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    QMessageBox.critical(parent, title, message)


def ask_read_only(parent: QWidget | None, message: str) -> bool:
    answer = QMessageBox.question(
        parent,
        _("Workspace in use"),
        message + "\n\n" + _("Open it read-only?"),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


# Replaced by tests, which cannot click modal dialogs.
error_dialog: Callable[[QWidget | None, str, str], None] = show_error
read_only_question: Callable[[QWidget | None, str], bool] = ask_read_only


def open_workspace(parent: QWidget | None, path: Path, *, create: bool = False) -> Workspace | None:
    """The open workspace, or None after telling the person why it could not be opened."""
    try:
        return Workspace.open(path, create=create)
    except WorkspaceLocked as exc:
        if read_only_question(parent, exc.message):
            try:
                return Workspace.open(path, read_only=True)
            except WorkspaceError as again:
                error_dialog(parent, _("Cannot open workspace"), again.message)
        return None
    except WorkspaceError as exc:
        error_dialog(parent, _("Cannot open workspace"), exc.message)
        return None


def create_workspace(parent: QWidget | None, path: Path) -> Workspace | None:
    try:
        return Workspace.create(path)
    except WorkspaceError as exc:
        error_dialog(parent, _("Cannot create workspace"), exc.message)
        return None
