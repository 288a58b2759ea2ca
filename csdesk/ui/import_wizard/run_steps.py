"""Steps 5 and 6: the import running (progress, cancel) and what it wrote (with Undo).

The import step only shows progress: the writer job does the work and the wizard's Cancel
stops it, leaving the workspace as it was. The summary gives the counts the importer returned,
the problems it reported, and undoes the batch on request (the same undo as the Imports page).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QVBoxLayout, QWidget

from csdesk.domain.enums import HealthBand
from csdesk.ui import style
from csdesk.ui.import_wizard.preview_step import problem_rows, severity_colours
from csdesk.ui.import_wizard.source_steps import entity_name
from csdesk.ui.models.rows_table import RowsTableModel
from csdesk.ui.session import Session
from csdesk.ui.table_view import table
from csdesk.ui.translate import _, ngettext
from csdesk.ui.widgets import Card, muted, section_title

if TYPE_CHECKING:
    from csdesk.ingest import ImportPlan


class ImportStep(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = section_title("")
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        self.bar.setMinimumWidth(420)
        self.message = muted()
        self.note = muted(
            _(
                "Every row is written in one transaction, after an automatic backup. "
                "Cancel stops the import and leaves the workspace exactly as it was."
            )
        )
        column = QVBoxLayout()
        column.setSpacing(10)
        column.addWidget(self.title)
        column.addWidget(self.bar)
        column.addWidget(self.message)
        column.addSpacing(style.SPACING)
        column.addWidget(self.note)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addLayout(column, 3)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)

    def start(self, session: Session, plan: ImportPlan) -> None:
        self.title.setText(_("Importing {file}").format(file=plan.file_name))
        self.set_progress(0.0, _("Starting…"))

    def set_progress(self, fraction: float, message: str) -> None:
        self.bar.setValue(round(min(max(fraction, 0.0), 1.0) * 1000))
        self.message.setText(message)


class SummaryStep(QWidget):
    undo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = section_title("")
        self.result_text = muted()
        self.result_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.written_card = Card(_("Written"))
        self.updated_card = Card(_("Updated"))
        self.rejected_card = Card(_("Rejected"))
        self.skipped_card = Card(_("Skipped"))
        self.accounts_card = Card(_("Accounts created"))
        cards = QHBoxLayout()
        cards.setSpacing(style.SPACING)
        for card in (
            self.written_card,
            self.updated_card,
            self.rejected_card,
            self.skipped_card,
            self.accounts_card,
        ):
            cards.addWidget(card, 1)
        self.undo_button = QPushButton(_("Undo this import"))
        self.undo_button.setAutoDefault(False)
        self.undo_button.clicked.connect(self.undo_requested)
        self.undo_note = muted(
            _("Undo removes exactly the rows this import wrote and puts back what it replaced.")
        )
        undo_row = QHBoxLayout()
        undo_row.setSpacing(style.SPACING)
        undo_row.addWidget(self.undo_button)
        undo_row.addWidget(self.undo_note, 1)
        self.problems_title = section_title("")
        self.problems_model = RowsTableModel(
            [_("Row"), _("Column"), _("Value"), _("Problem")], parent=self
        )
        self.problems = table(self.problems_model, stretch=3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(style.SPACING)
        layout.addWidget(self.title)
        layout.addWidget(self.result_text)
        layout.addLayout(cards)
        layout.addLayout(undo_row)
        layout.addWidget(self.problems_title)
        layout.addWidget(self.problems, 1)
        layout.addStretch(0)  # takes the room when there is nothing to list
        self.batch_id: int | None = None

    def show_result(self, session: Session, plan: ImportPlan, result: Any) -> None:
        """``result`` is the importer's ImportResult."""
        critical = style.current().health[HealthBand.CRITICAL]
        self.batch_id = result.batch_id
        self.title.setText(
            _("{file} imported as {holds}").format(
                file=plan.file_name, holds=entity_name(result.entity).lower()
            )
        )
        text = _("Imported: {written}, {updated} updated, {rejected} rejected.").format(
            written=ngettext("{n} row written", "{n} rows written", result.rows_written).format(
                n=session.number(result.rows_written)
            ),
            updated=session.number(result.rows_updated),
            rejected=session.number(result.rows_rejected),
        )
        if result.accounts_created:
            text += " " + ngettext(
                "{n} account created.", "{n} accounts created.", result.accounts_created
            ).format(n=session.number(result.accounts_created))
        if result.batch_id is not None:
            text += " " + _("Batch {batch}.").format(batch=result.batch_id)
        self.result_text.setText(text)
        self.written_card.set_value(session.number(result.rows_written))
        self.updated_card.set_value(session.number(result.rows_updated))
        self.rejected_card.set_value(
            session.number(result.rows_rejected), critical if result.rows_rejected else None
        )
        self.skipped_card.set_value(session.number(result.rows_skipped))
        self.accounts_card.set_value(session.number(result.accounts_created))
        self.problems_model.set_rows(problem_rows(result.problems, severity_colours()))
        self.problems_title.setText(
            _("Reported while importing: {n}").format(n=session.number(len(result.problems)))
        )
        self.problems_title.setVisible(bool(result.problems))
        self.problems.setVisible(bool(result.problems))
        can_undo = result.batch_id is not None and not session.read_only
        self.undo_button.setVisible(can_undo)
        self.undo_note.setVisible(can_undo)
        self.undo_button.setEnabled(True)

    def set_undoing(self) -> None:
        self.undo_button.setEnabled(False)

    def show_undone(self) -> None:
        self.title.setText(_("Import {batch} undone.").format(batch=self.batch_id))
        self.result_text.setText(
            _("Its rows were removed; the workspace is as it was before the import.")
        )
        self.undo_button.hide()
        self.undo_note.hide()
