"""Spreadsheet import: readers, header detection, column mapping, value parsing, batches.

The public API, for the app and the command line::

    plan = prepare(path, ws=ws)          # reads and analyses; writes nothing
    result = commit(ws, plan)            # one transaction, after a backup
    list_batches(ws); undo(ws, batch_id)

Imported lazily, so that ``import csdesk.ingest`` does not load pandas.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from csdesk.ingest.batches import BatchInfo, UndoResult, list_batches, undo, undo_many
    from csdesk.ingest.column_mapping import ColumnMapping
    from csdesk.ingest.plan import ImportPlan, ImportResult, commit, prepare
    from csdesk.ingest.problems import Problem
    from csdesk.ingest.readers import SheetInfo

_WHERE = {
    "prepare": "plan",
    "commit": "plan",
    "ImportPlan": "plan",
    "ImportResult": "plan",
    "list_batches": "batches",
    "undo": "batches",
    "undo_many": "batches",
    "BatchInfo": "batches",
    "UndoResult": "batches",
    "ColumnMapping": "column_mapping",
    "Problem": "problems",
    "SheetInfo": "readers",
}

__all__ = [
    "BatchInfo",
    "ColumnMapping",
    "ImportPlan",
    "ImportResult",
    "Problem",
    "SheetInfo",
    "UndoResult",
    "commit",
    "list_batches",
    "prepare",
    "undo",
    "undo_many",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"csdesk.ingest.{module}"), name)
