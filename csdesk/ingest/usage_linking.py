"""Usage rows that name their account only through a contract id, in any import order.

A feature-usage file such as RavenStack's names a subscription id on each row, not an account.
Such rows are kept in ``usage_by_contract`` whether or not the contract is known yet; every
row whose contract is in the workspace is *linked*: a ``usage`` row is written for the
contract's account, carrying the usage batch's id, and ``linked_by`` remembers the contract's
batch. Importing contracts links the rows that were waiting; undoing a contracts batch unlinks
the rows it had linked (and links them again to another contract of the same id, if one
remains). So the workspace ends the same whichever file comes first. All inside the caller's
transaction.
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np

from csdesk.store import Workspace
from csdesk.store.bulk import indexes_rebuilt_after, insert_rows

_KEPT_COLUMNS = ("contract_id", "date", "metric", "value", "batch_id")
_USAGE_COLUMNS = ("id", "account_id", "date", "metric", "value", "batch_id")


def keep(
    ws: Workspace,
    batch_id: int,
    contract_ids: np.ndarray,
    dates: np.ndarray,
    metrics: np.ndarray,
    values: np.ndarray,
) -> int:
    """Store usage rows by contract id, then link those whose contract is known."""
    rows = list(
        zip(
            [str(c) for c in contract_ids.tolist()],
            dates.tolist(),
            [str(m) for m in metrics.tolist()],
            values.astype(float).tolist(),
            itertools.repeat(batch_id),
            strict=False,
        )
    )
    if rows:
        insert_rows(ws.conn, "usage_by_contract", _KEPT_COLUMNS, rows)
    # Rows of earlier usage imports that still wait cannot link now: no contract came.
    return link(ws, batch_id)


def waiting(ws: Workspace, batch_id: int) -> int:
    """How many of this batch's rows still wait for their contract."""
    return int(
        ws.scalar(
            "SELECT count(*) FROM usage_by_contract WHERE batch_id = ? AND usage_id IS NULL",
            (batch_id,),
        )
    )


def link(ws: Workspace, usage_batch_id: int | None = None) -> int:
    """Write a usage row for every waiting row (of one usage batch, if given) whose contract
    is now known; return how many.

    A contract id held by several contracts links to the first one written (the lowest id),
    the rule the importer uses everywhere.
    """
    # Two statements rather than "? IS NULL OR ...", so that one batch is read by its index.
    of_batch = "" if usage_batch_id is None else f"AND p.batch_id = {int(usage_batch_id)} "
    found = ws.conn.execute(
        "SELECT p.id, c.account_id, p.date, p.metric, p.value, p.batch_id, c.batch_id "
        "FROM usage_by_contract p JOIN contracts c ON c.id = "
        "(SELECT min(k.id) FROM contracts k WHERE k.external_id = p.contract_id) "
        f"WHERE p.usage_id IS NULL {of_batch}ORDER BY p.id"
    ).fetchall()
    if not found:
        return 0
    first = int(ws.scalar("SELECT coalesce(max(id), 0) FROM usage")) + 1
    usage_rows: list[tuple[Any, ...]] = []
    links: list[tuple[int, int | None, int]] = []
    for offset, (kept_id, account_id, day, metric, value, batch, linked_by) in enumerate(found):
        usage_rows.append((first + offset, account_id, day, metric, value, batch))
        links.append((first + offset, linked_by, kept_id))
    with indexes_rebuilt_after(ws.conn, "usage", len(usage_rows)):
        insert_rows(ws.conn, "usage", _USAGE_COLUMNS, usage_rows)
    ws.conn.executemany(
        "UPDATE usage_by_contract SET usage_id = ?, linked_by = ? WHERE id = ?", links
    )
    return len(links)


def unlink(ws: Workspace, contracts_batch_id: int) -> int:
    """Take back the usage rows linked through this batch's contracts; return how many."""
    removed = ws.conn.execute(
        "DELETE FROM usage WHERE id IN (SELECT usage_id FROM usage_by_contract "
        "WHERE linked_by = ? AND usage_id IS NOT NULL)",
        (contracts_batch_id,),
    ).rowcount
    ws.conn.execute(
        "UPDATE usage_by_contract SET usage_id = NULL, linked_by = NULL WHERE linked_by = ?",
        (contracts_batch_id,),
    )
    return int(removed)


def forget(ws: Workspace, usage_batch_id: int) -> int:
    """Remove a usage batch's rows kept by contract id (its linked usage rows go with the
    batch's own rows); return how many waited unlinked."""
    unlinked = waiting(ws, usage_batch_id)
    ws.conn.execute("DELETE FROM usage_by_contract WHERE batch_id = ?", (usage_batch_id,))
    return unlinked
