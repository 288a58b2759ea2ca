"""NRR, GRR and logo churn under other tools' conventions, read in a background job.

``csdesk.metrics.conventions.trailing`` recomputes the revenue matrix, so it runs off the GUI
thread like the portfolio figures and is kept in the session's cache per as-of month, until
revenue, contracts, accounts or settings change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from csdesk.domain.month import Month
from csdesk.store import Workspace
from csdesk.ui.workers import JobSlot

CACHE_KEY = "conventions"


def compute(ws: Workspace, as_of: Month, progress: Callable[[float, str], None]) -> list[Any]:
    """Every convention's figure over the 12 months ending ``as_of`` (ConventionFigure rows),
    then logo churn as each named billing tool counts it (PresetResult rows), as in the
    audit: a client's ChartMogul or Stripe churn rate is the one they will quote."""
    from csdesk.metrics import conventions, mrr_source, tool_presets

    progress(0.0, "Computing other tools' conventions")
    data = mrr_source.load(ws, through=as_of)  # read once for both
    figures: list[Any] = list(conventions.compare(data, as_of - 12, as_of))
    if data.first is not None and data.column(as_of - 12) is not None:
        free = tool_presets.free_months(ws)
        figures += tool_presets.recompute_all(data, as_of - 12, as_of, free)
    progress(1.0, "Other tools' conventions computed")
    return figures


# What the conventions' figures are made from: the revenue matrix and the accounts in it.
MADE_FROM = frozenset({"revenue", "contracts", "accounts", "settings"})


def request(
    session: Any, as_of: Month, done: Callable[[list[Any]], None], slot: JobSlot | None = None
) -> None:
    """Hand ``done`` the figures: from the session's cache, or from a new background job
    (through the caller's ``slot``, which supersedes what it waited for before)."""
    from csdesk.ui.translate import _

    key = f"{CACHE_KEY}:{as_of}"
    cached = session.cache.get(key)
    if isinstance(cached, list):
        if slot is not None:
            slot.cancel()  # an answer is here: the one still coming is older
        done(cached)
        return

    def keep(result: object) -> None:
        figures = list(result) if isinstance(result, list) else []
        session.remember(key, figures, MADE_FROM)
        done(figures)

    title = _("Computing other tools' conventions")
    work = lambda progress: compute(session.ws, as_of, progress)  # noqa: E731
    if slot is not None:
        slot.start(session.runner, title, work, done=keep)
    else:
        session.runner.submit(title, work, done=keep)
