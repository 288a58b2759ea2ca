"""Many rows per INSERT statement: same rows, same order, same ids as one row per statement."""

from __future__ import annotations

import sqlite3

import pytest

from csdesk.store.bulk import ROWS_PER_STATEMENT, insert_rows


def _table(columns: int) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    names = ", ".join(f"c{i} INTEGER" for i in range(columns))
    conn.execute(
        f"CREATE TABLE t (id INTEGER PRIMARY KEY, {names}, "
        "CHECK (c0 IN (0, 1, 2, 3, 4, 5, 6, 7, 8, 9) OR c0 >= 10)) STRICT"
    )
    return conn


@pytest.mark.parametrize("count", [0, 1, ROWS_PER_STATEMENT - 1, ROWS_PER_STATEMENT, 2_345])
def test_rows_keep_order_and_ids(count: int) -> None:
    conn = _table(3)
    rows = [(i, i * 2, -i) for i in range(count)]
    conn.execute("BEGIN")
    assert insert_rows(conn, "t", ("c0", "c1", "c2"), iter(rows)) == count
    conn.execute("COMMIT")
    stored = conn.execute("SELECT id, c0, c1, c2 FROM t ORDER BY id").fetchall()
    assert stored == [(i + 1, *row) for i, row in enumerate(rows)]


def test_wide_rows_stay_within_the_variable_limit() -> None:
    conn = _table(40)
    conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 999)
    rows = [tuple(range(i, i + 40)) for i in range(500)]
    written = insert_rows(conn, "t", [f"c{i}" for i in range(40)], rows)
    assert written == 500
    assert conn.execute("SELECT sum(c39) FROM t").fetchone()[0] == sum(r[39] for r in rows)


def test_a_bad_row_raises_and_the_transaction_can_roll_back() -> None:
    conn = _table(1)
    conn.execute("BEGIN")
    with pytest.raises(sqlite3.IntegrityError):
        insert_rows(conn, "t", ("c0",), [(1,), (2,), (-5,)])
    conn.execute("ROLLBACK")
    assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == 0
