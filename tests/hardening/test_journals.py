"""Journals that belong: a `-wal` or `-journal` beside a workspace is used only when it is the
workspace's own; one from another file (a copy made while the app was open, a cloud-sync that
brought the `.csdesk` without its journal, a restore by copying files) is set aside, never merged.

Every case is built from real SQLite files: a second workspace is written with its checkpoints
held back, and its live journal is copied beside the first one.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hardening_helpers import child_env, content_hash, integrity

from csdesk.cli import main
from csdesk.store import Workspace
from csdesk.store.backup import list_backups


def _csv(path: Path, tag: str = "a", accounts: int = 5) -> Path:
    rows = [f"Journal {tag} {a};{m:02d}/2025;{100 + a}" for a in range(accounts) for m in (1, 2)]
    path.write_text("Cliente;Mês;MRR\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def _foreign_wal(source: Path, target: Path, tmp_path: Path) -> bytes:
    """Write another file with checkpoints held back; put its live -wal beside ``target``."""
    other = tmp_path / "other-folder"
    other.mkdir(exist_ok=True)
    copy = other / "other.csdesk"
    shutil.copyfile(source, copy)
    conn = sqlite3.connect(copy, isolation_level=None)
    # Another file: the same tables, laid out on other pages (a journal of an identical copy
    # would hold the copy's missing changes, and would belong).
    conn.execute("DELETE FROM events WHERE id % 3 = 0")
    conn.execute("VACUUM")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("UPDATE accounts SET notes = 'other ' || id")
    conn.execute("DELETE FROM revenue_months WHERE month < '2025-06'")
    conn.execute("INSERT INTO settings (key, value) VALUES ('other', '\"yes\"')")
    shutil.copyfile(Path(f"{copy}-wal"), Path(f"{target}-wal"))
    conn.close()
    return Path(f"{target}-wal").read_bytes()


def _foreign_rollback_journal(source: Path, target: Path, tmp_path: Path) -> bytes:
    """A hot rollback journal of another file, left beside ``target`` by a killed writer."""
    other = tmp_path / "other-folder"
    other.mkdir(exist_ok=True)
    copy = other / "other.db"
    shutil.copyfile(source, copy)
    conn = sqlite3.connect(copy, isolation_level=None)
    conn.execute("DELETE FROM events WHERE id % 3 = 0")
    conn.execute("VACUUM")
    conn.close()
    code = (
        "import os, shutil, sqlite3, sys\n"
        "conn = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "conn.execute('PRAGMA journal_mode = DELETE')\n"
        "conn.execute('PRAGMA cache_size = 1')\n"
        "conn.execute('BEGIN')\n"
        "conn.execute(\"UPDATE accounts SET notes = 'other ' || id\")\n"
        "conn.execute('DELETE FROM revenue_months')\n"
        "shutil.copyfile(sys.argv[1] + '-journal', sys.argv[2] + '-journal')\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(copy), str(target)], check=True)
    return Path(f"{target}-journal").read_bytes()


def _set_aside(path: Path, journal: str) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}{journal}.set-aside-*"))


def test_a_foreign_wal_is_set_aside_and_reading_works(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = content_hash(demo_path)
    wal = _foreign_wal(demo_path, demo_path, tmp_path)
    assert main(["metrics", str(demo_path), "--json"]) == 0
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.count("\n") == 1
    assert "does not belong" in err and f"{demo_path.name}-wal" in err
    [aside] = _set_aside(demo_path, "-wal")
    assert aside.read_bytes() == wal  # kept, byte for byte
    assert not Path(f"{demo_path}-wal").exists() or Path(f"{demo_path}-wal").stat().st_size == 0
    assert content_hash(demo_path) == before and integrity(demo_path) == "ok"


def test_a_foreign_wal_never_reaches_an_import_or_its_backup(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Workspace.open(demo_path, read_only=True) as ws:
        accounts = ws.scalar("SELECT count(*) FROM accounts")
    before = content_hash(demo_path)
    _foreign_wal(demo_path, demo_path, tmp_path)
    assert main(["import", str(demo_path), str(_csv(tmp_path / "a.csv"))]) == 0
    assert "does not belong" in capsys.readouterr().err
    assert integrity(demo_path) == "ok"
    with Workspace.open(demo_path, read_only=True) as ws:
        assert ws.scalar("SELECT count(*) FROM accounts") == accounts + 5
        assert ws.scalar("SELECT count(*) FROM settings WHERE key = 'other'") == 0
    [backup] = list_backups(demo_path)
    assert integrity(backup) == "ok" and content_hash(backup) == before


def test_a_foreign_rollback_journal_is_set_aside(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = content_hash(demo_path)
    journal = _foreign_rollback_journal(demo_path, demo_path, tmp_path)
    assert main(["metrics", str(demo_path), "--json"]) == 0
    err = capsys.readouterr().err
    assert "does not belong" in err and "damaged" not in err and "Traceback" not in err
    [aside] = _set_aside(demo_path, "-journal")
    assert aside.read_bytes() == journal
    assert not Path(f"{demo_path}-journal").exists()
    assert content_hash(demo_path) == before


def test_the_workspaces_own_wal_after_a_crash_is_kept(demo_path: Path, tmp_path: Path) -> None:
    """A csdesk killed after committing leaves its journal: that one holds the user's data."""
    code = (
        "import os, sys\n"
        "from csdesk.store import Workspace\n"
        "ws = Workspace.open(sys.argv[1])\n"
        "ws.execute('PRAGMA wal_autocheckpoint = 0')\n"
        "with ws.transaction() as conn:\n"
        '    conn.execute("INSERT INTO accounts (name, name_key) "\n'
        "                 \"VALUES ('Crash Co', 'crash co')\")\n"
        "os._exit(0)\n"
    )
    subprocess.run(
        [sys.executable, "-c", code, str(demo_path)], check=True, env=child_env(), timeout=60
    )
    assert Path(f"{demo_path}-wal").stat().st_size > 0
    assert main(["metrics", str(demo_path), "--json"]) == 0
    assert _set_aside(demo_path, "-wal") == []
    with Workspace.open(demo_path) as ws:
        assert ws.scalar("SELECT count(*) FROM accounts WHERE name = 'Crash Co'") == 1
    assert integrity(demo_path) == "ok"


