"""Background work: core functions run on a thread pool, results come back on the GUI thread.

A job is any function taking the core's ``progress(fraction, message)`` callback. Cancelling
makes the next progress call raise :class:`csdesk.progress.Cancelled`, which the core answers
by undoing what it started. Jobs that write run on a one-thread pool, so only one writer ever
touches the workspace at a time; reads run on the shared pool. Tests build the runner with
``immediate=True`` so that jobs run at once, in order, on the calling thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from csdesk.progress import Cancelled

JobFunction = Callable[[Callable[[float, str], None]], Any]
Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


def _receiver_alive(callback: Callable[..., Any]) -> bool:
    """False when ``callback`` is a method of a Qt object that was deleted while the job ran
    (a page the window dropped when the language changed): its result has nowhere to go."""
    owner = getattr(callback, "__self__", None)
    if not isinstance(owner, QObject):
        return True
    try:
        owner.objectName()  # PySide raises RuntimeError once the C++ object is gone
    except RuntimeError:
        return False
    return True


class _Signals(QObject):
    progress = Signal(float, str)
    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()


class Job(QObject):
    """One piece of work and its outcome, owned by the GUI thread.

    ``done`` and ``failed`` callbacks run on the GUI thread: the relay slots below belong to
    this object, which lives there, so Qt queues the worker's signals to it. A callback that
    is a method of a Qt object deleted meanwhile is not called.
    """

    progressed = Signal(float, str)
    ended = Signal()
    unhandled = Signal(object)

    def __init__(
        self,
        title: str,
        function: JobFunction,
        done: Done | None,
        failed: Failed | None,
        *,
        writes: bool,
    ) -> None:
        super().__init__()
        self.title = title
        self.writes = writes
        self.function = function
        self.fraction = 0.0
        self.message = ""
        self.running = True
        self.was_cancelled = False
        self._done = done
        self._failed = failed
        self._cancel = threading.Event()
        self.signals = _Signals()
        self.signals.progress.connect(self._on_progress)
        self.signals.finished.connect(self._on_finished)
        self.signals.failed.connect(self._on_failed)
        self.signals.cancelled.connect(self._on_cancelled)

    def cancel(self) -> None:
        self._cancel.set()

    def report(self, fraction: float, message: str) -> None:
        """The progress callback handed to the core (runs on the worker thread)."""
        if self._cancel.is_set():
            raise Cancelled()
        self.signals.progress.emit(fraction, message)

    def execute(self) -> None:
        """Run the function and emit its outcome (on whatever thread calls this)."""
        try:
            if self._cancel.is_set():
                raise Cancelled()
            result = self.function(self.report)
        except Cancelled:
            self.signals.cancelled.emit()
        except Exception as exc:
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)

    @Slot(float, str)
    def _on_progress(self, fraction: float, message: str) -> None:
        self.fraction, self.message = fraction, message
        self.progressed.emit(fraction, message)

    @Slot(object)
    def _on_finished(self, result: object) -> None:
        self._end()
        if self._done is not None and _receiver_alive(self._done):
            self._done(result)

    @Slot(object)
    def _on_failed(self, error: object) -> None:
        self._end()
        if isinstance(error, BaseException):
            if self._failed is not None:
                if _receiver_alive(self._failed):
                    self._failed(error)
            else:
                self.unhandled.emit(error)

    @Slot()
    def _on_cancelled(self) -> None:
        self.was_cancelled = True
        self._end()

    def _end(self) -> None:
        self.running = False
        self.ended.emit()


class _Runnable(QRunnable):
    def __init__(self, job: Job) -> None:
        super().__init__()
        self.job = job
        self.setAutoDelete(True)

    def run(self) -> None:
        self.job.execute()


class Runner(QObject):
    """Starts jobs; tells listeners when one starts (the progress indicator) and when one
    fails without its own ``failed`` callback (the main window shows the error)."""

    job_started = Signal(object)
    job_failed = Signal(object, object)

    def __init__(self, *, immediate: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.immediate = immediate
        self.readers = QThreadPool.globalInstance()
        self.writer = QThreadPool(self)
        self.writer.setMaxThreadCount(1)
        self.active: list[Job] = []

    def submit(
        self,
        title: str,
        function: JobFunction,
        *,
        done: Done | None = None,
        failed: Failed | None = None,
        ended: Callable[[], None] | None = None,
        writes: bool = False,
    ) -> Job:
        """Run ``function(progress)`` in the background; ``done(result)`` on the GUI thread.

        ``ended`` runs however the job ends (done, failed or cancelled), before ``done``.
        """
        job = Job(title, function, done, failed, writes=writes)
        self.active.append(job)
        job.ended.connect(lambda: self._forget(job))
        if ended is not None:
            job.ended.connect(ended)
        job.unhandled.connect(lambda error: self.job_failed.emit(job, error))
        self.job_started.emit(job)
        if self.immediate:
            job.execute()
        else:
            (self.writer if writes else self.readers).start(_Runnable(job))
        return job

    def _forget(self, job: Job) -> None:
        if job in self.active:
            self.active.remove(job)

    def wait(self) -> None:
        """Block until every started job has run (used on shutdown)."""
        self.writer.waitForDone()
        self.readers.waitForDone()
