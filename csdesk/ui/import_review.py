"""What a dropped spreadsheet would import, before anything is written.

The importer's plan (csdesk.ingest.prepare, run in a background job) says what the sheet
holds, how each column is read and every problem by row, column and value. Import writes the
whole batch in one writer job, with progress and cancel; Discard forgets it. Changing the
column mapping column by column is the import wizard's job; this panel shows the mapping the
importer chose.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from csdesk.domain.enums import Entity, HealthBand
from csdesk.ui import style
from csdesk.ui.labels import label
from csdesk.ui.models.rows_table import Row, RowsTableModel
from csdesk.ui.session import Session
from csdesk.ui.table_view import table
from csdesk.ui.translate import _
from csdesk.ui.widgets import muted, section_title

if TYPE_CHECKING:
    from csdesk.ingest import ImportPlan


class ImportReview(QFrame):
    """The plan of one spreadsheet, and the buttons to import or discard it."""

    imported = Signal(object)  # the ImportResult
    discarded = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.session: Session | None = None
        self.plan: ImportPlan | None = None
        self.title = section_title("")
        self.summary = muted()
        self.blocking = QLabel()
        self.blocking.setWordWrap(True)
        self.mapping_model = RowsTableModel([_("Column"), _("Imported as"), _("Why")], parent=self)
        self.problems_model = RowsTableModel(
            [_("Row"), _("Column"), _("Value"), _("Problem")], parent=self
        )
        self.import_button = QPushButton(_("Import"))
        self.import_button.setObjectName("primary")
        self.discard_button = QPushButton(_("Discard"))
        self.import_button.clicked.connect(self.start_import)
        self.discard_button.clicked.connect(self.discard)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.import_button)
        tables = QHBoxLayout()
        tables.setSpacing(style.SPACING)
        tables.addWidget(table(self.mapping_model, stretch=2), 2)
        tables.addWidget(table(self.problems_model, stretch=3), 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.SPACING, style.SPACING, style.SPACING, style.SPACING)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.blocking)
        layout.addLayout(tables, 1)
        layout.addLayout(buttons)

    def show_plan(self, session: Session, plan: ImportPlan) -> None:
        self.session, self.plan = session, plan
        palette = style.current()
        entity = plan.entity
        known = entity is not None and entity in Entity._value2member_map_
        holds = label(Entity(entity)) if known and entity else _("unknown")
        self.title.setText(_("{file}: {holds}").format(file=plan.file_name, holds=holds.lower()))
        parts = [
            _("{n} rows read").format(n=session.number(plan.rows_read)),
            _("{n} to import").format(n=session.number(plan.rows_accepted)),
            _("{n} rejected").format(n=session.number(plan.rows_rejected)),
            _("{n} skipped").format(n=session.number(plan.rows_skipped)),
        ]
        if plan.accounts_to_create:
            parts.append(_("{n} new accounts").format(n=session.number(plan.accounts_to_create)))
        self.summary.setText(
            " · ".join(parts) + (f"\n{plan.description}" if plan.description else "")
        )
        self.blocking.setVisible(bool(plan.blocking))
        self.blocking.setText(plan.blocking or "")
        self.blocking.setStyleSheet(f"color: {palette.health[HealthBand.CRITICAL]};")
        self.mapping_model.set_rows(
            [
                Row(
                    cells=[c.column, c.field or _("not imported"), c.reason],
                    colour=None if c.field else QColor(palette.muted),
                )
                for c in plan.columns
            ]
        )
        colours = {
            "error": QColor(palette.health[HealthBand.CRITICAL]),
            "warning": QColor(palette.health[HealthBand.AT_RISK]),
        }
        self.problems_model.set_rows(
            [
                Row(
                    cells=[
                        "" if p.row is None else str(p.row),
                        p.column or "",
                        p.value or "",
                        p.message,
                    ],
                    colour=colours.get(p.severity),
                    tooltip=p.describe(),
                )
                for p in plan.problems
            ]
        )
        self.import_button.setEnabled(not plan.blocking and plan.rows_accepted > 0)
        self.show()

    def start_import(self) -> None:
        """Write the batch in the writer job; a refusal (already imported...) is a dialog."""
        session, plan = self.session, self.plan
        if session is None or plan is None:
            return
        from csdesk.ingest import commit

        self.import_button.setEnabled(False)
        self.discard_button.setEnabled(False)
        session.runner.submit(
            _("Importing {file}").format(file=plan.file_name),
            lambda progress: commit(session.ws, plan, progress=progress),
            done=self._imported,
            ended=self._job_ended,
            writes=True,
        )

    def _job_ended(self) -> None:
        self.discard_button.setEnabled(True)
        self.import_button.setEnabled(self.plan is not None and not self.plan.blocking)

    def _imported(self, result: object) -> None:
        self.plan = None
        self.hide()
        self.imported.emit(result)

    def discard(self) -> None:
        self.plan = None
        self.hide()
        self.discarded.emit()
