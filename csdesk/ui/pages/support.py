"""Support & CX: the support desk's figures and the customers' voice (NPS, CSAT, CES)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from csdesk.ui.chart_view import ChartView, chart_theme
from csdesk.ui.kpi_cards import Kpi
from csdesk.ui.metrics_source import PortfolioFigures, pick
from csdesk.ui.pages.portfolio import MetricsPage
from csdesk.ui.session import Session
from csdesk.ui.translate import N_, _
from csdesk.ui.widgets import muted


class SupportPage(MetricsPage):
    key = "support"
    shows_money = False
    title = N_("Support & CX")
    icon_name = "life-buoy"
    kpis = (
        Kpi(N_("Tickets (12 months)"), "support.tickets", "number", better_when_higher=None),
        Kpi(N_("TMA (handle time)"), "support.tma_minutes", "minutes", better_when_higher=False),
        Kpi(N_("TME (wait time)"), "support.tme_minutes", "minutes", better_when_higher=False),
        Kpi(N_("Resolution time"), "support.resolution_hours", "hours", better_when_higher=False),
        Kpi(N_("FCR"), "support.fcr", "percent"),
        Kpi(N_("SLA attainment"), "support.sla", "percent"),
        Kpi(N_("Ticket CSAT"), "ticket_csat", "percent"),
        Kpi(N_("Survey CSAT"), "csat", "percent"),
        Kpi(N_("CES (1–7)"), "ces", "decimal"),
    )
    what = N_(
        "Ticket volume, TMA, TME, resolution time, FCR and SLA attainment, with NPS, CSAT and "
        "CES, will show here once the metrics engine is part of this build."
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note = muted(
            _(
                "Support figures cover the 12 months ending with the as-of month; CSAT is the "
                "share of 4–5 answers (of rated tickets, or of surveys), CES the mean on a 1–7 "
                "scale (7 = easiest)."
            )
        )
        self.nps_chart = ChartView(170)
        self.content_layout.addWidget(self.note, 1, 0, 1, 2)
        self.content_layout.addWidget(self.nps_chart, 2, 0, 1, 2)
        self.content_layout.setRowStretch(3, 1)

    def show_details(self, session: Session, figures: PortfolioFigures) -> None:
        from csdesk.charts.cx import nps_breakdown

        counts = [
            int(pick(figures.current, f"nps.{k}") or 0)
            for k in ("promoters", "passives", "detractors")
        ]
        self.nps_chart.set_figure(
            nps_breakdown(*counts, lang=session.lang, theme=chart_theme(), size=(12, 2.0))
        )
