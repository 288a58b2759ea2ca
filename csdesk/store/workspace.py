"""The workspace: one SQLite file holding one portfolio or one client audit.

Opening checks the file before anything is written to it, so a file that is not a workspace,
is truncated, comes from a newer csdesk or is being written by another process is refused with
the file left byte-identical. A workspace from someone else is data, not code: extension
loading stays off, ``trusted_schema`` is off, and a file carrying triggers or views (csdesk
creates none) is refused.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from csdesk.errors import N_, Message, Remedy
from csdesk.store import journals, locking, migrations, targets
from csdesk.store.bulk import insert_rows
from csdesk.store.errors import (
    DiskFull,
    NotAWorkspace,
    WorkspaceCorrupt,
    WorkspaceError,
    WorkspaceLocked,
    WorkspaceNotFound,
    WorkspaceReadOnly,
    WorkspaceTooNew,
)

_SQLITE_MAGIC = b"SQLite format 3\x00"
_HEADER_SIZE = 100
# Tables csdesk's own schema may hold; anything else of type trigger or view is foreign code.
_ALLOWED_OBJECT_TYPES = frozenset({"table", "index"})


def _inspect_header(path: Path) -> tuple[int, int]:
    """Check the raw file without SQLite; return (page_size, page_count) from its header.

    A file shorter than its header says is truncated only when no journal lies beside it: a
    checkpoint that ran out of space leaves a short file whose write-ahead journal still holds
    the rest, and SQLite reads the two as one intact workspace (:mod:`journals` checks that).
    """
    try:
        with path.open("rb") as handle:
            header = handle.read(_HEADER_SIZE)
    except IsADirectoryError:
        raise NotAWorkspace(
            N_("{path} is a folder, not a csdesk workspace file."), path=path
        ) from None
    except PermissionError:
        raise WorkspaceError(N_("{path} cannot be read: permission denied."), path=path) from None
    if len(header) < _HEADER_SIZE or not header.startswith(_SQLITE_MAGIC):
        raise NotAWorkspace(
            N_("{path} is not a csdesk workspace (it is not a SQLite database file)."), path=path
        )
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    change_counter = int.from_bytes(header[24:28], "big")
    page_count = int.from_bytes(header[28:32], "big")
    valid_for = int.from_bytes(header[92:96], "big")
    size = path.stat().st_size
    short = valid_for == change_counter and page_count and size < page_size * page_count
    if short and not journals.journals_beside(path):
        raise WorkspaceCorrupt(
            N_("{path} is damaged: the file is truncated ({size} of {expected} bytes)."),
            path=path,
            size=lambda lang: lang.number(size),
            expected=lambda lang: lang.number(page_size * page_count),
            remedy=_way_back(path),
        )
    return page_size, page_count


def _undo_create(path: Path, *, existed: bool) -> None:
    """Remove what a failed creation made: the file (or its content) and its journals."""
    for suffix in ("-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            Path(f"{path}{suffix}").unlink()
    with contextlib.suppress(OSError):
        if existed:
            os.truncate(path, 0)
        else:
            path.unlink()


def _why_read_only(path: Path) -> Message | None:
    """Why a workspace that the file's permissions would let be written must not be.

    SQLite keeps the journal beside the name a file was opened by: through two hard links, two
    writers would keep two journals of one file, and the changes made through one name would
    be lost through the other. A read-only folder or disk cannot take the journal at all.
    """
    links = path.stat().st_nlink
    if links > 1:
        return Message(
            N_(
                "the file has {links} names on the disk (hard links), and changes made "
                "through one name could be lost through another. Copy it to a new file and "
                "open the copy to change it."
            ),
            {"links": links},
        )
    if not _folder_writable(path):
        return Message(
            N_(
                "its folder {folder} is on a read-only disk or cannot be written, and saving "
                "a change needs files beside it. Reading, reports and exports to another "
                "folder work; copy it to a folder you can write to change it."
            ),
            {"folder": path.resolve().parent},
        )
    return None


def _opened_read_only(path: Path, why: Message) -> str:
    """The notice for a workspace opened read-only (see :func:`journals.said`)."""
    return journals.said(N_("{path} is opened read-only: {why}"), path=path, why=why)


def _check_tables(path: Path, version: int, objects: list[tuple[Any, ...]]) -> None:
    """Refuse a workspace whose tables are not exactly the ones csdesk's migrations made."""
    if version == 0:
        return  # being created: the migrations are about to run
    found = {
        str(name): " ".join(str(sql).split())
        for kind, name, sql in objects
        if kind == "table" and not str(name).startswith("sqlite_")
    }
    expected = migrations.expected_tables(version)
    missing = sorted(set(expected) - set(found))
    extra = sorted(set(found) - set(expected))
    changed = sorted(name for name in set(found) & set(expected) if found[name] != expected[name])
    if missing or extra or changed:
        parts = [
            Message(words, {"names": ", ".join(names[:3])})
            for words, names in (
                (N_("missing table {names}"), missing),
                (N_("tables csdesk never makes: {names}"), extra),
                (N_("changed table {names}"), changed),
            )
            if names
        ]
        # Each part in the reader's language, joined: "{p0}; {p1}" (not itself a message).
        what = Message(
            "; ".join(f"{{p{i}}}" for i in range(len(parts))),
            {f"p{i}": part for i, part in enumerate(parts)},
        )
        raise NotAWorkspace(
            N_(
                "{path} has tables that are not the ones csdesk writes ({what}); something "
                "else changed it, so it was refused for your safety and left as it is."
            ),
            path=path,
            what=what,
        )


