"""Kill tests: SIGKILL at random moments never leaves a half-written workspace or report.

Each operation runs in a child process (the real command line) killed after a seeded random
delay within the time one uninterrupted run takes. After every kill the workspace passes
``PRAGMA integrity_check``, holds exactly the state before or the state a complete run makes,
and opens normally for writing (the dead writer's lock dies with it). A killed export leaves
either no file or a complete one under the final name. ``CSDESK_KILL_LOOPS`` sets the number
of kills per operation (default 3; tests/bench/bench_hardening.py runs 20).
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hardening_helpers import child_env, content_hash, integrity

from csdesk.store import Workspace, migrations
from csdesk.store.backup import list_backups

LOOPS = int(os.environ.get("CSDESK_KILL_LOOPS", "3"))
SEED = int(os.environ.get("CSDESK_KILL_SEED", "20261122"))


UPGRADE = ["-c", "import sys; from csdesk.store import Workspace; Workspace.open(sys.argv[1])"]


def _command(argv: list[str]) -> list[str]:
    """A csdesk command line, or Python code when ``argv`` starts with -c."""
    return [sys.executable, *(argv if argv[0] == "-c" else ["-m", "csdesk", *argv])]


def _run(argv: list[str]) -> float:
    """Run the command to the end; return how long it took."""
    started = time.perf_counter()
    done = subprocess.run(
        _command(argv),
        capture_output=True,
        text=True,
        env=child_env(),
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return time.perf_counter() - started


def _kill_after(argv: list[str], delay: float) -> int | None:
    """Start the command, SIGKILL it after ``delay`` seconds; its exit status (None: killed)."""
    child = subprocess.Popen(
        _command(argv),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=child_env(),
    )
    try:
        return child.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        child.send_signal(signal.SIGKILL)
        child.wait()
        return None


def _delays(name: str, duration: float) -> list[float]:
    rng = random.Random(f"{SEED}-{name}")
    return [rng.uniform(0.15, 1.0) * duration for _ in range(LOOPS)]


def _table_counts(path: Path) -> dict[str, int]:
    with Workspace.open(path, read_only=True) as ws:
        counts = ws.table_counts()
    return counts


def _check_workspace(path: Path, accepted: Callable[[Path], bool]) -> None:
    assert integrity(path) == "ok"
    assert accepted(path)
    with Workspace.open(path) as ws:  # opens normally, for writing
        assert not ws.read_only
        assert ws.schema_version == migrations.current_version()


def _large_revenue_csv(path: Path, accounts: int = 600, months: int = 24) -> Path:
    lines = ["Cliente;Mês;MRR"]
    for a in range(accounts):
        for m in range(months):
            lines.append(f"Cliente Kill {a};{m % 12 + 1:02d}/{2023 + m // 12};{1000 + a + m},50")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.slow
def test_killed_import_leaves_the_old_or_the_new_workspace(demo_path: Path, tmp_path: Path) -> None:
    sheet = _large_revenue_csv(tmp_path / "revenue.csv")
    reference = tmp_path / "reference.csdesk"
    shutil.copyfile(demo_path, reference)
    old_hash, old_counts = content_hash(demo_path), _table_counts(demo_path)
    duration = _run(["import", str(reference), str(sheet)])
    new_counts = _table_counts(reference)
    assert new_counts["revenue_months"] == old_counts["revenue_months"] + 14_400

    def old_or_new(path: Path) -> bool:
        if content_hash(path) == old_hash:
            return True
        with Workspace.open(path, read_only=True) as ws:
            finished = ws.scalar("SELECT count(*) FROM import_batches WHERE finished_at > ''")
        return _table_counts(path) == new_counts and finished == 1

    outcomes = []
    for delay in _delays("import", duration):
        target = tmp_path / "killed.csdesk"
        shutil.copyfile(demo_path, target)
        outcomes.append(_kill_after(["import", str(target), str(sheet)], delay))
        _check_workspace(target, old_or_new)
        # A backup killed half-way is only ever a .part file, never a listed backup.
        assert all(integrity(backup) == "ok" for backup in list_backups(target))
        for suffix in ("", "-wal", "-shm", ".lock"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
    assert None in outcomes  # at least one kill really landed mid-way


def _old_workspace(path: Path) -> Path:
    """A version-1 workspace (as csdesk 0.1 wrote it) holding some accounts and revenue."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    migrations.apply(conn, 0, 1)
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO accounts (id, name, name_key) VALUES (?, ?, ?)",
        [(i, f"Old Co {i}", f"old co {i}") for i in range(1, 2_001)],
    )
    conn.executemany(
        "INSERT INTO revenue_months (account_id, month, mrr) VALUES (?, ?, ?)",
        [(i, f"2025-{m:02d}", 100.0 * i + m) for i in range(1, 2_001) for m in range(1, 13)],
    )
    conn.execute("COMMIT")
    conn.close()
    return path


