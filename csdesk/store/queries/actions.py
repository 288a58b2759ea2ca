"""Reading and writing the work queue's actions (table ``actions``, migration 0005).

Rows become :class:`~csdesk.domain.actions.Action` records; every change is one transaction.
The desk (csdesk.desk) decides *what* changes (what a rule raises, what done writes on the
timeline); this module only keeps the rows.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterable
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from csdesk.domain.actions import Action, ActionState, Priority, Step
from csdesk.domain.enums import Role
from csdesk.errors import N_, CsdeskError, Remedy
from csdesk.store.queries._convert import to_date
from csdesk.store.workspace import Workspace

_COLUMNS = (
    "id, account_id, rule, dedupe_key, owner_role, owner_id, informed_role, title, why, "
    "why_data, due, priority, state, snoozed_until, closed_on, closed_by, note, "
    "dismiss_reason, risk_reason, event_id, opportunity_id, steps, created_on, language"
)


def _now() -> str:
    return datetime.now().replace(microsecond=0).isoformat(sep=" ")


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _steps_json(steps: Iterable[Step]) -> str:
    return json.dumps([{"title": s.title, "done": s.done} for s in steps], ensure_ascii=False)


def _row_to_action(row: tuple[Any, ...]) -> Action:
    (
        action_id,
        account_id,
        rule,
        key,
        owner_role,
        owner_id,
        informed,
        title,
        why,
        why_data,
        due,
        priority,
        state,
        until,
        closed_on,
        closed_by,
        note,
        reason,
        risk,
        event_id,
        opportunity_id,
        steps,
        created,
        worded_in,
    ) = row
    return Action(
        id=int(action_id),
        account_id=int(account_id),
        rule=rule,
        dedupe_key=key,
        owner_role=Role(owner_role),
        owner_id=owner_id,
        informed_role=Role(informed) if informed else None,
        title=title,
        why=why,
        why_data=json.loads(why_data) if why_data else {},
        due=to_date(due) or date.min,
        priority=Priority(priority),
        state=ActionState(state),
        snoozed_until=to_date(until),
        closed_on=to_date(closed_on),
        closed_by=closed_by,
        note=note,
        dismiss_reason=reason,
        risk_reason=risk,
        event_id=event_id,
        opportunity_id=opportunity_id,
        steps=tuple(Step(str(s["title"]), bool(s["done"])) for s in json.loads(steps or "[]")),
        created_on=to_date(created),
        language=worded_in,
    )


def load_actions(
    ws: Workspace,
    *,
    states: Collection[ActionState] | None = None,
    account_id: int | None = None,
    rule: str | None = None,
) -> list[Action]:
    """Actions, most urgent first (due date, then priority, then id)."""
    sql = f"SELECT {_COLUMNS} FROM actions WHERE 1 = 1"
    params: list[Any] = []
    if states is not None:
        sql += f" AND state IN ({', '.join('?' for _ in states) or 'NULL'})"
        params.extend(str(s) for s in states)
    if account_id is not None:
        sql += " AND account_id = ?"
        params.append(account_id)
    if rule is not None:
        sql += " AND rule = ?"
        params.append(rule)
    actions = [_row_to_action(row) for row in ws.query(sql, params)]
    actions.sort(key=lambda a: (a.due, a.priority.rank, a.id or 0))
    return actions


def get_action(ws: Workspace, action_id: int) -> Action:
    rows = ws.query(f"SELECT {_COLUMNS} FROM actions WHERE id = ?", (action_id,))
    if not rows:
        raise CsdeskError(
            N_("there is no action with id {action_id} in {path}."),
            action_id=action_id,
            path=ws.path,
            remedy=Remedy("list_actions", {"file": ws.path}),
        )
    return _row_to_action(rows[0])


def insert_action(conn: sqlite3.Connection, action: Action, *, on: date) -> int:
    """Write a new action inside the caller's transaction; return its id."""
    cursor = conn.execute(
        "INSERT INTO actions (account_id, rule, dedupe_key, owner_role, owner_id, informed_role,"
        " title, why, why_data, due, priority, state, snoozed_until, risk_reason, steps,"
        " language, created_on, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            action.account_id,
            action.rule,
            action.dedupe_key,
            str(action.owner_role),
            action.owner_id,
            str(action.informed_role) if action.informed_role else None,
            action.title,
            action.why,
            json.dumps(action.why_data, ensure_ascii=False, sort_keys=True),
            action.due.isoformat(),
            str(action.priority),
            str(action.state),
            _iso(action.snoozed_until),
            action.risk_reason,
            _steps_json(action.steps),
            action.language,
            on.isoformat(),
            _now(),
        ),
    )
    return int(cursor.lastrowid or 0)


def write_action(conn: sqlite3.Connection, action: Action) -> None:
    """Store every changeable field of ``action`` over its row (state changes and undo)."""
    conn.execute(
        "UPDATE actions SET owner_role = ?, owner_id = ?, title = ?, why = ?, why_data = ?, "
        "due = ?, priority = ?, state = ?, snoozed_until = ?, closed_on = ?, closed_by = ?, "
        "note = ?, dismiss_reason = ?, risk_reason = ?, event_id = ?, opportunity_id = ?, "
        "steps = ?, dedupe_key = ?, updated_at = ? WHERE id = ?",
        (
            str(action.owner_role),
            action.owner_id,
            action.title,
            action.why,
            json.dumps(action.why_data, ensure_ascii=False, sort_keys=True),
            action.due.isoformat(),
            str(action.priority),
            str(action.state),
            _iso(action.snoozed_until),
            _iso(action.closed_on),
            action.closed_by,
            action.note,
            action.dismiss_reason,
            action.risk_reason,
            action.event_id,
            action.opportunity_id,
            _steps_json(action.steps),
            action.dedupe_key,
            _now(),
            action.id,
        ),
    )


def save_action(ws: Workspace, action: Action) -> None:
    with ws.transaction() as conn:
        write_action(conn, action)


def tick_step(ws: Workspace, action_id: int, number: int, *, done: bool = True) -> Action:
    """Mark step ``number`` (1-based, as the CLI and the page count) done or not done."""
    action = get_action(ws, action_id)
    if not 1 <= number <= len(action.steps):
        count = len(action.steps)
        raise CsdeskError(
            N_("action {action_id} has steps 1 to {count}; there is no step {number}.")
            if count
            else N_("action {action_id} has no playbook steps; there is no step {number}."),
            action_id=action_id,
            count=count,
            number=number,
        )
    steps = list(action.steps)
    steps[number - 1] = replace(steps[number - 1], done=done)
    changed = replace(action, steps=tuple(steps))
    save_action(ws, changed)
    return changed


def open_keys(ws: Workspace) -> list[tuple[int, int, str, str, ActionState, str | None]]:
    """(id, account_id, rule, dedupe_key, state, why_data) of every rule-raised action: what
    an evaluation needs, without reading whole rows."""
    return [
        (int(r[0]), int(r[1]), r[2], r[3], ActionState(r[4]), r[5])
        for r in ws.query(
            "SELECT id, account_id, rule, dedupe_key, state, why_data FROM actions "
            "WHERE rule <> 'manual'"
        )
    ]
