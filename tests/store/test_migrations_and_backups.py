"""Upgrading older workspaces, backups with rotation, restore, and crash safety."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from csdesk.store import Workspace, WorkspaceCorrupt, WorkspaceTooNew, migrations
from csdesk.store.backup import KEEP, automatic_backup, backup_to, list_backups, restore


def _make_v1_workspace(path: Path) -> None:
    """A workspace as csdesk with schema version 1 wrote it, with one account."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    migrations.apply(conn, 0, 1)
    conn.execute("INSERT INTO accounts (name, name_key, segment) VALUES ('Acme', 'acme', 'SMB')")
    conn.close()


def _names(ws: Workspace) -> list[str]:
    return [row[0] for row in ws.query("SELECT name FROM accounts ORDER BY id")]


def test_migrations_are_numbered_without_gaps() -> None:
    versions = [m.version for m in migrations.all_migrations()]
    held = migrations.RESERVED_VERSIONS
    assert versions == [v for v in range(1, versions[-1] + 1) if v in versions or v not in held]
    assert migrations.current_version() >= 2


def test_older_workspace_is_backed_up_then_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.csdesk"
    _make_v1_workspace(path)
    with Workspace.open(path) as ws:
        assert ws.schema_version == migrations.current_version()
        assert _names(ws) == ["Acme"]
        columns = {row[1] for row in ws.query("PRAGMA table_info(accounts)")}
        assert "renewal_probability" in columns
        assert ws.scalar("SELECT count(*) FROM qbr_narratives") == 0
    backups = list_backups(path)
    assert len(backups) == 1 and "before-upgrade-from-v1" in backups[0].name
    check = sqlite3.connect(backups[0])
    assert check.execute("PRAGMA user_version").fetchone()[0] == 1
    assert check.execute("SELECT name FROM accounts").fetchall() == [("Acme",)]
    check.close()


def test_failed_migration_leaves_the_old_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.csdesk"
    _make_v1_workspace(path)
    broken = migrations.Migration(
        2, "0002_broken.sql", "CREATE TABLE qbr_narratives (x);\nNOT SQL;"
    )
    first = migrations.all_migrations()[0]
    monkeypatch.setattr(migrations, "all_migrations", lambda: (first, broken))
    with pytest.raises(WorkspaceCorrupt, match="could not be upgraded"):
        Workspace.open(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_schema WHERE type='table'")}
    assert "qbr_narratives" not in tables
    conn.close()


def test_backup_change_restore_gives_back_the_earlier_content(tmp_path: Path) -> None:
    path = tmp_path / "p.csdesk"
    with Workspace.open(path, create=True) as ws:
        ws.insert_many("accounts", ("name", "name_key"), [("Acme", "acme"), ("Beta", "beta")])
    copy = backup_to(path, tmp_path / "copy.csdesk")
    with Workspace.open(path) as ws:
        with ws.transaction() as conn:
            conn.execute("DELETE FROM accounts WHERE name = 'Acme'")
            conn.execute("INSERT INTO accounts (name, name_key) VALUES ('Gamma', 'gamma')")
        assert _names(ws) == ["Beta", "Gamma"]
    restore(copy, path)
    with Workspace.open(path) as ws:
        assert _names(ws) == ["Acme", "Beta"]
        assert ws.scalar("PRAGMA integrity_check") == "ok"
    # the content before the restore was kept, so the restore itself can be undone
    before_restore = [b for b in list_backups(path) if "before-restore" in b.name]
    assert len(before_restore) == 1
    with Workspace.open(before_restore[0], read_only=True) as old:
        assert _names(old) == ["Beta", "Gamma"]


def test_restoring_an_older_backup_migrates_it(tmp_path: Path) -> None:
    old = tmp_path / "old.csdesk"
    _make_v1_workspace(old)
    path = tmp_path / "p.csdesk"
    Workspace.open(path, create=True).close()
    restore(old, path)
    with Workspace.open(path) as ws:
        assert ws.schema_version == migrations.current_version()
        assert _names(ws) == ["Acme"]


def test_restore_refuses_a_newer_backup(tmp_path: Path) -> None:
    newer = tmp_path / "newer.csdesk"
    Workspace.open(newer, create=True).close()
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {migrations.current_version() + 1}")
    conn.close()
    path = tmp_path / "p.csdesk"
    with Workspace.open(path, create=True) as ws:
        ws.insert_many("accounts", ("name", "name_key"), [("Acme", "acme")])
    with pytest.raises(WorkspaceTooNew):
        restore(newer, path)
    with Workspace.open(path) as ws:
        assert _names(ws) == ["Acme"]


def test_backups_rotate_keeping_the_newest(tmp_path: Path) -> None:
    path = tmp_path / "p.csdesk"
    Workspace.open(path, create=True).close()
    made = [automatic_backup(path, reason=f"n{i}") for i in range(KEEP + 3)]
    kept = list_backups(path)
    assert len(kept) == KEEP
    assert set(kept) == set(made[-KEEP:])


def test_backup_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "p.csdesk"
    Workspace.open(path, create=True).close()
    target = tmp_path / "exists.csdesk"
    target.write_bytes(b"precious")
    with pytest.raises(Exception, match="already exists"):
        backup_to(path, target)
    assert target.read_bytes() == b"precious"


_WRITER = """
import sys
from csdesk.store import Workspace
ws = Workspace.open(sys.argv[1])
def rows():
    for i in range(2_000_000):
        if i == 200_000:
            print("writing", flush=True)
        yield (1, f"2025-01-01 00:00:{i % 60:02d}", "note", f"event {i}")
ws.insert_many("events", ("account_id", "at", "kind", "title"), rows())
print("committed", flush=True)
"""


@pytest.mark.slow
def test_sigkill_during_bulk_write_leaves_the_workspace_as_before(tmp_path: Path) -> None:
    path = tmp_path / "p.csdesk"
    with Workspace.open(path, create=True) as ws:
        ws.insert_many("accounts", ("name", "name_key"), [("Acme", "acme")])
        ws.insert_many(
            "events",
            ("account_id", "at", "kind", "title"),
            [(1, "2024-12-01 09:00:00", "note", f"kept {i}") for i in range(10)],
        )
    writer = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert writer.stdout is not None
    assert writer.stdout.readline().strip() == "writing"
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    writer.stdout.close()
    assert writer.returncode == -signal.SIGKILL
    with Workspace.open(path) as ws:
        assert ws.scalar("PRAGMA integrity_check") == "ok"
        assert ws.scalar("SELECT count(*) FROM events") == 10
        assert ws.scalar("SELECT min(title) FROM events") == "kept 0"
