"""Loading many rows at once: secondary indexes are rebuilt after the rows, not during.

Inserting hundreds of thousands of rows while keeping every index up to date costs several
times more than inserting them bare and building each index once, sorted. Inside the
import's transaction the indexes are dropped and re-created from their own stored SQL, so
the schema ends exactly as it was, and a rollback restores it as well.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from csdesk.store import Workspace

# Below this many new rows, maintaining the indexes row by row is cheaper.
BULK_ROWS = 50_000


@contextmanager
def indexes_rebuilt_after(ws: Workspace, table: str, rows: int) -> Iterator[None]:
    """Within a transaction: drop ``table``'s secondary indexes for a large load."""
    existing = (
        int(ws.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        if rows >= BULK_ROWS
        else 0
    )
    if rows < BULK_ROWS or existing > rows:
        yield
        return
    indexes = ws.conn.execute(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? "
        "AND sql IS NOT NULL",
        (table,),
    ).fetchall()
    for name, _ in indexes:
        ws.conn.execute(f'DROP INDEX "{name}"')
    yield
    for _, sql in indexes:
        ws.conn.execute(sql)


# Rows per INSERT statement: one statement with many VALUES tuples costs SQLite less per row
# than one statement per row (kept under SQLite's limit of 32,766 bound values).
ROWS_PER_STATEMENT = 200


def insert_rows(
    ws: Workspace,
    table: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    suffix: str = "",
) -> None:
    """INSERT ``rows`` into ``table`` (names from code, never from a file), in the caller's
    transaction, ``ROWS_PER_STATEMENT`` rows per statement; ``suffix`` (e.g. an ON CONFLICT
    clause) applies to each statement."""
    if not rows:
        return
    per = max(1, min(ROWS_PER_STATEMENT, 30_000 // max(len(columns), 1)))
    one = "(" + ", ".join("?" for _ in columns) + ")"
    head = f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
    whole = len(rows) // per * per
    if whole:
        ws.conn.executemany(
            head + ", ".join([one] * per) + suffix,
            (
                tuple(itertools.chain.from_iterable(rows[start : start + per]))
                for start in range(0, whole, per)
            ),
        )
    if whole < len(rows):
        ws.conn.executemany(head + one + suffix, rows[whole:])
