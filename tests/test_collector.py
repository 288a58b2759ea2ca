"""The cycle collector is paused over a bulk read and left as it was found."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from csdesk import collector


@pytest.fixture
def collector_state() -> Iterator[None]:
    was_on = gc.isenabled()
    yield
    if was_on:
        gc.enable()
    else:
        gc.disable()


@collector.paused()
def _read() -> bool:
    return gc.isenabled()


def test_paused_while_reading_and_back_on_after(collector_state: None) -> None:
    gc.enable()
    assert _read() is False
    assert gc.isenabled()


def test_left_off_when_it_was_off(collector_state: None) -> None:
    gc.disable()
    assert _read() is False
    assert not gc.isenabled()


def test_back_on_after_a_failed_read(collector_state: None) -> None:
    gc.enable()
    with pytest.raises(ValueError), collector.paused():
        raise ValueError("unreadable")
    assert gc.isenabled()
