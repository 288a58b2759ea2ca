"""A tiny demo workspace, made once per session and copied for each test that writes to it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hardening_helpers import TINY, TODAY

from csdesk.demo import generate
from csdesk.store import Workspace


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "demo.csdesk"
    with Workspace.open(path, create=True) as ws:
        generate(ws, size=TINY, seed=11, today=TODAY)
        ws.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture
def demo_path(demo_template: Path, tmp_path: Path) -> Path:
    """A private copy of the demo workspace."""
    target = tmp_path / "demo.csdesk"
    shutil.copyfile(demo_template, target)
    return target
