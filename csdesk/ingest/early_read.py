"""A workbook read on a second thread while the command line (or the app's importer) loads.

A ``csdesk import`` of a workbook spends its first 0.3 s importing pandas and the importer,
and then reads the file: the safety checks, whose inflating releases the GIL, and calamine's
parse, which does too. Started as soon as the command knows the file, the read overlaps the
imports on a second core. The read itself (1.0 s for 360,000 rows) stays the critical path,
and the thread's share of the GIL slows the imports, so a 360,000-row sheet's import ends
about 0.1 s sooner. Nothing is done differently: the thread reads the same
:class:`~csdesk.ingest.workbook_cells.SheetCells` that
:func:`~csdesk.ingest.readers.open_source` would, checks first, in the command's language,
and an error it meets is raised where the read would have been, by the import.

This module imports nothing heavy, so that the command can start the read before it loads
pandas.
"""

from __future__ import annotations

import contextvars
import threading
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from csdesk.ingest.workbook_cells import SheetCells

# The suffixes of :data:`csdesk.ingest.readers.WORKBOOK_SUFFIXES`, which would import numpy.
SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"})
_Key = tuple[str, str | None, int, int]


class _Read:
    """One read under way: its thread, and what it gave (the cells, or the error it met)."""

    def __init__(self, path: Path, sheet: str | None) -> None:
        self.done = threading.Event()
        self.cells: SheetCells | None = None
        self.error: BaseException | None = None
        context = contextvars.copy_context()  # the command's language, for the messages
        self.thread = threading.Thread(
            target=context.run, args=(self._run, path, sheet), name="early-read", daemon=True
        )

    def _run(self, path: Path, sheet: str | None) -> None:
        try:
            from csdesk.ingest import workbook_cells

            self.cells = workbook_cells.read(path, sheet)
        except BaseException as exc:  # handed to the import, which raises it
            self.error = exc
        finally:
            self.done.set()


_reads: dict[_Key, _Read] = {}
_lock = threading.Lock()


def _key(path: Path, sheet: str | None) -> _Key | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return (str(path.resolve()), sheet, status.st_mtime_ns, status.st_size)


def start(path: Path, sheet: str | None) -> None:
    """Begin reading ``path`` if it is a workbook file; anything else is left to the import."""
    if path.suffix.lower() not in SUFFIXES or not path.is_file():
        return
    key = _key(path, sheet)
    if key is None or key[3] == 0:
        return
    read = _Read(path, sheet)
    with _lock:
        if key in _reads:
            return
        # One read waits at a time: one another file replaced (the app's wizard given a new
        # file before it read the first) is let go, not kept with its cells.
        _reads.clear()
        _reads[key] = read
    read.thread.start()


def discard(path: Path, sheet: str | None) -> None:
    """Let go of the read started for ``path`` and ``sheet`` if the import did not take it."""
    if not _reads:
        return
    key = _key(path, sheet)
    with _lock:
        if key is not None:
            _reads.pop(key, None)


def take(path: Path, sheet: str | None) -> SheetCells | None:
    """The cells read early for ``path`` and ``sheet``, once; None when none was started or
    the file changed since. Raises what the read raised."""
    if not _reads:
        return None
    key = _key(path, sheet)
    with _lock:
        read = _reads.pop(key, None) if key is not None else None
    if read is None:
        return None
    read.done.wait()
    if read.error is not None:
        raise read.error
    return read.cells
