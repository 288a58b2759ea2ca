"""The work queue's records: actions, their states and playbook steps, and account risks.

An action is one thing a person should do for an account (DESIGN.md, "The work queue"). A rule
of the rule pack raises it, or a person types it (rule ``manual``); it says *why* it exists in
words and numbers, and closing it (done) is logging the touch on the account's timeline.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from csdesk.domain.enums import Role

MANUAL_RULE = "manual"


class ActionState(StrEnum):
    OPEN = "open"
    SNOOZED = "snoozed"
    DONE = "done"
    DISMISSED = "dismissed"

    @property
    def is_open(self) -> bool:
        """Open or snoozed: still someone's to do (a rule keeps at most one per account)."""
        return self in (ActionState.OPEN, ActionState.SNOOZED)


class Priority(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def rank(self) -> int:
        """0 for high: sorts the most urgent first."""
        return _PRIORITY_RANK[self]


_PRIORITY_RANK = {Priority.HIGH: 0, Priority.MEDIUM: 1, Priority.LOW: 2}


class RiskStage(StrEnum):
    """Where the rescue of an account at risk stands; recovered and lost end it."""

    AT_RISK = "at_risk"
    PLAN = "plan"
    SAVING = "saving"
    RECOVERED = "recovered"
    LOST = "lost"

    @property
    def is_final(self) -> bool:
        return self in (RiskStage.RECOVERED, RiskStage.LOST)


@dataclass(frozen=True, slots=True)
class Step:
    """One step of a playbook, ticked on its own."""

    title: str
    done: bool = False


@dataclass(frozen=True, slots=True)
class Action:
    id: int | None
    account_id: int
    rule: str
    owner_role: Role
    title: str
    due: date
    priority: Priority
    why: str = ""
    why_data: dict[str, Any] = field(default_factory=dict)
    owner_id: int | None = None
    informed_role: Role | None = None
    state: ActionState = ActionState.OPEN
    dedupe_key: str = ""
    snoozed_until: date | None = None
    closed_on: date | None = None
    closed_by: str | None = None  # "person" or "rules" (the condition cleared by itself)
    note: str | None = None
    dismiss_reason: str | None = None
    risk_reason: str | None = None
    event_id: int | None = None
    opportunity_id: int | None = None
    steps: tuple[Step, ...] = ()
    created_on: date | None = None
    language: str | None = None  # what title, why and steps were worded in

    @property
    def is_manual(self) -> bool:
        return self.rule == MANUAL_RULE


@dataclass(frozen=True, slots=True)
class Risk:
    """An account at risk of being lost, for a reason of the list, with its stages' starts."""

    id: int | None
    account_id: int
    reason: str
    stage: RiskStage
    opened_on: date
    action_id: int | None = None
    note: str | None = None
    stages: tuple[tuple[RiskStage, date], ...] = ()

    def days_in_stages(self, today: date) -> dict[RiskStage, int]:
        """Days spent in each stage it went through; the current one counts up to ``today``
        (a final stage counts 0: the rescue is over)."""
        out: dict[RiskStage, int] = {}
        ordered = sorted(self.stages, key=lambda s: s[1])
        for i, (stage, since) in enumerate(ordered):
            last = since if stage.is_final else today
            end = ordered[i + 1][1] if i + 1 < len(ordered) else last
            out[stage] = out.get(stage, 0) + max((end - since).days, 0)
        return out
