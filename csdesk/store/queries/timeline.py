"""An account's story in one list: logged events plus what other tables imply.

Besides the events a person logged or imported, the timeline shows revenue movements, tickets,
survey responses and the renewal date, each attributed to the role that owns that kind of
work (DESIGN.md): revenue movements and renewals to Account Management, tickets to Support,
surveys to CX. Logged events carry the role recorded with them. Items come newest first.

Revenue movements are the caller's to give: the metrics engine defines them
(:func:`csdesk.metrics.revenue.account_history`), and the store sits below the metrics.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime

from csdesk.domain.entities import TimelineEvent
from csdesk.domain.enums import DerivedEventKind, EventKind, MovementKind, Role, SurveyType
from csdesk.domain.movement import MrrMonth
from csdesk.errors import N_, CsdeskError
from csdesk.store.queries._convert import to_date, to_datetime
from csdesk.store.workspace import Workspace

TimelineKind = EventKind | DerivedEventKind

DERIVED_ROLES: dict[DerivedEventKind, Role] = {
    DerivedEventKind.REVENUE_MOVEMENT: Role.AM,
    DerivedEventKind.RENEWAL_DUE: Role.AM,
    DerivedEventKind.TICKET: Role.SUPPORT,
    DerivedEventKind.SURVEY: Role.CX,
}


@dataclass(frozen=True, slots=True)
class TimelineItem:
    """One entry of the timeline. ``event_id`` is set for logged events only."""

    at: datetime
    kind: TimelineKind
    role: Role | None
    title: str
    body: str | None = None
    event_id: int | None = None
    person: str | None = None
    movement: MovementKind | None = None
    amount: float | None = None
    survey_type: SurveyType | None = None
    score: int | None = None
    priority: str | None = None
    escalated: bool = False
    resolved: bool | None = None


def timeline(
    ws: Workspace,
    account_id: int,
    *,
    movements: Iterable[MrrMonth],
    kinds: Collection[TimelineKind] | None = None,
    roles: Collection[Role] | None = None,
) -> list[TimelineItem]:
    """The account's timeline, newest first, keeping only ``kinds`` and ``roles`` when given.

    ``movements`` is the account's revenue history (``revenue.account_history``); each month
    that moved becomes an entry. With a role filter, entries logged without a role are left out.
    """
    wanted_kinds = None if kinds is None else set(kinds)
    wanted_roles = None if roles is None else set(roles)

    def wants(kind: TimelineKind) -> bool:
        if wanted_kinds is not None and kind not in wanted_kinds:
            return False
        if wanted_roles is not None and isinstance(kind, DerivedEventKind):
            return DERIVED_ROLES[kind] in wanted_roles
        return True

    items: list[TimelineItem] = []
    logged = [k for k in EventKind if wants(k)]
    if logged:
        items.extend(_logged_events(ws, account_id, logged, wanted_roles))
    if wants(DerivedEventKind.REVENUE_MOVEMENT):
        items.extend(_revenue_items(movements))
    if wants(DerivedEventKind.TICKET):
        items.extend(_ticket_items(ws, account_id))
    if wants(DerivedEventKind.SURVEY):
        items.extend(_survey_items(ws, account_id))
    if wants(DerivedEventKind.RENEWAL_DUE):
        items.extend(_renewal_items(ws, account_id))
    items.sort(key=lambda item: (item.at, item.event_id or 0), reverse=True)
    return items


def _logged_events(
    ws: Workspace, account_id: int, kinds: list[EventKind], roles: set[Role] | None
) -> list[TimelineItem]:
    sql = (
        "SELECT e.id, e.at, e.kind, e.role, e.title, e.body, p.name FROM events e "
        "LEFT JOIN people p ON p.id = e.person_id WHERE e.account_id = ?"
    )
    params: list[object] = [account_id]
    if len(kinds) < len(EventKind):
        sql += f" AND e.kind IN ({', '.join('?' for _ in kinds)})"
        params.extend(str(k) for k in kinds)
    if roles is not None:
        sql += f" AND e.role IN ({', '.join('?' for _ in roles) or 'NULL'})"
        params.extend(str(r) for r in roles)
    items = []
    for event_id, at, kind, role, title, body, person in ws.query(sql, params):
        when = to_datetime(at)
        if when is None:
            continue
        try:
            event_kind: TimelineKind = EventKind(kind)
        except ValueError:
            event_kind = EventKind.NOTE
        items.append(
            TimelineItem(
                at=when,
                kind=event_kind,
                role=Role(role) if role else None,
                title=title,
                body=body,
                event_id=event_id,
                person=person,
            )
        )
    return items


def _revenue_items(movements: Iterable[MrrMonth]) -> list[TimelineItem]:
    return [
        TimelineItem(
            at=datetime.combine(month.month.first_day, datetime.min.time()),
            kind=DerivedEventKind.REVENUE_MOVEMENT,
            role=DERIVED_ROLES[DerivedEventKind.REVENUE_MOVEMENT],
            title=str(month.movement),
            movement=month.movement,
            amount=month.change,
        )
        for month in movements
        if month.movement is not None
    ]


def _ticket_items(ws: Workspace, account_id: int) -> list[TimelineItem]:
    rows = ws.query(
        "SELECT opened_at, external_id, subject, priority, escalated, resolved_at "
        "FROM tickets WHERE account_id = ?",
        (account_id,),
    )
    items = []
    for opened, external_id, subject, priority, escalated, resolved in rows:
        when = to_datetime(opened)
        if when is None:
            continue
        items.append(
            TimelineItem(
                at=when,
                kind=DerivedEventKind.TICKET,
                role=Role.SUPPORT,
                title=subject or external_id or "",
                priority=priority,
                escalated=bool(escalated),
                resolved=resolved is not None,
            )
        )
    return items


def _survey_items(ws: Workspace, account_id: int) -> list[TimelineItem]:
    rows = ws.query(
        "SELECT date, type, score, comment, contact FROM surveys WHERE account_id = ?",
        (account_id,),
    )
    items = []
    for day, kind, score, comment, contact in rows:
        when = to_datetime(day)
        if when is None:
            continue
        items.append(
            TimelineItem(
                at=when,
                kind=DerivedEventKind.SURVEY,
                role=Role.CX,
                title=comment or "",
                person=contact,
                survey_type=SurveyType(kind),
                score=int(score),
            )
        )
    return items


def _renewal_items(ws: Workspace, account_id: int) -> list[TimelineItem]:
    day = to_date(ws.scalar("SELECT renewal_date FROM accounts WHERE id = ?", (account_id,)))
    if day is None:
        return []
    return [
        TimelineItem(
            at=datetime(day.year, day.month, day.day),
            kind=DerivedEventKind.RENEWAL_DUE,
            role=Role.AM,
            title="",
        )
    ]


# -- writing ---------------------------------------------------------------------------------


def add_event(
    ws: Workspace,
    account_id: int,
    kind: EventKind,
    title: str,
    *,
    body: str | None = None,
    role: Role | None = None,
    at: datetime | None = None,
    person_id: int | None = None,
) -> int:
    """Log one timeline entry at once (no Save button); return its id."""
    title = title.strip()
    if not title:
        raise CsdeskError(N_("a timeline entry needs a title; type one and save again."))
    if ws.scalar("SELECT 1 FROM accounts WHERE id = ?", (account_id,)) is None:
        raise CsdeskError(
            N_("there is no account with id {account_id} in {path}."),
            account_id=account_id,
            path=ws.path,
        )
    when = (at or datetime.now()).replace(microsecond=0)
    with ws.transaction() as conn:
        cursor = conn.execute(
            "INSERT INTO events (account_id, at, kind, role, person_id, title, body) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                account_id,
                when.isoformat(sep=" "),
                str(kind),
                str(role) if role else None,
                person_id,
                title,
                body.strip() or None if body else None,
            ),
        )
        return int(cursor.lastrowid or 0)


def delete_event(ws: Workspace, event_id: int) -> TimelineEvent:
    """Remove one logged entry and return it as it was, so that it can be put back."""
    rows = ws.query(
        "SELECT account_id, at, kind, role, person_id, title, body FROM events WHERE id = ?",
        (event_id,),
    )
    if not rows:
        raise CsdeskError(N_("the timeline entry {event_id} no longer exists."), event_id=event_id)
    account_id, at, kind, role, person_id, title, body = rows[0]
    with ws.transaction() as conn:
        conn.execute("DELETE FROM events WHERE id = ?", (event_id,))
    return TimelineEvent(
        id=event_id,
        account_id=account_id,
        at=to_datetime(at) or datetime.now(),
        kind=EventKind(kind) if kind in EventKind._value2member_map_ else EventKind.NOTE,
        title=title,
        role=Role(role) if role else None,
        person_id=person_id,
        body=body,
    )


def restore_event(ws: Workspace, event: TimelineEvent) -> int:
    """Put back an entry :func:`delete_event` removed, under its old id when that is free."""
    with ws.transaction() as conn:
        free = event.id is not None and (
            conn.execute("SELECT 1 FROM events WHERE id = ?", (event.id,)).fetchone() is None
        )
        cursor = conn.execute(
            "INSERT INTO events (id, account_id, at, kind, role, person_id, title, body) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                event.id if free else None,
                event.account_id,
                event.at.replace(microsecond=0).isoformat(sep=" "),
                str(event.kind),
                str(event.role) if event.role else None,
                event.person_id,
                event.title,
                event.body,
            ),
        )
        return int(cursor.lastrowid or 0)
