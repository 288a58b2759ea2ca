"""A workbook's rows are read with Python's cycle collector paused, and it comes back on.

The rows calamine hands over are one tracked list each: with the collector on, a large sheet
sets it off hundreds of times while it is read, for nothing (see ``_collector_paused``).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ingest_helpers import write_xlsx

from csdesk.ingest import readers, workbook_cells
from csdesk.ingest.errors import ImportRefused


@pytest.fixture
def collections_while_loading(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """How many collections started while a workbook's sheet was being loaded."""
    loading = [False]
    count = [0]

    def counted(phase: str, info: dict[str, Any]) -> None:
        if phase == "start" and loading[0]:
            count[0] += 1

    original = workbook_cells._load

    def load(*args: Any) -> Any:
        loading[0] = True
        try:
            return original(*args)
        finally:
            loading[0] = False

    monkeypatch.setattr(workbook_cells, "_load", load)
    gc.callbacks.append(counted)
    try:
        yield count
    finally:
        gc.callbacks.remove(counted)


def test_a_large_sheet_is_read_without_a_collection_and_the_collector_is_back_on(
    tmp_path: Path, collections_while_loading: list[int]
) -> None:
    rows: list[list[Any]] = [["account", "month", "mrr"]]
    rows += [[f"Conta {i % 50}", f"2024-{i % 12 + 1:02d}", float(i)] for i in range(6_000)]
    path = write_xlsx(tmp_path / "big.xlsx", rows)
    assert gc.isenabled()
    threshold = gc.get_threshold()
    gc.set_threshold(100)  # on, 6,000 rows' lists would set it off about 60 times
    try:
        source = readers.open_source(path, None)
    finally:
        gc.set_threshold(*threshold)
    assert collections_while_loading == [0]
    assert gc.isenabled()
    grid = next(source.chunks())
    assert len(grid) == 6_001
    assert grid.columns[0][1] == "Conta 0" and grid.columns[2][-1] == 5_999.0


def test_the_collector_is_back_on_after_a_sheet_that_cannot_be_read(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "book.xlsx", [["account", "mrr"], ["Acme", 10]])
    assert gc.isenabled()
    with pytest.raises(ImportRefused, match="no sheet named"):
        readers.open_source(path, "Missing")
    assert gc.isenabled()


def test_a_collector_switched_off_by_the_caller_stays_off(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "book.xlsx", [["account", "mrr"], ["Acme", 10]])
    gc.disable()
    try:
        readers.open_source(path, None)
        assert not gc.isenabled()
    finally:
        gc.enable()
