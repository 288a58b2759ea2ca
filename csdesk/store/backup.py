"""Backups through SQLite's online backup API, rotated, and restore.

A backup is a consistent copy even while the workspace is being written. Automatic backups
(before each import, upgrade and restore) go to the workspace's folder under the user data
folder and the oldest beyond :data:`KEEP` are removed. A restore copies the backup into the
workspace in one transaction: killed half-way, the workspace is as it was.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import datetime
from pathlib import Path

from csdesk.store import locking, migrations
from csdesk.store.errors import WorkspaceError
from csdesk.store.paths import WORKSPACE_SUFFIX, backup_dir_for
from csdesk.store.workspace import Workspace

KEEP = 10
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


def backup_to(source: Path, target: Path) -> Path:
    """Copy the workspace at ``source`` to ``target`` (a new file), consistently."""
    source = Path(source)
    target = Path(target)
    if target.exists():
        raise WorkspaceError(f"{target} already exists; choose another name for the backup.")
    if not target.parent.is_dir():
        raise WorkspaceError(f"cannot write {target}: the folder {target.parent} does not exist.")
    Workspace.check(source)
    _copy(source, target)
    return target


def _copy(source: Path, target: Path) -> None:
    """Online-backup ``source`` into ``target`` through a temporary name, then rename."""
    partial = target.with_name(target.name + ".part")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(source.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        dest = sqlite3.connect(partial)
        try:
            src.backup(dest)
        finally:
            dest.close()
    finally:
        src.close()
    partial.replace(target)


def automatic_backup(workspace: Path, *, reason: str) -> Path:
    """Back the workspace up into its rotation folder and drop the oldest beyond KEEP.

    Works on a workspace of any older version (it copies pages, it does not read the schema).
    """
    folder = backup_dir_for(workspace)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{workspace.stem}-{stamp}-{_UNSAFE.sub('-', reason)}{WORKSPACE_SUFFIX}"
    _copy(workspace, target)
    rotate(folder)
    return target


def list_backups(workspace: Path) -> list[Path]:
    """Backups of this workspace, newest first."""
    folder = backup_dir_for(workspace)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"*{WORKSPACE_SUFFIX}"), key=lambda p: p.name, reverse=True)


def rotate(folder: Path, keep: int = KEEP) -> None:
    backups = sorted(folder.glob(f"*{WORKSPACE_SUFFIX}"), key=lambda p: p.name, reverse=True)
    for old in backups[keep:]:
        old.unlink(missing_ok=True)


def restore(backup: Path, workspace: Path) -> None:
    """Replace the workspace's content with the backup's, upgrading it when it is older.

    The backup is checked like any workspace first; the current content is backed up
    automatically, so a restore can itself be undone.
    """
    backup = Path(backup)
    workspace = Path(workspace)
    if not backup.exists():
        raise WorkspaceError(f"{backup} does not exist.")
    Workspace.check(backup)
    if workspace.exists() and workspace.stat().st_size > 0:
        Workspace.open(workspace).close()  # validates and upgrades the target
        automatic_backup(workspace, reason="before-restore")
    locking.acquire(workspace)
    try:
        src = sqlite3.connect(backup.resolve().as_uri() + "?mode=ro", uri=True)
        dest = sqlite3.connect(workspace, isolation_level=None)
        try:
            src.backup(dest)  # one write transaction on the destination
            version = dest.execute("PRAGMA user_version").fetchone()[0]
            if version < migrations.current_version():
                migrations.apply(dest, version)
            dest.execute("PRAGMA journal_mode = WAL")
        finally:
            dest.close()
            src.close()
    finally:
        locking.release(workspace)
