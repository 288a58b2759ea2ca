"""Imports: the history of import batches, and where a dropped spreadsheet lands."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from csdesk.domain.enums import BatchState
from csdesk.store.queries.imports import BatchRow, import_batches
from csdesk.ui.labels import label
from csdesk.ui.models.rows_table import Row, RowsTableModel
from csdesk.ui.pages.base import Page
from csdesk.ui.table_view import table
from csdesk.ui.translate import _
from csdesk.ui.widgets import EmptyState, muted


class ImportsPage(Page):
    key = "imports"
    title = _("Imports")
    icon_name = "file-up"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pending = muted()
        self.pending.hide()
        self.layout_.addWidget(self.pending)
        self.model = RowsTableModel(
            [
                _("File"),
                _("Sheet"),
                _("Holds"),
                _("Started"),
                _("Written"),
                _("Updated"),
                _("Rejected"),
                _("State"),
            ],
            right_aligned=(4, 5, 6),
            parent=self,
        )
        self.table = table(self.model, stretch=0)
        self.layout_.addWidget(self.table, 1)
        self.empty = EmptyState(
            "file-up",
            _("No imports yet"),
            _(
                "Drop a spreadsheet (CSV, XLSX, XLSM or ODS) on this window to import accounts, "
                "revenue, tickets, surveys and more; every import is listed here and can be "
                "undone. From the command line: csdesk import FILE SPREADSHEET."
            ),
        )
        self.layout_.addWidget(self.empty, 1)
        self.dropped: list[Path] = []

    def offer_file(self, path: Path) -> None:
        """A spreadsheet dropped on the window, waiting for the import wizard."""
        self.dropped.append(path)
        self.pending.setText(
            _(
                "{name} is ready to import. The import wizard is not part of this build yet; "
                "use csdesk import WORKSPACE {name} meanwhile."
            ).format(name=path.name)
        )
        self.pending.show()

    def refresh(self) -> None:
        session = self.session
        if session is None:
            self._show([])
            return
        session.runner.submit(
            _("Loading imports"), lambda p: import_batches(session.ws), done=self._show
        )

    def _show(self, rows: object) -> None:
        session = self.session
        batches = [b for b in rows if isinstance(b, BatchRow)] if isinstance(rows, list) else []
        self.table.setVisible(bool(batches))
        self.empty.setVisible(not batches)
        if session is None:
            self.model.set_rows([])
            return
        self.model.set_rows(
            [
                Row(
                    cells=[
                        b.file_name,
                        b.sheet or "",
                        label(b.entity_kind or b.entity),
                        session.moment(b.started_at),
                        session.number(b.rows_written),
                        session.number(b.rows_updated),
                        session.number(b.rows_rejected),
                        _("Undone") if b.state is BatchState.UNDONE else _("Imported"),
                    ],
                    payload=b.id,
                )
                for b in batches
            ]
        )