def test_a_journal_beside_a_workspace_open_in_another_csdesk_is_left_alone(
    demo_path: Path, tmp_path: Path
) -> None:
    """The writer's live journal is its own: a reader neither checks nor moves it."""
    with Workspace.open(demo_path) as writer:
        writer.execute("PRAGMA wal_autocheckpoint = 0")
        with writer.transaction() as conn:
            conn.execute("INSERT INTO accounts (name, name_key) VALUES ('Live Co', 'live co')")
        with Workspace.open(demo_path, read_only=True) as reader:
            assert reader.scalar("SELECT count(*) FROM accounts WHERE name = 'Live Co'") == 1
            assert reader.notices == ()
    assert _set_aside(demo_path, "-wal") == []


def test_closing_a_workspace_checkpoints_and_truncates_its_journal(demo_path: Path) -> None:
    outside = sqlite3.connect(demo_path)  # another reader keeps SQLite from deleting the -wal
    outside.execute("SELECT count(*) FROM accounts").fetchone()
    try:
        with Workspace.open(demo_path) as ws:
            with ws.transaction() as conn:
                conn.execute(
                    "INSERT INTO accounts (name, name_key) VALUES ('Close Co', 'close co')"
                )
            assert Path(f"{demo_path}-wal").stat().st_size > 0
        assert Path(f"{demo_path}-wal").stat().st_size == 0
    finally:
        outside.close()
    # Everything is in the file itself: a copy of it alone holds the new account.
    alone = demo_path.with_name("alone.csdesk")
    shutil.copyfile(demo_path, alone)
    with Workspace.open(alone, read_only=True) as ws:
        assert ws.scalar("SELECT count(*) FROM accounts WHERE name = 'Close Co'") == 1


def test_a_damaged_file_with_a_journal_is_called_damaged_and_both_are_kept(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wal = _foreign_wal(demo_path, demo_path, tmp_path)
    with demo_path.open("r+b") as handle:  # and the file itself loses a table page
        handle.seek(os.path.getsize(demo_path) // 2)
        handle.write(b"\xff" * 4096)
    raw = demo_path.read_bytes()
    assert main(["metrics", str(demo_path), "--json"]) != 0
    err = capsys.readouterr().err
    assert "damaged" in err and "Traceback" not in err and err.count("\n") == 1
    assert demo_path.read_bytes() == raw and Path(f"{demo_path}-wal").read_bytes() == wal


def test_a_restore_into_a_new_name_never_merges_a_journal_left_there(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The app moves a damaged workspace aside and restores into its name: the damaged
    file's journal, still under that name, must not be merged into the restored content."""
    target = tmp_path / "restored.csdesk"
    wal = _foreign_wal(demo_path, target, tmp_path)
    assert main(["restore", str(demo_path), str(target)]) == 0, capsys.readouterr().err
    assert integrity(target) == "ok" and content_hash(target) == content_hash(demo_path)
    [aside] = _set_aside(target, "-wal")
    assert aside.read_bytes() == wal
