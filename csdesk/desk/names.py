"""The names a person reads for the work queue's vocabularies, translated on each call."""

from __future__ import annotations

from csdesk.domain.actions import ActionState, Priority, RiskStage
from csdesk.i18n.translation import N_, gettext

_STATES = {
    ActionState.OPEN: N_("Open"),
    ActionState.SNOOZED: N_("Snoozed"),
    ActionState.DONE: N_("Done"),
    ActionState.DISMISSED: N_("Dismissed"),
}
_PRIORITIES = {Priority.HIGH: N_("High"), Priority.MEDIUM: N_("Medium"), Priority.LOW: N_("Low")}
_GROUPS = {
    "overdue": N_("Overdue"),
    "today": N_("Today"),
    "week": N_("This week"),
    "later": N_("Later"),
}
_RULES = {
    "manual": N_("Added by hand"),
    "renewal_due": N_("Renewal due"),
    "no_touch": N_("No recent touch"),
    "detractor": N_("Detractor"),
    "expansion_signal": N_("Expansion signal"),
    "health_drop": N_("Health drop"),
    "escalation": N_("Escalation"),
    "onboarding_stalled": N_("Onboarding stalled"),
    "single_threaded": N_("Single-threaded"),
    "champion_quiet": N_("Champion quiet"),
}
_RISK_STAGES = {
    RiskStage.AT_RISK: N_("At risk"),
    RiskStage.PLAN: N_("Plan"),
    RiskStage.SAVING: N_("Saving"),
    RiskStage.RECOVERED: N_("Recovered"),
    RiskStage.LOST: N_("Lost"),
}


def state_label(state: ActionState) -> str:
    return gettext(_STATES[state])


def priority_label(priority: Priority) -> str:
    return gettext(_PRIORITIES[priority])


def group_label(group: str) -> str:
    """overdue / today / week / later, as the queue's headings read."""
    return gettext(_GROUPS[group]) if group in _GROUPS else group


def rule_label(rule_id: str) -> str:
    """A rule's short name for filters; a rule a workspace added shows its id made readable."""
    if rule_id in _RULES:
        return gettext(_RULES[rule_id])
    words = rule_id.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def risk_stage_label(stage: RiskStage) -> str:
    return gettext(_RISK_STAGES[stage])
