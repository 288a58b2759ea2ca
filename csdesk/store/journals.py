"""Journals that belong: a `-wal` or `-journal` beside a workspace is used only when it is its own.

SQLite merges whatever journal lies beside a database under the expected name, whichever file
wrote it: a journal copied from elsewhere (a copy made while the app was open, a cloud-sync
folder that synced the `.csdesk` without its journal, a restore by copying files) turns a good
workspace into a corrupt one at the next checkpoint. So before a workspace with a journal beside
it is opened while no csdesk holds its lock (its own journal would then be live), the file and
its journal are copied aside and the copy is opened and checked (``quick_check``, application
id, schema version, schema objects) before anything can write or checkpoint the real one.

- The copy with the journal is good: the journal belongs and is used.
- Only the copy without it is good: the journal is renamed ``NAME-wal.set-aside-STAMP`` beside
  the workspace (kept, never merged) and the workspace opens with one notice saying so.
- Neither is good: the file is damaged, as SQLite says; both stay as they are.

When there is no room for the copy, a write-ahead journal is checked in place through a
read-only connection (which never writes the file or the journal); a journal that does not
check out is then left alone and the message says which folder is full.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from csdesk.errors import N_, Message, Remedy
from csdesk.store import locking, migrations
from csdesk.store.errors import DiskFull, WorkspaceCorrupt, WorkspaceError

JOURNAL_SUFFIXES = ("-wal", "-journal")
_ALLOWED_OBJECT_TYPES = frozenset({"table", "index"})
# Who hears a notice (the command line prints it, the app shows it): whoever is listening.
_listeners: list[Callable[[str], None]] = []
_belonging: set[tuple[object, ...]] = set()


@contextlib.contextmanager
def listening(listener: Callable[[str], None]) -> Iterator[None]:
    """Pass every notice said while the block runs to ``listener``."""
    _listeners.append(listener)
    try:
        yield
    finally:
        _listeners.remove(listener)


def journals_beside(path: Path) -> list[Path]:
    """The non-empty journals beside ``path`` (an empty one holds nothing to merge)."""
    path = path.resolve()  # SQLite keeps the journal beside the real file, not a symlink
    found = []
    for suffix in JOURNAL_SUFFIXES:
        journal = Path(f"{path}{suffix}")
        with contextlib.suppress(OSError):
            if journal.is_file() and journal.stat().st_size > 0:
                found.append(journal)
    return found


def verify(path: Path) -> str | None:
    """Check the journals beside ``path``; return a notice when one was set aside.

    Raises :class:`WorkspaceCorrupt` when the file is damaged with or without its journal.
    Call it only while no other csdesk writes the workspace (see :func:`needs_check`).
    """
    path = path.resolve()
    journals = journals_beside(path)
    if not journals:
        return None
    # One command opens a workspace several times: files unchanged since they were found to
    # belong together are not copied and checked again.
    key = _state(path, journals)
    if key in _belonging:
        return None
    belongs, notice = _verify(path, journals)
    if belongs:
        _belonging.add(_state(path, journals))
    return notice


def _state(path: Path, journals: list[Path]) -> tuple[object, ...]:
    try:
        return tuple(
            (str(p.resolve()), p.stat().st_size, p.stat().st_mtime_ns) for p in [path, *journals]
        )
    except OSError:
        return (object(),)  # changing under our feet: never taken as known


def _verify(path: Path, journals: list[Path]) -> tuple[bool, str | None]:
    """(whether the journals belong, the notice to say)."""
    try:
        folder = Path(tempfile.mkdtemp(prefix="journal-check-", dir=_check_root()))
    except OSError as exc:
        return _verify_in_place(path, journals, exc)
    try:
        copy = folder / path.name
        try:
            shutil.copyfile(path, copy)
            for journal in journals:
                shutil.copyfile(journal, folder / journal.name.replace(path.name, copy.name, 1))
        except OSError as exc:
            return _verify_in_place(path, journals, exc)
        with_journal = problem(copy, recover=True)
        if with_journal is None:
            return True, _short_but_whole(path, journals)
        for leftover in folder.iterdir():
            leftover.unlink()
        try:
            shutil.copyfile(path, copy)
        except OSError as exc:
            return _verify_in_place(path, journals, exc)
        without = problem(copy, recover=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if without is not None:
        raise WorkspaceCorrupt(
            N_(
                "{path} is damaged ({with_journal}), with or without its journal {file}; "
                "both are left as they are."
            ),
            path=path,
            with_journal=with_journal,
            file=journals[0].name,
            remedy=_way_back(path),
        )
    return False, _set_aside(path, journals, with_journal)


def needs_check(path: Path) -> bool:
    """A journal lies beside ``path`` and no csdesk (this process or another) holds its lock."""
    return bool(journals_beside(path)) and not locking.is_held(path)


def problem(path: Path, *, recover: bool = False) -> Message | str | None:
    """What SQLite finds wrong with the workspace at ``path`` (None: nothing).

    ``recover`` opens it for writing first, so a hot rollback journal is rolled back, as any
    writer would: only ever on a private copy.
    """
    uri = path.resolve().as_uri() + ("?mode=rw" if recover else "?mode=ro")
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        conn.execute("PRAGMA trusted_schema = OFF")
        check = conn.execute("PRAGMA quick_check").fetchall()
        if check != [("ok",)]:
            return " ".join(" ".join(str(row[0]).split()) for row in check[:3])
        if conn.execute("PRAGMA application_id").fetchone()[0] != migrations.APPLICATION_ID:
            return Message(N_("it is not a csdesk workspace"))
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if not 0 < version <= migrations.current_version():
            return Message(
                N_("its schema version {version} is not one csdesk wrote"), {"version": version}
            )
        kinds = {row[0] for row in conn.execute("SELECT type FROM sqlite_schema")}
        if not kinds <= _ALLOWED_OBJECT_TYPES or "accounts" not in {
            row[0] for row in conn.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")
        }:
            return Message(N_("its tables are not a csdesk workspace's"))
    except sqlite3.Error as exc:
        return str(exc)
    finally:
        conn.close()
    return None


def _short_but_whole(path: Path, journals: list[Path]) -> str | None:
    """A file shorter than its header, whose journal holds the rest: said, never "damaged"."""
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
        size = path.stat().st_size
    except OSError:
        return None
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if size >= page_size * int.from_bytes(header[28:32], "big"):
        return None
    notice = said(
        N_(
            "{path} is shorter than it should be ({size} bytes), but its journal {file} holds "
            "the rest and SQLite reads the two as one intact workspace: the disk ran full "
            "while csdesk was saving. Keep the files together and free some space in "
            "{folder}; csdesk finishes the saving when there is room (do not restore a "
            "backup, that would lose the changes)."
        ),
        path=path,
        size=lambda lang: lang.number(size),
        file=journals[0].name,
        folder=path.parent,
    )
    tell(notice)
    return notice


def _verify_in_place(path: Path, journals: list[Path], exc: OSError) -> tuple[bool, str | None]:
    """No room for a copy: a write-ahead journal can still be checked through a reader."""
    wal = Path(f"{path}-wal")
    if journals == [wal] and problem(path) is None:
        return True, _short_but_whole(path, journals)
    raise DiskFull(
        N_(
            "{path} has a journal ({file}) that must be checked before the workspace is "
            "opened, and there is no room to copy it aside in {folder} ({reason}). Free "
            "some space there and open it again; nothing was changed."
        ),
        path=path,
        file=journals[0].name,
        folder=_check_root(),
        reason=exc.strerror or exc,
    )


def _set_aside(path: Path, journals: list[Path], why: Message | str) -> str:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    names = []
    for journal in journals:
        aside = journal.with_name(f"{journal.name}.set-aside-{stamp}")
        try:
            journal.rename(aside)
        except OSError as exc:
            raise WorkspaceError(
                N_(
                    "{path} has a journal {file} that does not belong to it ({why}), and "
                    "it could not be set aside ({reason}). Move {journal} away yourself, "
                    "then open the workspace again."
                ),
                path=path,
                file=journal.name,
                why=why,
                reason=exc.strerror or exc,
                journal=journal,
            ) from exc
        names.append(aside.name)
    # The shared-memory index described the foreign journal; SQLite rebuilds it.
    shm = Path(f"{path}-shm")
    with contextlib.suppress(OSError):
        shm.rename(shm.with_name(f"{shm.name}.set-aside-{stamp}"))
    notice = said(
        N_(
            "{path}: the journal beside it ({file}) does not belong to this workspace (with "
            "it, SQLite says: {why}); it was set aside as {names} and not used. If you copied "
            "this workspace from elsewhere, copy it again while csdesk is closed there."
        ),
        path=path,
        file=journals[0].name,
        why=why,
        names=", ".join(names),
    )
    tell(notice)
    return notice


def said(template: str, **params: Any) -> str:
    """A notice in the ambient language: notices are said as they happen (the command line's
    stderr, the app's dialog on opening), in the language of the door at that moment."""
    from csdesk.i18n.lang import ambient

    return Message(template, params).render(ambient())


def tell(notice: str) -> None:
    """Say ``notice`` to whoever listens (see :func:`listening`)."""
    for listener in list(_listeners):
        listener(notice)


def _check_root() -> Path:
    from csdesk.store.paths import data_dir

    return data_dir()


def _way_back(path: Path) -> Remedy:
    from csdesk.store.backup import way_back

    return way_back(path)
