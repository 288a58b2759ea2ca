"""The account page's charts: csdesk.charts builders fed with what the page already read."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from csdesk.domain.movement import MrrMonth
from csdesk.store.queries.timeline import TimelineItem
from csdesk.ui.chart_view import chart_theme
from csdesk.ui.health_view import HealthView
from csdesk.ui.session import Session

if TYPE_CHECKING:
    from matplotlib.figure import Figure

SIZE = (9.0, 2.6)


def revenue_figure(session: Session, history: list[MrrMonth]) -> Figure:
    import pandas as pd

    from csdesk.charts.revenue import revenue_history

    frame = pd.DataFrame(
        {"month": [str(m.month) for m in history], "mrr": [m.mrr for m in history]}
    )
    return revenue_history(
        frame,
        currency=session.currency,
        lang=session.lang,
        theme=chart_theme(),
        size=SIZE,
    )


def health_figure(session: Session, view: HealthView) -> Figure:
    from csdesk.charts.health import health_trend

    return health_trend(view.history, lang=session.lang, theme=chart_theme(), size=SIZE)


def timeline_figure(session: Session, items: list[TimelineItem]) -> Figure:
    """Markers by kind over the last twelve months and what is ahead, up to a year (the
    renewal date, usually); or, when nothing happened in those months, the twelve months up
    to the newest entry (a data room exported long ago), so the chart never says "no
    events" above a list of them."""
    import pandas as pd

    from csdesk.charts.timeline import timeline_axis

    today = date.today()
    ahead = [item.at.date() for item in items if item.at.date() > today]
    start = today - timedelta(days=365)
    end = min(max([today + timedelta(days=30), *ahead]), today + timedelta(days=365))
    shown = [item for item in items if start <= item.at.date() <= end]
    if not shown and items:
        newest = max(item.at.date() for item in items)
        start, end = newest - timedelta(days=365), newest + timedelta(days=30)
        shown = [item for item in items if start <= item.at.date() <= end]
    frame = pd.DataFrame(
        {"at": [item.at for item in shown], "kind": [str(item.kind) for item in shown]}
    )
    return timeline_axis(
        frame,
        start=start,
        end=end,
        lang=session.lang,
        theme=chart_theme(),
        title="",
        size=(12, 2.0),
    )
