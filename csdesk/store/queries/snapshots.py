"""QBR snapshots (table ``qbr_snapshots``): what an account looked like when a QBR was
exported, so the next QBR's "what changed" compares with what the customer was shown."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from csdesk.store.queries._convert import to_date
from csdesk.store.workspace import Workspace


@dataclass(frozen=True, slots=True)
class Snapshot:
    id: int
    account_id: int
    quarter: str
    taken_on: date
    figures: dict[str, Any]


def save_snapshot(
    ws: Workspace, account_id: int, quarter: str, taken_on: date, figures: dict[str, Any]
) -> int:
    """Store one snapshot; a pack exported again for the same quarter replaces its own."""
    with ws.transaction() as conn:
        conn.execute(
            "DELETE FROM qbr_snapshots WHERE account_id = ? AND quarter = ?",
            (account_id, quarter),
        )
        cursor = conn.execute(
            "INSERT INTO qbr_snapshots (account_id, quarter, taken_on, figures) "
            "VALUES (?, ?, ?, ?)",
            (account_id, quarter, taken_on.isoformat(), json.dumps(figures, sort_keys=True)),
        )
        return int(cursor.lastrowid or 0)


def save_snapshots(
    ws: Workspace, quarter: str, taken_on: date, figures: dict[int, dict[str, Any]]
) -> int:
    """Store the snapshots of a batch of packs (account id -> figures) in one transaction,
    each replacing its account's own of that quarter; how many were stored."""
    with ws.transaction() as conn:
        for account_id, shown in figures.items():
            conn.execute(
                "DELETE FROM qbr_snapshots WHERE account_id = ? AND quarter = ?",
                (account_id, quarter),
            )
            conn.execute(
                "INSERT INTO qbr_snapshots (account_id, quarter, taken_on, figures) "
                "VALUES (?, ?, ?, ?)",
                (account_id, quarter, taken_on.isoformat(), json.dumps(shown, sort_keys=True)),
            )
    return len(figures)


def previous_snapshot(ws: Workspace, account_id: int, quarter: str) -> Snapshot | None:
    """The latest snapshot of a QBR of an earlier quarter (quarters sort as text: 2026Q1)."""
    rows = ws.query(
        "SELECT id, quarter, taken_on, figures FROM qbr_snapshots WHERE account_id = ? "
        "AND quarter < ? ORDER BY quarter DESC, taken_on DESC LIMIT 1",
        (account_id, quarter),
    )
    if not rows:
        return None
    snapshot_id, snap_quarter, taken, figures = rows[0]
    return Snapshot(
        int(snapshot_id), account_id, snap_quarter, to_date(taken) or date.min, json.loads(figures)
    )


def actions_done_since(
    ws: Workspace, account_id: int, since: date, until: date
) -> list[tuple[date, str, str]]:
    """(closed on, title, owner role) of the actions people marked done in (since, until]."""
    rows = ws.query(
        "SELECT closed_on, title, owner_role FROM actions WHERE account_id = ? "
        "AND state = 'done' AND closed_by = 'person' AND closed_on > ? AND closed_on <= ? "
        "ORDER BY closed_on DESC",
        (account_id, since.isoformat(), until.isoformat()),
    )
    return [(d, t, r) for day, t, r in rows if (d := to_date(day)) is not None]
