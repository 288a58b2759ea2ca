"""Run independent SQL aggregates side by side, on a second read-only connection.

SQLite releases the GIL while it steps through a query, so a portfolio computation can read
tickets and surveys on one connection while it reads revenue on another: on two cores that
nearly halves the wall-clock time. Only committed data is visible to the second connection,
so inside an open transaction the work simply runs in the calling thread.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

from csdesk.store.workspace import Workspace

T = TypeVar("T")


def beside(ws: Workspace, work: Callable[[Workspace], T]) -> Future[T]:
    """Start ``work(read_only_workspace)`` in a worker thread; ``.result()`` joins it and
    re-raises whatever it raised."""
    if ws.conn.in_transaction:
        done: Future[T] = Future()
        try:
            done.set_result(work(ws))
        except BaseException as exc:
            done.set_exception(exc)
        return done

    def run() -> T:
        with Workspace.open(ws.path, read_only=True) as side:
            return work(side)

    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="csdesk-metrics")
    try:
        return executor.submit(run)
    finally:
        executor.shutdown(wait=False)
