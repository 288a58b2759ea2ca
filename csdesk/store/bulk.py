"""Writing many rows fast: many rows per INSERT, and indexes rebuilt after a large load.

``executemany`` of a one-row INSERT runs the statement once per row and pays its set-up each
time; for the workspace tables that set-up is costly, since a CHECK such as
``role IN ('cs', 'am', 'support', 'cx')`` makes SQLite build a small temporary index for the
list on every run. Measured on a million timeline events: 14.7 s CPU one row per statement,
6.8 s with 200 rows per statement. Rows keep their order, so ids come out as a one-row insert
would give them.

Inserting hundreds of thousands of rows while keeping every secondary index up to date costs
several times more than inserting them bare and building each index once, sorted; inside the
caller's transaction :func:`indexes_rebuilt_after` drops the indexes and re-creates them from
their own stored SQL, so the schema ends exactly as it was and a rollback restores it too.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import chain, islice
from typing import Any

ROWS_PER_STATEMENT = 200
# Below this many new rows, maintaining the indexes row by row is cheaper.
BULK_ROWS = 50_000


def insert_rows(
    conn: sqlite3.Connection,
    table: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    suffix: str = "",
) -> int:
    """INSERT ``rows`` in the caller's transaction; return how many rows were written.

    ``table``, ``columns`` and ``suffix`` (e.g. an ON CONFLICT clause applied to each
    statement) come from code, never from a file.
    """
    limit = conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    per = max(1, min(ROWS_PER_STATEMENT, limit // max(len(columns), 1)))
    one = "(" + ", ".join("?" for _ in columns) + ")"
    head = f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
    iterator = iter(rows)
    remainder: list[Sequence[Any]] = []

    def full_batches() -> Iterator[tuple[Any, ...]]:
        while True:
            batch = list(islice(iterator, per))
            if len(batch) < per:
                remainder.extend(batch)
                return
            yield tuple(chain.from_iterable(batch))

    before = conn.total_changes
    conn.executemany(head + ", ".join([one] * per) + suffix, full_batches())
    if remainder:
        conn.executemany(head + one + suffix, remainder)
    return conn.total_changes - before


@contextmanager
def indexes_rebuilt_after(conn: sqlite3.Connection, table: str, rows: int) -> Iterator[None]:
    """Within a transaction: drop ``table``'s secondary indexes for a load of ``rows`` rows
    (when the load is large and larger than what the table holds), re-create them after."""
    if rows < BULK_ROWS:
        yield
        return
    existing = int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    if existing > rows:
        yield
        return
    indexes = conn.execute(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? "
        "AND sql IS NOT NULL",
        (table,),
    ).fetchall()
    for name, _ in indexes:
        conn.execute(f'DROP INDEX "{name}"')
    yield
    for _, sql in indexes:
        conn.execute(sql)
