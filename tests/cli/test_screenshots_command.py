"""`csdesk screenshots`: the packaged app's way to render every main view offscreen."""

from __future__ import annotations

from pathlib import Path

import pytest

from csdesk.cli import main


def test_refuses_a_file_that_is_not_a_workspace(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "notes.csdesk"
    bad.write_text("not a workspace")
    assert main(["screenshots", str(bad), str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a csdesk workspace" in err
    assert not (tmp_path / "out").exists()


def test_renders_every_main_view(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from csdesk.demo import DemoSize, generate
    from csdesk.store import Workspace

    path = tmp_path / "p.csdesk"
    with Workspace.open(path, create=True) as ws:
        generate(
            ws,
            size=DemoSize(
                "tiny",
                accounts=30,
                tickets=300,
                surveys=120,
                events=600,
                csms=2,
                ams=1,
                support_agents=1,
                cx=1,
            ),
        )
    assert main(["screenshots", str(path), str(tmp_path / "shots")]) == 0
    printed = capsys.readouterr().out.split()
    pngs = sorted((tmp_path / "shots").glob("*.png"))
    assert [str(p) for p in pngs] == sorted(printed)
    assert any("portfolio" in p.name for p in pngs) and any("account" in p.name for p in pngs)
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in pngs)
