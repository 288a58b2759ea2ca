"""Automatic backups through the public commands: before each import, upgrade, restore and undo,
rotated; a restored older backup is upgraded."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hardening_helpers import content_hash, integrity

from csdesk.cli import main
from csdesk.store import Workspace, migrations
from csdesk.store.backup import KEEP, list_backups


def _csv(path: Path, tag: str) -> Path:
    rows = [f"Backup {tag} {a};{m:02d}/2025;{100 + a}" for a in range(5) for m in (1, 2)]
    path.write_text("Cliente;Mês;MRR\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def _v1_workspace(path: Path) -> Path:
    conn = sqlite3.connect(path, isolation_level=None)
    migrations.apply(conn, 0, 1)
    conn.execute("INSERT INTO accounts (id, name, name_key) VALUES (1, 'Old Co', 'old co')")
    conn.execute("INSERT INTO revenue_months VALUES (1, '2024-01', 10.0, NULL)")
    conn.close()
    return path


def test_each_import_undo_and_restore_is_backed_up_first(demo_path: Path, tmp_path: Path) -> None:
    before = content_hash(demo_path)
    assert list_backups(demo_path) == []
    assert main(["import", str(demo_path), str(_csv(tmp_path / "a.csv", "a"))]) == 0
    [first] = list_backups(demo_path)
    assert first.stem.endswith("before-import")
    assert content_hash(first) == before  # the backup holds the state before the import
    after_import = content_hash(demo_path)
    assert main(["undo-import", str(demo_path), "1"]) == 0
    newest = list_backups(demo_path)[0]
    assert newest.stem.endswith("before-undo-import-1")
    assert content_hash(newest) == after_import
    assert main(["restore", str(first), str(demo_path)]) == 0
    newest = list_backups(demo_path)[0]
    assert newest.stem.endswith("before-restore")
    assert content_hash(demo_path) == before
    for backup in list_backups(demo_path):
        assert integrity(backup) == "ok"
        Workspace.check(backup)


def test_backups_rotate_keeping_the_newest(demo_path: Path, tmp_path: Path) -> None:
    assert main(["import", str(demo_path), str(_csv(tmp_path / "a.csv", "a"))]) == 0
    [before_import] = list_backups(demo_path)
    for _ in range(KEEP - 1):
        assert main(["backup", str(demo_path)]) == 0
    assert list_backups(demo_path)[-1] == before_import  # ten kept: the oldest still there
    assert main(["import", str(demo_path), str(_csv(tmp_path / "b.csv", "b"))]) == 0
    backups = list_backups(demo_path)
    assert len(backups) == KEEP and before_import not in backups  # the oldest went
    assert backups[0].stem.endswith("before-import")
    with Workspace.open(backups[0], read_only=True) as ws:  # the state before the 2nd import
        assert ws.scalar("SELECT count(*) FROM import_batches") == 1


def test_an_upgrade_is_backed_up_first(tmp_path: Path) -> None:
    path = _v1_workspace(tmp_path / "old.csdesk")
    before = content_hash(path)
    assert main(["import", str(path), str(_csv(tmp_path / "a.csv", "a"))]) == 0
    reasons = [p.stem for p in list_backups(path)]
    assert any(r.endswith("before-upgrade-from-v1") for r in reasons)
    upgrade = next(p for p in list_backups(path) if p.stem.endswith("before-upgrade-from-v1"))
    assert content_hash(upgrade) == before
    with Workspace.open(path, read_only=True) as ws:
        assert ws.schema_version == migrations.current_version()


def test_restoring_an_older_backup_upgrades_it(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = _v1_workspace(tmp_path / "old-backup.csdesk")
    old_bytes = old.read_bytes()
    assert main(["restore", str(old), str(demo_path)]) == 0
    with Workspace.open(demo_path, read_only=True) as ws:
        assert ws.schema_version == migrations.current_version()
        assert ws.query("SELECT name FROM accounts") == [("Old Co",)]
        assert ws.scalar("SELECT sum(mrr) FROM revenue_months") == 10.0
    assert old.read_bytes() == old_bytes  # the backup itself is left as it was
    assert list_backups(demo_path)[0].stem.endswith("before-restore")
    # The restore can itself be undone from that automatic backup.
    assert main(["restore", str(list_backups(demo_path)[0]), str(demo_path)]) == 0
    with Workspace.open(demo_path, read_only=True) as ws:
        assert ws.scalar("SELECT count(*) FROM accounts") > 1
    assert "Restored" in capsys.readouterr().out


def test_a_reading_command_upgrades_an_older_workspace_after_a_backup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _v1_workspace(tmp_path / "old.csdesk")
    before = content_hash(path)
    assert main(["imports", str(path)]) == 0, capsys.readouterr().err
    assert main(["metrics", str(path), "--json"]) == 0, capsys.readouterr().err
    [backup] = list_backups(path)
    assert backup.stem.endswith("before-upgrade-from-v1") and content_hash(backup) == before
    with Workspace.open(path, read_only=True) as ws:
        assert ws.schema_version == migrations.current_version()
        assert ws.query("SELECT name FROM accounts") == [("Old Co",)]
