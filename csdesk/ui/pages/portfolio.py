"""Portfolio: the KPIs of the whole book, each against the month before."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from csdesk.domain.enums import HealthBand
from csdesk.domain.month import Month
from csdesk.ui import metrics_source, style
from csdesk.ui.chart_view import ChartView
from csdesk.ui.metrics_source import PortfolioFigures, pick
from csdesk.ui.pages.base import Page
from csdesk.ui.session import Session
from csdesk.ui.translate import _
from csdesk.ui.widgets import Card, EmptyState, muted


@dataclass(frozen=True, slots=True)
class Kpi:
    label: str
    path: str
    kind: str  # money, percent, number
    better_when_higher: bool = True


KPIS = (
    Kpi("MRR", "mrr", "money"),
    Kpi("ARR", "arr", "money"),
    Kpi("NRR (12 months)", "nrr_12m", "percent"),
    Kpi("GRR (12 months)", "grr_12m", "percent"),
    Kpi("Logo churn (12 months)", "logo_churn_12m", "percent", better_when_higher=False),
    Kpi("NPS", "nps.score", "number"),
    Kpi("Accounts at risk", "health.at_risk", "number", better_when_higher=False),
    Kpi("Renewals in 90 days", "renewals.due_90d", "number"),
)

NO_METRICS = _(
    "MRR, ARR, NRR, GRR, logo churn, NPS, accounts at risk and renewals in the next 90 days, "
    "each compared with the month before, will show here once the metrics engine is part of "
    "this build."
)
NO_WORKSPACE = _("Open or create a workspace from the File menu.")


def kpi_value(figures: dict[str, object] | None, kpi: Kpi) -> object:
    """The KPI's figure; "accounts at risk" counts the critical ones too."""
    value = pick(figures, kpi.path)
    if kpi.path == "health.at_risk" and isinstance(value, int | float):
        critical = pick(figures, "health.critical")
        return value + (critical if isinstance(critical, int | float) else 0)
    return value


def format_value(session: Session, kind: str, value: object) -> str:
    number = float(value) if isinstance(value, int | float) else None
    formatters: dict[str, Callable[[float | None], str]] = {
        "money": session.money,
        "percent": session.percent,
        "number": session.number,
    }
    return formatters[kind](number)


def format_change(session: Session, kpi: Kpi, now: object, before: object) -> str:
    """The change since last month: money and counts as differences, ratios in points."""
    if not isinstance(now, int | float) or not isinstance(before, int | float):
        return ""
    delta = float(now) - float(before)
    sign = "+" if delta > 0 else ("−" if delta < 0 else "±")
    if kpi.kind == "percent":
        text = session.number(abs(delta) * 100, decimals=1) + " " + _("pp")
    elif kpi.kind == "money":
        text = session.money(abs(delta))
    else:
        text = session.number(abs(delta))
    return _("{change} vs last month").format(change=sign + text)


class PortfolioPage(Page):
    key = "portfolio"
    title = _("Portfolio")
    icon_name = "layout-dashboard"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.as_of = muted()
        self.layout_.addWidget(self.as_of)
        self.cards_box = QWidget()
        grid = QGridLayout(self.cards_box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(style.SPACING)
        self.cards: dict[str, tuple[Card, Kpi]] = {}
        self.changes: dict[str, QLabel] = {}
        for position, kpi in enumerate(KPIS):
            card = Card(_(kpi.label), "—")
            change = muted()
            card.box.addWidget(change)
            self.changes[kpi.path] = change
            self.cards[kpi.path] = (card, kpi)
            grid.addWidget(card, position // 4, position % 4)
        self.layout_.addWidget(self.cards_box)
        self.charts_box = QWidget()
        charts = QGridLayout(self.charts_box)
        charts.setContentsMargins(0, 0, 0, 0)
        charts.setSpacing(style.SPACING)
        self.movements_chart = ChartView(250)
        self.health_chart = ChartView(200)
        self.renewals_chart = ChartView(200)
        charts.addWidget(self.movements_chart, 0, 0, 1, 2)
        charts.addWidget(self.health_chart, 1, 0)
        charts.addWidget(self.renewals_chart, 1, 1)
        self.layout_.addWidget(self.charts_box)
        self.empty = EmptyState("layout-dashboard", _("Portfolio overview"), NO_METRICS)
        self.layout_.addWidget(self.empty, 1)
        self.layout_.addStretch(1)

    def refresh(self) -> None:
        session = self.session
        if session is None or not metrics_source.portfolio_available():
            self._show_empty(NO_WORKSPACE if session is None else NO_METRICS)
            return
        metrics_source.request(session, self._show)

    def _show_empty(self, body: str) -> None:
        self.cards_box.hide()
        self.charts_box.hide()
        self.as_of.hide()
        self.empty.set_text(_("Portfolio overview"), body)
        self.empty.show()

    def _show(self, figures: object) -> None:
        session = self.session
        if session is None:
            return
        if not isinstance(figures, PortfolioFigures):
            self._show_empty(_("No revenue data yet: import an MRR sheet to see the KPIs."))
            return
        self.empty.hide()
        self.cards_box.show()
        self.charts_box.show()
        self.as_of.show()
        as_of = Month.parse(str(figures.current["as_of"]))
        self.as_of.setText(_("As of {month}").format(month=session.month(as_of)))
        palette = style.current()
        for path, (card, kpi) in self.cards.items():
            now = kpi_value(figures.current, kpi)
            before = kpi_value(figures.previous, kpi)
            card.set_value(format_value(session, kpi.kind, now))
            label = self.changes[path]
            text = format_change(session, kpi, now, before)
            label.setText(text)
            colour = palette.muted
            if isinstance(now, int | float) and isinstance(before, int | float) and now != before:
                improved = (now > before) == kpi.better_when_higher
                colour = palette.health[HealthBand.HEALTHY if improved else HealthBand.CRITICAL]
            label.setStyleSheet(f"color: {colour};")
        self._draw_charts(session, figures)

    def _draw_charts(self, session: Session, figures: PortfolioFigures) -> None:
        from csdesk.ui import portfolio_charts

        self.movements_chart.set_figure(portfolio_charts.movements(session, figures))
        self.health_chart.set_figure(portfolio_charts.health(session, figures))
        self.renewals_chart.set_figure(portfolio_charts.renewals(session, figures))
