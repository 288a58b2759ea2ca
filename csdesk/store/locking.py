"""One writing process per workspace.

SQLite would let two processes interleave writes safely, but two csdesk windows editing one
portfolio would each show stale data and surprise their users. The writer holds an advisory lock
on a small file beside the workspace (never on the database file itself: closing any descriptor
of the database would drop SQLite's own POSIX locks). The lock dies with the process, so a crash
never leaves a workspace locked. Within one process the lock is shared and reference-counted.
The lock file is removed on release; a process that locked a file just being removed notices
(its descriptor no longer names the path) and tries again.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import threading
from pathlib import Path
from typing import IO

from csdesk.errors import N_
from csdesk.store.errors import DiskFull, WorkspaceError, WorkspaceLocked, WorkspaceReadOnly

_guard = threading.Lock()
_held: dict[str, tuple[IO[str], int]] = {}


def lock_path_for(workspace: Path) -> Path:
    """Beside the real file (symbolic links followed), so every name of it shares one lock."""
    real = workspace.resolve()
    return real.with_name(real.name + ".lock")


def _try_lock(handle: IO[str]) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def acquire(workspace: Path) -> None:
    """Take the writer lock or raise WorkspaceLocked naming the holder's process id."""
    key = str(workspace.resolve())
    with _guard:
        if key in _held:
            handle, count = _held[key]
            _held[key] = (handle, count + 1)
            return
        path = lock_path_for(workspace)
        while True:
            handle = _open_lock_file(workspace, path)
            if not _try_lock(handle):
                handle.seek(0)
                holder = handle.read().strip() or "unknown"
                handle.close()
                raise WorkspaceLocked(
                    N_(
                        "{workspace} is open for writing in another csdesk (process "
                        "{holder}). Close it there, or open this workspace read-only."
                    ),
                    workspace=workspace,
                    holder=holder,
                )
            if _still_names(handle, path):
                break
            handle.close()  # locked a file its owner removed meanwhile: lock the new one
        handle.seek(0)
        handle.truncate()
        # The process id only names the holder in another csdesk's message: a full disk
        # that cannot take these few bytes must not stop the lock from working.
        with contextlib.suppress(OSError):
            os.write(handle.fileno(), str(os.getpid()).encode("ascii"))
        _held[key] = (handle, 1)


def is_held(workspace: Path) -> bool:
    """Whether a csdesk (this process or another) holds the writer lock of ``workspace``."""
    key = str(workspace.resolve())
    with _guard:
        if key in _held:
            return True
    try:
        handle = lock_path_for(workspace).open("r+", encoding="utf-8")
    except OSError:
        return False  # no lock file (or none that can be opened): nobody holds it
    with handle:
        if not _try_lock(handle):
            return True
        _unlock(handle)
        return False


def _unlock(handle: IO[str]) -> None:
    if sys.platform == "win32":
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def release(workspace: Path) -> None:
    key = str(workspace.resolve())
    with _guard:
        if key not in _held:
            return
        handle, count = _held[key]
        if count > 1:
            _held[key] = (handle, count - 1)
            return
        del _held[key]
        if sys.platform != "win32":  # Windows cannot remove an open file; it stays, empty
            lock_path_for(workspace).unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            handle.seek(0)
            handle.truncate()
        with contextlib.suppress(OSError):
            handle.close()  # closing the descriptor releases the lock (even when it raises)


def _open_lock_file(workspace: Path, path: Path) -> IO[str]:
    """The lock file, or an error saying why the folder will not take it."""
    try:
        return path.open("a+", encoding="utf-8")
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise DiskFull(
                N_(
                    "cannot open {workspace} for writing: the disk is full (no room left "
                    "in the folder {folder}). Free some space there and try again."
                ),
                workspace=workspace,
                folder=path.parent,
            ) from exc
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            raise WorkspaceReadOnly(
                N_(
                    "{workspace} cannot be written: its folder {folder} is read-only "
                    "({reason}). Open it read-only, or copy it to a folder you can write."
                ),
                workspace=workspace,
                folder=path.parent,
                reason=exc.strerror,
            ) from exc
        if exc.errno == errno.ENAMETOOLONG:
            raise WorkspaceError(
                N_(
                    "cannot open {workspace} for writing: its name is too long for the "
                    "folder's file system to hold the files that go beside it (the lock "
                    "and the journal). Rename it with a shorter name."
                ),
                workspace=workspace,
            ) from exc
        raise WorkspaceError(
            N_("cannot open {workspace} for writing: {reason} ({path})."),
            workspace=workspace,
            reason=exc.strerror or exc,
            path=path,
        ) from exc


def _still_names(handle: IO[str], path: Path) -> bool:
    try:
        return os.fstat(handle.fileno()).st_ino == path.stat().st_ino
    except FileNotFoundError:
        return False
