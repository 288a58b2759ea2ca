"""Opening a workspace from the app: every refusal becomes a dialog, never a traceback.

A workspace held by another csdesk can still be opened read-only, which the dialog offers.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from csdesk.store import Workspace, WorkspaceError, WorkspaceLocked
from csdesk.store.errors import WorkspaceCorrupt
from csdesk.ui.remedies import error_text
from csdesk.ui.translate import _


def show_notice(parent: QWidget | None, title: str, message: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.information(parent, title, message)


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    from PySide6.QtWidgets import QMessageBox  # built on first use, not at every start

    QMessageBox.critical(parent, title, message)


def _ask(parent: QWidget | None, title: str, message: str, *, default_yes: bool) -> bool:
    from PySide6.QtWidgets import QMessageBox

    yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
    answer = QMessageBox.question(parent, title, message, yes | no, yes if default_yes else no)
    return answer == yes


def ask_read_only(parent: QWidget | None, message: str) -> bool:
    question = message + "\n\n" + _("Open it read-only?")
    return _ask(parent, _("Workspace in use"), question, default_yes=True)


def ask_confirm(parent: QWidget | None, title: str, message: str) -> bool:
    return _ask(parent, title, message, default_yes=False)


# Replaced by tests, which cannot click modal dialogs.
error_dialog: Callable[[QWidget | None, str, str], None] = show_error
notice_dialog: Callable[[QWidget | None, str, str], None] = show_notice
read_only_question: Callable[[QWidget | None, str], bool] = ask_read_only
confirm_question: Callable[[QWidget | None, str, str], bool] = ask_confirm


def open_workspace(parent: QWidget | None, path: Path, *, create: bool = False) -> Workspace | None:
    """The open workspace, or None after telling the person why it could not be opened.

    What csdesk did for safety while opening it (a journal of another file set aside, a file
    with several hard links opened read-only) is told once, in one dialog.
    """
    ws = _open(parent, path, create=create)
    if ws is not None and ws.notices:
        notice_dialog(parent, _("Opened with care"), "\n\n".join(ws.notices))
    return ws


def _open(parent: QWidget | None, path: Path, *, create: bool) -> Workspace | None:
    try:
        return Workspace.open(path, create=create)
    except WorkspaceLocked as exc:
        if read_only_question(parent, error_text(exc)):
            try:
                return Workspace.open(path, read_only=True)
            except WorkspaceError as again:
                error_dialog(parent, _("Cannot open workspace"), error_text(again))
        return None
    except WorkspaceCorrupt as exc:
        return _offer_backup(parent, path, exc)
    except WorkspaceError as exc:
        error_dialog(parent, _("Cannot open workspace"), error_text(exc))
        return None


def _offer_backup(parent: QWidget | None, path: Path, error: WorkspaceCorrupt) -> Workspace | None:
    """A damaged workspace: offer its newest backup (the damaged file is kept aside). The
    question offers the restore, so the message does not point to the menu as well."""
    from csdesk.ui.backup_restore import backups_of, restore_damaged

    backups = backups_of(path)
    if not backups:
        error_dialog(parent, _("Cannot open workspace"), error_text(error))
        return None
    message = error_text(error, remedy=False)
    newest = backups[0]
    taken = newest.taken.strftime("%Y-%m-%d %H:%M") if newest.taken else newest.path.name
    question = (
        message
        + "\n\n"
        + _(
            "Restore the newest backup ({taken}, {why})? The damaged file is kept beside it."
        ).format(taken=taken, why=newest.reason)
    )
    if not confirm_question(parent, _("Workspace damaged"), question):
        return None
    try:
        restore_damaged(path, newest.path)
        return Workspace.open(path)
    except WorkspaceError as exc:
        error_dialog(parent, _("Cannot restore backup"), error_text(exc))
        return None


def create_workspace(parent: QWidget | None, path: Path) -> Workspace | None:
    try:
        return Workspace.create(path)
    except WorkspaceError as exc:
        error_dialog(parent, _("Cannot create workspace"), error_text(exc))
        return None
