"""Links: one workspace reached through two names is still one workspace. A symbolic link
shares the real file's lock and journal; a file with several hard links (SQLite would keep a
journal beside each name) opens read-only and says why."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hardening_helpers import child_env, content_hash

from csdesk.cli import main
from csdesk.store import Workspace, WorkspaceLocked, WorkspaceReadOnly

_HOLD = (
    "import sys, time\n"
    "from csdesk.store import Workspace\n"
    "ws = Workspace.open(sys.argv[1])\n"
    "print('open', flush=True)\n"
    "sys.stdin.read()\n"
)


def _csv(path: Path) -> Path:
    rows = [f"Link {a};{m:02d}/2025;{100 + a}" for a in range(5) for m in (1, 2)]
    path.write_text("Cliente;Mês;MRR\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def writer_elsewhere() -> object:
    """Start a csdesk process that holds a workspace open for writing."""
    started: list[subprocess.Popen[str]] = []

    def start(path: Path) -> None:
        child = subprocess.Popen(
            [sys.executable, "-c", _HOLD, str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=child_env(),
        )
        started.append(child)
        assert child.stdout is not None and child.stdout.readline().strip() == "open"

    yield start
    for child in started:
        child.communicate(timeout=60)


@pytest.mark.parametrize("held", ["real", "link"])
def test_a_symlink_shares_the_real_files_writer_lock(
    demo_path: Path,
    tmp_path: Path,
    writer_elsewhere: object,
    capsys: pytest.CaptureFixture[str],
    held: str,
) -> None:
    link = tmp_path / "elsewhere" / "link.csdesk"
    link.parent.mkdir()
    link.symlink_to(demo_path)
    writer_elsewhere(demo_path if held == "real" else link)  # type: ignore[operator]
    other = link if held == "real" else demo_path
    before = content_hash(demo_path)
    with pytest.raises(WorkspaceLocked, match="another csdesk"):
        Workspace.open(other)
    assert main(["import", str(other), str(_csv(tmp_path / "a.csv"))]) != 0
    assert "another csdesk" in capsys.readouterr().err
    assert content_hash(demo_path) == before
    assert not (link.parent / "link.csdesk.lock").exists()


def test_a_symlinked_workspace_keeps_its_journal_beside_the_real_file(
    demo_path: Path, tmp_path: Path
) -> None:
    link = tmp_path / "elsewhere" / "link.csdesk"
    link.parent.mkdir()
    link.symlink_to(demo_path)
    with Workspace.open(link) as ws:
        ws.execute("PRAGMA wal_autocheckpoint = 0")
        with ws.transaction() as conn:
            conn.execute("INSERT INTO accounts (name, name_key) VALUES ('Sym Co', 'sym co')")
        assert Path(f"{demo_path}-wal").exists() and Path(f"{demo_path}.lock").exists()
        assert sorted(p.name for p in link.parent.iterdir()) == ["link.csdesk"]
    with Workspace.open(demo_path, read_only=True) as ws:
        assert ws.scalar("SELECT count(*) FROM accounts WHERE name = 'Sym Co'") == 1


def test_a_hard_linked_workspace_opens_read_only_and_says_why(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    twin = tmp_path / "twin.csdesk"
    os.link(demo_path, twin)
    before = content_hash(demo_path)
    for name in (twin, demo_path):
        with Workspace.open(name) as ws:
            assert ws.read_only
            assert any("hard link" in notice for notice in ws.notices)
            with pytest.raises(WorkspaceReadOnly, match=r"read-only.*hard link"), ws.transaction():
                pass
        assert main(["import", str(name), str(_csv(tmp_path / "a.csv"))]) != 0
        err = capsys.readouterr().err
        assert "hard link" in err and "Traceback" not in err and err.count("\n") == 1
    assert main(["metrics", str(twin), "--json"]) == 0  # reading works
    assert content_hash(demo_path) == before
    twin.unlink()  # one name again: writable again
    with Workspace.open(demo_path) as ws:
        assert not ws.read_only
