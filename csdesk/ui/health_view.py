"""An account's health as the account page shows it, read in a background job."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from csdesk.store import Workspace

if TYPE_CHECKING:
    from csdesk.metrics.health import HealthExplanation


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
