"""The portfolio figures from the metrics engine, read in one background job per data change.

``csdesk.metrics.portfolio.compute(ws, as_of=...)`` returns the object `csdesk metrics --json`
prints (DESIGN.md). The portfolio page compares each KPI with the month before, so the job
asks for both months; it also gathers the renewals of the next twelve months for the
renewals chart (csdesk.store.queries.renewals). Pages share the result through the session's cache.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from csdesk.domain.month import Month
from csdesk.store import Workspace
from csdesk.ui.workers import JobSlot

if TYPE_CHECKING:
    from csdesk.store.queries.contracts import Overlaps

CACHE_KEY = "portfolio"


@dataclass(frozen=True, slots=True)
class PortfolioFigures:
    current: dict[str, Any]
    previous: dict[str, Any] | None
    renewals: Any  # pandas DataFrame: month, count, value (the next 12 months)
    # The newest ticket, usage, survey or event when open contracts carry the revenue on three
    # months or more past it (csdesk.metrics.data_end); None otherwise.
    activity_end: Month | None = None
    # Contracts of one account and product running at once in the as-of month (their MRR is
    # summed: csdesk.store.queries.contracts); None when there are none.
    overlaps: Overlaps | None = None


def portfolio_available() -> bool:
    """Whether this build has the metrics engine (found without importing it: numpy and
    pandas load in the background job, not while the window opens)."""
    return importlib.util.find_spec("csdesk.metrics.portfolio") is not None


def compute(ws: Workspace, progress: Callable[[float, str], None]) -> PortfolioFigures | None:
    """This month's figures and last month's; None when the workspace has no revenue yet."""
    from csdesk.metrics import data_end, portfolio
    from csdesk.store.queries.contracts import overlaps

    progress(0.0, "Computing portfolio metrics")
    current: dict[str, Any] = portfolio.compute(ws, ticket_csat=True)
    as_of = current.get("as_of")
    if not as_of or not current.get("movements"):
        return None
    month = Month.parse(str(as_of))
    progress(0.4, "Computing last month's metrics")
    previous = (
        portfolio.compute(ws, as_of=month - 1, ticket_csat=True)
        if len(current["movements"]) > 1
        else None
    )
    progress(0.8, "Gathering renewals")
    renewals = renewals_by_month(ws, month)
    activity_end = data_end.stale_end(ws, month, date.today())
    found = overlaps(ws, month.last_day)
    progress(1.0, "Portfolio metrics computed")
    return PortfolioFigures(
        current, previous, renewals, activity_end, found if found.accounts else None
    )


def renewals_by_month(ws: Workspace, as_of: Month) -> Any:
    """Renewals due in each of the twelve months after ``as_of``: month, count, value."""
    import pandas as pd

    from csdesk.store.queries.renewals import renewals_by_month as by_month

    months = by_month(ws, as_of + 1, 12)
    return pd.DataFrame(
        {
            "month": [str(m.month) for m in months],
            "count": [m.count for m in months],
            "value": [m.value for m in months],
        }
    )


def pick(figures: dict[str, Any] | None, path: str) -> Any:
    """``figures["nps"]["score"]`` as ``pick(figures, "nps.score")``; None when absent."""
    value: Any = figures
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def request(
    session: Any, done: Callable[[PortfolioFigures | None], None], slot: JobSlot | None = None
) -> None:
    """Hand ``done`` the figures: from the session's cache, or from a new background job
    (through the caller's ``slot``, which supersedes what it waited for before)."""
    from csdesk.ui.data_change import PORTFOLIO_DATA
    from csdesk.ui.translate import _

    if CACHE_KEY in session.cache:
        if slot is not None:
            slot.cancel()  # an answer is here: the one still coming is older
        done(session.cache[CACHE_KEY])
        return

    def keep(result: object) -> None:
        figures = result if isinstance(result, PortfolioFigures) else None
        session.remember(CACHE_KEY, figures, PORTFOLIO_DATA)
        done(figures)

    title = _("Computing portfolio metrics")
    work = lambda progress: compute(session.ws, progress)  # noqa: E731
    if slot is not None:
        slot.start(session.runner, title, work, done=keep)
    else:
        session.runner.submit(title, work, done=keep)
