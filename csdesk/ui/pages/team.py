"""Team & capacity: each person, their role and the book of accounts they own."""

from __future__ import annotations

import importlib.util
from typing import Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from csdesk.domain.enums import HealthBand
from csdesk.store import Workspace
from csdesk.store.queries.team import TeamRow, team
from csdesk.ui import style
from csdesk.ui.chart_view import ChartView, chart_theme
from csdesk.ui.labels import label
from csdesk.ui.models.rows_table import Row, RowsTableModel
from csdesk.ui.pages.base import Page
from csdesk.ui.table_view import table
from csdesk.ui.translate import N_, _
from csdesk.ui.widgets import EmptyState, muted, section_title

# The capacity chart's rows at most (the most loaded CSMs; the table lists all), and its
# height in pixels for a small team.
CHART_ROWS = 12
CHART_HEIGHT = 250


class TeamPage(Page):
    key = "team"
    title = N_("Team & capacity")
    icon_name = "users-round"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.capacity_title = section_title(_("CSM capacity this quarter"))
        self.capacity_note = muted(
            _(
                "Hours needed come from the activity model (QBRs, check-ins, onboarding of new "
                "accounts) over each CSM's active accounts; hours available from their weekly "
                "capacity. Overdue: accounts whose last CS touch is older than their cadence."
            )
        )
        self.capacity_chart = ChartView(CHART_HEIGHT)
        self.chart_note = muted("")
        self.capacity_model = RowsTableModel(
            [
                _("CSM"),
                _("Accounts"),
                _("Onboarding"),
                _("Hours needed"),
                _("Hours available"),
                _("Utilisation"),
                _("Room for"),
                _("Overdue touches"),
            ],
            right_aligned=range(1, 8),
            parent=self,
        )
        # Every column as wide as its contents, none stretched: a CSM elided to "Ana Paula Ri…"
        # at 1000 px is worse than a scroll bar, a last column pushed to the far right worse
        # than blank space on a wide screen.
        self.capacity_table = table(self.capacity_model)
        self.capacity_table.horizontalHeader().setStretchLastSection(False)
        self.capacity_table.setMaximumHeight(190)
        for widget in (
            self.capacity_title,
            self.capacity_note,
            self.capacity_chart,
            self.chart_note,
            self.capacity_table,
        ):
            widget.hide()
            self.layout_.addWidget(widget)
        self.note = section_title(_("Team"))
        self.layout_.addWidget(self.note)
        self.model = RowsTableModel(
            [_("Name"), _("Role"), _("Accounts"), _("MRR"), _("Hours / week"), _("Email")],
            right_aligned=(2, 3, 4),
            parent=self,
        )
        self.table = table(self.model, stretch=5, sortable=True)
        self.layout_.addWidget(self.table, 1)
        self.empty = EmptyState(
            "users-round",
            _("No team members yet"),
            _("Import a sheet of people (name, role, email, capacity hours) to see the team."),
        )
        self.layout_.addWidget(self.empty, 1)

    def refresh(self) -> None:
        session = self.session
        if session is None:
            self._show([])
            return
        self.load("team", _("Loading the team"), lambda p: team(session.ws), self._show)
        if capacity_available():
            self.load(
                "capacity",
                _("Computing CSM capacity"),
                lambda p: _capacity(session.ws),
                self._capacity,
            )

    def _capacity(self, frame: Any) -> None:
        session = self.session
        if session is None or frame is None or len(frame) == 0:
            return
        from csdesk.charts.team import capacity, most_loaded_first

        shown = most_loaded_first(frame).iloc[:CHART_ROWS]
        inches = max(3.1, 0.3 * len(shown) + 1.5)
        self.capacity_chart.setFixedHeight(round(CHART_HEIGHT * inches / 3.1))
        self.capacity_chart.set_figure(
            capacity(shown, lang=session.lang, theme=chart_theme(), size=(12, inches))
        )
        self.chart_note.setText(
            _(
                "The chart shows the {shown} most loaded of {total} CSMs; the table lists "
                "every one."
            ).format(shown=session.number(len(shown)), total=session.number(len(frame)))
        )
        self.chart_note.setVisible(len(shown) < len(frame))
        palette = style.current()

        def hours(value: Any) -> str:
            return "" if value is None or value != value else session.number(float(value))

        rows = []
        for record in frame.to_dict("records"):
            load = record.get("utilisation")
            known = load is not None and load == load
            band = (
                HealthBand.CRITICAL
                if known and load > 1
                else HealthBand.AT_RISK
                if known and load > 0.85
                else None
            )
            spare = record.get("spare_accounts")
            rows.append(
                Row(
                    cells=[
                        record.get("csm") or _("No CSM assigned"),
                        session.number(record.get("accounts")),
                        session.number(record.get("onboarding")),
                        hours(record.get("hours_needed")),
                        hours(record.get("hours_available")),
                        session.percent(float(load), decimals=0) if known else "—",
                        "" if spare is None or spare != spare else session.number(float(spare)),
                        session.number(record.get("overdue")),
                    ],
                    cell_colours={5: QColor(palette.health[band])} if band else {},
                )
            )
        self.capacity_model.set_rows(rows)
        self.capacity_table.setMaximumHeight(min(190, 44 + 28 * len(rows)))
        for widget in (
            self.capacity_title,
            self.capacity_note,
            self.capacity_chart,
            self.capacity_table,
        ):
            widget.show()

    def _show(self, rows: object) -> None:
        session = self.session
        people = rows if isinstance(rows, list) else []
        self.table.setVisible(bool(people))
        self.note.setVisible(bool(people))
        self.empty.setVisible(not people)
        if session is None:
            self.model.set_rows([])
            return
        self.model.set_rows(
            [
                Row(
                    cells=[
                        p.name,
                        label(p.role),
                        session.number(p.accounts),
                        session.money(p.mrr),
                        session.number(p.capacity_hours, decimals=1) if p.capacity_hours else "",
                        p.email or "",
                    ],
                    payload=p.id,
                    sort_keys=[
                        p.name.casefold(),
                        str(p.role),
                        p.accounts,
                        p.mrr,
                        p.capacity_hours or 0.0,
                        p.email or "",
                    ],
                )
                for p in people
                if isinstance(p, TeamRow)
            ]
        )


def capacity_available() -> bool:
    return importlib.util.find_spec("csdesk.metrics.capacity") is not None


def _capacity(ws: Workspace) -> Any:
    """Hours needed and available per CSM (csdesk.metrics.capacity; pandas, off the GUI)."""
    from csdesk.metrics import capacity

    return capacity.compute(ws)
