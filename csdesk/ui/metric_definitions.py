"""What each KPI card means, and where other tools count differently (docs/metrics.md).

A client's billing or CS tool often shows another NRR, GRR or logo churn for the same book; the
card's tooltip says how csdesk counts so that a CSM can explain the gap before anyone asks.
The Revenue page's "How other tools count" table names the conventions with the texts below.
"""

from __future__ import annotations

from csdesk.ui.translate import N_, _

# By the key of `csdesk metrics --json` the card shows.
_DEFINITIONS: dict[str, str] = {
    "mrr": N_(
        "Monthly recurring revenue: what every account pays in the month, from the revenue "
        "sheet, or else from its contracts active on the month's last day."
    ),
    "arr": N_("Annual recurring revenue: 12 × this month's MRR."),
    "arpa": N_("Average revenue per account: MRR over the accounts paying this month."),
    "nrr_12m": N_(
        "Net revenue retention, cohort method: the accounts paying 12 months ago, their MRR "
        "now over their MRR then; accounts that started since are left out. Other tools often "
        "add every expansion, contraction and churn of all accounts (new ones included) to the "
        "starting MRR, or multiply twelve monthly ratios, so their NRR can differ."
    ),
    "grr_12m": N_(
        "Gross revenue retention, cohort method: the accounts paying 12 months ago, each "
        "capped at its MRR then, their MRR now over their MRR then, so it never goes above "
        "100 percent. Other tools often add the contraction and churn of every account, new "
        "ones included, or multiply twelve monthly ratios."
    ),
    "logo_churn_12m": N_(
        "Share of the accounts paying 12 months ago that pay nothing now; one that left and "
        "came back is not churned. Other tools often count every account with a churn in the "
        "period (returns and new accounts that left included), forgive a lapse shorter than "
        "90 days, or divide by the starting plus the new accounts."
    ),
    "gross_mrr_churn": N_("MRR lost this month to churn and contraction, over last month's MRR."),
    "net_mrr_churn": N_(
        "MRR lost this month to churn and contraction, less expansion and reactivation, over "
        "last month's MRR; below zero the existing accounts grew."
    ),
    "active_accounts": N_("Accounts paying something this month."),
    "ltv": N_(
        "Lifetime value: ARPA × gross margin over the mean monthly logo churn of the last 12 "
        "months; unknown when nothing churned."
    ),
    "nps.score": N_(
        "Net Promoter Score over the last 12 months: the share of promoters (9–10) less the "
        "share of detractors (0–6), from −100 to 100."
    ),
    "health.at_risk": N_(
        "Accounts whose health score is below 70 this month: at risk (40–69) and critical "
        "(below 40)."
    ),
    "renewals.due_90d": N_(
        "Renewals due in the 90 days after the as-of day: an account's renewal date, or else "
        "the end dates of its contracts."
    ),
}

_METRICS = {"nrr": N_("NRR"), "grr": N_("GRR"), "logo_churn": N_("Logo churn")}

# convention → (its name, how it counts)
_CONVENTIONS: dict[str, tuple[str, str]] = {
    "csdesk": (
        N_("csdesk (cohort)"),
        N_("Accounts paying at the start, compared with themselves at the end."),
    ),
    "movement_based": (
        N_("Movement-based"),
        N_(
            "Starting MRR plus every expansion, contraction and churn in the period, new "
            "accounts included, over starting MRR."
        ),
    ),
    "compounded_monthly": (
        N_("Compounded monthly"),
        N_("The twelve monthly retention ratios multiplied together."),
    ),
    "churn_events": (
        N_("Churn events"),
        N_(
            "Every account with a churn in the period, including those that came back and new "
            "ones that left, over the accounts at the start."
        ),
    ),
    "churn_events_gap": (
        N_("Churn events, 90-day grace"),
        N_("As churn events, forgiving a lapse when the account pays again within 90 days."),
    ),
    "start_plus_new": (
        N_("Start plus new"),
        N_("Accounts with a churn over the accounts at the start plus the new accounts."),
    ),
}

_GROSS_MOVEMENTS = N_(
    "Starting MRR plus every contraction and churn in the period, new accounts included, over "
    "starting MRR."
)


def definition(key: str) -> str:
    """The translated tooltip of a KPI card; empty for a figure without one."""
    text = _DEFINITIONS.get(key)
    return _(text) if text else ""


def metric_name(metric: str) -> str:
    """``nrr`` → "NRR", ``logo_churn`` → "Logo churn" (translated)."""
    name = _METRICS.get(metric)
    return _(name) if name else metric


def convention_name(convention: str) -> str:
    name = _CONVENTIONS.get(convention)
    return _(name[0]) if name else convention


def convention_rule(metric: str, convention: str, fallback: str) -> str:
    """How a convention counts, translated; the engine's English explanation when unknown."""
    if metric == "grr" and convention == "movement_based":
        return _(_GROSS_MOVEMENTS)
    name = _CONVENTIONS.get(convention)
    return _(name[1]) if name else fallback
