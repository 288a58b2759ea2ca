"""Numbered schema migrations, one SQL file each, applied in order in one transaction.

``PRAGMA user_version`` holds the number of the last migration applied; a new workspace runs
them all. A migration file is never edited once released: a change is a new file.
"""

from __future__ import annotations

import functools
import re
import sqlite3
from dataclasses import dataclass
from functools import cache
from pathlib import Path

APPLICATION_ID = 0x43534B44  # "CSKD": marks a SQLite file as a csdesk workspace

_NAME_RE = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
# Numbers held for a migration being written on another branch: their file may be absent
# for a while (the numbers after them still apply). Remove a number once its file lands.
RESERVED_VERSIONS: frozenset[int] = frozenset()  # 5 (the work queue) has landed


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


@cache
def all_migrations() -> tuple[Migration, ...]:
    folder = Path(__file__).parent / "migrations"
    found = []
    for entry in folder.iterdir():
        match = _NAME_RE.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    expected = [
        v
        for v in range(1, (versions[-1] if versions else 0) + 1)
        if v in versions or v not in RESERVED_VERSIONS
    ]
    if versions != expected:
        raise RuntimeError(f"migrations are not numbered 1..n without gaps: {versions}")
    return tuple(found)


def current_version() -> int:
    return all_migrations()[-1].version


def apply(conn: sqlite3.Connection, from_version: int, to_version: int | None = None) -> None:
    """Apply migrations after ``from_version`` up to ``to_version`` (default: all) atomically.

    The connection must be in autocommit mode (isolation_level=None); on any error the
    transaction is rolled back and the file keeps its old schema and version.
    """
    target = current_version() if to_version is None else to_version
    pending = [m for m in all_migrations() if from_version < m.version <= target]
    if not pending:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        for migration in pending:
            for statement in _statements(migration.sql):
                conn.execute(statement)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {target}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (executescript would commit on its own)."""
    statements: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        if not pending and line.lstrip().startswith("--"):
            continue
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    if pending.strip():
        raise RuntimeError(f"incomplete statement in migration: {pending.strip()[:80]}")
    return statements


@functools.cache
def expected_tables(version: int) -> dict[str, str]:
    """The tables (name → their SQL, spaces normalised) a workspace of ``version`` holds.

    Built by running the migrations on an empty in-memory database, so it is exactly what
    csdesk writes; a workspace whose tables differ (a dropped table, an added CHECK constraint
    or generated column) was changed by something else and is refused.
    """
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        apply(conn, 0, version)
        return table_sql(conn)
    finally:
        conn.close()


def table_sql(conn: sqlite3.Connection) -> dict[str, str]:
    rows = conn.execute(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    return {str(name): " ".join(str(sql).split()) for name, sql in rows}
