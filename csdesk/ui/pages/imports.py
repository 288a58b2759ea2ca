"""Imports: where a dropped spreadsheet is reviewed and imported, and the history of batches.

Every batch can be undone (csdesk.ingest.undo removes exactly the rows it wrote and puts back
what it replaced), in the writer job.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from csdesk.domain.enums import BatchState
from csdesk.store.queries.imports import BatchRow, import_batches
from csdesk.ui.import_review import ImportReview
from csdesk.ui.labels import label
from csdesk.ui.models.rows_table import PAYLOAD_ROLE, Row, RowsTableModel
from csdesk.ui.pages.base import Page
from csdesk.ui.table_view import table
from csdesk.ui.translate import N_, _
from csdesk.ui.widgets import EmptyState, muted, section_title


class ImportsPage(Page):
    key = "imports"
    title = N_("Imports")
    icon_name = "file-up"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.review = ImportReview()
        self.review.hide()
        self.review.imported.connect(self._imported)
        self.layout_.addWidget(self.review, 2)
        self.last_result = muted()
        self.last_result.setWordWrap(True)
        self.last_batch: int | None = None
        self.undo_last_button = QPushButton(_("Undo this import"))
        self.undo_last_button.clicked.connect(self.undo_last)
        self.result_bar = QWidget()
        result_layout = QHBoxLayout(self.result_bar)
        result_layout.setContentsMargins(0, 0, 0, 0)
        result_layout.addWidget(self.last_result, 1)
        result_layout.addWidget(self.undo_last_button)
        self.result_bar.hide()
        self.layout_.addWidget(self.result_bar)
        self.history_title = section_title(_("Import history"))
        self.undo_button = QPushButton(_("Undo this import"))
        self.undo_button.setEnabled(False)
        self.undo_button.clicked.connect(self.undo_selected)
        self.choose_button = QPushButton(_("Import a spreadsheet…"))
        self.choose_button.clicked.connect(self.choose_file)
        bar = QHBoxLayout()
        bar.addWidget(self.history_title)
        bar.addStretch(1)
        bar.addWidget(self.choose_button)
        bar.addWidget(self.undo_button)
        self.layout_.addLayout(bar)
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
        self.table.selectionModel().currentRowChanged.connect(self._selection_changed)
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
        # The empty-history explanation gives way to a spreadsheet under review.
        self.review.planned.connect(self.empty.hide)
        self.review.discarded.connect(lambda: self.empty.setVisible(not self.model.rowCount()))

    # -- a new file -----------------------------------------------------------------------

    def choose_file(self) -> None:
        """Pick a spreadsheet to review and import."""
        from PySide6.QtWidgets import QFileDialog

        from csdesk.ui.main_window import SPREADSHEET_FILTER

        name, _filter = QFileDialog.getOpenFileName(
            self, _("Import spreadsheet"), "", SPREADSHEET_FILTER
        )
        if name:
            self.offer_file(Path(name))

    def offer_file(self, path: Path) -> None:
        """Read and analyse a dropped spreadsheet in the background, then show the plan."""
        session = self.session
        self.dropped.append(path)
        if session is None:
            return
        from csdesk.ingest import prepare

        self.result_bar.hide()
        session.runner.submit(
            _("Reading {file}").format(file=path.name),
            lambda progress: prepare(path, ws=session.ws, progress=progress),
            done=lambda plan: self.review.show_plan(session, plan),
        )

    def _imported(self, result: Any) -> None:
        session = self.session
        if session is None:
            return
        text = _(
            "Imported: {written} rows written, {updated} updated, {rejected} rejected."
        ).format(
            written=session.number(result.rows_written),
            updated=session.number(result.rows_updated),
            rejected=session.number(result.rows_rejected),
        )
        if result.accounts_created:
            text += " " + _("{n} accounts created.").format(
                n=session.number(result.accounts_created)
            )
        self.last_batch = result.batch_id
        if result.batch_id is not None:
            text += " " + _("Batch {batch}.").format(batch=result.batch_id)
        self.last_result.setText(text)
        self.undo_last_button.setVisible(result.batch_id is not None and not session.read_only)
        self.undo_last_button.setEnabled(True)
        self.result_bar.show()
        session.data_changed.emit("import")

    def undo_last(self) -> None:
        """Undo the batch just imported, from its summary."""
        session, batch_id = self.session, self.last_batch
        if session is None or batch_id is None:
            return
        from csdesk.ingest import undo

        self.undo_last_button.setEnabled(False)

        def undone(_result: object) -> None:
            self.last_result.setText(_("Import {batch} undone.").format(batch=batch_id))
            self.undo_last_button.hide()
            self.last_batch = None
            session.data_changed.emit("import")

        session.runner.submit(
            _("Undoing import {batch}").format(batch=batch_id),
            lambda progress: undo(session.ws, batch_id),
            done=undone,
            writes=True,
        )

    # -- history --------------------------------------------------------------------------

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
        self.history_title.setVisible(bool(batches))
        self.undo_button.setVisible(bool(batches))
        self.empty.setVisible(not batches and self.review.isHidden())
        self.undo_button.setEnabled(False)
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
                    payload=(b.id, b.state),
                )
                for b in batches
            ]
        )

    def _selection_changed(self) -> None:
        payload = self.table.currentIndex().data(PAYLOAD_ROLE)
        writable = self.session is not None and not self.session.read_only
        self.undo_button.setEnabled(
            writable and isinstance(payload, tuple) and payload[1] is BatchState.DONE
        )

    def undo_selected(self) -> None:
        session = self.session
        payload = self.table.currentIndex().data(PAYLOAD_ROLE)
        if session is None or not isinstance(payload, tuple):
            return
        from csdesk.ingest import undo

        batch_id = int(payload[0])
        self.undo_button.setEnabled(False)
        session.runner.submit(
            _("Undoing import {batch}").format(batch=batch_id),
            lambda progress: undo(session.ws, batch_id),
            done=lambda _result: session.data_changed.emit("import"),
            writes=True,
        )
