"""Background work: core functions run on a thread pool, results come back on the GUI thread.

A job is any function taking the core's ``progress(fraction, message)`` callback. Cancelling
makes the next progress call raise :class:`csdesk.progress.Cancelled`, which the core answers
by undoing what it started. Jobs that write run on a one-thread pool, so only one writer ever
touches the workspace at a time; reads run on the shared pool. Tests build the runner with
``immediate=True`` so that jobs run at once, in order, on the calling thread.

A caller that asks again before the last answer came (a page refreshed twice, the import
wizard planning again with another choice) starts its jobs through one :class:`JobSlot`:
starting a job there cancels the one it supersedes and disconnects it, so an older answer
never reaches the screen, however late it arrives (Orange's ``ConcurrentMixin`` does the same
with ``TaskState``).
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
        ended: Callable[[], None] | None = None,
        discard: Done | None = None,
    ) -> None:
        super().__init__()
        self.title = title
        self.writes = writes
        self.function = function
        self.fraction = 0.0
        self.message = ""
        self.running = True
        self.was_cancelled = False
        self.superseded = False
        self._done = done
        self._failed = failed
        self._ended = ended
        self._discard = discard
        self._cancel = threading.Event()
        self.signals = _Signals()
        self.signals.progress.connect(self._on_progress)
        self.signals.finished.connect(self._on_finished)
        self.signals.failed.connect(self._on_failed)
        self.signals.cancelled.connect(self._on_cancelled)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancel_requested(self) -> bool:
        """True once :meth:`cancel` (or :meth:`supersede`) asked the job to stop."""
        return self._cancel.is_set()

    def supersede(self) -> None:
        """Another job took this one's place: stop it (the core's next progress call raises
        :class:`Cancelled`) and drop its callbacks, so nothing it returns, raises or reports
        reaches its caller. The runner still hears when it ends (the progress indicator).

        A result it returns anyway (it finished before it saw the cancel) goes to ``discard``,
        when given, so that what it holds can be released: a data room's temporary folder."""
        self.superseded = True
        self._done, self._failed, self._ended = self._discard, None, None
        self.cancel()

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
        if self.superseded:
            return
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
        if self.superseded:
            return  # its answer was no longer wanted, whatever it was
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
        if self._ended is not None and _receiver_alive(self._ended):
            self._ended()


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
        discard: Done | None = None,
    ) -> Job:
        """Run ``function(progress)`` in the background; ``done(result)`` on the GUI thread.

        ``ended`` runs however the job ends (done, failed or cancelled), before ``done``;
        ``discard(result)`` instead of ``done`` once the job was superseded.
        """
        job = Job(title, function, done, failed, writes=writes, ended=ended, discard=discard)
        self.active.append(job)
        job.ended.connect(lambda: self._forget(job))
        job.unhandled.connect(lambda error: self.job_failed.emit(job, error))
        self.job_started.emit(job)
        self._start(job)
        return job

    def _start(self, job: Job) -> None:
        """Run ``job`` now (``immediate``) or on its pool."""
        if self.immediate:
            job.execute()
        else:
            (self.writer if job.writes else self.readers).start(_Runnable(job))

    def _forget(self, job: Job) -> None:
        if job in self.active:
            self.active.remove(job)

    def wait(self) -> None:
        """Block until every started job has run (used on shutdown)."""
        self.writer.waitForDone()
        self.readers.waitForDone()


class JobSlot:
    """The one job a caller is waiting for: starting another supersedes it.

    A page that refreshes again, or the import wizard planning again with another choice,
    keeps a slot and starts its jobs through it. The job it replaces is cancelled (long core
    work stops at its next progress call) and disconnected: its ``done``, ``failed`` and
    ``ended`` are never called, so an older answer cannot overwrite a newer one, and nobody
    has to count generations to tell them apart.
    """

    def __init__(self) -> None:
        self.job: Job | None = None

    def start(
        self,
        runner: Runner,
        title: str,
        function: JobFunction,
        *,
        done: Done | None = None,
        failed: Failed | None = None,
        ended: Callable[[], None] | None = None,
        discard: Done | None = None,
    ) -> Job:
        """Supersede the job waited for, then submit this one (a reader job) to ``runner``;
        ``discard`` receives its result if it finishes after being superseded in turn."""
        self.cancel()
        job = runner.submit(title, function, done=done, failed=failed, ended=ended, discard=discard)
        if job.running:  # an immediate runner has run it already: nothing to wait for
            self.job = job
        return job

    def cancel(self) -> None:
        """Nothing is waited for any more (the page closed, the wizard went away)."""
        job, self.job = self.job, None
        if job is not None and job.running:
            job.supersede()

    @property
    def running(self) -> bool:
        return self.job is not None and self.job.running
