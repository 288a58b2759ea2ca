"""The small demo portfolio, built once per test session with a fixed ``today``."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from csdesk.demo import DemoSummary, generate
from csdesk.store import Workspace

TODAY = date(2026, 11, 22)


@pytest.fixture(scope="session")
def small_demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, DemoSummary]:
    path = tmp_path_factory.mktemp("demo") / "small.csdesk"
    with Workspace.open(path, create=True) as ws:
        summary = generate(ws, size="small", seed=7, today=TODAY)
    return path, summary


@pytest.fixture
def db(small_demo: tuple[Path, DemoSummary]) -> Iterator[sqlite3.Connection]:
    """A read-only plain SQLite connection: the tests read the file independently of csdesk."""
    conn = sqlite3.connect(small_demo[0].resolve().as_uri() + "?mode=ro", uri=True)
    yield conn
    conn.close()


def frame(conn: sqlite3.Connection, sql: str) -> pd.DataFrame:
    cursor = conn.execute(sql)
    columns = [column[0] for column in cursor.description]
    return pd.DataFrame(cursor.fetchall(), columns=columns)