def _not_readable(path: Path, exc: sqlite3.OperationalError) -> WorkspaceError:
    """What an operational error while reading a workspace means: never "damaged".

    SQLite says "malformed" or "not a database" for damage (a DatabaseError); an operational
    error is about the place: a lock held by another program, files it cannot create beside
    the workspace, a full disk.
    """
    text = str(exc)
    if "locked" in text or "busy" in text:
        return WorkspaceLocked(
            N_(
                "{path} is in use by another program that locked it (SQLite: {text}); "
                "close it there and try again. Nothing was changed."
            ),
            path=path,
            text=text,
        )
    if "full" in text:
        return DiskFull(
            N_(
                "{path} cannot be read: the disk is full (no room left in the folder "
                "{folder} for the files SQLite keeps beside it). Free some space."
            ),
            path=path,
            folder=path.resolve().parent,
        )
    if "readonly" in text or "read-only" in text:
        return WorkspaceReadOnly(
            N_(
                "{path} cannot be read here (SQLite: {text}): an unfinished change in a "
                "journal beside it needs writing. Copy the file and its journals to a "
                "folder you can write and open the copy."
            ),
            path=path,
            text=text,
        )
    return WorkspaceError(
        N_(
            "{path} cannot be opened (SQLite: {text}); the file itself was not found "
            "damaged. Check that the folder {folder} lets you create files and has room."
        ),
        path=path,
        text=text,
        folder=path.resolve().parent,
    )


def _folder_writable(path: Path) -> bool:
    folder = path.resolve().parent
    if hasattr(os, "statvfs"):
        with contextlib.suppress(OSError):
            if os.statvfs(folder).f_flag & os.ST_RDONLY:
                return False
    return os.access(folder, os.W_OK)


