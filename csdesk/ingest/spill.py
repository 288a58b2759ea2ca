"""The records a plan keeps between ``prepare`` and ``commit``: in memory, or on disk when large.

``prepare`` reads and converts every row once; ``commit`` writes what it found instead of
reading the file again. Up to a number of rows the blocks of records stay in memory; beyond,
they go to an anonymous temporary file (deleted when the plan is dropped, or at exit), one
block at a time, so a file of a million lines is never held whole in memory and still read
once. Each block is kept twice over — as read, and after the entity rules — sharing the same
arrays: commit writes the checked blocks when the workspace is as the plan found it, and
applies the rules again to the blocks as read when it changed since.
"""

from __future__ import annotations

import pickle
import tempfile
import threading
import weakref
from collections.abc import Iterator
from typing import IO

from csdesk.ingest.records import Records


class Spill:
    """Blocks of (as read, checked) records in a temporary file, read back in order."""

    def __init__(self) -> None:
        # Lives as long as the plan (closed by the finalizer below), not one block.
        self._file: IO[bytes] = tempfile.TemporaryFile(prefix="csdesk-import-")  # noqa: SIM115
        self._offsets: list[int] = []
        self._lock = threading.Lock()
        # Closed (and so deleted) when the plan holding it is dropped.
        self._closer = weakref.finalize(self, self._file.close)

    def add(self, built: Records, checked: Records) -> None:
        """Append one block (one pickle of both: the arrays they share are stored once)."""
        with self._lock:
            self._file.seek(0, 2)
            self._offsets.append(self._file.tell())
            pickle.dump((built, checked), self._file, protocol=pickle.HIGHEST_PROTOCOL)
            self._file.flush()

    def blocks(self, *, checked: bool) -> Iterator[Records]:
        """Each block in order, as read (``checked=False``) or after the rules."""
        for offset in list(self._offsets):
            with self._lock:
                self._file.seek(offset)
                pair = pickle.load(self._file)  # written by this process, never by a file
            yield pair[1] if checked else pair[0]

    def close(self) -> None:
        self._closer()


class Kept:
    """What ``prepare`` keeps of each block, in memory up to ``limit`` rows, then on disk.

    A disk that cannot take them (full, no temporary folder) leaves nothing kept: commit
    then reads the file again, as it did before records were spilled.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.built: list[Records] | None = []
        self.checked: list[Records] | None = []
        self.spill: Spill | None = None
        self._rows = 0

    def add(self, built: Records, checked: Records) -> None:
        if self.spill is not None:
            self._spill(built, checked)
            return
        if self.built is None or self.checked is None:
            return  # given up: commit reads the file again
        self.built.append(built)
        self.checked.append(checked)
        self._rows += len(checked)
        if self._rows > self.limit:
            pending = list(zip(self.built, self.checked, strict=True))
            self.built = self.checked = None
            try:
                self.spill = Spill()
            except OSError:
                return
            for pair in pending:
                self._spill(*pair)

    def _spill(self, built: Records, checked: Records) -> None:
        if self.spill is None:
            return  # the disk refused an earlier block: commit reads the file again
        try:
            self.spill.add(built, checked)
        except OSError:
            self.spill.close()
            self.spill = None
