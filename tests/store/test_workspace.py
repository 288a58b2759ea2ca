"""Opening, creating and writing workspaces, and every refusal leaving the file untouched."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from csdesk.store import (
    DiskFull,
    NotAWorkspace,
    Workspace,
    WorkspaceCorrupt,
    WorkspaceLocked,
    WorkspaceNotFound,
    WorkspaceReadOnly,
    WorkspaceTooNew,
    migrations,
)
from csdesk.store.paths import default_workspace_path


def _add_account(ws: Workspace, name: str) -> int:
    with ws.transaction() as conn:
        cur = conn.execute(
            "INSERT INTO accounts (name, name_key) VALUES (?, ?)", (name, name.lower())
        )
    return int(cur.lastrowid or 0)


def test_new_workspace_has_current_schema_and_safe_pragmas(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "p.csdesk", create=True) as ws:
        assert ws.schema_version == migrations.current_version()
        assert ws.scalar("PRAGMA application_id") == migrations.APPLICATION_ID
        assert ws.scalar("PRAGMA journal_mode") == "wal"
        assert ws.scalar("PRAGMA foreign_keys") == 1
        assert ws.scalar("PRAGMA trusted_schema") == 0
        assert set(ws.table_counts()) >= {
            "accounts",
            "people",
            "contacts",
            "revenue_months",
            "contracts",
            "tickets",
            "surveys",
            "usage",
            "events",
            "opportunities",
            "goals",
            "import_batches",
            "settings",
        }


def test_every_entity_table_records_its_import_batch(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "p.csdesk", create=True) as ws:
        for table in (
            "accounts",
            "people",
            "contacts",
            "revenue_months",
            "contracts",
            "tickets",
            "surveys",
            "usage",
            "events",
            "opportunities",
            "goals",
        ):
            columns = {row[1] for row in ws.query(f"PRAGMA table_info({table})")}
            assert "batch_id" in columns, table


def test_per_account_and_per_month_queries_use_indexes(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "p.csdesk", create=True) as ws:
        queries = [
            "SELECT * FROM events WHERE account_id = 1 ORDER BY at",
            "SELECT * FROM tickets WHERE account_id = 1 AND opened_at >= '2025-01-01'",
            "SELECT * FROM revenue_months WHERE month = '2025-01'",
            "SELECT * FROM surveys WHERE account_id = 1",
        ]
        for sql in queries:
            plan = " ".join(str(row[-1]) for row in ws.query("EXPLAIN QUERY PLAN " + sql))
            assert "USING" in plan and "SCAN" not in plan.replace("USING INDEX", ""), plan


def test_transaction_is_all_or_nothing(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "p.csdesk", create=True) as ws:
        _add_account(ws, "Kept")
        with pytest.raises(RuntimeError), ws.transaction() as conn:
            conn.execute("INSERT INTO accounts (name, name_key) VALUES ('Lost', 'lost')")
            raise RuntimeError("boom")
        assert [r[0] for r in ws.query("SELECT name FROM accounts")] == ["Kept"]


def test_nested_transaction_rolls_back_only_the_inner_block(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "p.csdesk", create=True) as ws:
        with ws.transaction() as conn:
            conn.execute("INSERT INTO accounts (name, name_key) VALUES ('Outer', 'outer')")
            with pytest.raises(ValueError), ws.transaction() as inner:
                inner.execute("INSERT INTO accounts (name, name_key) VALUES ('Inner', 'inner')")
                raise ValueError("inner fails")
        assert [r[0] for r in ws.query("SELECT name FROM accounts")] == ["Outer"]


def test_foreign_keys_are_enforced(tmp_path: Path) -> None:
    with (
        Workspace.open(tmp_path / "p.csdesk", create=True) as ws,
        pytest.raises(sqlite3.IntegrityError),
        ws.transaction() as conn,
    ):
        conn.execute(
            "INSERT INTO events (account_id, at, kind, title) VALUES (99, 'x', 'note', 't')"
        )


def test_insert_many_writes_and_counts(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "p.csdesk", create=True) as ws:
        account = _add_account(ws, "Acme")
        rows = ((account, f"2025-01-01 10:00:{i % 60:02d}", "note", f"n{i}") for i in range(5000))
        written = ws.insert_many("events", ("account_id", "at", "kind", "title"), rows)
        assert written == 5000
        assert ws.scalar("SELECT count(*) FROM events") == 5000


def test_disk_full_is_reported_and_keeps_what_was_saved(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "p.csdesk", create=True) as ws:
        _add_account(ws, "Saved before")
        pages = ws.scalar("PRAGMA page_count")
        ws.execute(f"PRAGMA max_page_count = {pages + 2}")
        big = "x" * 3000
        with pytest.raises(DiskFull, match="disk is full"):
            ws.insert_many(
                "accounts",
                ("name", "name_key", "notes"),
                ((f"a{i}", f"a{i}", big) for i in range(500)),
            )
        assert [r[0] for r in ws.query("SELECT name FROM accounts")] == ["Saved before"]
    with Workspace.open(tmp_path / "p.csdesk") as ws:
        assert ws.scalar("PRAGMA integrity_check") == "ok"
        assert ws.scalar("SELECT count(*) FROM accounts") == 1


def test_default_workspace_lives_in_the_data_folder(private_data_dir: Path) -> None:
    assert default_workspace_path().parent == private_data_dir
    with Workspace.open(default_workspace_path(), create=True) as ws:
        assert ws.path.exists()


def test_missing_file_is_refused_unless_creating(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceNotFound, match="does not exist"):
        Workspace.open(tmp_path / "nope.csdesk")
    assert not (tmp_path / "nope.csdesk").exists()


@pytest.mark.parametrize(
    ("content", "error", "message"),
    [
        (b"hello, this is a text file\n" * 10, NotAWorkspace, "not a SQLite database"),
        (b"PK\x03\x04" + b"\x00" * 200, NotAWorkspace, "not a SQLite database"),
    ],
)
def test_garbage_is_refused_untouched(
    tmp_path: Path, content: bytes, error: type[Exception], message: str
) -> None:
    path = tmp_path / "garbage.csdesk"
    path.write_bytes(content)
    with pytest.raises(error, match=message):
        Workspace.open(path)
    assert path.read_bytes() == content
    assert not (tmp_path / "garbage.csdesk-wal").exists()


def _checkpointed_workspace(path: Path, accounts: int = 300) -> bytes:
    with Workspace.open(path, create=True) as ws:
        ws.insert_many(
            "accounts",
            ("name", "name_key", "notes"),
            ((f"A{i}", f"a{i}", "n" * 200) for i in range(accounts)),
        )
        ws.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        ws.execute("PRAGMA journal_mode = DELETE")
    return path.read_bytes()


def test_truncated_workspace_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "t.csdesk"
    data = _checkpointed_workspace(path)
    path.write_bytes(data[: len(data) // 2])
    before = path.read_bytes()
    with pytest.raises(WorkspaceCorrupt, match="truncated"):
        Workspace.open(path)
    assert path.read_bytes() == before


def test_foreign_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE things (x)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NotAWorkspace, match="not a csdesk workspace"):
        Workspace.open(path)
    assert path.read_bytes() == before


def test_newer_workspace_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "new.csdesk"
    _checkpointed_workspace(path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {migrations.current_version() + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(WorkspaceTooNew, match="newer csdesk"):
        Workspace.open(path)
    assert path.read_bytes() == before


def test_workspace_with_triggers_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "hostile.csdesk"
    _checkpointed_workspace(path)
    conn = sqlite3.connect(path)
    conn.execute(
        "CREATE TRIGGER evil AFTER INSERT ON accounts BEGIN "
        "SELECT load_extension('/tmp/evil.so'); END"
    )
    conn.commit()
    conn.close()
    with pytest.raises(NotAWorkspace, match="triggers or views"):
        Workspace.open(path)


def test_second_writer_is_refused_while_the_first_is_open(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "shared.csdesk"
    Workspace.open(path, create=True).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from csdesk.store import Workspace; ws = Workspace.open(sys.argv[1]); "
            "print('open', flush=True); sys.stdin.read()",
            str(path),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "open"
        before = path.read_bytes()
        with pytest.raises(WorkspaceLocked, match=f"process {holder.pid}"):
            Workspace.open(path)
        assert path.read_bytes() == before
        with Workspace.open(path, read_only=True) as reader:
            assert reader.read_only
            assert reader.scalar("SELECT count(*) FROM accounts") == 0
    finally:
        holder.communicate("")
    Workspace.open(path).close()  # free again once the holder is gone


def test_unwritable_file_opens_read_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file the user may not write (tests run as root, so the permission check is faked)."""
    import os

    path = tmp_path / "ro.csdesk"
    _checkpointed_workspace(path, accounts=3)
    real_access = os.access
    monkeypatch.setattr(
        os,
        "access",
        lambda p, mode: False if Path(p) == path and mode == os.W_OK else real_access(p, mode),
    )
    with Workspace.open(path) as ws:
        assert ws.read_only
        assert ws.scalar("SELECT count(*) FROM accounts") == 3
        with pytest.raises(WorkspaceReadOnly, match="read-only"):
            _add_account(ws, "x")


def test_read_only_workspace_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "p.csdesk"
    Workspace.open(path, create=True).close()
    with Workspace.open(path, read_only=True) as ws, pytest.raises(WorkspaceReadOnly):
        _add_account(ws, "x")