def _check_name_length(path: Path) -> None:
    """SQLite keeps ``NAME-journal`` and ``NAME-wal`` beside the file: they must fit too."""
    try:
        limit = os.pathconf(path.resolve().parent, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        limit = 255
    longest = len(f"{path.resolve().name}-journal".encode())
    if longest > limit:
        room = limit - len(b"-journal")
        raise WorkspaceError(
            N_(
                "{name}… has a name too long for csdesk to work with: SQLite keeps a "
                "journal beside it named after it, which this disk cannot hold. Rename it "
                "to at most {room} characters (it has {count})."
            ),
            name=path.name[:40],
            room=room,
            count=len(path.name.encode()),
        )


# Read connections kept open for the app's background jobs (more are opened when needed).
_MAX_IDLE_READERS = 3


def reader_uri(path: Path) -> str:
    """The URI a read-only connection to the workspace at ``path`` opens."""
    uri = path.resolve().as_uri() + "?mode=ro"
    if not _folder_writable(path) and not journals.journals_beside(path):
        # On a read-only disk or folder SQLite cannot make the index a WAL reader needs; with
        # no journal beside the file there is nothing to merge, so it is read as it is.
        uri += "&immutable=1"
    return uri


def _connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    uri = reader_uri(path) if read_only else path.resolve().as_uri() + "?mode=rw"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    # A workspace from someone else is data, not code.
    if hasattr(conn, "enable_load_extension"):
        conn.enable_load_extension(False)
    conn.execute("PRAGMA trusted_schema = OFF")
    conn.execute("PRAGMA busy_timeout = 5000")
    return conn


class Workspace:
    """An open workspace. Use :meth:`open` or :meth:`create`; close it (or use ``with``)."""

    def __init__(self, path: Path, conn: sqlite3.Connection, *, read_only: bool) -> None:
        self.path = path
        self.conn = conn
        self.read_only = read_only
        self._lock = threading.RLock()
        self._depth = 0
        self._closed = False
        # Reads from other threads (the app's background jobs) go through connections of their
        # own: a long portfolio query must not hold the window's queries behind this lock.
        self._owner = threading.get_ident()
        self._in_transaction: int | None = None  # the thread with a transaction open
        self._readers: list[sqlite3.Connection] = []
        self._readers_lock = threading.Lock()
        # Said once when the workspace was opened (a journal set aside); the command line
        # prints them, the app shows them.
        self.notices: tuple[str, ...] = ()
        self._wrote = False  # a transaction was committed since the workspace was opened
        self._bookkeeping_changes = 0  # rows changed by :meth:`bookkeeping` blocks
        self.why_read_only: Message | None = None  # said when a writable file is opened read-only
        targets.protect(path)  # no writer may put its output over an open workspace

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        create: bool = False,
        read_only: bool = False,
        backup_before_migrate: bool = True,
    ) -> Self:
        """Open (and with ``create`` make) a workspace, migrating an older one after a backup.

        A file that cannot be written (permissions, read-only medium) is opened read-only
        and says so through :attr:`read_only`.
        """
        path = Path(path).expanduser()
        exists = path.exists()
        if not exists or (path.is_file() and path.stat().st_size == 0):
            if not create:
                raise WorkspaceNotFound(
                    N_("{path} does not exist."),
                    path=path,
                    remedy=Remedy("create_workspace", {"file": path}),
                )
            if read_only:
                raise WorkspaceReadOnly(
                    N_("{path} does not exist and cannot be created read-only."), path=path
                )
            return cls._create(path)

        _inspect_header(path)
        _check_name_length(path)
        writable = os.access(path, os.W_OK)
        why_read_only = _why_read_only(path)
        if why_read_only is not None:
            writable = False
            if read_only and path.stat().st_nlink > 1:  # a writer hears it when it writes
                journals.tell(_opened_read_only(path, why_read_only))
        if not read_only and not writable:
            read_only = True

        if read_only:
            notice = journals.verify(path) if journals.needs_check(path) else None
            cls._finish_rollback(path, writable=writable)
            version = cls._check_identity(path)
            if version < migrations.current_version() and writable:
                # Only reading was asked for, but an older file must be upgraded first (after
                # a backup), as any writer would; then it is read like any other.
                cls.open(path, backup_before_migrate=backup_before_migrate).close()
                return cls.open(path, read_only=True)
            if version < migrations.current_version():
                raise WorkspaceReadOnly(
                    N_(
                        "{path} was written by an older csdesk and must be upgraded, but "
                        "it cannot be written. Copy it somewhere writable and open the "
                        "copy."
                    ),
                    path=path,
                )
            ws = cls(path, _connect(path, read_only=True), read_only=True)
            ws.why_read_only = why_read_only
            said = None if why_read_only is None else _opened_read_only(path, why_read_only)
            ws.notices = tuple(text for text in (said, notice) if text)
            return ws

        fresh = not locking.is_held(path)  # held here already: its journal is live
        locking.acquire(path)
        try:
            # Nothing may write or checkpoint before a journal left beside is known to belong.
            notice = journals.verify(path) if fresh else None
            version = cls._check_identity(path)
            conn = _connect(path, read_only=False)
            if version < migrations.current_version():
                if backup_before_migrate:
                    from csdesk.store.backup import automatic_backup

                    automatic_backup(path, reason=f"before-upgrade-from-v{version}")
                try:
                    migrations.apply(conn, version)
                except sqlite3.DatabaseError as exc:
                    conn.close()
                    raise WorkspaceCorrupt(
                        N_("{path} could not be upgraded ({exc}); it is unchanged."),
                        path=path,
                        exc=exc,
                    ) from exc
            cls._configure_writer(conn)
        except BaseException:
            locking.release(path)
            raise
        ws = cls(path, conn, read_only=False)
        ws.notices = (notice,) if notice else ()
        return ws

    @staticmethod
    def _finish_rollback(path: Path, *, writable: bool) -> None:
        """A rollback journal that belongs is rolled back, as SQLite would on any write.

        A reader cannot do it (SQLite needs to write the file to undo the unfinished change),
        so it is done here, under the writer lock, before the read-only connection opens.
        """
        journal = Path(f"{path}-journal")
        if not journal.is_file() or journal.stat().st_size == 0 or locking.is_held(path):
            return
        if not writable:
            raise WorkspaceReadOnly(
                N_(
                    "{path} has an unfinished change in its journal {file}, which SQLite "
                    "can only undo by writing the file, and the file cannot be written. "
                    "Copy both files into a folder you can write and open the copy there."
                ),
                path=path,
                file=journal.name,
            )
        locking.acquire(path)
        try:
            conn = _connect(path, read_only=False)
            try:
                conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
            finally:
                conn.close()
        finally:
            locking.release(path)

    @classmethod
    def create(cls, path: str | os.PathLike[str]) -> Self:
        """Make a new, empty workspace; refuse when the file already exists and is not empty."""
        path = Path(path).expanduser()
        if path.exists() and path.stat().st_size > 0:
            raise WorkspaceError(N_("{path} already exists; choose another name."), path=path)
        return cls._create(path)

    @classmethod
    def _create(cls, path: Path) -> Self:
        """Make the file and its schema; on any failure leave nothing half-made behind.

        A 4 KB stub of a workspace whose schema never got written would refuse every retry
        as "not a csdesk workspace"; so a file csdesk made is removed again, and an empty
        file that was there before is emptied again.
        """
        if not path.parent.exists():
            raise WorkspaceError(
                N_("cannot create {path}: the folder {folder} does not exist."),
                path=path,
                folder=path.parent,
            )
        _check_name_length(path)
        locking.acquire(path)
        existed = path.exists()
        conn: sqlite3.Connection | None = None
        try:
            try:
                path.touch(exist_ok=True)
            except OSError as exc:
                raise WorkspaceError(
                    N_("cannot create {path}: {reason}."), path=path, reason=exc.strerror
                ) from exc
            conn = _connect(path, read_only=False)
            conn.execute("PRAGMA journal_mode = WAL")
            migrations.apply(conn, 0)
            cls._configure_writer(conn)
        except BaseException as exc:
            if conn is not None:
                conn.close()
            _undo_create(path, existed=existed)
            locking.release(path)
            if isinstance(exc, sqlite3.OperationalError) and "full" in str(exc):
                raise DiskFull(
                    N_(
                        "cannot create {path}: the disk is full (no room left in the "
                        "folder {folder}). Nothing was left behind; free some space and "
                        "try again."
                    ),
                    path=path,
                    folder=path.parent,
                ) from exc
            raise
        return cls(path, conn, read_only=False)

    @classmethod
    def check(cls, path: str | os.PathLike[str]) -> int:
        """Validate a workspace file without changing it; return its schema version."""
        path = Path(path).expanduser()
        if not path.exists():
            raise WorkspaceNotFound(N_("{path} does not exist."), path=path)
        _inspect_header(path)
        if journals.needs_check(path):
            journals.verify(path)
        return cls._check_identity(path)

    @staticmethod
    def _check_identity(path: Path) -> int:
        """Read application id, version and schema objects through a read-only connection."""
        try:
            conn = _connect(path, read_only=True)
        except sqlite3.DatabaseError as exc:
            raise NotAWorkspace(
                N_("{path} cannot be opened as a workspace: {exc}."), path=path, exc=exc
            ) from exc
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            objects = conn.execute("SELECT type, name, sql FROM sqlite_schema").fetchall()
        except sqlite3.OperationalError as exc:
            raise _not_readable(path, exc) from exc  # SQLite could not read: not damage
        except sqlite3.DatabaseError as exc:
            raise WorkspaceCorrupt(
                N_("{path} is damaged and cannot be read ({exc})."),
                path=path,
                exc=exc,
                remedy=_way_back(path),
            ) from exc
        finally:
            conn.close()
        if app_id != migrations.APPLICATION_ID:
            raise NotAWorkspace(
                N_("{path} is a SQLite database, but not a csdesk workspace."), path=path
            )
        if version > migrations.current_version():
            raise WorkspaceTooNew(
                N_(
                    "{path} was written by a newer csdesk (workspace version {version}; "
                    "this csdesk reads up to {newest}). Update csdesk to open it."
                ),
                path=path,
                version=version,
                newest=migrations.current_version(),
            )
        foreign = sorted(name for kind, name, _ in objects if kind not in _ALLOWED_OBJECT_TYPES)
        if foreign:
            raise NotAWorkspace(
                N_(
                    "{path} holds triggers or views that csdesk never creates ({names}); "
                    "it was refused for your safety."
                ),
                path=path,
                names=", ".join(foreign[:5]),
            )
        _check_tables(path, int(version), objects)
        return int(version)

    @staticmethod
    def _configure_writer(conn: sqlite3.Connection) -> None:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")

    # -- life cycle ------------------------------------------------------------------------

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        targets.unprotect(self.path)
        with self._readers_lock:
            readers, self._readers = self._readers, []
        for reader in readers:
            reader.close()
        if not self.read_only:
            if self._wrote:  # a session that changed nothing writes nothing (not even stats)
                with contextlib.suppress(sqlite3.Error):
                    self.conn.execute("PRAGMA optimize")
            # Everything into the file itself and an empty journal: a copy of the file alone
            # (a cloud-sync, a backup by hand) is then the whole workspace.
            try:
                self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.Error as exc:
                if "full" in str(exc):
                    journals.tell(
                        journals.said(
                            N_(
                                "{path}: the disk is full (no room left in the folder "
                                "{folder}), so the last changes are saved in {file}-wal but "
                                "not yet in {file} itself. Nothing is lost: keep the two files "
                                "together, free some space there and open the workspace again "
                                "(do not restore a backup, that would lose them)."
                            ),
                            path=self.path,
                            folder=self.path.parent,
                            file=self.path.name,
                        )
                    )
        self.conn.close()
        if not self.read_only:
            locking.release(self.path)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    # -- reading and writing -----------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All or nothing: commit when the block ends, roll back on any exception.

        Nested blocks become savepoints. A full disk is reported as :class:`DiskFull`, with
        everything saved before the block kept.
        """
        if self.read_only:
            if self.why_read_only:
                raise WorkspaceReadOnly(
                    N_("{path} is opened read-only: {why}"),
                    path=self.path,
                    why=self.why_read_only,
                )
            raise WorkspaceReadOnly(
                N_("{path} is open read-only; nothing can be changed."), path=self.path
            )
        with self._lock:
            outer = self._depth == 0
            name = f"sp{self._depth}"
            self.conn.execute("BEGIN IMMEDIATE" if outer else f"SAVEPOINT {name}")
            self._depth += 1
            if outer:
                self._in_transaction = threading.get_ident()
            try:
                yield self.conn
            except BaseException as exc:
                self._depth -= 1
                if outer:
                    self._in_transaction = None
                with contextlib.suppress(sqlite3.Error):
                    if outer:
                        self.conn.execute("ROLLBACK")
                    else:
                        self.conn.execute(f"ROLLBACK TO {name}")
                        self.conn.execute(f"RELEASE {name}")
                if isinstance(exc, sqlite3.OperationalError):
                    raise self._explain(exc) from exc
                raise
            else:
                self._depth -= 1
                if outer:
                    self._in_transaction = None
                self._wrote = True
                try:
                    self.conn.execute("COMMIT" if outer else f"RELEASE {name}")
                except sqlite3.OperationalError as exc:
                    if outer:
                        with contextlib.suppress(sqlite3.Error):
                            self.conn.execute("ROLLBACK")
                    raise self._explain(exc) from exc

    @contextlib.contextmanager
    def bookkeeping(self) -> Iterator[sqlite3.Connection]:
        """:meth:`transaction` for the app's own bookkeeping (the work queue's actions and
        what its rules last checked), which nothing an import checks reads: its rows are left
        out of :attr:`changes`, so an import plan made before such a block still holds after
        it (the Today page's queue, read after the first paint, no longer makes the import
        wizard match every account and apply every check a second time)."""
        with self.transaction() as conn:
            before = conn.total_changes
            try:
                yield conn
            finally:
                self._bookkeeping_changes += conn.total_changes - before

    @property
    def changes(self) -> int:
        """Rows changed through this connection since it was opened, bookkeeping aside:
        equal counts (and an equal ``PRAGMA data_version``), the same data."""
        return self.conn.total_changes - self._bookkeeping_changes

    def _explain(self, exc: sqlite3.OperationalError) -> Exception:
        text = str(exc)
        if "full" in text:
            return DiskFull(
                N_(
                    "{path}: the disk is full (no room left in the folder {folder}), so "
                    "this change was not saved. Everything saved before it is intact; "
                    "free some space there and try again."
                ),
                path=self.path,
                folder=self.path.parent,
            )
        if "readonly" in text or "read-only" in text:
            return WorkspaceReadOnly(
                N_("{path} cannot be written: {text}."), path=self.path, text=text
            )
        return exc

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Cursor:
        with self._lock:
            return self.conn.execute(sql, params)

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[tuple[Any, ...]]:
        with self._reading() as conn, self._damage_said():
            return conn.execute(sql, params).fetchall()

    def scalar(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        with self._reading() as conn, self._damage_said():
            row = conn.execute(sql, params).fetchone()
        return None if row is None else row[0]

    @contextlib.contextmanager
    def _damage_said(self) -> Iterator[None]:
        """A read that meets a damaged page raises :class:`WorkspaceCorrupt` naming the newest
        good backup (the app shows it, the command line prints it), not SQLite's bare error."""
        try:
            yield
        except sqlite3.DatabaseError as exc:
            if type(exc) is not sqlite3.DatabaseError:  # constraints, locks: not damage
                raise
            from csdesk.store.backup import damaged

            raise damaged(self.path, str(exc)) from exc

    @contextlib.contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        """The connection a read runs on: this workspace's own for the thread that opened it
        and for a thread inside its transaction (which must see its own changes); for any
        other thread a read-only connection of its own, from a small pool, which sees what
        was last committed (WAL readers never wait for a writer, nor for each other)."""
        me = threading.get_ident()
        if me == self._owner or self._in_transaction == me or self._closed:
            with self._lock:
                yield self.conn
            return
        with self._readers_lock:
            conn = self._readers.pop() if self._readers else None
        if conn is None:
            conn = _connect(self.path, read_only=True)
        try:
            yield conn
        finally:
            with self._readers_lock:
                if self._closed or len(self._readers) >= _MAX_IDLE_READERS:
                    conn.close()
                else:
                    self._readers.append(conn)

    def insert_many(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        """Bulk insert inside the current transaction (or a new one); returns rows written.

        ``table`` and ``columns`` come from code, never from user input.
        """
        with self.transaction() as conn:
            return insert_rows(conn, table, columns, rows)

    def table_counts(self) -> dict[str, int]:
        """Row count of every table, in name order: a quick summary of what the file holds."""
        names = [
            row[0]
            for row in self.query(
                "SELECT name FROM sqlite_schema WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        return {name: int(self.scalar(f'SELECT count(*) FROM "{name}"')) for name in names}


def _way_back(path: Path) -> Remedy:
    from csdesk.store.backup import way_back

    return way_back(path)
