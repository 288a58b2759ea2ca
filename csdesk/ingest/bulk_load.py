"""Loading many rows at once: secondary indexes are rebuilt after the rows, not during.

Inserting hundreds of thousands of rows while keeping every index up to date costs several
times more than inserting them bare and building each index once, sorted. Inside the
import's transaction the indexes are dropped and re-created from their own stored SQL, so
the schema ends exactly as it was, and a rollback restores it as well.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

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
