"""No output over the workspace: every writer refuses a target that is an open workspace.

A workspace named ``ws.xlsx`` exported with ``-o ws.xlsx`` would be replaced by its own export,
and a backup written to ``ws.csdesk-wal`` would become the workspace's journal. The workspaces
this process has open (and the one a command names, while it runs) are *protected*; a target
that is one of them, under any name (its real path, a symbolic link, a hard link), or one of
the files beside it (journals, lock), is refused before anything is written, whatever its
extension.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from csdesk.errors import N_
from csdesk.store.errors import WorkspaceError

# The files SQLite and csdesk keep beside a workspace.
BESIDE = ("-wal", "-shm", "-journal", ".lock")

_guard = threading.Lock()
_protected: Counter[str] = Counter()


def _real(path: Path) -> Path:
    return Path(os.path.realpath(Path(path).expanduser()))


@contextlib.contextmanager
def protecting(workspace: Path) -> Iterator[None]:
    """Refuse every target that is ``workspace`` while the block runs."""
    key = str(_real(workspace))
    with _guard:
        _protected[key] += 1
    try:
        yield
    finally:
        with _guard:
            _protected[key] -= 1
            if _protected[key] <= 0:
                del _protected[key]


def protect(workspace: Path) -> None:
    """Protect an opened workspace until :func:`unprotect` (the workspace's own life cycle)."""
    with _guard:
        _protected[str(_real(workspace))] += 1


def unprotect(workspace: Path) -> None:
    key = str(_real(workspace))
    with _guard:
        _protected[key] -= 1
        if _protected[key] <= 0:
            del _protected[key]


def refuse_workspace_target(target: Path) -> None:
    """Raise :class:`WorkspaceError` when writing ``target`` would overwrite a workspace."""
    real = _real(target)
    with _guard:
        protected = [Path(key) for key in _protected]
    for workspace in protected:
        names = {workspace, *(workspace.with_name(workspace.name + s) for s in BESIDE)}
        same = real in names
        if not same:
            with contextlib.suppress(OSError):
                same = real.exists() and real.samefile(workspace)
        if same:
            raise WorkspaceError(
                N_(
                    "cannot write {target}: it is the workspace {workspace} itself (or a "
                    "file beside it), which would be replaced. Choose another name for the "
                    "output."
                ),
                target=target,
                workspace=workspace,
            )
