"""What a person does with an action: done (logging the touch), snooze, dismiss, add, tick a
step, and undo any of those; and the queue as the Today page and ``csdesk today`` list it.

Every change is one transaction and checks its input first: an unknown id, a snooze into the
past, an empty reason change nothing and say why.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time
from typing import Any

from csdesk.desk.engine import OWNER_FIELD
from csdesk.desk.rules import RulePack, load_pack
from csdesk.domain.actions import MANUAL_RULE, Action, ActionState, Priority
from csdesk.domain.enums import EventKind, Role
from csdesk.errors import CsdeskError
from csdesk.store.queries.actions import get_action, insert_action, load_actions, write_action
from csdesk.store.workspace import Workspace

_DONE_HOUR = time(12, 0)


@dataclass(frozen=True, slots=True)
class Undo:
    """What one change replaced, so that Ctrl+Z can put it back exactly."""

    before: Action
    event_id: int | None = None  # the timeline entry done wrote
    opportunity_id: int | None = None  # the opportunity done raised


def _open(ws: Workspace, action_id: int, verb: str) -> Action:
    action = get_action(ws, action_id)
    if not action.state.is_open:
        when = f" on {action.closed_on.isoformat()}" if action.closed_on else ""
        raise CsdeskError(
            f"action {action_id} is already {action.state}{when}; it cannot be {verb}."
        )
    return action


def done(
    ws: Workspace,
    action_id: int,
    *,
    on: date | None = None,
    note: str | None = None,
    pack: RulePack | None = None,
) -> Undo:
    """Close the action and log it on the account's timeline on that day, by the owner's role
    (a done ``no_touch`` is the touch). A rule that creates an opportunity (CS raises an
    expansion signal) writes it, raised by the CSM and owned by the account's AM."""
    action = _open(ws, action_id, "done")
    day = on or date.today()
    pack = pack or load_pack(ws)
    rule = pack.get(action.rule)
    kind = rule.done_kind if rule else EventKind.NOTE
    text = (note or "").strip() or None
    with ws.transaction() as conn:
        cursor = conn.execute(
            "INSERT INTO events (account_id, at, kind, role, person_id, title, body) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                action.account_id,
                datetime.combine(day, _DONE_HOUR).isoformat(sep=" "),
                str(kind),
                str(action.owner_role),
                action.owner_id,
                action.title,
                text,
            ),
        )
        event_id = int(cursor.lastrowid or 0)
        opportunity_id = None
        if rule is not None and rule.creates_opportunity:
            opportunity_id = _raise_opportunity(conn, action, rule.creates_opportunity, day)
        write_action(
            conn,
            replace(
                action,
                state=ActionState.DONE,
                closed_on=day,
                closed_by="person",
                note=text,
                snoozed_until=None,
                event_id=event_id,
                opportunity_id=opportunity_id,
            ),
        )
    return Undo(action, event_id, opportunity_id)


def _raise_opportunity(conn: Any, action: Action, spec: dict[str, str], day: date) -> int:
    owner_role = Role(spec.get("owner_role", "am"))
    row = conn.execute(
        "SELECT csm_id, am_id, support_owner_id FROM accounts WHERE id = ?", (action.account_id,)
    ).fetchone()
    owners = dict(zip(("csm_id", "am_id", "support_owner_id"), row or (None,) * 3, strict=True))
    field = OWNER_FIELD.get(owner_role)
    cursor = conn.execute(
        "INSERT INTO opportunities (account_id, kind, raised_by_id, raised_role, owner_id, "
        "owner_role, stage, created) VALUES (?, ?, ?, ?, ?, ?, 'identified', ?)",
        (
            action.account_id,
            spec.get("kind", "upsell"),
            action.owner_id,
            str(action.owner_role),
            owners.get(field) if field else None,
            str(owner_role),
            day.isoformat(),
        ),
    )
    return int(cursor.lastrowid or 0)


def snooze(ws: Workspace, action_id: int, until: date, *, today: date | None = None) -> Undo:
    """Hide the action until ``until`` (after today); the next evaluation on or after that day
    opens it again."""
    now = today or date.today()
    if until <= now:
        raise CsdeskError(
            f"cannot snooze action {action_id} until {until.isoformat()}: that is not after "
            f"today ({now.isoformat()}); pick a later date."
        )
    action = _open(ws, action_id, "snoozed")
    with ws.transaction() as conn:
        write_action(conn, replace(action, state=ActionState.SNOOZED, snoozed_until=until))
    return Undo(action)


