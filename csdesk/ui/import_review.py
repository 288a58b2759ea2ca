"""What a dropped spreadsheet would import, before anything is written; the choices to fix it.

The importer's plan (csdesk.ingest.prepare, run in a background job) says which sheet was
read, what it holds, how each column is read and every problem by row, column and value. The
person may pick another sheet, say the sheet holds something else, or send any column to
another field (or leave it out); each choice plans again in the background, nothing written.
Import writes the whole batch in one writer job, with progress and cancel; Discard forgets it.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from csdesk.domain.enums import Entity, HealthBand
from csdesk.ui import style
from csdesk.ui.labels import label
from csdesk.ui.models.import_preview import ImportPreviewModel
from csdesk.ui.models.rows_table import Row, RowsTableModel
from csdesk.ui.session import Session
from csdesk.ui.table_view import table
from csdesk.ui.translate import _
from csdesk.ui.widgets import muted, section_title

if TYPE_CHECKING:
    from csdesk.ingest import ImportPlan

LEAVE_OUT = "-"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def shown_value(session: Session, value: Any) -> str:
    """A value the importer read, written as the reader's locale writes it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, float):
        return session.number(value, decimals=2)
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return session.day(date.fromisoformat(value))
    return str(value)


def entity_fields(entity: str | None) -> list[str]:
    """The fields a sheet of ``entity`` can fill, in the order of DESIGN.md's table."""
    if entity is None:
        return []
    from csdesk.ingest.vocabulary import entity_specs

    spec = entity_specs().get(entity)
    return [] if spec is None else list(spec.fields)


