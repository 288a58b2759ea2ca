"""An account's health as the account page shows it, read in a background job."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from csdesk.store import Workspace
from csdesk.ui.translate import _, ngettext

if TYPE_CHECKING:
    from csdesk.metrics.health import HealthExplanation
    from csdesk.ui.session import Session


@dataclass(frozen=True)
class HealthView:
    explanation: HealthExplanation
    history: Any  # pandas DataFrame: month, score, band, ...


def health_available() -> bool:
    return importlib.util.find_spec("csdesk.metrics.health") is not None


def load_health(ws: Workspace, account_id: int) -> HealthView:
    """Score explanation and the last 12 months' trend (pandas work: run it off the GUI)."""
    from csdesk.metrics import health

    return HealthView(health.explain(ws, account_id), health.history(ws, account_id))


def component_label(name: str) -> str:
    from csdesk.i18n import labels

    return labels.health_component_label(name)


def component_value(name: str, value: float | None, session: Session) -> str:
    """A component's measured value in its own unit: adoption as a share of seats, engagement
    in days since the last CS touch, support load per seat, sentiment on the 0-100 survey
    scale, the financial trend as an MRR change."""
    if value is None:
        return ""
    if name == "adoption":
        return _("{share} of seats active").format(share=session.percent(value, decimals=0))
    if name == "engagement":
        return ngettext(
            "{count} day since a CS touch", "{count} days since a CS touch", round(value)
        ).format(count=session.number(value))
    if name == "support":
        return _("{load} tickets per seat").format(load=session.number(value, decimals=2))
    if name == "financial":
        sign = "+" if value > 0 else ("−" if value < 0 else "")
        return _("MRR {change}").format(change=sign + session.percent(abs(value), decimals=1))
    return session.number(value, decimals=0)
