"""Progress and cancellation as a plain callback, so long work in the core knows nothing of Qt.

Long operations (import, metrics over a large portfolio, report export) take a
``progress(fraction, message)`` callable. The caller's callback may raise :class:`Cancelled`
to stop the work; the operation then undoes what it started and re-raises it. The app adapts
this to a progress bar with a cancel button; the command line passes :func:`silent`.
"""

from __future__ import annotations

from collections.abc import Callable

from csdesk.errors import N_, CsdeskError

ProgressCallback = Callable[[float, str], None]


class Cancelled(CsdeskError):
    """The user cancelled; nothing was written."""

    exit_code = 130

    def __init__(self, message: str = N_("cancelled; nothing was changed.")) -> None:
        super().__init__(message)


def silent(fraction: float, message: str) -> None:
    """A progress callback that ignores progress and never cancels."""


def scaled(progress: ProgressCallback, start: float, end: float) -> ProgressCallback:
    """A callback for one step of a larger job, mapping its 0..1 onto start..end."""

    def report(fraction: float, message: str) -> None:
        progress(start + (end - start) * min(max(fraction, 0.0), 1.0), message)

    return report
