"""The names a person reads for the domain's closed vocabularies, translated.

Enum values are storage words (``at_risk``); lists, filters, table headers, chart legends and
reports show ``label(HealthBand.AT_RISK)`` instead ("At risk", "Em risco"). The English names
are marked with ``N_`` here, once, and translated when asked for, in the ``Lang`` given (a
document's) or else the ambient language (the app's). Metric and health-component keys (the
``csdesk metrics --json`` keys) get their display names here too.
"""

from __future__ import annotations

from enum import StrEnum

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
from csdesk.i18n.translation import N_, Translate, gettext

MOVEMENT_KINDS = tuple(kind.value for kind in MovementKind)

_ENUM_NAMES: dict[StrEnum, str] = {
    Role.CS: N_("Customer Success"),
    Role.AM: N_("Account Management"),
    Role.SUPPORT: N_("Support"),
    Role.CX: N_("Customer Experience (CX)"),
    AccountStatus.ACTIVE: N_("Active"),
    AccountStatus.CHURNED: N_("Churned"),
    LifecycleStage.ONBOARDING: N_("Onboarding"),
    LifecycleStage.ADOPTION: N_("Adoption"),
    LifecycleStage.MATURE: N_("Mature"),
    LifecycleStage.RENEWAL: N_("Renewal"),
    LifecycleStage.AT_RISK: N_("At risk"),
    LifecycleStage.CHURNED: N_("Churned"),
    EventKind.MEETING: N_("Meeting"),
    EventKind.QBR: N_("QBR"),
    EventKind.CALL: N_("Call"),
    EventKind.EMAIL: N_("Email"),
    EventKind.NOTE: N_("Note"),
    EventKind.MILESTONE: N_("Milestone"),
    EventKind.ONBOARDING_STEP: N_("Onboarding step"),
    EventKind.ESCALATION: N_("Escalation"),
    EventKind.RENEWAL: N_("Renewal"),
    EventKind.CHAMPION_CHANGE: N_("Champion change"),
    EventKind.CHURN: N_("Churn"),
    DerivedEventKind.REVENUE_MOVEMENT: N_("Revenue movement"),
    DerivedEventKind.TICKET: N_("Ticket"),
    DerivedEventKind.SURVEY: N_("Survey"),
    DerivedEventKind.RENEWAL_DUE: N_("Renewal date"),
    SurveyType.NPS: N_("NPS"),
    SurveyType.CSAT: N_("CSAT"),
    SurveyType.CES: N_("CES"),
    OpportunityKind.UPSELL: N_("Upsell"),
    OpportunityKind.CROSS_SELL: N_("Cross-sell"),
    OpportunityKind.RENEWAL: N_("Renewal"),
    OpportunityStage.IDENTIFIED: N_("Identified"),
    OpportunityStage.QUALIFIED: N_("Qualified"),
    OpportunityStage.PROPOSAL: N_("Proposal"),
    OpportunityStage.NEGOTIATION: N_("Negotiation"),
    OpportunityStage.CLOSED_WON: N_("Closed won"),
    OpportunityStage.CLOSED_LOST: N_("Closed lost"),
    OpportunityOutcome.OPEN: N_("Open"),
    OpportunityOutcome.WON: N_("Won"),
    OpportunityOutcome.LOST: N_("Lost"),
    GoalStatus.NOT_STARTED: N_("Not started"),
    GoalStatus.ON_TRACK: N_("On track"),
    GoalStatus.AT_RISK: N_("At risk"),
    GoalStatus.ACHIEVED: N_("Achieved"),
    GoalStatus.MISSED: N_("Missed"),
    BillingPeriod.MONTHLY: N_("Monthly"),
    BillingPeriod.QUARTERLY: N_("Quarterly"),
    BillingPeriod.SEMIANNUAL: N_("Semiannual"),
    BillingPeriod.ANNUAL: N_("Annual"),
    TicketPriority.LOW: N_("Low"),
    TicketPriority.NORMAL: N_("Normal"),
    TicketPriority.HIGH: N_("High"),
    TicketPriority.URGENT: N_("Urgent"),
    HealthBand.HEALTHY: N_("Healthy"),
    HealthBand.AT_RISK: N_("At risk"),
    HealthBand.CRITICAL: N_("Critical"),
    Entity.ACCOUNTS: N_("Accounts"),
    Entity.REVENUE: N_("Revenue"),
    Entity.CONTRACTS: N_("Contracts"),
    Entity.TICKETS: N_("Tickets"),
    Entity.SURVEYS: N_("Surveys"),
    Entity.USAGE: N_("Usage"),
    Entity.EVENTS: N_("Events"),
    Entity.OPPORTUNITIES: N_("Opportunities"),
    Entity.CONTACTS: N_("Contacts"),
    Entity.PEOPLE: N_("People"),
    Entity.GOALS: N_("Goals"),
    BatchState.DONE: N_("Imported"),
    BatchState.UNDONE: N_("Undone"),
}

