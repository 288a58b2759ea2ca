"""Import batches: recording one, listing them, and undoing one exactly.

Undo removes the rows the batch wrote (every imported row carries its batch id), puts back
the values it replaced (``import_overwrites``), and removes the accounts and team members it
created unless something else still refers to them. All in one transaction, after a backup.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from csdesk.i18n import _
from csdesk.ingest import usage_linking
from csdesk.ingest.errors import BatchError
from csdesk.ingest.wording import speaking
from csdesk.store import Workspace
from csdesk.store.queries.imports import WAITING_SQL

if TYPE_CHECKING:
    from csdesk.i18n.lang import Lang

# Tables whose rows an import writes and undo deletes by batch id (accounts, people apart).
_ROW_TABLES = (
    "usage",
    "events",
    "surveys",
    "tickets",
    "opportunities",
    "contacts",
    "goals",
    "revenue_months",
    "contracts",
)
# Tables that refer to an account; an account still referred to is not removed by undo.
_ACCOUNT_CHILDREN = (
    "revenue_months",
    "contracts",
    "tickets",
    "surveys",
    "usage",
    "events",
    "opportunities",
    "contacts",
    "goals",
)


def now() -> str:
    return datetime.now().strftime("%Y-%m-%d %H:%M:%S")


def shown_time(stamp: str) -> str:
    """A batch's time (as :func:`now` stores it) as the reader writes a day, with the time."""
    from csdesk.i18n import current_language, formatting

    try:
        when = datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return stamp
    return f"{formatting.day(when, current_language())} {when:%H:%M}"


@dataclass(frozen=True, slots=True)
class BatchInfo:
    id: int
    file_name: str
    sheet: str | None
    entity: str
    rows_read: int
    rows_written: int
    rows_updated: int
    rows_skipped: int
    rows_rejected: int
    accounts_created: int
    started_at: str
    finished_at: str | None
    state: str
    rows_waiting: int = 0  # usage rows still waiting for their contract
    # The batches of one data room share a group (the id of its first batch) and its name.
    group_id: int | None = None
    group_name: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def find_by_hash(ws: Workspace, content_hash: str, sheet: str | None) -> BatchInfo | None:
    """The last batch still in force of the same file's same sheet: the other sheets of a
    workbook already imported are imports of their own."""
    rows = _select(
        ws,
        "WHERE content_hash = ? AND sheet IS ? AND state = 'done' ORDER BY id DESC LIMIT 1",
        (content_hash, sheet),
    )
    return rows[0] if rows else None


def _select(ws: Workspace, where: str, params: tuple[Any, ...] = ()) -> list[BatchInfo]:
    return [
        BatchInfo(*row)
        for row in ws.query(
            "SELECT id, file_name, sheet, entity, rows_read, rows_written, rows_updated, "
            "rows_skipped, rows_rejected, accounts_created, started_at, finished_at, state, "
            f"{WAITING_SQL.format(batch='import_batches.id')}, group_id, group_name "
            f"FROM import_batches {where}",
            params,
        )
    ]


def list_batches(ws: Workspace) -> list[BatchInfo]:
    """Every import into this workspace, oldest first."""
    return _select(ws, "ORDER BY id")


def start(
    ws: Workspace,
    *,
    file_name: str,
    content_hash: str,
    sheet: str | None,
    entity: str,
    mapping: dict[str, str | None],
    as_of: str | None = None,
) -> int:
    """Insert the batch row (inside the import's transaction) and return its id."""
    cursor = ws.conn.execute(
        "INSERT INTO import_batches (file_name, content_hash, sheet, entity, mapping, started_at, "
        "as_of) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            file_name,
            content_hash,
            sheet,
            entity,
            json.dumps(mapping, ensure_ascii=False),
            now(),
            as_of,
        ),
    )
    return int(cursor.lastrowid or 0)


def finish(
    ws: Workspace, batch_id: int, counts: dict[str, int], problems: list[dict[str, Any]]
) -> None:
    ws.conn.execute(
        "UPDATE import_batches SET rows_read = ?, rows_written = ?, rows_updated = ?, "
        "rows_skipped = ?, rows_rejected = ?, accounts_created = ?, problems = ?, "
        "finished_at = ? WHERE id = ?",
        (
            counts["rows_read"],
            counts["rows_written"],
            counts["rows_updated"],
            counts["rows_skipped"],
            counts["rows_rejected"],
            counts["accounts_created"],
            json.dumps(problems, ensure_ascii=False),
            now(),
            batch_id,
        ),
    )


@dataclass(frozen=True, slots=True)
class UndoResult:
    batch_id: int
    rows_removed: int
    values_restored: int
    accounts_removed: int

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@speaking
def undo(ws: Workspace, batch_id: int, *, lang: Lang | None = None) -> UndoResult:
    """Remove exactly what batch ``batch_id`` did; refuse an unknown or undone batch."""
    return undo_many(ws, [batch_id])[0]


