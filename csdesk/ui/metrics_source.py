"""The portfolio figures from the metrics engine, when this build has it.

``csdesk.metrics.portfolio.compute(ws, as_of=...)`` returns the object `csdesk metrics --json`
prints (DESIGN.md). The portfolio page compares each KPI with the month before, so this asks
for both months in one background job.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from csdesk.domain.month import Month
from csdesk.store import Workspace


@dataclass(frozen=True, slots=True)
class PortfolioFigures:
    current: dict[str, Any]
    previous: dict[str, Any] | None


def portfolio_available() -> bool:
    if importlib.util.find_spec("csdesk.metrics.portfolio") is None:
        return False
    return hasattr(importlib.import_module("csdesk.metrics.portfolio"), "compute")


def compute(ws: Workspace, progress: Callable[[float, str], None]) -> PortfolioFigures | None:
    """This month's figures and last month's; None when the workspace has no revenue yet."""
    portfolio = importlib.import_module("csdesk.metrics.portfolio")
    progress(0.0, "Computing portfolio metrics")
    current: dict[str, Any] = portfolio.compute(ws)
    as_of = current.get("as_of")
    if not as_of:
        return None
    progress(0.5, "Computing last month's metrics")
    previous: dict[str, Any] | None = None
    movements = current.get("movements") or []
    if len(movements) > 1:
        previous = portfolio.compute(ws, as_of=Month.parse(str(as_of)) - 1)
    progress(1.0, "Portfolio metrics computed")
    return PortfolioFigures(current, previous)


def pick(figures: dict[str, Any] | None, path: str) -> Any:
    """``figures["nps"]["score"]`` as ``pick(figures, "nps.score")``; None when absent."""
    value: Any = figures
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value
