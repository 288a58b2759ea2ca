"""Shared test set-up: Qt offscreen before any Qt import, and a private csdesk data folder."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Whatever runs before the per-test folder below (module- and session-scoped fixtures) writes
# its backups into a folder of the run's own, never into the real user data folder.
os.environ["CSDESK_DATA_DIR"] = tempfile.mkdtemp(prefix="csdesk-test-data-")

REALDATA = Path(__file__).resolve().parents[2] / "shared" / "realdata"


@pytest.fixture(autouse=True)
def private_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Keep backups and the default workspace of every test away from the real user folder."""
    folder = tmp_path_factory.mktemp("csdesk-data")
    monkeypatch.setenv("CSDESK_DATA_DIR", str(folder))
    yield folder


@pytest.fixture
def realdata() -> Path:
    """The shared real datasets; tests using it skip when the folder is absent."""
    if not REALDATA.is_dir():
        pytest.skip(
            f"real datasets not found at {REALDATA} (../shared/realdata beside the checkout)"
        )
    return REALDATA


@pytest.fixture
def system_language(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """Sets the system's language for one test (``LANG=pt_BR.UTF-8``...): the environment is
    read afresh (csdesk reads it once per process), and again after the test."""
    from csdesk.i18n.locales import system_locale

    def set_to(value: str) -> None:
        for name in ("LC_ALL", "LC_MESSAGES"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("LANG", value)
        system_locale.cache_clear()

    yield set_to
    system_locale.cache_clear()


@pytest.fixture
def workbook_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The name of the thread of each workbook read (`csdesk.ingest.workbook_cells.read`)."""
    import threading

    from csdesk.ingest import workbook_cells

    original = workbook_cells.read
    threads: list[str] = []

    def counted(*args: Any) -> workbook_cells.SheetCells:
        threads.append(threading.current_thread().name)
        return original(*args)

    monkeypatch.setattr(workbook_cells, "read", counted)
    return threads
