from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from csdesk.store import Workspace
from tests.desk.desk_book import build


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[tuple[Workspace, dict[str, int]]]:
    ws, ids = build(tmp_path / "desk.csdesk")
    try:
        yield ws, ids
    finally:
        ws.close()
