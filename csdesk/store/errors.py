"""Refusals of the workspace file. Each leaves the file exactly as it was."""

from __future__ import annotations

from csdesk.errors import CsdeskError


class WorkspaceError(CsdeskError):
    """The workspace cannot be opened or written; the message says why and what to do."""


class WorkspaceNotFound(WorkspaceError):
    pass


class NotAWorkspace(WorkspaceError):
    pass


class WorkspaceCorrupt(WorkspaceError):
    pass


class WorkspaceTooNew(WorkspaceError):
    pass


class WorkspaceLocked(WorkspaceError):
    pass


class WorkspaceReadOnly(WorkspaceError):
    pass


class DiskFull(WorkspaceError):
    pass
