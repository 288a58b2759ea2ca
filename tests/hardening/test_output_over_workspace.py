"""No output over the workspace: export, reports, backups and screenshots refuse a target that
is the workspace itself (under any name) or a file beside it, whatever the extension."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hardening_helpers import content_hash, integrity

from csdesk.cli import main


@pytest.fixture
def odd_workspace(demo_path: Path) -> Path:
    """The demo workspace under a name that looks like a document."""
    return demo_path.rename(demo_path.with_name("book.xlsx"))


def _refused(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(args) != 0
    err = capsys.readouterr().err
    assert "is the workspace" in err and "Traceback" not in err and err.count("\n") == 1
    return err


def test_export_over_its_own_workspace_is_refused(
    odd_workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = odd_workspace.read_bytes()
    _refused(["export", str(odd_workspace), "-o", str(odd_workspace)], capsys)
    _refused(["export", str(odd_workspace), "--anonymise", "-o", str(odd_workspace)], capsys)
    assert odd_workspace.read_bytes() == before and integrity(odd_workspace) == "ok"


@pytest.mark.parametrize("kind", ["roles", "audit"])
def test_a_report_over_its_own_workspace_is_refused(
    demo_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    workspace = demo_path.rename(demo_path.with_name("pack.pdf"))
    before = content_hash(workspace)
    _refused(["report", kind, str(workspace), "-o", str(workspace)], capsys)
    assert content_hash(workspace) == before


def test_other_names_of_the_workspace_are_refused_too(
    odd_workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = odd_workspace.read_bytes()
    link = tmp_path / "link.xlsx"
    link.symlink_to(odd_workspace)
    _refused(["export", str(odd_workspace), "-o", str(link)], capsys)
    twin = tmp_path / "twin.xlsx"
    os.link(odd_workspace, twin)
    _refused(["export", str(odd_workspace), "-o", str(twin)], capsys)
    twin.unlink()
    dotted = tmp_path / "sub" / ".." / "book.xlsx"
    (tmp_path / "sub").mkdir()
    _refused(["export", str(odd_workspace), "-o", str(dotted)], capsys)
    assert odd_workspace.read_bytes() == before


def test_a_backup_onto_the_workspaces_journal_is_refused(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = content_hash(demo_path)
    for beside in ("-wal", "-shm", "-journal"):
        _refused(["backup", str(demo_path), "-o", f"{demo_path}{beside}"], capsys)
        written = Path(f"{demo_path}{beside}")  # (SQLite's readers leave an empty -wal, -shm)
        assert not written.exists() or not written.read_bytes().startswith(b"SQLite format 3")
    assert main(["metrics", str(demo_path), "--json"]) == 0
    assert content_hash(demo_path) == before


def test_screenshots_never_overwrite_the_workspace(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from csdesk.ui.main_window import DESTINATIONS

    outdir = tmp_path / "shots"
    outdir.mkdir()
    workspace = outdir / f"01-{DESTINATIONS[0].key}.png"
    shutil.move(demo_path, workspace)
    before = workspace.read_bytes()
    _refused(["screenshots", str(workspace), str(outdir)], capsys)
    assert workspace.read_bytes() == before
