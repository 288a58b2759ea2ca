"""Revenue: MRR, its movements month by month, retention and lifetime value."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from csdesk.domain.enums import HealthBand
from csdesk.domain.month import Month
from csdesk.ui import conventions_source, metric_definitions, style
from csdesk.ui.chart_view import ChartView
from csdesk.ui.kpi_cards import Kpi
from csdesk.ui.metrics_source import PortfolioFigures
from csdesk.ui.models.rows_table import Row, RowsTableModel
from csdesk.ui.pages.portfolio import MetricsPage
from csdesk.ui.session import Session
from csdesk.ui.table_view import table
from csdesk.ui.translate import N_, _
from csdesk.ui.widgets import muted, section_title

MOVEMENTS = ("new", "expansion", "reactivation", "contraction", "churn")


class RevenuePage(MetricsPage):
    key = "revenue"
    title = N_("Revenue")
    icon_name = "trending-up"
    kpis = (
        Kpi(N_("MRR"), "mrr", "money"),
        Kpi(N_("ARPA"), "arpa", "money"),
        Kpi(N_("NRR (12 months)"), "nrr_12m", "percent"),
        Kpi(N_("GRR (12 months)"), "grr_12m", "percent"),
        Kpi(N_("Gross MRR churn (month)"), "gross_mrr_churn", "percent", better_when_higher=False),
        Kpi(N_("Net MRR churn (month)"), "net_mrr_churn", "percent", better_when_higher=False),
        Kpi(N_("Active accounts"), "active_accounts", "number"),
        Kpi(N_("LTV"), "ltv", "money"),
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
        # The same NRR, GRR and logo churn counted the ways clients' tools count them, beside
        # csdesk's, so a CSM can explain why the numbers differ (docs/metrics.md).
        self.conventions_model = RowsTableModel(
            [_("Metric"), _("Convention"), _("Value"), "csdesk", _("How it counts")],
            right_aligned=(2, 3),
            parent=self,
        )
        self.conventions_table = table(self.conventions_model, stretch=4)
        self.content_layout.addWidget(section_title(_("How other tools count")), 3, 0, 1, 2)
        self.content_layout.addWidget(
            muted(
                _(
                    "The last 12 months under conventions common in billing and CS tools. "
                    "csdesk's own figure is the first row of each metric; the last rows give "
                    "logo churn as ChartMogul, Baremetrics, ProfitWell and Stripe count it."
                )
            ),
            4,
            0,
            1,
            2,
        )
        self.content_layout.addWidget(self.conventions_table, 5, 0, 1, 2)
        self.content_layout.setRowStretch(5, 1)

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
        as_of = Month.parse(str(figures.current["as_of"]))
        conventions_source.request(session, as_of, self._show_conventions, self.slot("conventions"))

    def _show_conventions(self, figures: list[Any]) -> None:
        """One row per convention, csdesk's first in each metric, its figure on every row."""
        session = self.session
        if session is None:
            return
        from csdesk.metrics.tool_presets import PresetResult, rule_text

        tools = [f for f in figures if isinstance(f, PresetResult)]
        figures = [f for f in figures if not isinstance(f, PresetResult)]
        own = {f.metric: f.value for f in figures if f.convention == "csdesk"}
        order = {"nrr": 0, "grr": 1, "logo_churn": 2}
        ranked = sorted(figures, key=lambda f: (order.get(f.metric, 3), f.convention != "csdesk"))
        rows = []
        for figure in ranked:
            rule = metric_definitions.convention_rule(
                figure.metric, figure.convention, figure.explanation
            )
            rows.append(
                Row(
                    cells=[
                        metric_definitions.metric_name(figure.metric),
                        metric_definitions.convention_name(figure.convention),
                        session.percent(figure.value),
                        session.percent(own.get(figure.metric)),
                        rule,
                    ],
                    payload=(figure.metric, figure.convention),
                    tooltip=rule,  # the whole rule where the column cuts it short
                )
            )
        # Logo churn as the named billing tools count it, after csdesk's conventions (the
        # accounts behind each difference are in the Excel export's Tool conventions sheet).
        for result in tools:
            rule = rule_text(result.preset, session.lang)
            rows.append(
                Row(
                    cells=[
                        metric_definitions.metric_name("logo_churn"),
                        result.preset.name,
                        session.percent(result.value),
                        session.percent(own.get("logo_churn", result.csdesk_value)),
                        rule,
                    ],
                    payload=("logo_churn", f"tool:{result.preset.key}"),
                    tooltip=rule,
                )
            )
        self.conventions_model.set_rows(rows)