def dismiss(ws: Workspace, action_id: int, reason: str, *, on: date | None = None) -> Undo:
    """Close without doing it, saying why (the reason is what the audit reads)."""
    text = reason.strip()
    if not text:
        raise CsdeskError(f"dismissing action {action_id} needs a reason; write one.")
    action = _open(ws, action_id, "dismissed")
    with ws.transaction() as conn:
        write_action(
            conn,
            replace(
                action,
                state=ActionState.DISMISSED,
                closed_on=on or date.today(),
                closed_by="person",
                dismiss_reason=text,
                snoozed_until=None,
            ),
        )
    return Undo(action)


def undo(ws: Workspace, change: Undo) -> None:
    """Put the action back as it was before ``change``, removing what done wrote."""
    with ws.transaction() as conn:
        if change.event_id is not None:
            conn.execute("DELETE FROM events WHERE id = ?", (change.event_id,))
        if change.opportunity_id is not None:
            conn.execute("DELETE FROM opportunities WHERE id = ?", (change.opportunity_id,))
        write_action(conn, change.before)


def add(
    ws: Workspace,
    account_id: int,
    title: str,
    *,
    due: date | None = None,
    role: Role = Role.CS,
    owner_id: int | None = None,
    priority: Priority = Priority.MEDIUM,
    today: date | None = None,
) -> int:
    """A manual action (rule ``manual``); the owner defaults to the account's owner for the
    role."""
    text = title.strip()
    if not text:
        raise CsdeskError("an action needs a title; type one.")
    field = OWNER_FIELD.get(role)
    if owner_id is None and field:
        owner_id = ws.scalar(f"SELECT {field} FROM accounts WHERE id = ?", (account_id,))
    day = today or date.today()
    with ws.transaction() as conn:
        return insert_action(
            conn,
            Action(
                id=None,
                account_id=account_id,
                rule=MANUAL_RULE,
                owner_role=role,
                owner_id=owner_id,
                title=text,
                due=due or day,
                priority=priority,
            ),
            on=day,
        )


def person_id(ws: Workspace, name: str) -> int:
    """A team member by exact name (case-insensitive); unknown names are refused."""
    rows = ws.query("SELECT id FROM people WHERE lower(name) = lower(?)", (name.strip(),))
    if not rows:
        known = [r[0] for r in ws.query("SELECT name FROM people ORDER BY name LIMIT 8")]
        hint = f" Team members: {', '.join(known)}." if known else ""
        raise CsdeskError(f"there is no team member named {name!r} in {ws.path}.{hint}")
    return int(rows[0][0])


# -- the queue as it is shown ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QueueItem:
    action: Action
    account: str
    account_external_id: str | None
    owner: str | None
    title: str
    why: str
    steps: tuple[tuple[str, bool], ...]

    def group(self, today: date) -> str:
        """overdue, today, week (the next 7 days) or later."""
        due = self.action.due
        if due < today:
            return "overdue"
        if due == today:
            return "today"
        return "week" if (due - today).days <= 7 else "later"


def queue(
    ws: Workspace,
    *,
    today: date | None = None,
    states: tuple[ActionState, ...] = (ActionState.OPEN,),
    owner_id: int | None = None,
    role: Role | None = None,
    rule: str | None = None,
    account_id: int | None = None,
    loc: str | None = None,
    pack: RulePack | None = None,
) -> list[QueueItem]:
    """The actions to show, most urgent first, worded in ``loc``'s language."""
    from csdesk.desk.engine import workspace_locale
    from csdesk.desk.wording import present

    stored_loc, currency = workspace_locale(ws)
    loc = loc or stored_loc
    pack = pack or load_pack(ws)
    # One account's actions (its page) read only that account's name.
    where, params = ("WHERE id = ?", (account_id,)) if account_id is not None else ("", ())
    accounts = {
        int(r[0]): (r[1], r[2])
        for r in ws.query(f"SELECT id, name, external_id FROM accounts {where}", params)
    }
    people = {int(r[0]): r[1] for r in ws.query("SELECT id, name FROM people")}
    items = []
    for action in load_actions(ws, states=states, account_id=account_id, rule=rule):
        if owner_id is not None and action.owner_id != owner_id:
            continue
        if role is not None and action.owner_role != role:
            continue
        title, why, steps = present(action, pack, loc, currency)
        name, external = accounts.get(action.account_id, ("", None))
        items.append(
            QueueItem(
                action=action,
                account=name,
                account_external_id=external,
                owner=people.get(action.owner_id) if action.owner_id else None,
                title=title,
                why=why,
                steps=tuple((t, s.done) for t, s in zip(steps, action.steps, strict=False)),
            )
        )
    return items