def _rows(path: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return conn.execute(
            "SELECT a.id, a.name, r.month, r.mrr FROM accounts a JOIN revenue_months r "
            "ON r.account_id = a.id ORDER BY 1, 3"
        ).fetchall()
    finally:
        conn.close()


def _version(path: Path) -> int:
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


@pytest.mark.slow
def test_killed_upgrade_leaves_the_old_or_the_migrated_workspace(tmp_path: Path) -> None:
    template = _old_workspace(tmp_path / "old.csdesk")
    old_hash, old_rows = content_hash(template), _rows(template)
    reference = tmp_path / "reference.csdesk"
    shutil.copyfile(template, reference)
    duration = _run([*UPGRADE, str(reference)])
    assert _version(reference) == migrations.current_version()
    new_hash = content_hash(reference)

    outcomes = []
    for delay in _delays("upgrade", duration):
        target = tmp_path / "killed.csdesk"
        shutil.copyfile(template, target)
        outcomes.append(_kill_after([*UPGRADE, str(target)], delay))
        assert integrity(target) == "ok"
        assert content_hash(target) in (old_hash, new_hash)
        assert _rows(target) == old_rows
        _check_workspace(target, lambda p: True)
        for suffix in ("", "-wal", "-shm", ".lock"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
    assert None in outcomes


@pytest.mark.slow
def test_killed_restore_leaves_the_old_or_the_restored_workspace(
    demo_path: Path, tmp_path: Path
) -> None:
    backup = tmp_path / "backup.csdesk"
    before_change = content_hash(demo_path)
    _run(["backup", str(demo_path), "-o", str(backup)])
    with Workspace.open(demo_path) as ws, ws.transaction() as conn:
        conn.execute("DELETE FROM revenue_months WHERE month >= '2025-06'")
        conn.execute("UPDATE accounts SET name = name || ' (edited)'")
    edited = tmp_path / "edited.csdesk"
    _run(["backup", str(demo_path), "-o", str(edited)])
    edited_hash = content_hash(edited)
    reference = tmp_path / "reference.csdesk"
    shutil.copyfile(edited, reference)
    duration = _run(["restore", str(backup), str(reference)])
    assert content_hash(reference) == before_change

    outcomes = []
    for delay in _delays("restore", duration):
        target = tmp_path / "killed.csdesk"
        shutil.copyfile(edited, target)
        outcomes.append(_kill_after(["restore", str(backup), str(target)], delay))
        _check_workspace(target, lambda p: content_hash(p) in (edited_hash, before_change))
        for suffix in ("", "-wal", "-shm", ".lock"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
    assert None in outcomes


def _complete_xlsx(path: Path) -> bool:
    from openpyxl import load_workbook

    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
    return len(load_workbook(path, read_only=True).sheetnames) > 3


@pytest.mark.slow
def test_killed_export_never_leaves_a_half_file(demo_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    reference = out / "reference.xlsx"
    duration = _run(["export", str(demo_path), "-o", str(reference)])
    assert _complete_xlsx(reference)
    previous = reference.read_bytes()
    outcomes = []
    for number, delay in enumerate(_delays("export", duration)):
        target = out / f"killed{number}.xlsx"
        if number % 2:  # over an existing file: the old one stays whole until replaced
            target.write_bytes(previous)
        outcomes.append(_kill_after(["export", str(demo_path), "-o", str(target)], delay))
        if number % 2:
            assert target.read_bytes() == previous or _complete_xlsx(target)
        else:
            assert not target.exists() or _complete_xlsx(target)
    assert None in outcomes
    names = {p.name for p in out.iterdir()}
    # SIGKILL leaves no chance to clean up: the only leftovers are hidden temporaries.
    assert all(n.endswith(".xlsx") or (n.startswith(".") and n.endswith(".part")) for n in names)
