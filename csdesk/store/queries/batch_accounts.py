"""Which accounts one import batch reached: the rows it wrote and the rows it changed.

The app announces an import (or its undo) with these accounts, so a page showing another
account keeps what it shows instead of reading it again. Ask before an undo: afterwards the
batch's rows are gone.
"""

from __future__ import annotations

from csdesk.store.workspace import Workspace

# Tables an import writes whose rows belong to one account and have an ``id``.
_ACCOUNT_ROWS = (
    "contacts",
    "contracts",
    "tickets",
    "surveys",
    "usage",
    "events",
    "opportunities",
    "goals",
)


def batch_entity(ws: Workspace, batch_id: int) -> str | None:
    """What batch ``batch_id`` imported (``tickets``, ``revenue`` …); None if unknown."""
    found = ws.scalar("SELECT entity FROM import_batches WHERE id = ?", (batch_id,))
    return None if found is None else str(found)


def batch_accounts(ws: Workspace, batch_id: int) -> frozenset[int]:
    """The ids of the accounts whose rows batch ``batch_id`` wrote or overwrote, and of the
    accounts it created or changed."""
    parts = [f"SELECT account_id FROM {t} WHERE batch_id = :b" for t in _ACCOUNT_ROWS]
    parts += [
        "SELECT account_id FROM revenue_months WHERE batch_id = :b",
        "SELECT id FROM accounts WHERE batch_id = :b",
        "SELECT CAST(row_key AS INTEGER) FROM import_overwrites "
        "WHERE batch_id = :b AND table_name = 'accounts'",
        "SELECT json_extract(row_key, '$[0]') FROM import_overwrites "
        "WHERE batch_id = :b AND table_name = 'revenue_months'",
    ]
    parts += [
        f"SELECT t.account_id FROM import_overwrites o JOIN {t} t "
        f"ON t.id = CAST(o.row_key AS INTEGER) WHERE o.batch_id = :b AND o.table_name = '{t}'"
        for t in _ACCOUNT_ROWS
    ]
    rows = ws.query(" UNION ".join(parts), {"b": batch_id})
    return frozenset(int(a) for (a,) in rows if a is not None)


def batch_created_accounts(ws: Workspace, batch_id: int) -> bool:
    """Whether batch ``batch_id`` created accounts that are still there (undo removes them)."""
    return bool(ws.scalar("SELECT EXISTS (SELECT 1 FROM accounts WHERE batch_id = ?)", (batch_id,)))
