"""Reads from other threads (the app's background jobs) run on connections of their own, so
a long portfolio query never holds the window's queries; a thread inside its own transaction
still reads through it and sees its own changes."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from csdesk.store import Workspace


def in_thread(work: Callable[[], Any], timeout: float = 10.0) -> Any:
    """Run ``work`` in another thread and return its result (its exception re-raised)."""
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["result"] = work()
        except BaseException as exc:  # handed back to the test
            box["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout)
    assert not thread.is_alive(), "the other thread is still waiting"
    if "error" in box:
        raise box["error"]
    return box.get("result")


def test_a_background_read_does_not_wait_for_the_windows_connection(tmp_path: Path) -> None:
    with Workspace.create(tmp_path / "w.csdesk") as ws:
        ws.insert_many("accounts", ["name", "name_key"], [("Acme", "acme")])
        # The window's thread is busy on its connection (a long query, a transaction...).
        with ws._lock:
            names = in_thread(lambda: ws.query("SELECT name FROM accounts"))
        assert names == [("Acme",)]


def test_a_thread_reads_its_own_uncommitted_changes(tmp_path: Path) -> None:
    with Workspace.create(tmp_path / "w.csdesk") as ws:

        def write_then_read() -> tuple[int, int]:
            with ws.transaction() as conn:
                conn.execute("INSERT INTO accounts (name, name_key) VALUES ('Beta', 'beta')")
                inside = int(ws.scalar("SELECT count(*) FROM accounts"))
            return inside, int(ws.scalar("SELECT count(*) FROM accounts"))

        assert in_thread(write_then_read) == (1, 1)
        assert ws.scalar("SELECT count(*) FROM accounts") == 1


def test_background_reads_see_what_was_committed_and_close_with_the_workspace(
    tmp_path: Path,
) -> None:
    ws = Workspace.create(tmp_path / "w.csdesk")
    assert in_thread(lambda: ws.scalar("SELECT count(*) FROM accounts")) == 0
    ws.insert_many("accounts", ["name", "name_key"], [("Gamma", "gamma")])
    assert in_thread(lambda: ws.scalar("SELECT count(*) FROM accounts")) == 1
    readers = list(ws._readers)
    assert readers  # kept for the next job
    ws.close()
    assert ws._readers == []
    for reader in readers:
        try:
            reader.execute("SELECT 1")
        except Exception as exc:  # a closed connection refuses
            assert "closed" in str(exc).lower()
        else:
            raise AssertionError("a pooled reader is still open after close()")
