"""Refusals of the importer: each says which file (sheet, row, column, value) and what to do.

Raised before anything is written, so a refused import leaves the workspace as it was.
"""

from __future__ import annotations

from csdesk.errors import CsdeskError


class ImportRefused(CsdeskError):
    """The file as a whole cannot be imported (unreadable, empty, hostile, ambiguous)."""


class UnreadableFile(ImportRefused):
    """The file is not a spreadsheet csdesk can read, or is damaged or encrypted."""


class HostileFile(ImportRefused):
    """The file exceeds the limits that protect against zip bombs, XML bombs, huge cells."""


class AlreadyImported(ImportRefused):
    """The same file content was imported before; ``again=True`` imports it anyway."""


class BatchError(CsdeskError):
    """A batch cannot be listed or undone (unknown id, already undone)."""