@speaking
def undo_many(ws: Workspace, batch_ids: list[int], *, lang: Lang | None = None) -> list[UndoResult]:
    """Undo several batches (a data room's) in one transaction after one backup, newest
    first, so that each finds the workspace as it was just after it; all or nothing.

    Results come newest first. An unknown, undone or repeated batch refuses them all.
    """
    ids = sorted(set(batch_ids), reverse=True)
    for batch_id in ids:
        _check_undoable(ws, batch_id)
    from csdesk.store.backup import automatic_backup

    label = "-".join(str(i) for i in ids[:5]) + ("-etc" if len(ids) > 5 else "")
    automatic_backup(ws.path, reason=f"before-undo-import-{label}")
    with ws.transaction():
        return [_undo_one(ws, batch_id) for batch_id in ids]


def _check_undoable(ws: Workspace, batch_id: int) -> None:
    found = _select(ws, "WHERE id = ?", (batch_id,))
    if not found:
        known = ", ".join(str(b.id) for b in list_batches(ws))
        if not known:
            raise BatchError(
                _("{workspace} has no import batch {batch} (it has no imports at all).").format(
                    workspace=ws.path.name, batch=batch_id
                )
            )
        raise BatchError(
            _(
                "{workspace} has no import batch {batch} (batches: {known}). List them with "
                "`csdesk imports FILE`."
            ).format(workspace=ws.path.name, batch=batch_id, known=known)
        )
    if found[0].state == "undone":
        raise BatchError(
            _("import batch {batch} ({file}) was already undone.").format(
                batch=batch_id, file=found[0].file_name
            )
        )


def _undo_one(ws: Workspace, batch_id: int) -> UndoResult:
    """Undo one batch inside the caller's transaction (see the module docstring)."""
    from csdesk.ingest import revenue_writing  # pandas: loaded only when undoing

    with ws.transaction() as conn:
        touched = [
            int(a)
            for (a,) in conn.execute(
                "SELECT DISTINCT account_id FROM contracts WHERE batch_id = ?", (batch_id,)
            )
        ]
        # Usage this batch's contracts linked goes back to waiting; usage kept by this
        # batch goes (its linked rows are deleted with the batch's own rows below).
        usage_linking.unlink(ws, batch_id)
        usage_linking.forget(ws, batch_id)
        overwrites = conn.execute(
            "SELECT table_name, row_key, old_values FROM import_overwrites WHERE batch_id = ? "
            "ORDER BY rowid DESC",
            (batch_id,),
        ).fetchall()
        restored = 0
        for table, key, old in overwrites:
            if table == "revenue_months":
                continue
            values = json.loads(old)
            assignments = ", ".join(f"{column} = ?" for column in values)
            conn.execute(
                f"UPDATE {table} SET {assignments} WHERE id = ?",
                [*values.values(), json.loads(key)],
            )
            restored += 1
        undone = {
            int(b) for (b,) in conn.execute("SELECT id FROM import_batches WHERE state = 'undone'")
        }
        removed = 0
        for table in _ROW_TABLES:
            removed += conn.execute(f"DELETE FROM {table} WHERE batch_id = ?", (batch_id,)).rowcount
        for table, key, old in overwrites:
            if table != "revenue_months":
                continue
            account_id, month = json.loads(key)
            values = json.loads(old)
            if values["batch_id"] is not None and values["batch_id"] in undone:
                continue  # that value's own import was undone since: it is not put back
            conn.execute(
                "INSERT OR IGNORE INTO revenue_months (account_id, month, mrr, batch_id) "
                "VALUES (?, ?, ?, ?)",
                (account_id, month, values["mrr"], values["batch_id"]),
            )
            restored += 1
        # A newer contracts import had summed these accounts' months with the undone
        # contracts: make them again from the contracts that remain.
        revenue_writing.recompute_after_undo(ws, touched, batch_id)
        usage_linking.link(ws)
        referenced = " OR ".join(
            f"EXISTS (SELECT 1 FROM {table} t WHERE t.account_id = accounts.id)"
            for table in _ACCOUNT_CHILDREN
        )
        accounts_removed = conn.execute(
            f"DELETE FROM accounts WHERE batch_id = ? AND NOT ({referenced}) AND NOT EXISTS ("
            "SELECT 1 FROM import_overwrites o JOIN import_batches b ON b.id = o.batch_id "
            "WHERE o.table_name = 'accounts' AND o.row_key = CAST(accounts.id AS TEXT) "
            "AND b.state = 'done' AND b.id != ?)",
            (batch_id, batch_id),
        ).rowcount
        conn.execute(
            "DELETE FROM people WHERE batch_id = ? AND NOT EXISTS (SELECT 1 FROM accounts a "
            "WHERE a.csm_id = people.id OR a.am_id = people.id OR a.support_owner_id = people.id) "
            "AND NOT EXISTS (SELECT 1 FROM events e WHERE e.person_id = people.id) "
            "AND NOT EXISTS (SELECT 1 FROM opportunities o WHERE o.raised_by_id = people.id "
            "OR o.owner_id = people.id)",
            (batch_id,),
        )
        conn.execute("UPDATE import_batches SET state = 'undone' WHERE id = ?", (batch_id,))
    return UndoResult(batch_id, removed, restored, accounts_removed)
