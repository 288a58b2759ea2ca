"""Portfolio: the KPIs of the whole book, each against the month before, and its charts."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from csdesk.domain.month import Month
from csdesk.ui import metrics_source, style
from csdesk.ui.chart_view import ChartView
from csdesk.ui.first_paint import after_first_paint
from csdesk.ui.kpi_cards import Kpi, KpiGrid
from csdesk.ui.metrics_source import PortfolioFigures
from csdesk.ui.pages.base import Page
from csdesk.ui.session import Session
from csdesk.ui.translate import N_, _, ngettext
from csdesk.ui.widgets import EmptyState, muted, unbroken

KPIS = (
    Kpi(N_("MRR"), "mrr", "money"),
    Kpi(N_("ARR"), "arr", "money"),
    Kpi(N_("NRR (12 months)"), "nrr_12m", "percent"),
    Kpi(N_("GRR (12 months)"), "grr_12m", "percent"),
    Kpi(N_("Logo churn (12 months)"), "logo_churn_12m", "percent", better_when_higher=False),
    Kpi(N_("NPS"), "nps.score", "number"),
    Kpi(N_("Accounts at risk"), "health.at_risk", "number", better_when_higher=False),
    Kpi(N_("Renewals in 90 days"), "renewals.due_90d", "number", better_when_higher=None),
)

NO_METRICS = N_(
    "MRR, ARR, NRR, GRR, logo churn, NPS, accounts at risk and renewals in the next 90 days, "
    "each compared with the month before, will show here once the metrics engine is part of "
    "this build."
)
NO_WORKSPACE = N_("Open or create a workspace from the File menu.")
NO_REVENUE = N_("No revenue data yet: import an MRR sheet to see the figures.")


class MetricsPage(Page):
    """A page of figures from the metrics engine: KPI cards above charts and tables."""

    kpis: tuple[Kpi, ...] = ()
    what: str = ""
    # Whether the page's figures are money, which contracts running at once may count twice.
    shows_money = True

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.as_of = muted()
        self.layout_.addWidget(self.as_of)
        # Contracts of one product running at once: their MRR is summed, maybe twice.
        self.overlaps = QLabel()
        self.overlaps.setObjectName("warning")
        self.overlaps.setWordWrap(True)
        self.overlaps.hide()
        self.layout_.addWidget(self.overlaps)
        self.content = QWidget()
        self.content_layout = QGridLayout(self.content)
        self.content_layout.setContentsMargins(0, 0, 0, 0)
        self.content_layout.setSpacing(style.SPACING)
        self.kpi_grid = KpiGrid(self.kpis)
        self.content_layout.addWidget(self.kpi_grid, 0, 0, 1, 2)
        self.layout_.addWidget(self.content, 1)
        self.empty = EmptyState(self.icon_name, _(self.title), _(self.what))
        self.layout_.addWidget(self.empty, 1)
        # Until the first refresh says which: the cards (dashes while the figures load), not
        # also the words for a build without the metrics engine.
        self.empty.hide()

    def refresh(self) -> None:
        session = self.session
        if session is None or not metrics_source.portfolio_available():
            self._show_empty(_(NO_WORKSPACE) if session is None else _(self.what))
            return
        # The job imports numpy and pandas, which would hold the interpreter while the window
        # first shows.
        after_first_paint(self, lambda: self._request(session))

    def _request(self, session: Session) -> None:
        if self.session is session:  # still the open workspace when the timer fires
            metrics_source.request(session, self._show, self.slot("figures"))

    def _show_empty(self, body: str) -> None:
        self.content.hide()
        self.as_of.hide()
        self.empty.set_text(_(self.title), body)
        self.empty.show()

    def _show(self, figures: PortfolioFigures | None) -> None:
        session = self.session
        if session is None:
            return
        if figures is None:
            self._show_empty(_(NO_REVENUE))
            return
        self.empty.hide()
        self.content.show()
        self.as_of.show()
        as_of = Month.parse(str(figures.current["as_of"]))
        text = _("As of {month}").format(month=session.month(as_of))
        if figures.activity_end is not None:
            text = _(
                "As of {month}, carried on by open contracts: the newest ticket, usage record, "
                "survey or event is from {end}, the month the audit is as of."
            ).format(
                month=unbroken(session.month(as_of)),
                end=unbroken(session.month(figures.activity_end)),
            )
        self.as_of.setText(text)
        self._show_overlaps(session, figures)
        self.kpi_grid.show_figures(session, figures)
        self.show_details(session, figures)

    def show_details(self, session: Session, figures: PortfolioFigures) -> None:
        """Charts and tables below the cards (none on a page of cards alone)."""

    def _show_overlaps(self, session: Session, figures: PortfolioFigures) -> None:
        found = figures.overlaps if self.shows_money else None
        if found is None:
            self.overlaps.hide()
            return
        self.overlaps.setText(
            ngettext(
                "{count} account pays for several contracts of one product at once: the older "
                "ones add {amount} to the MRR. If one replaced another, give it its end date "
                "and import the contracts again (the Excel export lists them).",
                "{count} accounts pay for several contracts of one product at once: the older "
                "ones add {amount} to the MRR. If one replaced another, give it its end date "
                "and import the contracts again (the Excel export lists them).",
                found.accounts,
            ).format(
                count=session.number(found.accounts),
                amount=session.money(found.older_mrr, cents=False),
            )
        )
        self.overlaps.show()


class PortfolioPage(MetricsPage):
    key = "portfolio"
    title = N_("Portfolio")
    icon_name = "layout-dashboard"
    kpis = KPIS
    what = NO_METRICS

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.movements_chart = ChartView(250)
        self.health_chart = ChartView(200)
        self.renewals_chart = ChartView(200)
        self.content_layout.addWidget(self.movements_chart, 1, 0, 1, 2)
        self.content_layout.addWidget(self.health_chart, 2, 0)
        self.content_layout.addWidget(self.renewals_chart, 2, 1)
        self.content_layout.setRowStretch(3, 1)

    def show_details(self, session: Session, figures: PortfolioFigures) -> None:
        from csdesk.ui import portfolio_charts

        self.movements_chart.set_figure(portfolio_charts.movements(session, figures))
        self.health_chart.set_figure(portfolio_charts.health(session, figures))
        self.renewals_chart.set_figure(portfolio_charts.renewals(session, figures))
