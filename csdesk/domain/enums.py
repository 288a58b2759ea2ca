"""The closed vocabularies of the domain.

Values are the lowercase strings stored in the workspace and accepted on the command line,
so an enum member round-trips through SQLite and JSON unchanged.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """The four roles that work on a customer after the sale (see DESIGN.md, the domain)."""

    CS = "cs"
    AM = "am"
    SUPPORT = "support"
    CX = "cx"


class AccountStatus(StrEnum):
    ACTIVE = "active"
    CHURNED = "churned"


class LifecycleStage(StrEnum):
    ONBOARDING = "onboarding"
    ADOPTION = "adoption"
    MATURE = "mature"
    RENEWAL = "renewal"
    AT_RISK = "at_risk"
    CHURNED = "churned"


class EventKind(StrEnum):
    """Kinds of timeline entries a person logs or an import brings in."""

    MEETING = "meeting"
    QBR = "qbr"
    CALL = "call"
    EMAIL = "email"
    NOTE = "note"
    MILESTONE = "milestone"
    ONBOARDING_STEP = "onboarding_step"
    ESCALATION = "escalation"
    RENEWAL = "renewal"
    CHAMPION_CHANGE = "champion_change"
    CHURN = "churn"


class DerivedEventKind(StrEnum):
    """Timeline entries derived from other tables rather than logged as events."""

    REVENUE_MOVEMENT = "revenue_movement"
    TICKET = "ticket"
    SURVEY = "survey"
    RENEWAL_DUE = "renewal_due"


class MovementKind(StrEnum):
    """How an account's MRR moved from one month to the next (DESIGN.md, MRR movement)."""

    NEW = "new"
    EXPANSION = "expansion"
    CONTRACTION = "contraction"
    CHURN = "churn"
    REACTIVATION = "reactivation"


class SurveyType(StrEnum):
    NPS = "nps"
    CSAT = "csat"
    CES = "ces"

    @property
    def scale(self) -> tuple[int, int]:
        """The inclusive score range of this survey type (NPS 0-10, CSAT 1-5, CES 1-7)."""
        return _SURVEY_SCALES[self]


_SURVEY_SCALES = {SurveyType.NPS: (0, 10), SurveyType.CSAT: (1, 5), SurveyType.CES: (1, 7)}


class OpportunityKind(StrEnum):
    UPSELL = "upsell"
    CROSS_SELL = "cross_sell"
    RENEWAL = "renewal"


class OpportunityStage(StrEnum):
    IDENTIFIED = "identified"
    QUALIFIED = "qualified"
    PROPOSAL = "proposal"
    NEGOTIATION = "negotiation"
    CLOSED_WON = "closed_won"
    CLOSED_LOST = "closed_lost"


class OpportunityOutcome(StrEnum):
    OPEN = "open"
    WON = "won"
    LOST = "lost"


class GoalStatus(StrEnum):
    NOT_STARTED = "not_started"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    ACHIEVED = "achieved"
    MISSED = "missed"


class BillingPeriod(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    SEMIANNUAL = "semiannual"
    ANNUAL = "annual"

    @property
    def months(self) -> int:
        """How many months one invoice of this period covers (MRR = value / months)."""
        return _BILLING_MONTHS[self]


_BILLING_MONTHS = {
    BillingPeriod.MONTHLY: 1,
    BillingPeriod.QUARTERLY: 3,
    BillingPeriod.SEMIANNUAL: 6,
    BillingPeriod.ANNUAL: 12,
}


class TicketPriority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class HealthBand(StrEnum):
    HEALTHY = "healthy"
    AT_RISK = "at_risk"
    CRITICAL = "critical"


class Entity(StrEnum):
    """What an imported sheet holds; the names `--entity` accepts."""

    ACCOUNTS = "accounts"
    REVENUE = "revenue"
    CONTRACTS = "contracts"
    TICKETS = "tickets"
    SURVEYS = "surveys"
    USAGE = "usage"
    EVENTS = "events"
    OPPORTUNITIES = "opportunities"
    CONTACTS = "contacts"
    PEOPLE = "people"
    GOALS = "goals"


class BatchState(StrEnum):
    DONE = "done"
    UNDONE = "undone"
