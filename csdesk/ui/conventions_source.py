"""NRR, GRR and logo churn under other tools' conventions, read in a background job.

``csdesk.metrics.conventions.trailing`` recomputes the revenue matrix, so it runs off the GUI
thread like the portfolio figures and is kept in the session's cache (cleared on data change)
per as-of month.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from csdesk.domain.month import Month
from csdesk.store import Workspace

CACHE_KEY = "conventions"


def compute(ws: Workspace, as_of: Month, progress: Callable[[float, str], None]) -> list[Any]:
    """Every convention's figure over the 12 months ending ``as_of`` (ConventionFigure rows)."""
    from csdesk.metrics import conventions

    progress(0.0, "Computing other tools' conventions")
    figures = conventions.trailing(ws, as_of)
    progress(1.0, "Other tools' conventions computed")
    return figures


def request(session: Any, as_of: Month, done: Callable[[list[Any]], None]) -> None:
    """Hand ``done`` the figures: from the session's cache, or from a new background job."""
    from csdesk.ui.translate import _

    key = f"{CACHE_KEY}:{as_of}"
    cached = session.cache.get(key)
    if isinstance(cached, list):
        done(cached)
        return

    def keep(result: object) -> None:
        figures = list(result) if isinstance(result, list) else []
        session.cache[key] = figures
        done(figures)

    session.runner.submit(
        _("Computing other tools' conventions"),
        lambda progress: compute(session.ws, as_of, progress),
        done=keep,
    )
