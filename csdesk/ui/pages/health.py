"""Health: how the book splits into healthy, at-risk and critical, and who needs attention."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGridLayout, QWidget

from csdesk.domain.enums import HealthBand
from csdesk.domain.month import Month
from csdesk.store.queries.accounts import AccountRow, list_accounts
from csdesk.ui import health_source, style
from csdesk.ui.chart_view import ChartView, chart_theme
from csdesk.ui.health_view import component_label
from csdesk.ui.labels import label
from csdesk.ui.models.accounts_table import Health
from csdesk.ui.models.rows_table import PAYLOAD_ROLE, Row, RowsTableModel
from csdesk.ui.pages.base import Page
from csdesk.ui.table_view import table
from csdesk.ui.translate import N_, _
from csdesk.ui.widgets import Card, EmptyState, muted, section_title, unbroken

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from csdesk.i18n.lang import Lang
    from csdesk.ui.session import Session


class HealthPage(Page):
    key = "health"
    title = N_("Health")
    icon_name = "heart-pulse"

    account_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The month scored, and, as on the Portfolio page, when open contracts carry it on
        # past the recorded activity (scores then see no ticket, usage or touch since).
        self.as_of = muted()
        self.as_of.hide()
        self.layout_.addWidget(self.as_of)
        self.content = QWidget()
        grid = QGridLayout(self.content)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(style.SPACING)
        self.cards = {band: Card(label(band), "—") for band in HealthBand}
        self.unscored = Card(_("Not scored"), "—")
        for column, card in enumerate([*self.cards.values(), self.unscored]):
            grid.addWidget(card, 0, column)
        self.chart = ChartView(190)
        grid.addWidget(self.chart, 1, 0, 1, 4)
        grid.addWidget(
            section_title(_("Accounts at risk and critical, lowest score first")), 2, 0, 1, 4
        )
        self.note = muted(_("Enter or a double click opens the account and its explanation."))
        grid.addWidget(self.note, 3, 0, 1, 4)
        self.model = RowsTableModel(
            [
                _("Account"),
                _("Score"),
                _("Band"),
                _("CSM"),
                _("MRR"),
                _("Left out for lack of data"),
            ],
            right_aligned=(1, 4),
            parent=self,
        )
        self.table = table(self.model, stretch=5)
        self.table.activated.connect(self._activated)
        grid.addWidget(self.table, 4, 0, 1, 4)
        grid.setRowStretch(4, 1)
        self.layout_.addWidget(self.content, 1)
        self.empty = EmptyState(
            self.icon_name,
            _(self.title),
            _(
                "The distribution of health scores, the accounts at risk and critical, and what "
                "drives each score will show here once health scoring is part of this build."
            ),
        )
        self.layout_.addWidget(self.empty, 1)

    def refresh(self) -> None:
        session = self.session
        if session is None or not health_source.available():
            self.content.hide()
            self.empty.show()
            return
        self.load(
            "rows",
            _("Loading accounts"),
            lambda progress: (list_accounts(session.ws), health_source.scored_month(session.ws)),
            self._with_rows,
        )

    def _with_rows(self, loaded: object) -> None:
        session = self.session
        if session is None or not isinstance(loaded, tuple):
            return
        rows, (month, activity_end) = loaded
        self._show_as_of(session, month, activity_end)
        health_source.request(session, lambda scores: self._show(rows, scores), self.slot("health"))

    def _show_as_of(self, session: Session, month: Month, activity_end: Month | None) -> None:
        text = _("As of {month}").format(month=session.month(month))
        if activity_end is not None:
            text = _(
                "As of {month}, carried on by open contracts: the newest ticket, usage record, "
                "survey or event is from {end}, the month the audit is as of."
            ).format(
                month=unbroken(session.month(month)), end=unbroken(session.month(activity_end))
            )
        self.as_of.setText(text)
        self.as_of.show()

    def _show(self, rows: list[AccountRow], scores: dict[int, Health]) -> None:
        session = self.session
        if session is None:
            return
        self.empty.hide()
        self.content.show()
        palette = style.current()
        counts: dict[HealthBand | str, int] = {band: 0 for band in HealthBand}
        unscored = 0
        for health in scores.values():
            if health.band is None:
                unscored += 1
            else:
                counts[health.band] += 1
        for band, card in self.cards.items():
            card.set_value(session.number(counts[band]), palette.health[band])
        self.unscored.set_value(session.number(unscored))
        self.chart.set_figure(self._distribution(counts, session.lang))
        needs_attention = (HealthBand.AT_RISK, HealthBand.CRITICAL)
        attention: list[tuple[float, AccountRow]] = []
        for row in rows:
            found = scores.get(row.id)
            if found is not None and found.band in needs_attention and found.score is not None:
                attention.append((found.score, row))
        attention.sort(key=lambda pair: pair[0])
        self.model.set_rows(
            [
                Row(
                    cells=[
                        row.name,
                        session.number(score),
                        label(scores[row.id].band or HealthBand.AT_RISK),
                        row.csm or "",
                        session.money(row.mrr),
                        ", ".join(component_label(m) for m in scores[row.id].missing),
                    ],
                    payload=row.id,
                    cell_colours={
                        1: QColor(palette.health[scores[row.id].band or HealthBand.AT_RISK]),
                        2: QColor(palette.health[scores[row.id].band or HealthBand.AT_RISK]),
                    },
                )
                for score, row in attention
            ]
        )

    @staticmethod
    def _distribution(counts: dict[HealthBand | str, int], lang: Lang) -> Figure:
        from csdesk.charts.health import health_distribution

        return health_distribution(counts, lang=lang, theme=chart_theme(), size=(12, 2.2))

    def _activated(self, index: QModelIndex | QPersistentModelIndex) -> None:
        account_id = index.data(PAYLOAD_ROLE)
        if isinstance(account_id, int):
            self.account_activated.emit(account_id)
