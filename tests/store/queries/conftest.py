"""A small hand-built workspace whose every figure the query tests can check by hand."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sample_workspace import build_sample

from csdesk.store import Workspace


@pytest.fixture
def sample_ws(tmp_path: Path) -> Iterator[Workspace]:
    ws = build_sample(tmp_path / "sample.csdesk")
    yield ws
    ws.close()
