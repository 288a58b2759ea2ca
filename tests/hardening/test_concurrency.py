"""Two processes on one workspace never corrupt it: a second writer is refused with a message
naming the holder (it may open read-only instead); readers read while a writer writes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hardening_helpers import child_env, content_hash, integrity

from csdesk.store import Workspace

HOLDER = """
import sys
from csdesk.store import Workspace
ws = Workspace.open(sys.argv[1])
print("open", flush=True)
sys.stdin.read()
ws.close()
"""

WRITER = """
import sys
from csdesk.store import Workspace
import time
with Workspace.open(sys.argv[1]) as ws:
    print("open", flush=True)
    sys.stdin.readline()  # go
    for i in range(300):
        time.sleep(0.002)
        with ws.transaction() as conn:
            conn.execute(
                "INSERT INTO events (account_id, at, kind, title) VALUES (1, ?, 'note', ?)",
                (f"2026-01-01 00:00:{i % 60:02d}", f"concurrent {i}"),
            )
            conn.execute("UPDATE accounts SET seats = ? WHERE id = 1", (i,))
print("done", flush=True)
"""

READER = """
import sys
from csdesk.store import Workspace
import time
seen = []
with Workspace.open(sys.argv[1], read_only=True) as ws:
    assert ws.read_only
    print("ready", flush=True)
    sys.stdin.readline()  # go
    for _ in range(150):
        time.sleep(0.004)
        ws.execute("BEGIN")
        events = ws.scalar("SELECT count(*) FROM events WHERE title LIKE 'concurrent %'")
        seats = ws.scalar("SELECT seats FROM accounts WHERE id = 1")
        ws.execute("COMMIT")
        # One transaction sees one state: the last event written and the seats agree.
        assert events == 0 or seats == events - 1, (events, seats)
        seen.append(events)
assert seen == sorted(seen), "a reader went back in time"
print("ok", min(seen), seen[-1], flush=True)
"""


def _python(code: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(),
    )


def _csv(path: Path) -> Path:
    path.write_text("Cliente;Mês;MRR\nLocked Co;01/2025;10\n", encoding="utf-8")
    return path


def test_cli_import_while_another_process_writes_is_refused(
    demo_path: Path, tmp_path: Path
) -> None:
    holder = _python(HOLDER, str(demo_path))
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        before = content_hash(demo_path)
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "csdesk",
                "import",
                str(demo_path),
                str(_csv(tmp_path / "a.csv")),
            ],
            capture_output=True,
            text=True,
            env=child_env(),
            timeout=60,
            check=False,
        )
        assert done.returncode != 0
        assert f"open for writing in another csdesk (process {holder.pid})" in done.stderr
        assert "read-only" in done.stderr and "Traceback" not in done.stderr
        assert content_hash(demo_path) == before
        # Reading commands still work beside the writer.
        metrics = subprocess.run(
            [sys.executable, "-m", "csdesk", "metrics", str(demo_path), "--json"],
            capture_output=True,
            text=True,
            env=child_env(),
            timeout=60,
            check=False,
        )
        assert metrics.returncode == 0, metrics.stderr
    finally:
        holder.communicate("")
    assert holder.returncode == 0
    # Free again once the holder has gone.
    with Workspace.open(demo_path) as ws:
        assert not ws.read_only


def test_two_readers_and_a_writer_at_once(demo_path: Path) -> None:
    writer = _python(WRITER, str(demo_path))
    assert writer.stdout is not None and writer.stdout.readline().strip() == "open"
    readers = [_python(READER, str(demo_path)) for _ in range(2)]
    for reader in readers:
        assert reader.stdout is not None and reader.stdout.readline().strip() == "ready"
    second_writer = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from csdesk.store import Workspace; Workspace.open(sys.argv[1])",
            str(demo_path),
        ],
        capture_output=True,
        text=True,
        env=child_env(),
        timeout=60,
        check=False,
    )
    # The writer holds the workspace: a second writer is refused, naming it.
    assert second_writer.returncode != 0
    assert f"open for writing in another csdesk (process {writer.pid})" in second_writer.stderr
    for child in (writer, *readers):
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
    outputs = [reader.communicate(timeout=120) for reader in readers]
    writer_out, writer_err = writer.communicate(timeout=120)
    assert writer.returncode == 0 and writer_out.strip() == "done", writer_err
    for reader, (out, err) in zip(readers, outputs, strict=True):
        assert reader.returncode == 0 and out.startswith("ok"), err
    # The readers started with the writer: at least one read happened before it finished.
    assert min(int(out.split()[1]) for out, _ in outputs) < 300
    assert integrity(demo_path) == "ok"
    with Workspace.open(demo_path) as ws:
        assert ws.scalar("SELECT count(*) FROM events WHERE title LIKE 'concurrent %'") == 300
        assert ws.scalar("SELECT seats FROM accounts WHERE id = 1") == 299
