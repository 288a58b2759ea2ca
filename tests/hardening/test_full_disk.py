"""Full disks: a checkpoint that runs out of space is not a damaged file, and nothing
half-created is left behind. Real small disks (tmpfs) where the tests may mount one; the same
states made by hand, or through SQLite's ``max_page_count``, everywhere."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from hardening_helpers import integrity, resize_disk

from csdesk.cli import main
from csdesk.store import DiskFull, Workspace
from csdesk.store import workspace as workspace_module


def _csv(path: Path, accounts: int = 5) -> Path:
    rows = [f"Disk {a};{m:02d}/2025;{100 + a}" for a in range(accounts) for m in (1, 2)]
    path.write_text("Cliente;Mês;MRR\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def _checkpoint_cut_short(path: Path, grow: int = 3000) -> None:
    """The state a checkpoint leaves when the disk fills while it extends the file.

    Rows are committed to the journal with checkpoints held back; then the checkpoint writes
    every page (the header too, with the new page count), and the file is cut back to its old
    length, as when extending it failed. The journal, never reset, still holds every page.
    """
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
        "INSERT INTO accounts (name, name_key, notes) "
        "SELECT 'Grown ' || i, 'grown ' || i, hex(randomblob(200)) FROM n",
        (grow,),
    )
    journal = Path(f"{path}-wal").read_bytes()
    old_size = path.stat().st_size
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    assert path.stat().st_size > old_size
    with path.open("r+b") as handle:
        handle.truncate(old_size)
    Path(f"{path}-wal").write_bytes(journal)


def test_a_short_file_whose_journal_holds_the_rest_is_not_damaged(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Workspace.open(demo_path, read_only=True) as ws:
        accounts = ws.scalar("SELECT count(*) FROM accounts")
    _checkpoint_cut_short(demo_path)
    assert integrity(demo_path) == "ok"  # SQLite reads the file and its journal as intact
    assert main(["metrics", str(demo_path), "--json"]) == 0
    err = capsys.readouterr().err
    assert "damaged" not in err and "restore" not in err.replace("do not restore", "")
    assert "holds the rest" in err and "Traceback" not in err
    assert main(["import", str(demo_path), str(_csv(tmp_path / "a.csv"))]) == 0
    capsys.readouterr()
    with Workspace.open(demo_path, read_only=True) as ws:
        assert ws.scalar("SELECT count(*) FROM accounts") == accounts + 3000 + 5
    assert integrity(demo_path) == "ok"
    # Once saved through, the file alone is the whole workspace.
    assert not Path(f"{demo_path}-wal").exists() or Path(f"{demo_path}-wal").stat().st_size == 0
    alone = tmp_path / "alone.csdesk"
    shutil.copyfile(demo_path, alone)
    assert integrity(alone) == "ok"


def test_demo_on_a_nearly_full_disk_loses_nothing(
    small_disk: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    disk = small_disk("9m")
    path = disk / "demo.csdesk"
    code = main(["demo", str(path)])
    err = capsys.readouterr().err
    if code != 0:  # refused: said so, naming the folder, and nothing is left behind
        assert "disk is full" in err and str(disk) in err
        assert list(disk.iterdir()) == []
        return
    assert "disk is full" in err and str(disk) in err and "Nothing is lost" in err
    assert main(["metrics", str(path), "--json"]) == 0
    err = capsys.readouterr().err
    assert "damaged" not in err and "Traceback" not in err
    with Workspace.open(path, read_only=True) as ws:
        assert ws.scalar("SELECT count(*) FROM accounts") == 150
    resize_disk(disk, "40m")  # room again: the next writer saves everything into the file
    with Workspace.open(path) as ws:
        assert ws.scalar("SELECT count(*) FROM accounts") == 150
    assert Path(f"{path}-wal").stat().st_size == 0 if Path(f"{path}-wal").exists() else True
    assert integrity(path) == "ok"


def test_creating_a_workspace_on_a_full_disk_leaves_nothing(
    small_disk: Callable[[str], Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    disk = small_disk("1m")
    filler = disk / "filler.bin"
    with filler.open("wb") as handle, pytest.raises(OSError):
        while True:
            handle.write(b"\0" * 65536)
            handle.flush()
    path = disk / "new.csdesk"
    sheet = _csv(tmp_path / "a.csv")
    assert main(["import", str(path), str(sheet)]) != 0
    err = capsys.readouterr().err
    assert "disk is full" in err and str(disk) in err and "Traceback" not in err
    assert sorted(p.name for p in disk.iterdir()) == ["filler.bin"]
    filler.unlink()
    assert main(["import", str(path), str(sheet)]) == 0  # the retry is not blocked


def test_a_creation_that_runs_out_of_room_leaves_no_stub(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same without a small disk: SQLite's own page limit stands in for it."""
    connect = workspace_module._connect

    def cramped(path: Path, *, read_only: bool) -> sqlite3.Connection:
        conn = connect(path, read_only=read_only)
        conn.execute("PRAGMA max_page_count = 3")
        return conn

    monkeypatch.setattr(workspace_module, "_connect", cramped)
    path = tmp_path / "new.csdesk"
    with pytest.raises(DiskFull, match="disk is full"):
        Workspace.open(path, create=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    sheet = _csv(tmp_path / "a.csv")
    assert main(["import", str(path), str(sheet)]) != 0
    err = capsys.readouterr().err
    assert "disk is full" in err and str(tmp_path) in err
    assert not path.exists()
    monkeypatch.setattr(workspace_module, "_connect", connect)  # room again
    assert main(["import", str(path), str(sheet)]) == 0
