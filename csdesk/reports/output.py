"""Writing a report file atomically: a temporary file beside the target, then a rename.

A report that fails or is killed half-way must never leave a half-written file under the name
the user asked for (a client could open and forward it). Every writer in this package builds
its file inside :func:`atomic_output`, which hands out a temporary path in the target's folder
(same file system, so the final rename is atomic) and renames it over the target only when the
block finished without an error.

Its refusals reach a person at either door (a command, the app's save dialog), so they are in
the ambient language: the command's or the app's, never a document's.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from csdesk.errors import N_, CsdeskError, Message
from csdesk.store.targets import refuse_workspace_target


def check_target(target: Path, suffixes: tuple[str, ...]) -> Path:
    """Refuse a target whose extension the writer cannot produce, or whose folder is missing."""
    target = Path(target).expanduser()
    if len(target.name.encode("utf-8", "surrogateescape")) > 255:
        raise CsdeskError(
            N_(
                "cannot write {name}…: the file name is longer than the 255 bytes a file "
                "system allows; choose a shorter one."
            ),
            name=target.name[:40],
        )
    if target.suffix.lower() not in suffixes:
        wanted: object = suffixes[-1]
        if len(suffixes) > 1:
            wanted = Message(
                N_("{first} or {last}"), {"first": ", ".join(suffixes[:-1]), "last": wanted}
            )
        raise CsdeskError(
            N_(
                "cannot write {target}: the file name must end in {wanted} (the extension says "
                "which format to write)."
            ),
            target=target,
            wanted=wanted,
        )
    refuse_workspace_target(target)
    if target.is_dir():
        raise CsdeskError(
            N_("cannot write {target}: it is a folder; name a file inside it."), target=target
        )
    if not target.parent.is_dir():
        raise CsdeskError(
            N_("cannot write {target}: the folder {folder} does not exist; create it first."),
            target=target,
            folder=target.parent,
        )
    return target


@contextlib.contextmanager
def atomic_output(target: Path) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces ``target`` in one rename.

    On any exception (including KeyboardInterrupt) the temporary file is removed and the
    target is left as it was. Operating-system errors become a CsdeskError naming the path.
    """
    target = Path(target).expanduser()
    refuse_workspace_target(target)
    try:
        handle, name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".part", dir=target.parent
        )
    except OSError as exc:
        raise CsdeskError(
            N_("cannot write {target}: {reason}."), target=target, reason=exc.strerror or exc
        ) from exc
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        # Keep the usual permissions of a new file (mkstemp makes it private: 0600).
        umask = os.umask(0)
        os.umask(umask)
        temporary.chmod(0o666 & ~umask)
        _fsync(temporary)  # on the disk before it takes the name: a power cut never leaves
        temporary.replace(target)  # an empty file under it
        _fsync(target.parent)
    except OSError as exc:
        _remove(temporary)
        raise CsdeskError(
            N_("cannot write {target}: {reason}."), target=target, reason=exc.strerror or exc
        ) from exc
    except BaseException:
        _remove(temporary)
        raise


def _fsync(path: Path) -> None:
    """Flush a file, or a folder's entries (not possible on Windows), to the disk."""
    if sys.platform == "win32" and path.is_dir():
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()
