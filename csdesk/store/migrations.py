"""Numbered schema migrations, one SQL file each, applied in order in one transaction.

``PRAGMA user_version`` holds the number of the last migration applied; a new workspace runs
them all. A migration file is never edited once released: a change is a new file.
"""

from __future__ import annotations

import functools
import re
import sqlite3
import zlib
from functools import cache
from pathlib import Path
from typing import NamedTuple

APPLICATION_ID = 0x43534B44  # "CSKD": marks a SQLite file as a csdesk workspace

_NAME_RE = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
# Numbers held for a migration being written on another branch: their file may be absent
# for a while (the numbers after them still apply). Remove a number once its file lands.
RESERVED_VERSIONS: frozenset[int] = frozenset()  # 5 (the work queue) has landed


class Migration(NamedTuple):
    """One migration file. (A named tuple: this module loads at every start, and a
    dataclass's generated code costs it.)"""

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

    Exactly what running the migrations on an empty database gives, so exactly what csdesk
    writes; a workspace whose tables differ (a dropped table, an added CHECK constraint or
    generated column) was changed by something else and is refused. Running them takes
    about 10 ms (SQLite checks the whole schema at each ALTER TABLE), paid by every opening
    of a workspace: the current version's answer is read from :data:`RECORDED_TABLES`,
    written from a run by :func:`record_tables`, when it was recorded from these very
    migrations with this SQLite; any other answer is run again.
    """
    recorded = _recorded_tables(version)
    if recorded is not None:
        return recorded
    return run_tables(version)


def run_tables(version: int) -> dict[str, str]:
    """:func:`expected_tables` by running the migrations up to ``version`` in memory."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        apply(conn, 0, version)
        return table_sql(conn)
    finally:
        conn.close()


# The current version's tables as a run of the migrations gave them, with what they were
# made from: `python -c "from csdesk.store import migrations; migrations.record_tables()"`
# writes it again after a migration is added (tests/store/test_recorded_tables.py says so).
RECORDED_TABLES = Path(__file__).parent / "migrations" / "tables.json"


def migrations_fingerprint(version: int) -> str:
    """What the tables of ``version`` are made from: each migration up to it, by name, length
    and CRC-32 of its text (an edit is what it detects; hashlib would cost the start-up the
    milliseconds of loading OpenSSL)."""
    parts = []
    for migration in all_migrations():
        if migration.version <= version:
            text = migration.sql.encode()
            parts.append(f"{migration.name}:{len(text)}:{zlib.crc32(text):08x}")
    return " ".join(parts)


def _recorded_tables(version: int) -> dict[str, str] | None:
    """The recorded tables of ``version``, None unless recorded from the same migrations by
    the same SQLite (another SQLite may word an altered table otherwise)."""
    import json

    try:
        data = json.loads(RECORDED_TABLES.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not (
        isinstance(data, dict)
        and data.get("version") == version
        and data.get("sqlite") == sqlite3.sqlite_version
        and data.get("migrations") == migrations_fingerprint(version)
        and isinstance(tables := data.get("tables"), dict)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in tables.items())
    ):
        return None
    return dict(tables)


def record_tables() -> Path:
    """Write :data:`RECORDED_TABLES` from a run of every migration (after adding one)."""
    version = current_version()
    data = {
        "version": version,
        "sqlite": sqlite3.sqlite_version,
        "migrations": migrations_fingerprint(version),
        "tables": run_tables(version),
    }
    import json

    RECORDED_TABLES.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", "utf-8")
    return RECORDED_TABLES


def table_sql(conn: sqlite3.Connection) -> dict[str, str]:
    rows = conn.execute(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    return {str(name): " ".join(str(sql).split()) for name, sql in rows}
