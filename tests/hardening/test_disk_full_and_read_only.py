"""Disk full during an import, and read-only workspaces, at the importer and command level."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from hardening_helpers import content_hash

from csdesk.cli import main
from csdesk.ingest import commit, prepare
from csdesk.store import DiskFull, Workspace, WorkspaceReadOnly


def _revenue_csv(path: Path, accounts: int = 400) -> Path:
    lines = ["Cliente;Mês;MRR"]
    lines += [
        f"Full Co {a};{m:02d}/2025;{100 + a},{m:02d}" for a in range(accounts) for m in range(1, 13)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_disk_full_during_an_import_commit(demo_path: Path, tmp_path: Path) -> None:
    sheet = _revenue_csv(tmp_path / "revenue.csv")
    before = content_hash(demo_path)
    with Workspace.open(demo_path) as ws:
        plan = prepare(sheet, ws=ws)
        pages = ws.scalar("PRAGMA page_count")
        ws.execute(f"PRAGMA max_page_count = {pages + 3}")
        with pytest.raises(DiskFull) as caught:
            commit(ws, plan)
        assert "disk is full" in caught.value.message and str(demo_path) in caught.value.message
        assert "Everything saved before it is intact" in caught.value.message
        ws.execute("PRAGMA max_page_count = 1073741823")
        # The same connection goes on working once there is room again.
        assert commit(ws, prepare(sheet, ws=ws)).rows_written == 400 * 12
    with Workspace.open(demo_path) as ws:
        assert ws.scalar("PRAGMA integrity_check") == "ok"
        assert ws.scalar("SELECT count(*) FROM import_batches") == 1
    assert before != content_hash(demo_path)


def test_disk_full_at_the_command_line_is_one_clear_line(
    demo_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sheet = _revenue_csv(tmp_path / "revenue.csv")
    before = content_hash(demo_path)
    configure = Workspace._configure_writer

    def nearly_full(conn: sqlite3.Connection) -> None:
        configure(conn)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages + 3}")

    monkeypatch.setattr(Workspace, "_configure_writer", staticmethod(nearly_full))
    assert main(["import", str(demo_path), str(sheet)]) != 0
    err = capsys.readouterr().err
    assert err.startswith("csdesk: ") and "disk is full" in err and "Traceback" not in err
    assert err.count("\n") == 1
    assert content_hash(demo_path) == before


@pytest.fixture
def unwritable(demo_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo workspace as a file the user may not write (tests run as root: faked)."""
    real_access = os.access

    def access(path: object, mode: int, **kwargs: object) -> bool:
        if Path(str(path)) == demo_path and mode == os.W_OK:
            return False
        return real_access(path, mode)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)
    return demo_path


def test_import_into_a_read_only_workspace_is_refused(unwritable: Path, tmp_path: Path) -> None:
    sheet = _revenue_csv(tmp_path / "revenue.csv", accounts=5)
    before = unwritable.read_bytes()
    with Workspace.open(unwritable) as ws:
        assert ws.read_only
        plan = prepare(sheet, ws=ws)  # reading and planning still work
        assert plan.rows_accepted == 60
        with pytest.raises(WorkspaceReadOnly, match="read-only"):
            commit(ws, plan)
    assert unwritable.read_bytes() == before


def test_command_line_on_a_read_only_workspace(
    unwritable: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = _revenue_csv(tmp_path / "revenue.csv", accounts=5)
    before = unwritable.read_bytes()
    assert main(["import", str(unwritable), str(sheet)]) != 0
    err = capsys.readouterr().err
    assert "read-only" in err and "Traceback" not in err and err.count("\n") == 1
    # Reading commands work as usual.
    assert main(["metrics", str(unwritable), "--json"]) == 0
    assert main(["export", str(unwritable), "-o", str(tmp_path / "e.xlsx")]) == 0
    assert unwritable.read_bytes() == before
