"""The entities of a CS portfolio as plain, immutable records.

They mirror the workspace tables (see csdesk/store/migrations) one to one. Identifiers are
the workspace's integer ids; ``external_id`` fields keep the client's own ids. Optional fields
are None when unknown: csdesk never invents a zero for a value nobody recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from csdesk.domain.enums import (
    AccountStatus,
    BatchState,
    BillingPeriod,
    Entity,
    EventKind,
    GoalStatus,
    OpportunityKind,
    OpportunityOutcome,
    OpportunityStage,
    Role,
    SurveyType,
)
from csdesk.domain.month import Month


@dataclass(frozen=True, slots=True)
class Person:
    """A member of the vendor's team (CSM, AM, support agent, CX lead)."""

    id: int | None
    name: str
    role: Role
    email: str | None = None
    capacity_hours: float | None = None  # available hours per week


@dataclass(frozen=True, slots=True)
class Account:
    id: int | None
    name: str
    external_id: str | None = None
    segment: str | None = None
    tier: str | None = None
    industry: str | None = None
    region: str | None = None
    country: str | None = None
    lifecycle_stage: str | None = None
    status: AccountStatus = AccountStatus.ACTIVE
    start_date: date | None = None
    renewal_date: date | None = None
    contract_value: float | None = None
    currency: str | None = None
    csm_id: int | None = None
    am_id: int | None = None
    support_owner_id: int | None = None
    seats: int | None = None
    notes: str | None = None


@dataclass(frozen=True, slots=True)
class Contact:
    """A stakeholder at the customer. Personal data: anonymised exports replace it."""

    id: int | None
    account_id: int
    name: str
    title: str | None = None
    email: str | None = None
    phone: str | None = None
    influence: str | None = None


@dataclass(frozen=True, slots=True)
class RevenueMonth:
    account_id: int
    month: Month
    mrr: float


@dataclass(frozen=True, slots=True)
class Contract:
    id: int | None
    account_id: int
    start_date: date
    end_date: date | None  # None: still running
    mrr: float
    external_id: str | None = None
    product: str | None = None
    value: float | None = None
    billing_period: BillingPeriod | None = None
    auto_renew: bool | None = None
    status: str | None = None


@dataclass(frozen=True, slots=True)
class Ticket:
    id: int | None
    account_id: int
    opened_at: datetime
    external_id: str | None = None
    first_response_at: datetime | None = None
    resolved_at: datetime | None = None
    first_response_minutes: float | None = None
    resolution_hours: float | None = None
    priority: str | None = None
    channel: str | None = None
    contacts: int | None = None  # contacts needed to resolve (FCR when 1)
    reopened: bool | None = None
    handle_minutes: float | None = None
    csat: int | None = None
    escalated: bool | None = None
    subject: str | None = None
    assignee_id: int | None = None


@dataclass(frozen=True, slots=True)
class SurveyResponse:
    id: int | None
    account_id: int
    date: date
    type: SurveyType
    score: int
    contact: str | None = None
    comment: str | None = None


@dataclass(frozen=True, slots=True)
class UsageRecord:
    account_id: int
    date: date
    metric: str
    value: float


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    id: int | None
    account_id: int
    at: datetime
    kind: EventKind
    title: str
    role: Role | None = None
    person_id: int | None = None
    body: str | None = None


@dataclass(frozen=True, slots=True)
class Opportunity:
    """CS raises an opportunity; AM negotiates and closes it."""

    id: int | None
    account_id: int
    kind: OpportunityKind
    stage: OpportunityStage
    amount: float | None = None
    raised_by_id: int | None = None
    raised_role: Role | None = None
    owner_id: int | None = None
    owner_role: Role | None = None
    created: date | None = None
    closed: date | None = None
    outcome: OpportunityOutcome = OpportunityOutcome.OPEN


@dataclass(frozen=True, slots=True)
class Goal:
    """One objective of an account's success plan."""

    id: int | None
    account_id: int
    objective: str
    metric: str | None = None
    baseline: float | None = None
    target: float | None = None
    current: float | None = None
    due: date | None = None
    status: GoalStatus = GoalStatus.NOT_STARTED


def goal_progress(
    baseline: float | None, target: float | None, current: float | None, *, bounded: bool = False
) -> float | None:
    """Share of the way from baseline to target; None when a figure is missing.

    Unbounded (a QBR says "130%" of a goal passed, or a slide backwards) a goal whose target is
    its baseline has no way to go: None. ``bounded`` (a progress bar) keeps 0..1 and calls such
    a goal done once the target is reached.
    """
    if baseline is None or target is None or current is None:
        return None
    span = target - baseline
    if not bounded:
        return None if span == 0 else (current - baseline) / span
    if span == 0:
        return 1.0 if current == target else 0.0
    return min(max((current - baseline) / span, 0.0), 1.0)


@dataclass(frozen=True, slots=True)
class ImportBatch:
    id: int
    file_name: str
    content_hash: str
    entity: Entity
    started_at: datetime
    sheet: str | None = None
    finished_at: datetime | None = None
    rows_written: int = 0
    rows_updated: int = 0
    rows_skipped: int = 0
    rows_rejected: int = 0
    accounts_created: int = 0
    state: BatchState = BatchState.DONE
