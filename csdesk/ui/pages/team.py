"""Team & capacity: each person, their role and the book of accounts they own."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from csdesk.store.queries.team import TeamRow, team
from csdesk.ui.labels import label
from csdesk.ui.models.rows_table import Row, RowsTableModel
from csdesk.ui.pages.base import Page
from csdesk.ui.table_view import table
from csdesk.ui.translate import N_, _
from csdesk.ui.widgets import EmptyState, muted


class TeamPage(Page):
    key = "team"
    title = N_("Team & capacity")
    icon_name = "users-round"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note = muted(
            _(
                "Accounts and MRR count the active accounts each person owns in their role. "
                "Hours needed per quarter against hours available will show here once the "
                "capacity model is part of this build."
            )
        )
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
        session.runner.submit(_("Loading the team"), lambda p: team(session.ws), done=self._show)

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
