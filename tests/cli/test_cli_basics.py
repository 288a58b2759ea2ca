"""The `csdesk` command: version, help, backup/restore, and one clear line for every refusal."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from csdesk import __version__
from csdesk.cli import main
from csdesk.store import Workspace, migrations
from csdesk.store.backup import list_backups
from csdesk.store.paths import backup_dir_for


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_version_through_the_installed_entry_points() -> None:
    for command in (["csdesk"], [sys.executable, "-m", "csdesk"]):
        exe = command if command[0] != "csdesk" else [str(Path(sys.executable).with_name("csdesk"))]
        done = subprocess.run([*exe, "--version"], capture_output=True, text=True, check=True)
        assert done.stdout.strip() == f"csdesk {__version__}"


def test_help_lists_only_working_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for command in ("backup", "restore", "open"):
        assert command in out


def test_backup_and_restore_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "p.csdesk"
    with Workspace.open(path, create=True) as ws:
        ws.insert_many("accounts", ("name", "name_key"), [("Acme", "acme")])
    code, out, err = _run(capsys, "backup", str(path), "-o", str(tmp_path / "b.csdesk"))
    assert (code, err) == (0, "")
    assert "b.csdesk" in out
    code, out, _ = _run(capsys, "backup", str(path))
    assert code == 0 and len(list_backups(path)) == 1
    with Workspace.open(path) as ws, ws.transaction() as conn:
        conn.execute("DELETE FROM accounts")
    code, out, err = _run(capsys, "restore", str(tmp_path / "b.csdesk"), str(path))
    assert (code, err) == (0, "")
    with Workspace.open(path) as ws:
        assert ws.query("SELECT name FROM accounts") == [("Acme",)]


def _foreign_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()


def _newer_workspace(path: Path) -> None:
    Workspace.open(path, create=True).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {migrations.current_version() + 5}")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()


def _truncated_workspace(path: Path) -> None:
    with Workspace.open(path, create=True) as ws:
        ws.insert_many(
            "accounts",
            ("name", "name_key", "notes"),
            ((f"A{i}", f"a{i}", "x" * 300) for i in range(400)),
        )
        ws.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        ws.execute("PRAGMA journal_mode = DELETE")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: p.write_bytes(b"\x00\xffgarbage" * 100), "not a SQLite database"),
        (_truncated_workspace, "truncated"),
        (_foreign_sqlite, "not a csdesk workspace"),
        (_newer_workspace, "newer csdesk"),
    ],
    ids=["garbage", "truncated", "foreign-sqlite", "newer-version"],
)
@pytest.mark.parametrize("command", ["backup", "restore-into"])
def test_bad_files_get_one_clear_line_and_stay_byte_identical(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make: object, expected: str, command: str
) -> None:
    path = tmp_path / "bad.csdesk"
    make(path)  # type: ignore[operator]
    before = path.read_bytes()
    if command == "backup":
        code, out, err = _run(capsys, "backup", str(path))
    else:
        good = tmp_path / "good.csdesk"
        Workspace.open(good, create=True).close()
        code, out, err = _run(capsys, "restore", str(good), str(path))
        if expected == "truncated":
            # A damaged workspace is what restore is for: its bytes are kept aside, not refused.
            assert code == 0 and "Restored" in out and "Traceback" not in err
            [aside] = backup_dir_for(path).glob("*.damaged")
            assert aside.read_bytes() == before
            return
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("csdesk: ") and expected in lines[0]
    assert "Traceback" not in err
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("bad")) == ["bad.csdesk"]


def test_missing_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "backup", str(tmp_path / "none.csdesk"))
    assert code == 2 and err.count("\n") == 1 and "does not exist" in err


def test_app_command_without_a_display_names_the_headless_commands(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "CSDESK_DATA_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "csdesk", "open", str(tmp_path / "x.csdesk")],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert "csdesk demo" in done.stderr
