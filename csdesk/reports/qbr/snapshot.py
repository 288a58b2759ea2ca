"""The figures a QBR showed, kept when it is exported, and what changed against them.

Exporting a pack stores a snapshot (health and its components, MRR, usage, tickets, NPS, open
risks); the next quarter's pack reads "what changed since the last QBR" from that snapshot, so
a health fall of 26 points or tickets going from 4 to 26 is said even when the timeline logged
nothing notable, and lists the actions the team closed since.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from csdesk.i18n import N_
from csdesk.reports.qbr.model import Change, QbrContent
from csdesk.store.queries.snapshots import actions_done_since, previous_snapshot, save_snapshot
from csdesk.store.workspace import Workspace


def figures_of(ws: Workspace, content: QbrContent) -> dict[str, Any]:
    """What the pack showed, as plain JSON values."""
    open_risks = ws.scalar(
        "SELECT count(*) FROM risks WHERE account_id = ? AND stage NOT IN ('recovered', 'lost')",
        (content.account_id,),
    )
    return {
        "as_of": str(content.as_of),
        "health": content.health.score,
        "band": str(content.health.band) if content.health.band else None,
        "components": {d.key: d.score for d in content.health.drivers},
        "mrr": content.revenue.mrr,
        "active_users": content.adoption.active_users,
        "seats": content.adoption.seats,
        "tickets": content.support.tickets,
        "escalations": content.support.escalations,
        "nps": content.experience.nps,
        "nps_responses": content.experience.responses,
        "open_risks": int(open_risks or 0),
        "risks": list(content.risks),
    }


def take(ws: Workspace, content: QbrContent, on: date) -> int | None:
    """Store the snapshot of an exported pack (not when the workspace is open read-only)."""
    if ws.read_only:
        return None
    return save_snapshot(ws, content.account_id, str(content.quarter), on, figures_of(ws, content))


HEALTH_MOVED = N_("Health score went from {before} to {after} since the last QBR")
TICKETS_MOVED = N_("Tickets in the quarter: {before} at the last QBR, {after} now")
NPS_MOVED = N_("NPS went from {before} to {after}")
MRR_MOVED = N_("MRR went from {before} to {after}")
USERS_MOVED = N_("Active users went from {before} to {after}")


def _moved(before: Any, after: Any, least: float) -> bool:
    if before is None or after is None:
        return False
    return abs(float(after) - float(before)) >= least


def changes_since_snapshot(ws: Workspace, content: QbrContent, _: Any) -> tuple[date, list[Change]]:
    """(the day of the last QBR's snapshot, the changes against it); (date.min, []) when no
    earlier quarter's pack was exported."""
    from csdesk.domain.enums import Role
    from csdesk.i18n.formatting import money, number
    from csdesk.i18n.labels import label

    snap = previous_snapshot(ws, content.account_id, str(content.quarter))
    if snap is None:
        return date.min, []
    lang = content.language
    then, when = snap.figures, content.as_of.last_day
    changes: list[Change] = []

    def count(value: float) -> str:
        return number(value, lang)

    def cash(value: float) -> str:
        return money(value, content.currency, lang, cents=False)

    # (snapshot key, the figure now, the least change worth saying, how it is said, written as)
    compared = (
        ("health", content.health.score, 1, HEALTH_MOVED, count),
        ("tickets", content.support.tickets, 1, TICKETS_MOVED, count),
        ("nps", content.experience.nps, 1, NPS_MOVED, count),
        ("mrr", content.revenue.mrr, 0.01, MRR_MOVED, cash),
        ("active_users", content.adoption.active_users, 1, USERS_MOVED, count),
    )
    for key, now, least, sentence, shown in compared:
        if _moved(then.get(key), now, least):
            text = _(sentence).format(before=shown(float(then[key])), after=shown(float(now or 0)))
            changes.append(Change(when, text))
    for closed, title, role in actions_done_since(ws, content.account_id, snap.taken_on, when):
        role_name = label(Role(role)) if role in Role._value2member_map_ else role
        changes.append(
            Change(closed, _("Done: {title} ({role})").format(title=title, role=role_name))
        )
    return snap.taken_on, changes
