"""Revenue: MRR, its movements month by month, retention and lifetime value."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from csdesk.domain.enums import HealthBand
from csdesk.domain.month import Month
from csdesk.ui import style
from csdesk.ui.chart_view import ChartView
from csdesk.ui.kpi_cards import Kpi
from csdesk.ui.metrics_source import PortfolioFigures
from csdesk.ui.models.rows_table import Row, RowsTableModel
from csdesk.ui.pages.portfolio import MetricsPage
from csdesk.ui.session import Session
from csdesk.ui.table_view import table
from csdesk.ui.translate import N_, _

MOVEMENTS = ("new", "expansion", "reactivation", "contraction", "churn")


class RevenuePage(MetricsPage):
    key = "revenue"
    title = N_("Revenue")
    icon_name = "trending-up"
    kpis = (
        Kpi("MRR", "mrr", "money"),
        Kpi("ARPA", "arpa", "money"),
        Kpi("NRR (12 months)", "nrr_12m", "percent"),
        Kpi("GRR (12 months)", "grr_12m", "percent"),
        Kpi("Gross MRR churn (month)", "gross_mrr_churn", "percent", better_when_higher=False),
        Kpi("Net MRR churn (month)", "net_mrr_churn", "percent", better_when_higher=False),
        Kpi("Active accounts", "active_accounts", "number"),
        Kpi("LTV", "ltv", "money"),
    )
    what = N_(
        "MRR month by month with its movements (new, expansion, contraction, churn, "
        "reactivation), NRR, GRR and LTV will show here once the metrics engine is part of "
        "this build."
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart = ChartView(260)
        from csdesk.i18n.labels import movement_label

        self.model = RowsTableModel(
            [_("Month"), *[movement_label(m) for m in MOVEMENTS], _("MRR")],
            right_aligned=range(1, 7),
            parent=self,
        )
        self.table = table(self.model, stretch=6)
        self.content_layout.addWidget(self.chart, 1, 0, 1, 2)
        self.content_layout.addWidget(self.table, 2, 0, 1, 2)
        self.content_layout.setRowStretch(2, 1)

    def show_details(self, session: Session, figures: PortfolioFigures) -> None:
        from csdesk.ui import portfolio_charts

        self.chart.set_figure(portfolio_charts.movements(session, figures, months=24))
        palette = style.current()
        gain, loss = (
            QColor(palette.health[HealthBand.HEALTHY]),
            QColor(palette.health[HealthBand.CRITICAL]),
        )
        rows = []
        for month in reversed(figures.current.get("movements") or []):
            rows.append(
                Row(
                    cells=[
                        session.month(Month.parse(str(month["month"]))),
                        *[
                            session.signed_money(month.get(m)) if month.get(m) else ""
                            for m in MOVEMENTS
                        ],
                        session.money(month.get("mrr")),
                    ],
                    cell_colours={1: gain, 2: gain, 3: gain, 4: loss, 5: loss},
                )
            )
        self.model.set_rows(rows)
