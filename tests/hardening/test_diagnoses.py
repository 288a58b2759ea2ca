"""Honest diagnoses: "damaged" only when SQLite says so. A read-only disk, a name too long, a
full data folder, a backup with another page size, a restore over a damaged file: each is
named as what it is, with what to do, and never ends in a traceback."""

from __future__ import annotations

import errno
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from hardening_helpers import content_hash, integrity

from csdesk.cli import main
from csdesk.store import Workspace, locking
from csdesk.store import backup as backup_module
from csdesk.store.backup import list_backups


def _csv(path: Path) -> Path:
    rows = [f"Diag {a};{m:02d}/2025;{100 + a}" for a in range(5) for m in (1, 2)]
    path.write_text("Cliente;Mês;MRR\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def _one_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.count("\n") == 1, err
    return err


def test_a_workspace_on_a_read_only_disk_opens_read_only(
    demo_path: Path,
    tmp_path: Path,
    small_disk: Callable[[str], Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    disk = small_disk("8m")
    path = disk / "demo.csdesk"
    path.write_bytes(demo_path.read_bytes())
    subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
    assert main(["metrics", str(path), "--json"]) == 0, capsys.readouterr().err
    out = tmp_path / "export.xlsx"
    assert main(["export", str(path), "-o", str(out)]) == 0, capsys.readouterr().err
    assert out.stat().st_size > 0
    capsys.readouterr()
    assert main(["import", str(path), str(_csv(tmp_path / "a.csv"))]) != 0
    err = _one_line(capsys)
    assert "read-only" in err and "damaged" not in err and "restore" not in err
    assert path.read_bytes() == demo_path.read_bytes()


def test_a_name_too_long_for_the_journal_is_said_as_such(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = demo_path.rename(demo_path.with_name("w" * 243 + ".csdesk"))  # 250 characters
    assert main(["metrics", str(path), "--json"]) != 0
    err = _one_line(capsys)
    assert "name too long" in err and "damaged" not in err
    assert "at most 247 characters" in err


def test_a_long_name_still_gets_its_backups(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = demo_path.rename(demo_path.with_name("w" * 238 + ".csdesk"))  # 245 characters
    assert main(["import", str(path), str(_csv(tmp_path / "a.csv"))]) == 0, capsys.readouterr()
    [backup] = list_backups(path)
    assert integrity(backup) == "ok"


def _fill(folder: Path) -> None:
    with (folder / "filler.bin").open("wb") as handle, pytest.raises(OSError):
        while True:
            handle.write(b"\0" * 65536)
            handle.flush()


def test_a_full_data_folder_during_the_automatic_backup(
    demo_path: Path,
    tmp_path: Path,
    small_disk: Callable[[str], Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = small_disk("2m")
    monkeypatch.setenv("CSDESK_DATA_DIR", str(data))
    (data / "backups").mkdir()
    _fill(data)
    before = content_hash(demo_path)
    assert main(["import", str(demo_path), str(_csv(tmp_path / "a.csv"))]) != 0
    err = _one_line(capsys)
    assert "disk is full" in err and str(data) in err
    assert not list(data.rglob("*.part"))
    assert content_hash(demo_path) == before


def test_a_backup_that_runs_out_of_room_leaves_no_part(
    demo_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The same without a small disk: the flush before the rename fails as a full disk's."""

    def full(path: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup_module, "_fsync", full)
    before = content_hash(demo_path)
    assert main(["import", str(demo_path), str(_csv(tmp_path / "a.csv"))]) != 0
    err = _one_line(capsys)
    assert "disk is full" in err
    assert list_backups(demo_path) == []
    assert not list(backup_module.backup_dir_for(demo_path).glob("*.part"))
    assert content_hash(demo_path) == before


def test_restoring_a_backup_with_another_page_size(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other-pages.csdesk"
    conn = sqlite3.connect(demo_path)
    conn.execute(f"VACUUM INTO '{other}'")
    conn.close()
    conn = sqlite3.connect(other, isolation_level=None)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA page_size = 8192")
    conn.execute("VACUUM")
    conn.execute("DELETE FROM events")
    assert conn.execute("PRAGMA page_size").fetchone()[0] == 8192
    conn.close()
    expected = content_hash(other)
    assert main(["restore", str(other), str(demo_path)]) == 0, capsys.readouterr().err
    assert content_hash(demo_path) == expected and integrity(demo_path) == "ok"
    with Workspace.open(demo_path) as ws:
        assert ws.scalar("PRAGMA journal_mode") == "wal"


def test_restore_over_a_damaged_workspace_works_and_keeps_the_damage_aside(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["backup", str(demo_path)]) == 0
    [good] = list_backups(demo_path)
    conn = sqlite3.connect(demo_path)
    root = conn.execute("SELECT rootpage FROM sqlite_schema WHERE name = 'events'").fetchone()[0]
    conn.close()
    with demo_path.open("r+b") as handle:
        handle.seek((root - 1) * 4096)
        handle.write(b"\x0d\xff\xff\xff" * 1024)
    damaged = demo_path.read_bytes()
    assert main(["restore", str(good), str(demo_path)]) == 0, capsys.readouterr().err
    assert integrity(demo_path) == "ok" and content_hash(demo_path) == content_hash(good)
    [aside] = list(good.parent.glob("*.damaged"))
    assert aside.read_bytes() == damaged
    assert list_backups(demo_path) == [good]  # the damage never joins the rotation


def test_restore_holds_the_writer_lock_before_its_backup(
    demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []
    real = backup_module.automatic_backup

    def watched(workspace: Path, *, reason: str) -> Path:
        seen.append(locking.is_held(workspace) and reason == "before-restore")
        return real(workspace, reason=reason)

    other = tmp_path / "b.csdesk"
    assert main(["backup", str(demo_path), "-o", str(other)]) == 0
    monkeypatch.setattr(backup_module, "automatic_backup", watched)
    assert main(["restore", str(other), str(demo_path)]) == 0
    assert seen == [True]


@pytest.mark.parametrize(
    "change",
    [
        "ALTER TABLE accounts ADD COLUMN doubled INTEGER GENERATED ALWAYS AS (id * 2) VIRTUAL",
        "DROP TABLE tickets",
        "CREATE TABLE extra (x CHECK (x > 0))",
        # A CHECK constraint csdesk never wrote, put into the schema behind SQLite's back.
        "PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = replace(sql, "
        "'name_key         TEXT NOT NULL', 'name_key TEXT NOT NULL CHECK (length(name) < 3)') "
        "WHERE name = 'accounts'",
    ],
    ids=["generated-column", "dropped-table", "extra-table", "check-constraint"],
)
def test_a_workspace_with_a_schema_csdesk_never_wrote_is_refused(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], change: str
) -> None:
    conn = sqlite3.connect(demo_path)
    conn.executescript(change)
    conn.commit()
    conn.close()
    before = demo_path.read_bytes()
    for command in (
        ["metrics", str(demo_path), "--json"],
        ["report", "audit", str(demo_path), "-o", str(tmp_path / "a.pdf")],
        ["import", str(demo_path), str(_csv(tmp_path / "a.csv"))],
    ):
        assert main(command) != 0
        err = _one_line(capsys)
        assert "not the ones csdesk writes" in err
    assert demo_path.read_bytes() == before


@pytest.mark.parametrize("stored", ["{bad", "42", "[1, 2]"])
def test_an_unusable_setting_is_said_and_not_used(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], stored: str
) -> None:
    conn = sqlite3.connect(demo_path)
    conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('locale', ?)", (stored,))
    conn.commit()
    conn.close()
    assert main(["report", "audit", str(demo_path), "-o", str(tmp_path / "a.pdf")]) == 0
    err = _one_line(capsys)
    assert "'locale'" in err and "cannot use" in err
    assert (tmp_path / "a.pdf").stat().st_size > 0
    assert main(["import", str(demo_path), str(_csv(tmp_path / "a.csv"))]) == 0


def test_backups_and_reports_reach_the_disk_before_they_take_their_names(
    demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    events: list[tuple[str, str]] = []
    real_fsync, real_replace = os.fsync, Path.replace

    def fsync(fd: int) -> None:
        events.append(("fsync", os.readlink(f"/proc/self/fd/{fd}")))
        real_fsync(fd)

    def replace(self: Path, target: Path) -> Path:
        events.append(("rename", str(self)))
        return real_replace(self, target)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(Path, "replace", replace)
    assert main(["backup", str(demo_path)]) == 0
    assert main(["export", str(demo_path), "-o", str(tmp_path / "e.xlsx")]) == 0
    renames = [i for i, (kind, _) in enumerate(events) if kind == "rename"]
    assert len(renames) == 2
    for i in renames:
        assert ("fsync", events[i][1]) in events[:i]  # the file itself, flushed first
        assert events[i + 1][0] == "fsync"  # then its folder's entry


def test_a_workspace_locked_by_another_program_is_not_called_damaged(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = (
        "import sqlite3, sys\n"
        "conn = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "conn.execute('PRAGMA locking_mode = EXCLUSIVE')\n"
        "conn.execute('BEGIN EXCLUSIVE')\n"
        "print('locked', flush=True)\n"
        "sys.stdin.read()\n"
    )
    import sys

    child = subprocess.Popen(
        [sys.executable, "-c", code, str(demo_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "locked"
        assert main(["metrics", str(demo_path), "--json"]) != 0
        err = _one_line(capsys)
        assert "in use by another program" in err and "damaged" not in err
    finally:
        child.communicate(timeout=60)
    assert integrity(demo_path) == "ok"