_ROLE_SHORT: dict[Role, str] = {
    Role.CS: N_("CS"),
    Role.AM: N_("AM"),
    Role.SUPPORT: N_("Support"),
    Role.CX: N_("CX"),
}

_MOVEMENTS = {
    MovementKind.NEW.value: N_("New"),
    MovementKind.EXPANSION.value: N_("Expansion"),
    MovementKind.CONTRACTION.value: N_("Contraction"),
    MovementKind.CHURN.value: N_("Churn"),
    MovementKind.REACTIVATION.value: N_("Reactivation"),
}
# MovementKind.CHURN equals the string "churn", as EventKind.CHURN does: both read "Churn".
_ENUM_NAMES.update({kind: _MOVEMENTS[kind.value] for kind in MovementKind})

_METRICS = {
    "mrr": N_("MRR"),
    "arr": N_("ARR"),
    "active_accounts": N_("Active accounts"),
    "arpa": N_("ARPA"),
    "nrr_12m": N_("NRR (12 months)"),
    "grr_12m": N_("GRR (12 months)"),
    "nrr": N_("NRR"),
    "grr": N_("GRR"),
    "logo_churn_12m": N_("Logo churn (12 months)"),
    "logo_churn": N_("Logo churn"),
    "gross_mrr_churn": N_("Gross MRR churn"),
    "net_mrr_churn": N_("Net MRR churn"),
    "ltv": N_("LTV"),
    "movements": N_("MRR movements"),
    "nps": N_("NPS"),
    "csat": N_("CSAT"),
    "ces": N_("CES"),
    "promoters": N_("Promoters"),
    "passives": N_("Passives"),
    "detractors": N_("Detractors"),
    "responses": N_("Responses"),
    "support": N_("Support"),
    "tickets": N_("Tickets"),
    "tma_minutes": N_("TMA (average handle time)"),
    "tme_minutes": N_("TME (average wait time)"),
    "resolution_hours": N_("Resolution time"),
    "fcr": N_("FCR (first contact resolution)"),
    "sla": N_("SLA attainment"),
    "renewals": N_("Renewals"),
    "due_90d": N_("Renewals in 90 days"),
    "value_due_90d": N_("Value up for renewal in 90 days"),
    "forecast_90d": N_("Renewal forecast (90 days)"),
    "renewal_rate": N_("Renewal rate"),
    "upsell_rate": N_("Upsell / cross-sell rate"),
    "health": N_("Health score"),
    "healthy": N_("Healthy"),
    "at_risk": N_("At risk"),
    "critical": N_("Critical"),
    "accounts_at_risk": N_("Accounts at risk"),
    "utilisation": N_("Utilisation"),
    "hours_needed": N_("Hours needed"),
    "hours_available": N_("Hours available"),
}

_HEALTH_COMPONENTS = {
    "adoption": N_("Adoption"),
    "engagement": N_("Engagement"),
    "support": N_("Support"),
    "sentiment": N_("Sentiment"),
    "financial": N_("Financial"),
}


def _humanised(key: str) -> str:
    """A readable fallback for a key csdesk has no name for yet ("renewal_due" → "Renewal due")."""
    words = str(key).replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def label(value: StrEnum, lang: Translate | None = None) -> str:
    """The translated display name of a domain enum member (``Role.AM`` → "Gerente de Contas").

    A member of an enum not known here (a movement-kind enum from the metrics, say) is looked
    up by its value among movement kinds, then shown with its words capitalised.
    """
    name = _ENUM_NAMES.get(value)
    if name is not None:
        return (lang or gettext)(name)
    if str(value) in _MOVEMENTS:
        return movement_label(str(value), lang)
    return _humanised(str(value))


def role_short(role: Role, lang: Translate | None = None) -> str:
    """The short tag of a role for narrow columns and timeline chips: CS, AM, Suporte, CX."""
    return (lang or gettext)(_ROLE_SHORT[role])


def movement_label(kind: str, lang: Translate | None = None) -> str:
    """The name of an MRR movement kind (``new``, ``expansion``, ... ``reactivation``)."""
    name = _MOVEMENTS.get(kind)
    return (lang or gettext)(name) if name else _humanised(kind)


def priority_label(value: str | None, lang: Translate | None = None) -> str:
    """A ticket's stored priority (``low`` ... ``urgent``) by its name; other words as typed,
    since a client's help desk may store priorities csdesk has no name for."""
    if not value:
        return ""
    word = value.strip().lower()
    if word in TicketPriority._value2member_map_:
        return label(TicketPriority(word), lang)
    return value


