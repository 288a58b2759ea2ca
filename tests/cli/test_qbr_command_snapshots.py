"""`csdesk report qbr` keeps what each pack showed (its snapshot) for the next QBR's "what
changed", with --all as for one account; not for an anonymised pack, and when another csdesk
holds the workspace the packs are still written and the command says the snapshots were not."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from lock_holder import held_elsewhere
from sample_workspace import build_sample

from csdesk.cli import main
from csdesk.store import Workspace


def _snapshots(path: Path) -> list[tuple[int, str, str]]:
    with Workspace.open(path, read_only=True) as ws:
        rows = ws.query("SELECT account_id, quarter, taken_on FROM qbr_snapshots ORDER BY 1")
    return [(int(a), str(q), str(t)) for a, q, t in rows]


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "sample.csdesk"
    build_sample(path).close()
    return path


def _active(path: Path) -> list[int]:
    with Workspace.open(path, read_only=True) as ws:
        return [int(r[0]) for r in ws.query("SELECT id FROM accounts WHERE status = 'active'")]


def test_all_stores_a_snapshot_per_pack(
    sample: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["report", "qbr", str(sample), "--all", "-o", str(tmp_path / "packs")]
    assert main([*argv, "--quarter", "2026Q1", "--jobs", "2"]) == 0
    assert capsys.readouterr().err == ""
    today = date.today().isoformat()
    active = _active(sample)
    assert len(list((tmp_path / "packs").glob("*.pdf"))) == len(active) > 1
    assert _snapshots(sample) == [(a, "2026Q1", today) for a in active]


def test_one_pack_stores_its_snapshot_and_an_anonymised_one_does_not(
    sample: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    account = _active(sample)[0]
    with Workspace.open(sample, read_only=True) as ws:
        name = str(ws.scalar("SELECT name FROM accounts WHERE id = ?", (account,)))
    shared = ["report", "qbr", str(sample), name, "--quarter", "2026Q1", "--anonymise"]
    assert main([*shared, "-o", str(tmp_path / "shared.pdf")]) == 0
    assert _snapshots(sample) == []  # a pack for sharing, not what the client was shown
    argv = ["report", "qbr", str(sample), name, "--quarter", "2026Q1"]
    assert main([*argv, "-o", str(tmp_path / "q.pdf")]) == 0
    assert capsys.readouterr().err == ""
    assert _snapshots(sample) == [(account, "2026Q1", date.today().isoformat())]


def test_packs_are_written_while_the_app_holds_the_workspace(
    sample: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with held_elsewhere(sample):
        folder = tmp_path / "packs"
        argv = ["report", "qbr", str(sample), "--all", "-o", str(folder), "--jobs", "1"]
        assert main([*argv, "--quarter", "2026Q1"]) == 0
        err = capsys.readouterr().err
    assert len(list(folder.glob("*.pdf"))) == len(_active(sample))
    assert err.startswith("csdesk: what these packs show was not stored, so the next QBRs ")
    assert "is open for writing in another csdesk" in err and err.count("\n") == 1
    assert _snapshots(sample) == []


def test_cancelled_packs_keep_the_snapshots_of_the_packs_written(tmp_path: Path) -> None:
    import os
    import signal
    import time

    from csdesk.cli.progress_bar import HOLD_ENV, HOLD_FILE_ENV
    from csdesk.demo import generate

    path = tmp_path / "demo.csdesk"
    with Workspace.open(path, create=True) as ws:
        generate(ws, size="small", seed=3)
    folder, held = tmp_path / "packs", tmp_path / "held"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CSDESK_TEST_HOLD")}
    argv = ["report", "qbr", str(path), "--all", "-o", str(folder), "--quarter", "2026Q3"]
    process = subprocess.Popen(
        [sys.executable, "-m", "csdesk", *argv, "--jobs", "2"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**env, HOLD_ENV: "*", HOLD_FILE_ENV: str(held)},  # holds after the first pack
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while not held.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert held.exists(), process.communicate()
    os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 130, err
    written = sorted(folder.glob("*.pdf"))
    assert 0 < len(written) < len(_active(path))
    assert len(_snapshots(path)) == len(written)  # one per whole pack, none for the rest
