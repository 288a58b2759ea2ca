"""Backups through SQLite's online backup API, rotated, and restore.

A backup is a consistent copy even while the workspace is being written. Automatic backups
(before each import, upgrade and restore) go to the workspace's folder under the user data
folder and the oldest beyond :data:`KEEP` are removed. A restore copies the backup into the
workspace in one transaction: killed half-way, the workspace is as it was.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import sqlite3
import sys
from datetime import datetime
from pathlib import Path

from csdesk.errors import N_, Remedy
from csdesk.store import locking, migrations, targets
from csdesk.store.errors import DiskFull, WorkspaceCorrupt, WorkspaceError
from csdesk.store.paths import WORKSPACE_SUFFIX, backup_dir_for, short_stem
from csdesk.store.workspace import Workspace, reader_uri

KEEP = 10
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


def backup_to(source: Path, target: Path) -> Path:
    """Copy the workspace at ``source`` to ``target`` (a new file), consistently."""
    source = Path(source)
    target = Path(target)
    with targets.protecting(source):
        targets.refuse_workspace_target(target)
    if target.exists():
        raise WorkspaceError(
            N_("{target} already exists; choose another name for the backup."), target=target
        )
    if not target.parent.is_dir():
        raise WorkspaceError(
            N_("cannot write {target}: the folder {folder} does not exist."),
            target=target,
            folder=target.parent,
        )
    Workspace.check(source)
    _copy(source, target)
    return target


def _copy(source: Path, target: Path, *, check: bool = False) -> None:
    """Online-backup ``source`` into ``target`` through a temporary name, then rename.

    With ``check`` the copy must pass SQLite's ``quick_check`` before it takes the name: a
    damaged workspace is refused (:class:`WorkspaceCorrupt`) instead of joining the rotation,
    where it would push a good backup out. The copy is flushed to the disk before the rename,
    and the folder after it, so a power cut never leaves a backup that was named but not
    written. Whatever fails, no ``.part`` is left behind.
    """
    partial = target.with_name(target.name + ".part")
    try:
        partial.unlink(missing_ok=True)
        src = sqlite3.connect(reader_uri(source), uri=True)
        try:
            dest = sqlite3.connect(partial)
            try:
                src.backup(dest)
                found = _quick_check(dest) if check else None
            finally:
                dest.close()
        finally:
            src.close()
        if found is not None:
            raise damaged(source, found)
        _fsync(partial)
        partial.replace(target)
        _fsync(target.parent)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        if _is_full(exc):
            raise DiskFull(
                N_(
                    "cannot back up {source}: the disk is full (no room left in the folder "
                    "{folder}). Nothing was changed; free some space there and try again."
                ),
                source=source,
                folder=target.parent,
            ) from exc
        if type(exc) is sqlite3.DatabaseError:  # "malformed", "not a database": damage
            raise damaged(source, str(exc)) from exc
        raise


def _quick_check(conn: sqlite3.Connection) -> str | None:
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    if rows == [("ok",)]:
        return None
    return " ".join(" ".join(str(row[0]).split()) for row in rows[:2])


def _is_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError):
        return exc.errno == errno.ENOSPC
    return isinstance(exc, sqlite3.OperationalError) and "full" in str(exc)


def _fsync(path: Path) -> None:
    """Flush a file (or a folder's entries) to the disk; folders cannot be on Windows."""
    if path.is_dir() and sys.platform == "win32":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def newest_good_backup(workspace: Path) -> Path | None:
    """The newest rotated backup of ``workspace`` that SQLite's ``quick_check`` passes."""
    for backup in list_backups(workspace):
        try:
            conn = sqlite3.connect(backup.resolve().as_uri() + "?mode=ro", uri=True)
        except sqlite3.Error:
            continue
        try:
            if _quick_check(conn) is None:
                return backup
        finally:
            conn.close()
    return None


def way_back(workspace: Path) -> Remedy:
    """What to do about a damaged workspace: restore its newest good backup when there is one,
    else one of its backups (kept elsewhere, perhaps)."""
    good = newest_good_backup(Path(workspace))
    if good is None:
        return Remedy("restore_any", {"file": workspace})
    return Remedy("restore_newest", {"backup": good, "file": workspace})


def damaged(workspace: Path, found: str) -> WorkspaceCorrupt:
    """Why a damaged workspace is refused, and the one way back: its newest good backup
    (the ``restore_newest`` remedy, worded by the door that shows it)."""
    workspace = Path(workspace)
    good = newest_good_backup(workspace)
    said = N_(
        "{path} is damaged (SQLite finds: {found}); csdesk changed nothing in it and makes "
        "no backup of the damage."
    )
    if good is None:
        return WorkspaceCorrupt(
            N_(
                "{path} is damaged (SQLite finds: {found}); csdesk changed nothing in it and "
                "makes no backup of the damage. There is no good backup of it in the csdesk "
                "data folder; keep a copy of the file as it is before trying anything else."
            ),
            path=workspace,
            found=found,
        )
    return WorkspaceCorrupt(
        said,
        path=workspace,
        found=found,
        remedy=Remedy("restore_newest", {"backup": good, "file": workspace}),
    )


def automatic_backup(workspace: Path, *, reason: str) -> Path:
    """Back the workspace up into its rotation folder and drop the oldest beyond KEEP.

    Works on a workspace of any older version (it copies pages, it does not read the schema).
    """
    folder = backup_dir_for(workspace)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    name = f"{short_stem(workspace.stem)}-{stamp}-{_UNSAFE.sub('-', reason)}"
    target = folder / f"{name}{WORKSPACE_SUFFIX}"
    _copy(workspace, target, check=True)
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
        raise WorkspaceError(N_("{backup} does not exist."), backup=backup)
    Workspace.check(backup)
    # The lock first: no other csdesk may write between the before-restore backup and the copy.
    locking.acquire(workspace)
    try:
        holds_data = workspace.exists() and workspace.stat().st_size > 0
        if holds_data and not _back_up_before_restore(workspace):
            _replace_damaged(backup, workspace)
            return
        if not holds_data:
            _set_aside_journals(workspace)  # left by a file that had this name before
        src = sqlite3.connect(backup.resolve().as_uri() + "?mode=ro", uri=True)
        dest = sqlite3.connect(workspace, isolation_level=None)
        try:
            if _page_size(src) != _page_size(dest):
                # SQLite cannot change a WAL database's page size; in rollback mode the copy
                # is still one transaction, and WAL is switched back on after it.
                dest.execute("PRAGMA journal_mode = DELETE")
            src.backup(dest)  # one write transaction on the destination
            version = dest.execute("PRAGMA user_version").fetchone()[0]
            if version < migrations.current_version():
                migrations.apply(dest, version)
            dest.execute("PRAGMA journal_mode = WAL")
        except sqlite3.OperationalError as exc:
            if "full" in str(exc):
                raise DiskFull(
                    N_(
                        "cannot restore {workspace}: the disk is full (no room left in the "
                        "folder {folder}); it is as it was. Free some space there and try "
                        "again."
                    ),
                    workspace=workspace,
                    folder=workspace.parent,
                ) from exc
            raise
        finally:
            dest.close()
            src.close()
    finally:
        locking.release(workspace)


def _page_size(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA page_size").fetchone()[0])


def _replace_damaged(backup: Path, workspace: Path) -> None:
    """Restore over a damaged file: build the content beside it, then rename it over it.

    SQLite cannot write into a damaged file; the damaged bytes were copied aside first, and
    its journals are set aside too (they belong to the damage).
    """
    partial = workspace.with_name(f".{workspace.name}.restore.part")
    try:
        partial.unlink(missing_ok=True)
        src = sqlite3.connect(backup.resolve().as_uri() + "?mode=ro", uri=True)
        dest = sqlite3.connect(partial, isolation_level=None)
        try:
            src.backup(dest)
            version = dest.execute("PRAGMA user_version").fetchone()[0]
            if version < migrations.current_version():
                migrations.apply(dest, version)
            dest.execute("PRAGMA journal_mode = WAL")
        finally:
            dest.close()
            src.close()
        _fsync(partial)
        _set_aside_journals(workspace)
        partial.replace(workspace)
        _fsync(workspace.parent)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        if _is_full(exc):
            raise DiskFull(
                N_(
                    "cannot restore {workspace}: the disk is full (no room left in the "
                    "folder {folder}); it is as it was. Free some space there and try "
                    "again."
                ),
                workspace=workspace,
                folder=workspace.parent,
            ) from exc
        raise


def _set_aside_journals(workspace: Path) -> None:
    """Rename journals under the workspace's name aside (kept): they are another file's."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    for suffix in ("-wal", "-shm", "-journal"):
        stale = Path(f"{workspace}{suffix}")
        if stale.exists():
            stale.rename(stale.with_name(f"{stale.name}.set-aside-{stamp}"))


def _back_up_before_restore(workspace: Path) -> bool:
    """Back the current content up, so the restore can be undone; a damaged file is kept too.

    Returns False when the workspace is damaged (its bytes are kept aside instead).

    A damaged workspace is exactly what a restore is for: its bytes are copied aside as they
    are (``….csdesk.damaged`` in its backup folder, outside the rotation) instead of refusing.
    """
    try:
        Workspace.open(workspace).close()  # validates and upgrades the target
        automatic_backup(workspace, reason="before-restore")
        return True
    except WorkspaceCorrupt:
        folder = backup_dir_for(workspace)
        folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        aside = folder / f"{short_stem(workspace.stem)}-{stamp}-damaged{WORKSPACE_SUFFIX}.damaged"
        partial = aside.with_name(aside.name + ".part")
        try:
            shutil.copyfile(workspace, partial)
            _fsync(partial)
            partial.replace(aside)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise DiskFull(
                N_(
                    "cannot keep a copy of the damaged {workspace} before restoring: "
                    "{reason} (in the folder {folder}). Nothing was changed."
                ),
                workspace=workspace,
                reason=exc.strerror or exc,
                folder=folder,
            ) from exc
        return False