class ImportReview(QFrame):
    """The plan of one spreadsheet, the choices that change it, and Import / Discard."""

    imported = Signal(object)  # the ImportResult
    discarded = Signal()
    planned = Signal()  # a new plan is shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.session: Session | None = None
        self.plan: ImportPlan | None = None
        self.title = section_title("")
        self.summary = muted()
        self.blocking = QLabel()
        self.blocking.setWordWrap(True)

        self.sheet = QComboBox()
        self.entity = QComboBox()
        for entity in Entity:
            self.entity.addItem(label(entity), str(entity))
        self.sheet.activated.connect(self._sheet_chosen)
        self.entity.activated.connect(self._entity_chosen)
        self.sheet_label = muted(_("Sheet"))
        choices = QHBoxLayout()
        choices.setSpacing(8)
        choices.addWidget(self.sheet_label)
        choices.addWidget(self.sheet)
        choices.addWidget(muted(_("Holds")))
        choices.addWidget(self.entity)
        choices.addStretch(1)

        self.columns = QTableWidget(0, 3)
        self.columns.setHorizontalHeaderLabels([_("Column"), _("Imported as"), _("Why")])
        self.columns.verticalHeader().hide()
        self.columns.setShowGrid(False)
        self.columns.setAlternatingRowColors(True)
        self.columns.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.columns.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.columns.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.field_boxes: dict[str, QComboBox] = {}

        self.problems_model = RowsTableModel(
            [_("Row"), _("Column"), _("Value"), _("Problem")], parent=self
        )
        palette = style.current()
        self.preview_model = ImportPreviewModel(
            {
                "error": QColor(palette.health[HealthBand.CRITICAL]),
                "warning": QColor(palette.health[HealthBand.AT_RISK]),
            },
            parent=self,
        )
        self.preview_title = section_title(_("Preview: the first rows as they will be read"))
        self.preview = table(self.preview_model)
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
        tables.addWidget(self.columns, 1)
        tables.addWidget(table(self.problems_model, stretch=3), 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.SPACING, style.SPACING, style.SPACING, style.SPACING)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addLayout(choices)
        layout.addWidget(self.blocking)
        layout.addLayout(tables, 1)
        layout.addWidget(self.preview_title)
        layout.addWidget(self.preview, 1)
        layout.addLayout(buttons)

    # -- showing a plan -------------------------------------------------------------------

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
        description = f"\n{plan.description}" if plan.description else ""
        self.summary.setText(" · ".join(parts) + description)
        self.blocking.setVisible(bool(plan.blocking))
        self.blocking.setText(plan.blocking or "")
        self.blocking.setStyleSheet(f"color: {palette.health[HealthBand.CRITICAL]};")

        sheets = [s.name for s in plan.sheets if not s.hidden]
        self.sheet.clear()
        for name in sheets:
            self.sheet.addItem(name, name)
        self.sheet.setCurrentIndex(max(self.sheet.findData(plan.sheet), 0))
        self.sheet.setVisible(len(sheets) > 1)
        self.sheet_label.setVisible(len(sheets) > 1)
        self.entity.setCurrentIndex(self.entity.findData(entity) if known else -1)
        self._show_columns(plan, QColor(palette.muted))

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
        self.preview_model.set_plan(plan, lambda value: shown_value(session, value))
        self._set_busy(False)
        self.show()
        self.planned.emit()

    def _show_columns(self, plan: ImportPlan, muted_colour: QColor) -> None:
        fields = entity_fields(plan.entity)
        self.columns.setRowCount(len(plan.columns))
        self.field_boxes = {}
        for row, mapping in enumerate(plan.columns):
            name = QTableWidgetItem(mapping.column)
            why = QTableWidgetItem(mapping.reason)
            why.setToolTip(mapping.reason)
            if mapping.field is None:
                name.setForeground(muted_colour)
                why.setForeground(muted_colour)
            box = QComboBox()
            box.addItem(_("not imported"), LEAVE_OUT)
            for field in fields:
                box.addItem(field, field)
            box.setCurrentIndex(max(box.findData(mapping.field or LEAVE_OUT), 0))
            box.activated.connect(lambda _index, column=mapping.column: self._field_chosen(column))
            self.columns.setItem(row, 0, name)
            self.columns.setCellWidget(row, 1, box)
            self.columns.setItem(row, 2, why)
            self.field_boxes[mapping.column] = box

    # -- choices: plan again in the background ---------------------------------------------

    def _field_chosen(self, column: str) -> None:
        plan, session = self.plan, self.session
        if plan is None or session is None:
            return
        field = str(self.field_boxes[column].currentData())
        self._replan(
            _("Reading {file} again").format(file=plan.file_name),
            lambda p: plan.with_mapping({column: field}, ws=session.ws, progress=p),
        )

    def _entity_chosen(self) -> None:
        plan, session = self.plan, self.session
        entity = self.entity.currentData()
        if plan is None or session is None or not entity or entity == plan.entity:
            return
        self._replan(
            _("Reading {file} again").format(file=plan.file_name),
            lambda p: plan.with_entity(str(entity), ws=session.ws, progress=p),
        )

    def _sheet_chosen(self) -> None:
        plan, session = self.plan, self.session
        sheet = self.sheet.currentData()
        if plan is None or session is None or not sheet or sheet == plan.sheet:
            return
        from csdesk.ingest import prepare

        path = plan.path
        self._replan(
            _("Reading {file}").format(file=plan.file_name),
            lambda p: prepare(path, ws=session.ws, sheet=str(sheet), progress=p),
        )

    def _replan(self, title: str, work: Any) -> None:
        session = self.session
        if session is None:
            return
        self._set_busy(True)
        session.runner.submit(
            title,
            work,
            done=lambda plan: self.show_plan(session, plan),
            ended=lambda: self._set_busy(False),
        )

    def _set_busy(self, busy: bool) -> None:
        plan = self.plan
        ready = plan is not None and not plan.blocking and plan.rows_accepted > 0
        self.import_button.setEnabled(not busy and ready)
        for widget in (self.sheet, self.entity, self.columns, self.discard_button):
            widget.setEnabled(not busy)

    # -- import or discard ----------------------------------------------------------------

    def start_import(self) -> None:
        """Write the batch in the writer job; a refusal (already imported...) is a dialog."""
        session, plan = self.session, self.plan
        if session is None or plan is None:
            return
        from csdesk.ingest import commit

        self._set_busy(True)
        session.runner.submit(
            _("Importing {file}").format(file=plan.file_name),
            lambda progress: commit(session.ws, plan, progress=progress),
            done=self._imported,
            ended=lambda: self._set_busy(False),
            writes=True,
        )

    def _imported(self, result: object) -> None:
        self.plan = None
        self.hide()
        self.imported.emit(result)

    def discard(self) -> None:
        self.plan = None
        self.hide()
        self.discarded.emit()
