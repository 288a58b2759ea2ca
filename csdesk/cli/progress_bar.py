"""Long commands on a terminal: a progress bar on stderr, and Ctrl+C as a clean cancel.

Every long command (import, demo, report qbr --all, export) runs its work inside
:class:`LongWork` and hands the core the callbacks of :meth:`LongWork.phase` — the same
``progress(fraction, message)`` callback the app drives its progress dialog with
(:mod:`csdesk.progress`). So one module decides, for all of them:

* **What is shown.** A bar (tqdm) with the count, the rate and the time left, on stderr, only
  when stderr is a terminal and neither ``--json`` nor ``--quiet`` was given: a pipe, a log
  file or a script reading JSON get nothing but the result. tqdm is imported only then, so a
  command in a script pays nothing for it.
* **What Ctrl+C does.** The first Ctrl+C does not kill the work where it stands: it marks the
  job cancelled, and the core's next progress call raises :class:`~csdesk.progress.Cancelled`,
  so the core undoes what it started (the import's transaction rolls back, a report's temporary
  file is removed) at a point it chose. The command then ends with exit code 130 and one line
  saying what was cancelled and what that left. A second Ctrl+C, for a step that does not call
  back soon, interrupts at once (Python's usual KeyboardInterrupt, which every writer also
  survives whole) and is reported the same way, never with a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import sys
import threading
import time
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any

from csdesk.i18n import current_language
from csdesk.i18n.lang import Lang, resolve
from csdesk.progress import Cancelled, ProgressCallback

# Test hook (see tests/cli/test_progress_bar.py): when a progress message contains the text of
# CSDESK_TEST_HOLD (any message for "*"), the command writes "held" to the file
# CSDESK_TEST_HOLD_FILE and waits there (up to a minute) for Ctrl+C, so a test can interrupt a
# job at a known step without timing.
HOLD_ENV = "CSDESK_TEST_HOLD"
HOLD_FILE_ENV = "CSDESK_TEST_HOLD_FILE"
HOLD_SECONDS = 60.0

_BAR_FORMAT = "{desc} {percentage:3.0f}%|{bar}| {note} [{elapsed}<{remaining}]"
_PERMILLE = 1000
TICK_SECONDS = 0.5  # a phase without a known count moves in thousandths


def add_quiet_argument(parser: argparse.ArgumentParser) -> None:
    """``--quiet``, the same on every long command."""
    from csdesk.i18n import _

    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help=_("show no progress bar; print only the result"),
    )


def shows_progress(args: argparse.Namespace) -> bool:
    """A bar only for a person watching a terminal: never with --json or --quiet, never into
    a pipe or a file (where it would mix with the result or fill a log)."""
    if getattr(args, "json", False) or getattr(args, "quiet", False):
        return False
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):  # stderr replaced or closed
        return False


class LongWork:
    """The terminal side of one long command: its bar, and its Ctrl+C.

    ``cancelled`` is the line said when the person cancels (what was cancelled, what that
    left); the command prints it as ``csdesk: ...`` and exits with 130.
    """

    def __init__(self, cancelled: str, *, show: bool, lang: Lang | None = None) -> None:
        self.cancelled_message = cancelled
        self.show = show
        # The command's language, for the bar's own words and numbers (--lang wins over the
        # system's); without one, the language the command runs in.
        self.lang = lang if lang is not None else resolve(current_language())
        self.cancelled = False
        self._bar: Any = None
        self._key: tuple[str, int] | None = None
        self._previous: Any = None
        self._installed = False
        self._hold = os.environ.get(HOLD_ENV) or None
        self._ticking: threading.Event | None = None

    def __enter__(self) -> LongWork:
        # Signals can only be caught on the main thread; elsewhere Ctrl+C keeps Python's way.
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._interrupt)
            self._installed = True
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
        if self._installed:
            signal.signal(signal.SIGINT, self._previous)
            self._installed = False
        if isinstance(exc, KeyboardInterrupt | Cancelled):
            # Whatever the core said, the person hears what their Ctrl+C cancelled.
            raise Cancelled(self.cancelled_message) from None

    def close(self) -> None:
        """Take the bar off the screen, before a result printed while the work is still open
        (a dry run's report), so the two never share a line."""
        if self._ticking is not None:
            self._ticking.set()
            self._ticking = None
        self._close()

    def phase(
        self, description: str, *, total: int | None = None, unit: str = ""
    ) -> ProgressCallback:
        """A progress callback for one step, shown as its own bar.

        With ``total`` (the count of things the step handles: rows, packs) the bar shows
        ``done/total unit`` and the rate; without it, the core's message beside the percentage.
        """

        started = time.monotonic()  # a step's rate and time count from its start

        def report(fraction: float, message: str) -> None:
            if self.cancelled:
                raise Cancelled(self.cancelled_message)
            if self.show:
                fraction = min(max(fraction, 0.0), 1.0)
                self._update(description, total, unit, started, fraction, message)
            if self._hold is not None and (self._hold in message or self._hold == "*"):
                self._wait_here()  # the test hook, after drawing: the bar shows the step
                if self.cancelled:
                    raise Cancelled(self.cancelled_message)

        return report

    def _interrupt(self, signum: int, frame: FrameType | None) -> None:
        if self.cancelled:
            raise KeyboardInterrupt  # a second Ctrl+C: now
        self.cancelled = True
        if self._bar is not None:
            # Seen at once: a batch may take a while to finish the packs being written.
            with contextlib.suppress(Exception):
                _ = self.lang
                self._bar.set_description_str(_("Cancelling…"))

    def _update(
        self,
        description: str,
        total: int | None,
        unit: str,
        started: float,
        fraction: float,
        message: str,
    ) -> None:
        size = total if total else _PERMILLE
        done = round(fraction * size)
        seconds = time.monotonic() - started
        if total:
            _ = self.lang
            counts = f"{_number(done, _)}/{_number(total, _)} {unit}".rstrip()
            # No rate from the first fraction of a second: it would be a wild guess.
            known = seconds > 0.2 or (done >= size and seconds > 0)
            rate = f"{_rate(done / seconds, _)} {unit}".rstrip() if known else "…"
            note = _shorten(_("{counts}, {rate}/s").format(counts=counts, rate=rate), 48)
        else:
            note = _shorten(message, 48)
        new = self._bar is None or self._key != (description, size)
        if new:
            self._close()
            self._bar = _new_bar(description, size, note, seconds)
            self._key = (description, size)
            self._tick()
        bar = self._bar
        bar.note = note
        if done > bar.n:
            bar.update(done - bar.n)  # draws at most every tenth of a second
        if new or done >= size:
            bar.refresh()  # the first and the last state are always seen

    def _tick(self) -> None:
        """Redraw the bar twice a second from a thread, so the clock moves during a step that
        calls back seldom (reading a whole workbook is one call) and the person sees the job
        is alive. tqdm locks each drawing; a closed bar draws nothing."""
        if self._ticking is not None:
            return
        stop = self._ticking = threading.Event()

        def run() -> None:
            while not stop.wait(TICK_SECONDS):
                bar = self._bar
                if bar is not None:
                    with contextlib.suppress(Exception):
                        bar.refresh()

        threading.Thread(target=run, name="csdesk-progress", daemon=True).start()

    def _close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar, self._key = None, None
            if self.cancelled:
                # The terminal echoed "^C" where the bar ended: wipe the whole line (ANSI).
                sys.stderr.write("\r\x1b[2K")
                sys.stderr.flush()

    def _wait_here(self) -> None:
        hold, self._hold = self._hold, None
        target = os.environ.get(HOLD_FILE_ENV)
        if target:
            Path(target).write_text(f"held at {hold}\n", encoding="utf-8")
        deadline = time.monotonic() + HOLD_SECONDS
        while not self.cancelled and time.monotonic() < deadline:
            time.sleep(0.01)


def _new_bar(description: str, size: int, note: str, seconds: float) -> Any:
    """A tqdm bar for a step that began ``seconds`` ago."""
    from tqdm import tqdm

    columns, lines = _size(sys.stderr)

    class Bar(tqdm):
        """tqdm's bar with a note of ours (counts and rate, or the core's message) in place
        of its postfix, which it writes after a comma."""

        def __init__(self, note: str, **options: Any) -> None:
            self.note = note  # before tqdm's first drawing, which reads it
            super().__init__(**options)

        @property
        def format_dict(self) -> dict[str, Any]:
            values: dict[str, Any] = super().format_dict
            values["note"] = self.note
            return values

    bar = Bar(
        note,
        total=size,
        desc=description,
        file=sys.stderr,
        leave=False,  # the result printed after it is what stays on the screen
        # Two columns spare: the terminal echoes Ctrl+C as "^C" after the bar, and a full-width
        # line would wrap and leave the bar behind on the screen.
        ncols=max(columns - 2, 20),
        nrows=max(lines, 2),  # tqdm hides a bar below the screen's last line; 0 means unknown
        mininterval=0.1,
        bar_format=_BAR_FORMAT,
        ascii=not _unicode(sys.stderr),
    )
    bar.start_t -= seconds  # tqdm's elapsed and time left count from the step's start too
    return bar


def _size(stream: Any) -> tuple[int, int]:
    """The size of the terminal the bar is drawn on (stdout may be a file meanwhile)."""
    try:
        columns, lines = os.get_terminal_size(stream.fileno())
    except (AttributeError, ValueError, OSError):
        columns, lines = 0, 0
    if not columns:
        columns, lines = shutil.get_terminal_size()
    return columns, lines


def _unicode(stream: Any) -> bool:
    """Block characters only where the terminal's encoding has them."""
    try:
        "█▏".encode(getattr(stream, "encoding", None) or "ascii")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _number(value: float, lang: Lang) -> str:
    return lang.number(round(value))


def _rate(per_second: float, lang: Lang) -> str:
    """Things per second: tenths below ten (0.4 packs/s), whole numbers above."""
    return lang.number(per_second, decimals=1 if per_second < 10 else 0)


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
