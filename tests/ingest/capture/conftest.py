"""Capture tests run in São Paulo's time zone (local times are what a Brazilian CSM sees),
on the book of capture_book.py."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from capture_book import build_book

from csdesk.store import Workspace


@pytest.fixture(autouse=True)
def sao_paulo_time() -> Iterator[None]:
    before = os.environ.get("TZ")
    os.environ["TZ"] = "America/Sao_Paulo"
    time.tzset()
    yield
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.fixture
def book(tmp_path: Path) -> Iterator[Workspace]:
    ws = build_book(tmp_path)
    try:
        yield ws
    finally:
        ws.close()
