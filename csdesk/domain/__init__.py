"""Plain records and vocabularies of the CS domain. No I/O, no Qt.

Names are imported on first use: most callers need one submodule (``csdesk.domain.enums`` or
``.month``), and building every record class at import would cost the app's start-up for
nothing.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_ENTITIES = (
    "Account",
    "Contact",
    "Contract",
    "Goal",
    "ImportBatch",
    "Opportunity",
    "Person",
    "RevenueMonth",
    "SurveyResponse",
    "Ticket",
    "TimelineEvent",
    "UsageRecord",
)
_ENUMS = (
    "AccountStatus",
    "BatchState",
    "BillingPeriod",
    "DerivedEventKind",
    "Entity",
    "EventKind",
    "GoalStatus",
    "HealthBand",
    "LifecycleStage",
    "MovementKind",
    "OpportunityKind",
    "OpportunityOutcome",
    "OpportunityStage",
    "Role",
    "SurveyType",
    "TicketPriority",
)
_HOME = {
    **dict.fromkeys(_ENTITIES, "csdesk.domain.entities"),
    **dict.fromkeys(_ENUMS, "csdesk.domain.enums"),
    "Month": "csdesk.domain.month",
    "MrrMonth": "csdesk.domain.movement",
}

if TYPE_CHECKING:
    from csdesk.domain.entities import (
        Account,
        Contact,
        Contract,
        Goal,
        ImportBatch,
        Opportunity,
        Person,
        RevenueMonth,
        SurveyResponse,
        Ticket,
        TimelineEvent,
        UsageRecord,
    )
    from csdesk.domain.enums import (
        AccountStatus,
        BatchState,
        BillingPeriod,
        DerivedEventKind,
        Entity,
        EventKind,
        GoalStatus,
        HealthBand,
        LifecycleStage,
        MovementKind,
        OpportunityKind,
        OpportunityOutcome,
        OpportunityStage,
        Role,
        SurveyType,
        TicketPriority,
    )
    from csdesk.domain.month import Month
    from csdesk.domain.movement import MrrMonth

__all__ = [
    "Account",
    "AccountStatus",
    "BatchState",
    "BillingPeriod",
    "Contact",
    "Contract",
    "DerivedEventKind",
    "Entity",
    "EventKind",
    "Goal",
    "GoalStatus",
    "HealthBand",
    "ImportBatch",
    "LifecycleStage",
    "Month",
    "MovementKind",
    "MrrMonth",
    "Opportunity",
    "OpportunityKind",
    "OpportunityOutcome",
    "OpportunityStage",
    "Person",
    "RevenueMonth",
    "Role",
    "SurveyResponse",
    "SurveyType",
    "Ticket",
    "TicketPriority",
    "TimelineEvent",
    "UsageRecord",
]


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'csdesk.domain' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value
