"""What the hardening tests share: content hashes of a workspace and child processes."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

from csdesk.demo.sizes import DemoSize

ROOT = Path(__file__).resolve().parents[2]
# The demo portfolio the hardening tests work on: small enough to build in a second.
TINY = DemoSize(
    name="tiny",
    accounts=24,
    tickets=300,
    surveys=120,
    events=300,
    csms=3,
    ams=2,
    support_agents=2,
    cx=1,
    months=24,
)
TODAY = date(2026, 3, 15)  # history ends 2026-02
# Report the child's peak resident memory (kB) on its last line, whatever it did before.
_PEAK = """
import atexit
def _peak():
    for line in open('/proc/self/status'):
        if line.startswith('VmHWM:'):
            print('PEAK_KB', line.split()[1], flush=True)
atexit.register(_peak)
"""


def content_hash(path: Path) -> str:
    """A hash of every row of every table (in key order), read through a read-only link."""
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        digest = hashlib.sha256()
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_schema WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        digest.update(repr(conn.execute("PRAGMA user_version").fetchone()).encode())
        for table in tables:
            digest.update(table.encode())
            for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY 1, 2'):
                digest.update(repr(row).encode())
        return digest.hexdigest()
    finally:
        conn.close()


def integrity(path: Path) -> str:
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def child_env() -> dict[str, str]:
    """The test's environment (its private CSDESK_DATA_DIR) for a child process."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def run_measured(code: str, *args: str, timeout: float = 120) -> tuple[int, str, int]:
    """Run ``code`` in a fresh interpreter; (exit code, output, peak RSS in MB)."""
    done = subprocess.run(
        [sys.executable, "-c", _PEAK + code, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=child_env(),
        check=False,
    )
    output = done.stdout + done.stderr
    peaks = [line.split()[1] for line in done.stdout.splitlines() if line.startswith("PEAK_KB")]
    assert peaks, output
    return done.returncode, output, int(peaks[-1]) // 1024


def resize_disk(folder: Path, size: str) -> None:
    """Give a small disk mounted by the ``small_disk`` fixture more room, deleting nothing."""
    subprocess.run(["mount", "-o", f"remount,size={size}", str(folder)], check=True)
