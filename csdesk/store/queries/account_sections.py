"""The sections of an account page below its header: tickets, surveys, opportunities, goals.

Each returns plain rows ready to list; the app formats them for the reader's locale. Summaries
count what the section's rows hold so the page never scans them itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from csdesk.domain.entities import goal_progress
from csdesk.domain.enums import Role, SurveyType
from csdesk.store.queries._convert import to_date, to_datetime
from csdesk.store.workspace import Workspace


@dataclass(frozen=True, slots=True)
class TicketRow:
    opened_at: datetime | None
    external_id: str | None
    subject: str | None
    priority: str | None
    channel: str | None
    resolved_at: datetime | None
    handle_minutes: float | None
    csat: int | None
    escalated: bool


@dataclass(frozen=True, slots=True)
class TicketSummary:
    total: int
    open: int
    escalated: int
    mean_handle_minutes: float | None
    rows: list[TicketRow]


def tickets(ws: Workspace, account_id: int, *, limit: int = 200) -> TicketSummary:
    """Counts over all of the account's tickets, and the ``limit`` most recent ones."""
    total, still_open, escalated, handle = ws.query(
        "SELECT count(*), sum(resolved_at IS NULL), sum(coalesce(escalated, 0)), "
        "avg(handle_minutes) FROM tickets WHERE account_id = ?",
        (account_id,),
    )[0]
    rows = ws.query(
        "SELECT opened_at, external_id, subject, priority, channel, resolved_at, "
        "handle_minutes, csat, escalated FROM tickets WHERE account_id = ? "
        "ORDER BY opened_at DESC LIMIT ?",
        (account_id, limit),
    )
    return TicketSummary(
        total=int(total),
        open=int(still_open or 0),
        escalated=int(escalated or 0),
        mean_handle_minutes=handle,
        rows=[
            TicketRow(
                opened_at=to_datetime(r[0]),
                external_id=r[1],
                subject=r[2],
                priority=r[3],
                channel=r[4],
                resolved_at=to_datetime(r[5]),
                handle_minutes=r[6],
                csat=r[7],
                escalated=bool(r[8]),
            )
            for r in rows
        ],
    )


@dataclass(frozen=True, slots=True)
class SurveyRow:
    date: date | None
    type: SurveyType
    score: int
    contact: str | None
    comment: str | None


@dataclass(frozen=True, slots=True)
class SurveySummary:
    """Responses by type and the latest score of each type."""

    responses: dict[SurveyType, int]
    latest: dict[SurveyType, int]
    rows: list[SurveyRow]


def surveys(ws: Workspace, account_id: int, *, limit: int = 200) -> SurveySummary:
    rows = ws.query(
        "SELECT date, type, score, contact, comment FROM surveys WHERE account_id = ? "
        "ORDER BY date DESC, id DESC",
        (account_id,),
    )
    responses: dict[SurveyType, int] = {}
    latest: dict[SurveyType, int] = {}
    for _day, kind, score, _contact, _comment in rows:
        survey_type = SurveyType(kind)
        responses[survey_type] = responses.get(survey_type, 0) + 1
        latest.setdefault(survey_type, int(score))
    return SurveySummary(
        responses=responses,
        latest=latest,
        rows=[
            SurveyRow(to_date(r[0]), SurveyType(r[1]), int(r[2]), r[3], r[4]) for r in rows[:limit]
        ],
    )


@dataclass(frozen=True, slots=True)
class OpportunityRow:
    kind: str
    stage: str
    outcome: str
    amount: float | None
    raised_by: str | None
    raised_role: Role | None
    owner: str | None
    owner_role: Role | None
    created: date | None
    closed: date | None


def opportunities(ws: Workspace, account_id: int) -> list[OpportunityRow]:
    """The account's opportunities, open ones first, then newest first."""
    rows = ws.query(
        """
        SELECT o.kind, o.stage, o.outcome, o.amount, rb.name, o.raised_role, ow.name,
               o.owner_role, o.created, o.closed
        FROM opportunities o
        LEFT JOIN people rb ON rb.id = o.raised_by_id
        LEFT JOIN people ow ON ow.id = o.owner_id
        WHERE o.account_id = ?
        ORDER BY (o.outcome != 'open'), o.created DESC, o.id DESC
        """,
        (account_id,),
    )
    return [
        OpportunityRow(
            kind=r[0],
            stage=r[1],
            outcome=r[2],
            amount=r[3],
            raised_by=r[4],
            raised_role=_role(r[5]),
            owner=r[6],
            owner_role=_role(r[7]),
            created=to_date(r[8]),
            closed=to_date(r[9]),
        )
        for r in rows
    ]


@dataclass(frozen=True, slots=True)
class GoalRow:
    objective: str
    metric: str | None
    baseline: float | None
    target: float | None
    current: float | None
    due: date | None
    status: str

    @property
    def progress(self) -> float | None:
        """Share of the way from baseline to target (0..1), None when it cannot be told."""
        return goal_progress(self.baseline, self.target, self.current, bounded=True)


def goals(ws: Workspace, account_id: int) -> list[GoalRow]:
    """The success plan, soonest due first (goals without a due date last)."""
    rows = ws.query(
        "SELECT objective, metric, baseline, target, current, due, status FROM goals "
        "WHERE account_id = ? ORDER BY due IS NULL, due, id",
        (account_id,),
    )
    return [GoalRow(r[0], r[1], r[2], r[3], r[4], to_date(r[5]), r[6]) for r in rows]


def _role(text: str | None) -> Role | None:
    if not text:
        return None
    try:
        return Role(text.lower())
    except ValueError:
        return None
