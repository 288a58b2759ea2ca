"""Restoring a workspace from one of its automatic backups.

The core takes a backup before each import, upgrade and restore (csdesk.store.backup). This
dialog lists them, newest first, with when and why each was taken and its size; restoring
asks first, and the core backs the current content up before replacing it, so a restore can
itself be undone. A workspace too damaged to open is moved aside (never deleted) before its
newest backup is copied in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from csdesk.ui.models.rows_table import PAYLOAD_ROLE, Row, RowsTableModel
from csdesk.ui.session import Session
from csdesk.ui.table_view import table
from csdesk.ui.translate import N_, _
from csdesk.ui.widgets import muted

_NAME = re.compile(r"-(\d{8}-\d{6}-\d+)-(.+)$")
REASONS = {
    "before-import": N_("before an import"),
    "before-restore": N_("before a restore"),
    "before-upgrade": N_("before an upgrade"),
    "before-migration": N_("before an upgrade"),
}


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """One backup file: when it was taken, why, and how big it is."""

    path: Path
    taken: datetime | None
    reason: str
    size: int


def describe(path: Path) -> BackupInfo:
    found = _NAME.search(path.stem)
    taken, reason = None, ""
    if found is not None:
        taken = datetime.strptime(found.group(1), "%Y%m%d-%H%M%S-%f")
        reason = found.group(2)
    shown = _(REASONS[reason]) if reason in REASONS else reason.replace("-", " ")
    return BackupInfo(path, taken, shown, _size(path))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def backups_of(workspace: Path) -> list[BackupInfo]:
    """The backups of ``workspace``, newest first."""
    from csdesk.store.backup import list_backups

    return [describe(path) for path in list_backups(workspace)]


def restore_damaged(workspace: Path, backup: Path) -> Path:
    """Move a damaged workspace aside and restore ``backup`` in its place; returns where the
    damaged file went (kept, in case something in it is still wanted)."""
    from csdesk.store.backup import restore

    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = workspace.with_name(f"{workspace.name}.damaged-{stamp}")
    workspace.replace(aside)
    try:
        restore(backup, workspace)
    except BaseException:
        workspace.unlink(missing_ok=True)
        aside.replace(workspace)
        raise
    return aside


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"


class RestoreDialog(QDialog):
    """The backups of the open workspace; Restore hands the chosen one back."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Restore from backup"))
        self.setMinimumSize(640, 360)
        self.backups = backups_of(session.ws.path)
        self.model = RowsTableModel(
            [_("Taken"), _("Why"), _("Size")], right_aligned=(2,), parent=self
        )
        self.model.set_rows(
            [
                Row(
                    cells=[
                        session.moment(b.taken) if b.taken else b.path.name,
                        b.reason,
                        human_size(b.size),
                    ],
                    payload=b.path,
                    tooltip=str(b.path),
                )
                for b in self.backups
            ]
        )
        self.table = table(self.model, stretch=1)
        note = muted(
            _(
                "Restoring replaces the workspace's content with the backup's. The current "
                "content is backed up first, so this can be undone by restoring that backup."
            )
            if self.backups
            else _("This workspace has no backups yet; one is taken before every import.")
        )
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = self.buttons.addButton(
            _("Restore"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.restore_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.table.selectionModel().currentRowChanged.connect(
            lambda: self.restore_button.setEnabled(self.chosen() is not None)
        )
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        if self.backups:
            self.table.selectRow(0)

    def chosen(self) -> Path | None:
        payload = self.table.currentIndex().data(PAYLOAD_ROLE)
        return payload if isinstance(payload, Path) else None
