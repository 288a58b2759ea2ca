"""Backups that are good: a damaged workspace is never backed up over a healthy backup, refuses
writes with one message naming the newest good backup, and reading it says "damaged" plainly."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hardening_helpers import integrity

from csdesk.cli import main
from csdesk.store.backup import KEEP, list_backups


def _csv(path: Path, tag: str) -> Path:
    rows = [f"Rot {tag} {a};{m:02d}/2025;{100 + a}" for a in range(5) for m in (1, 2)]
    path.write_text("Cliente;Mês;MRR\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def _damage_table(path: Path, table: str) -> None:
    """Overwrite the root page of ``table`` with garbage: one damaged page, as a bad disk does."""
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    [(root,)] = conn.execute(
        "SELECT rootpage FROM sqlite_schema WHERE type = 'table' AND name = ?", (table,)
    ).fetchall()
    conn.close()
    with path.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\x0d\xff\xff\xff" * (page_size // 4))
    with pytest.raises(sqlite3.DatabaseError, match="malformed"):
        integrity(path)


def test_a_damaged_workspace_refuses_imports_and_keeps_the_good_backups(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["backup", str(demo_path)]) == 0
    [good] = list_backups(demo_path)
    _damage_table(demo_path, "events")
    damaged = demo_path.read_bytes()
    capsys.readouterr()
    for n in range(KEEP):
        assert main(["import", str(demo_path), str(_csv(tmp_path / f"{n}.csv", str(n)))]) != 0
        err = capsys.readouterr().err
        assert "damaged" in err and str(good) in err and "Traceback" not in err
        assert err.count("\n") == 1
    assert list_backups(demo_path) == [good] and integrity(good) == "ok"
    assert demo_path.read_bytes() == damaged  # nothing written into the damage
    assert not list(good.parent.glob("*.part"))


def test_a_damaged_workspace_refuses_an_undo(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(demo_path), str(_csv(tmp_path / "a.csv", "a"))]) == 0
    [good] = list_backups(demo_path)
    _damage_table(demo_path, "events")
    capsys.readouterr()
    assert main(["undo-import", str(demo_path), "1"]) != 0
    err = capsys.readouterr().err
    assert "damaged" in err and str(good) in err and err.count("\n") == 1
    assert list_backups(demo_path) == [good]


def test_a_damaged_workspace_with_no_good_backup_says_so(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _damage_table(demo_path, "events")
    assert main(["import", str(demo_path), str(_csv(tmp_path / "a.csv", "a"))]) != 0
    err = capsys.readouterr().err
    assert "damaged" in err and "no good backup" in err and err.count("\n") == 1
    assert list_backups(demo_path) == []


def test_reading_a_damaged_table_is_one_clear_line(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _damage_table(demo_path, "revenue_months")
    assert main(["metrics", str(demo_path), "--json"]) != 0
    err = capsys.readouterr().err
    assert err.startswith("csdesk: ") and "damaged" in err and str(demo_path) in err
    assert "Traceback" not in err and err.count("\n") == 1


def test_a_read_of_a_damaged_table_names_the_newest_good_backup(demo_path: Path) -> None:
    """What the app shows: the workspace's own reads raise csdesk's error, not SQLite's."""
    from csdesk.store import Workspace, WorkspaceCorrupt

    assert main(["backup", str(demo_path)]) == 0
    [good] = list_backups(demo_path)
    _damage_table(demo_path, "revenue_months")
    with Workspace.open(demo_path, read_only=True) as ws:
        with pytest.raises(WorkspaceCorrupt, match="damaged") as caught:
            # The table's own pages: the month index holds mrr too and would answer alone.
            ws.query("SELECT sum(mrr), count(batch_id) FROM revenue_months")
        assert str(good) in caught.value.message
