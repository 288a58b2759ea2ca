"""Many rows per INSERT statement: same rows, same order, same ids as one row per statement."""

from __future__ import annotations

import sqlite3

import pytest

from csdesk.store import bulk
from csdesk.store.bulk import ROWS_PER_STATEMENT, insert_columns, insert_rows


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


@pytest.mark.parametrize("count", [0, 1, ROWS_PER_STATEMENT - 1, ROWS_PER_STATEMENT, 2_345])
def test_columns_write_what_rows_write(count: int) -> None:
    rows = [(i, i * 2, -i) for i in range(count)]
    by_rows, by_columns = _table(3), _table(3)
    assert insert_rows(by_rows, "t", ("c0", "c1", "c2"), rows) == count
    columns = [[row[c] for row in rows] for c in range(3)]
    assert insert_columns(by_columns, "t", ("c0", "c1", "c2"), columns) == count
    query = "SELECT id, c0, c1, c2 FROM t ORDER BY id"
    assert by_columns.execute(query).fetchall() == by_rows.execute(query).fetchall()


def test_columns_of_different_lengths_are_refused() -> None:
    with pytest.raises(ValueError):
        insert_columns(_table(2), "t", ("c0", "c1"), [[1, 2], [1]])
    with pytest.raises(ValueError):
        insert_columns(_table(2), "t", ("c0", "c1"), [[1, 2]])


@pytest.mark.parametrize("by_columns", [False, True])
def test_a_load_reports_the_rows_written_as_it_goes(
    by_columns: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every PROGRESS_ROWS rows, with the count of rows already in the table."""
    monkeypatch.setattr(bulk, "PROGRESS_ROWS", 2 * ROWS_PER_STATEMENT)
    conn = _table(1)
    heard: list[tuple[int, int]] = []

    def progress(count: int) -> None:
        heard.append((count, conn.execute("SELECT count(*) FROM t").fetchone()[0]))

    rows = 11 * ROWS_PER_STATEMENT + 45
    if by_columns:
        insert_columns(conn, "t", ("c0",), [list(range(rows))], progress=progress)
    else:
        insert_rows(conn, "t", ("c0",), [(i,) for i in range(rows)], progress=progress)
    step = 2 * ROWS_PER_STATEMENT
    assert heard == [(n, n) for n in range(step, 11 * ROWS_PER_STATEMENT, step)]


@pytest.mark.parametrize("by_columns", [False, True])
def test_a_progress_callback_that_raises_stops_the_load(
    by_columns: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk, "PROGRESS_ROWS", ROWS_PER_STATEMENT)
    conn = _table(1)

    class Stop(Exception):
        pass

    def progress(count: int) -> None:
        if count >= 3 * ROWS_PER_STATEMENT:
            raise Stop

    conn.execute("BEGIN")
    with pytest.raises(Stop):
        if by_columns:
            insert_columns(conn, "t", ("c0",), [list(range(5_000))], progress=progress)
        else:
            insert_rows(conn, "t", ("c0",), [(i,) for i in range(5_000)], progress=progress)
    assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == 3 * ROWS_PER_STATEMENT
    conn.execute("ROLLBACK")
    assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == 0
