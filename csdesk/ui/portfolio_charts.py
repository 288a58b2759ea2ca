"""The portfolio's charts: csdesk.charts builders fed with the metrics engine's figures."""

from __future__ import annotations

from typing import TYPE_CHECKING

from csdesk.ui.chart_view import chart_theme
from csdesk.ui.metrics_source import PortfolioFigures
from csdesk.ui.session import Session

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def movements(session: Session, figures: PortfolioFigures, months: int = 24) -> Figure:
    """MRR movements of the last ``months`` months with the MRR line."""
    import pandas as pd

    from csdesk.charts.revenue import mrr_movements

    frame = pd.DataFrame(figures.current.get("movements") or []).tail(months)
    return mrr_movements(
        frame, currency=session.currency, lang=session.lang, theme=chart_theme(), size=(12, 3)
    )


def health(session: Session, figures: PortfolioFigures) -> Figure:
    from csdesk.charts.health import health_distribution

    counts = figures.current.get("health") or {}
    return health_distribution(counts, lang=session.lang, theme=chart_theme(), size=(6, 2.6))


def renewals(session: Session, figures: PortfolioFigures) -> Figure:
    from csdesk.charts.revenue import renewals_by_month

    return renewals_by_month(
        figures.renewals,
        currency=session.currency,
        lang=session.lang,
        theme=chart_theme(),
        size=(6, 2.6),
    )