def metric_label(key: str, lang: Translate | None = None) -> str:
    """A metric's name by its ``csdesk metrics --json`` key: ``nrr_12m`` → "NRR (12 meses)"."""
    name = _METRICS.get(key)
    return (lang or gettext)(name) if name else _humanised(key)


def health_component_label(key: str, lang: Translate | None = None) -> str:
    """The name of a health-score component (``adoption`` → "Adoção")."""
    name = _HEALTH_COMPONENTS.get(key)
    return (lang or gettext)(name) if name else _humanised(key)


# A stakeholder's influence group (csdesk.store.queries.stakeholders.INFLUENCE_GROUPS).
_INFLUENCE = {
    "champion": N_("Champion"),
    "decision_maker": N_("Decision maker"),
    "influencer": N_("Influencer"),
    "user": N_("User"),
    "other": N_("Other"),
}


def influence_label(group: str, lang: Translate | None = None) -> str:
    """The name of a stakeholder's influence group (``decision_maker`` → "Decisor")."""
    name = _INFLUENCE.get(group)
    return (lang or gettext)(name) if name else _humanised(group)


# What an imported column can fill (csdesk/resources/ingest/vocabulary.json), by its name in
# the sheet's mapping. The command line's ``--map COLUMN=FIELD`` takes the keys; the app and
# the importer's sentences name the field as a person would.
_FIELDS = {
    "account_id": N_("Account ID"),
    "account": N_("Account"),
    "domain": N_("Domain"),
    "segment": N_("Segment"),
    "tier": N_("Tier"),
    "industry": N_("Industry"),
    "region": N_("Region"),
    "country": N_("Country"),
    "status": N_("Status"),
    "churned": N_("Churned"),
    "lifecycle_stage": N_("Lifecycle stage"),
    "start_date": N_("Start date"),
    "renewal_date": N_("Renewal date"),
    "contract_value": N_("Contract value"),
    "currency": N_("Currency"),
    "mrr": N_("MRR"),
    "csm": N_("CSM"),
    "am": N_("AM"),
    "support_owner": N_("Support owner"),
    "seats": N_("Seats"),
    "notes": N_("Notes"),
    "month": N_("Month"),
    "contract_id": N_("Contract ID"),
    "product": N_("Product"),
    "end_date": N_("End date"),
    "term_months": N_("Term (months)"),
    "value": N_("Value"),
    "billing_period": N_("Billing period"),
    "auto_renew": N_("Auto-renews"),
    "ticket_id": N_("Ticket ID"),
    "opened_at": N_("Opened"),
    "first_response_at": N_("First response"),
    "first_response_minutes": N_("First response (minutes)"),
    "resolved_at": N_("Resolved"),
    "resolution_hours": N_("Resolution (hours)"),
    "priority": N_("Priority"),
    "channel": N_("Channel"),
    "contacts": N_("Contacts"),
    "reopened": N_("Reopened"),
    "handle_minutes": N_("Handling time (minutes)"),
    "csat": N_("CSAT"),
    "escalated": N_("Escalated"),
    "subject": N_("Subject"),
    "contact": N_("Contact"),
    "date": N_("Date"),
    "type": N_("Survey type"),
    "score": N_("Score"),
    "comment": N_("Comment"),
    "metric": N_("Metric"),
    "kind": N_("Kind"),
    "role": N_("Role"),
    "person": N_("Person"),
    "title": N_("Title"),
    "body": N_("Text"),
    "raised_by": N_("Raised by"),
    "raised_role": N_("Raised by (role)"),
    "owner": N_("Owner"),
    "owner_role": N_("Owner (role)"),
    "stage": N_("Stage"),
    "amount": N_("Amount"),
    "probability": N_("Probability"),
    "created": N_("Created"),
    "closed": N_("Closed"),
    "outcome": N_("Outcome"),
    "name": N_("Name"),
    "last_name": N_("Last name"),
    "email": N_("E-mail"),
    "phone": N_("Phone"),
    "influence": N_("Influence"),
    "capacity_hours": N_("Capacity (hours per week)"),
    "objective": N_("Objective"),
    "baseline": N_("Baseline"),
    "target": N_("Target"),
    "due": N_("Due"),
}
# The same key naming something else in one kind of sheet.
_ENTITY_FIELDS = {
    ("contacts", "title"): N_("Job title"),
    ("events", "kind"): N_("Entry kind"),
    ("opportunities", "kind"): N_("Opportunity kind"),
}


def field_label(field: str, entity: str | None = None, lang: Translate | None = None) -> str:
    """The name of an import field (``renewal_date`` → "Data de renovação"), as the field of
    ``entity``'s sheets when it means something else there (a contact's ``title``: "Cargo")."""
    name = _ENTITY_FIELDS.get((entity or "", field)) or _FIELDS.get(field)
    return (lang or gettext)(name) if name else _humanised(field)
