"""The account page's charts: csdesk.charts builders fed with what the page already read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from csdesk.store.queries.movements import MonthRevenue
from csdesk.ui.chart_view import chart_theme
from csdesk.ui.health_view import HealthView
from csdesk.ui.session import Session

if TYPE_CHECKING:
    from matplotlib.figure import Figure

SIZE = (9.0, 2.6)


def revenue_figure(session: Session, history: list[MonthRevenue]) -> Figure:
    import pandas as pd

    from csdesk.charts.revenue import revenue_history

    frame = pd.DataFrame(
        {"month": [str(m.month) for m in history], "mrr": [m.mrr for m in history]}
    )
    return revenue_history(
        frame,
        currency=session.currency,
        locale=session.locale,
        theme=chart_theme(),
        size=SIZE,
    )


def health_figure(session: Session, view: HealthView) -> Figure:
    from csdesk.charts.health import health_trend

    return health_trend(view.history, locale=session.locale, theme=chart_theme(), size=SIZE)
