"""Python's cycle collector paused while a read makes hundreds of thousands of objects.

A sheet read by calamine is one list per row, and a list of accounts read from SQLite one
tuple per account: every one is an object the collector tracks. 360,000 rows set it off
about 500 times, three of them full passes over the whole heap (0.13-0.19 CPU-s of a 2.6 s
import); 100,000 accounts, about 150 times (10 ms of the 0.3 s the accounts table may take
to open). It finds no cycle at all: the rows hold only cells.

The collector is process-wide: paused here, it is paused for the app's other threads for
the moment of a read, which only delays their collections; it is switched back on only if
it was on before. The rows must be gone before it is back on, or its first pass walks them
all: used as a decorator, it resumes after the function's locals are freed.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused() -> Iterator[None]:
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
