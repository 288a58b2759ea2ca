"""The data room wizard's screens: the files of the room, and what the import wrote.

The files step lists every file in the order it will be imported, with what it seems to hold
(a choice per row), how sure that is, the sheet read, its rows, its problems and whether it is
ready or waits (and why, in full under the list for the selected file); the files set aside
are listed below with their reasons. The summary gives a row per file: its batch and counts,
or why it was not imported, and offers Undo for the whole set. The import between them is the
import wizard's own step (:class:`csdesk.ui.import_wizard.run_steps.ImportStep`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
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
from csdesk.ui.import_wizard.source_steps import entity_name
from csdesk.ui.labels import label
from csdesk.ui.models.rows_table import Row, RowsTableModel
from csdesk.ui.session import Session
from csdesk.ui.table_view import table
from csdesk.ui.translate import _, ngettext
from csdesk.ui.widgets import muted, section_title

if TYPE_CHECKING:
    from csdesk.ingest import ImportPlan
    from csdesk.ingest.dataroom import RoomFile, RoomPlan, RoomResult

FILE_COLUMN, SHEET_COLUMN, HOLDS_COLUMN, SURE_COLUMN, ROWS_COLUMN, PROBLEMS_COLUMN = range(6)
STATE_COLUMN = 6
HOLDS_WIDTH = 190
SKIPPED_ROWS = 5  # the skipped files listed before their list scrolls


def _padded(box: QComboBox) -> QWidget:
    """A combo box inside a table cell, with air around it."""
    cell = QWidget()
    layout = QHBoxLayout(cell)
    layout.setContentsMargins(4, 3, 8, 3)
    layout.addWidget(box)
    return cell


def problems_text(session: Session, plan: ImportPlan | None) -> str:
    """ "2 errors · 1 warning", or "no problems"."""
    if plan is None:
        return ""
    errors, warnings = len(plan.errors), len(plan.warnings)
    parts = []
    if errors:
        parts.append(ngettext("{n} error", "{n} errors", errors).format(n=session.number(errors)))
    if warnings:
        parts.append(
            ngettext("{n} warning", "{n} warnings", warnings).format(n=session.number(warnings))
        )
    return " · ".join(parts) or _("no problems")


def without_file_name(reason: str, name: str) -> str:
    """The importer's message without the file name it starts with (the row names it)."""
    prefix = f"{Path(name).name}: "
    return reason[len(prefix) :] if reason.startswith(prefix) else reason


def waiting_reason(file: RoomFile) -> str | None:
    """Why a file of the room will not be imported as it stands (None: it will)."""
    if file.ready:
        return None
    if not file.blocked:
        return _("csdesk could not tell what this file holds.")
    return without_file_name(file.blocked, file.name)


class FilesStep(QWidget):
    """Every file of the room, in import order, and the files set aside."""

    entity_chosen = Signal(str, str)  # the file's name in the room, the entity chosen
    review_requested = Signal(int)  # the row whose Columns and Preview to open
    leave_out_requested = Signal(str)  # the file's name: not to be imported
    put_back_requested = Signal(str)  # a file left out: back in the list
    selection_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.files = QTableWidget(0, 7)
        self.files.setHorizontalHeaderLabels(
            [_("File"), _("Sheet"), _("Holds"), _("Sure"), _("Rows"), _("Problems"), _("State")]
        )
        self.files.verticalHeader().hide()
        self.files.verticalHeader().setDefaultSectionSize(38)
        self.files.setShowGrid(False)
        self.files.setAlternatingRowColors(True)
        self.files.setWordWrap(False)
        self.files.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.files.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.files.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.files.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(STATE_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.files.cellDoubleClicked.connect(lambda row, _column: self.review_requested.emit(row))
        self.files.itemSelectionChanged.connect(self.selection_changed)
        self.holds_boxes: dict[str, QComboBox] = {}
        # The selected file in full: the list elides a long reason.
        self.detail = muted()
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # The currency the room chose for files naming none (the only one its files name).
        self.currency_note = muted()
        self.currency_note.setWordWrap(True)
        self.currency_note.hide()
        # Delete leaves the selected file out, as the Leave out button does.
        self.files.installEventFilter(self)
        self.skipped_title = section_title("")
        self.skipped_model = RowsTableModel([_("File"), _("Why it is skipped")], parent=self)
        self.skipped = table(self.skipped_model, stretch=1)
        self.skipped.doubleClicked.connect(lambda index: self._put_back_row(index.row()))
        self.skipped.selectionModel().selectionChanged.connect(self._skipped_selected)
        self.left_out: list[str] = []  # the skipped files the person left out, in list order
        self._skipped_names: list[str] = []
        self.put_back_button = QPushButton(_("Put back"))
        self.put_back_button.setToolTip(
            _("Import the selected file with the others again, as it was read")
        )
        self.put_back_button.setAutoDefault(False)
        self.put_back_button.clicked.connect(self._put_back_current)
        skipped_heading = QHBoxLayout()
        skipped_heading.setContentsMargins(0, 0, 0, 0)
        skipped_heading.addWidget(self.skipped_title, 1)
        skipped_heading.addWidget(self.put_back_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.files, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.currency_note)
        layout.addSpacing(6)
        layout.addLayout(skipped_heading)
        layout.addWidget(self.skipped)

    @property
    def current_row(self) -> int:
        return self.files.currentRow()

    def set_room(self, session: Session, room: RoomPlan | None) -> None:
        files = [] if room is None else list(room.files)
        selected = self.files.currentRow()
        # The old rows' choice boxes are deleted later, by the event loop: hidden now, so a
        # shorter list shows none of them in the rows that are gone.
        for box in self.holds_boxes.values():
            wrapper = box.parentWidget()
            (wrapper or box).hide()
        self.files.setRowCount(len(files))
        self.holds_boxes = {}
        for row, file in enumerate(files):
            self._show_file(session, row, file)
        self.files.resizeColumnsToContents()
        self.files.setColumnWidth(
            HOLDS_COLUMN, max(self.files.columnWidth(HOLDS_COLUMN), HOLDS_WIDTH)
        )
        if files:
            self.files.selectRow(min(max(selected, 0), len(files) - 1))
        note = _chosen_note(files, session) if files else None
        self.currency_note.setText(note or "")
        self.currency_note.setVisible(note is not None)
        self._show_skipped(session, room)

    def _show_file(self, session: Session, row: int, file: RoomFile) -> None:
        plan = file.plan
        name = QTableWidgetItem(file.name)
        name.setToolTip(file.name)
        # A CSV has no sheet; a workbook's is the one read (its review can change it).
        sheet = QTableWidgetItem((file.sheet or "") if plan is not None and plan.sheets else "")
        box = QComboBox()
        for entity in Entity:
            box.addItem(label(entity), str(entity))
        known = file.entity in Entity._value2member_map_
        box.setCurrentIndex(box.findData(file.entity) if known else -1)
        box.setPlaceholderText(_("choose…"))
        box.setAccessibleName(_("What {file} holds").format(file=file.name))
        box.activated.connect(lambda _index, n=file.name, b=box: self._chosen(n, b))
        self.holds_boxes[file.name] = box
        sure = QTableWidgetItem(
            "–" if file.entity is None else session.percent(file.confidence, decimals=0)
        )
        rows = QTableWidgetItem(session.number(file.rows))
        if plan is not None:
            rows.setToolTip(
                ngettext(
                    "{read} row read, {accepted} to import, {rejected} rejected",
                    "{read} rows read, {accepted} to import, {rejected} rejected",
                    plan.rows_read,
                ).format(
                    read=session.number(plan.rows_read),
                    accepted=session.number(plan.rows_accepted),
                    rejected=session.number(plan.rows_rejected),
                )
            )
        for item in (sure, rows):
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        problems = QTableWidgetItem(problems_text(session, plan))
        reason = waiting_reason(file)
        waits = _("Waits: {reason}").format(reason=reason) if reason else _("Ready")
        state = QTableWidgetItem(waits)
        state.setToolTip(
            _(
                "{reason} Choose what it holds in the Holds column, or open its Columns "
                "and preview to send its columns to fields; the other files are imported "
                "without it."
            ).format(reason=reason)
            if reason
            else _("Imported with the rest by Import all")
        )
        if reason:
            state.setForeground(QColor(style.current().health[HealthBand.CRITICAL]))
        self.files.setItem(row, FILE_COLUMN, name)
        self.files.setItem(row, SHEET_COLUMN, sheet)
        self.files.setCellWidget(row, HOLDS_COLUMN, _padded(box))
        self.files.setItem(row, SURE_COLUMN, sure)
        self.files.setItem(row, ROWS_COLUMN, rows)
        self.files.setItem(row, PROBLEMS_COLUMN, problems)
        self.files.setItem(row, STATE_COLUMN, state)

    def _show_skipped(self, session: Session, room: RoomPlan | None) -> None:
        skipped = [] if room is None else list(room.skipped)
        left_out = set() if room is None else {f.name for f in room.left_out}
        self._skipped_names = [s.file for s in skipped]
        self.left_out = [s.file for s in skipped if s.file in left_out]
        self.skipped_model.set_rows(
            [
                Row(
                    cells=[s.file, s.reason],
                    tooltip=_("{reason}. Double-click or Put back to import it after all.").format(
                        reason=s.reason
                    )
                    if s.file in left_out
                    else s.reason,
                )
                for s in skipped
            ]
        )
        self.put_back_button.setVisible(bool(left_out))
        self._skipped_selected()
        self.skipped_title.setText(
            ngettext("{n} file skipped", "{n} files skipped", len(skipped)).format(
                n=session.number(len(skipped))
            )
        )
        self.skipped_title.setVisible(bool(skipped))
        self.skipped.setVisible(bool(skipped))
        # As tall as its rows, up to five (then it scrolls): the files to import get the room.
        self.skipped.resizeRowsToContents()
        shown = min(len(skipped), SKIPPED_ROWS)
        height = self.skipped.horizontalHeader().sizeHint().height() + 2 * self.skipped.frameWidth()
        height += sum(self.skipped.rowHeight(r) for r in range(shown))
        self.skipped.setFixedHeight(height)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.files
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.matches(QKeySequence.StandardKey.Delete)
        ):
            self.leave_out_current()
            return True
        return super().eventFilter(watched, event)

    def leave_out_current(self) -> None:
        row = self.files.currentRow()
        item = self.files.item(row, FILE_COLUMN) if row >= 0 else None
        if item is not None:
            self.leave_out_requested.emit(item.text())

    def _left_out_at(self, row: int) -> str | None:
        if not 0 <= row < len(self._skipped_names):
            return None
        name = self._skipped_names[row]
        return name if name in self.left_out else None

    def selected_skipped(self) -> str | None:
        """The file selected in the skipped list, if the person left it out."""
        rows = self.skipped.selectionModel().selectedRows()
        return self._left_out_at(rows[0].row()) if rows else None

    def _skipped_selected(self, *_args: object) -> None:
        self.put_back_button.setEnabled(self.selected_skipped() is not None)

    def _put_back_current(self) -> None:
        name = self.selected_skipped()
        if name is not None:
            self.put_back_requested.emit(name)

    def _put_back_row(self, row: int) -> None:
        name = self._left_out_at(row)
        if name is not None:
            self.put_back_requested.emit(name)

    def _chosen(self, name: str, box: QComboBox) -> None:
        entity = box.currentData()
        if entity:
            self.entity_chosen.emit(name, str(entity))

    def set_busy(self, busy: bool) -> None:
        for box in self.holds_boxes.values():
            box.setEnabled(not busy)
        self.put_back_button.setEnabled(not busy and self.selected_skipped() is not None)

    def show_detail(self, session: Session, room: RoomPlan | None) -> None:
        """The selected file in a sentence or two under the list, wrapped: its state whole."""
        row = self.files.currentRow()
        if room is None or not 0 <= row < len(room.files):
            self.detail.hide()
            return
        file = room.files[row]
        reason = waiting_reason(file)
        if reason:
            text = _(
                "{file} waits: {reason} Choose what it holds in the Holds column, or open "
                "Columns and preview to send its columns to fields."
            ).format(file=file.name, reason=reason)
        elif file.plan is not None:
            plan = file.plan
            text = ngettext(
                "{file}: {read} row read, {accepted} to import, {rejected} rejected; "
                "imported as {holds}.",
                "{file}: {read} rows read, {accepted} to import, {rejected} rejected; "
                "imported as {holds}.",
                plan.rows_read,
            ).format(
                file=file.name,
                read=session.number(plan.rows_read),
                accepted=session.number(plan.rows_accepted),
                rejected=session.number(plan.rows_rejected),
                holds=entity_name(plan.entity).lower(),
            )
        else:
            text = file.name
        colour = style.current().health[HealthBand.CRITICAL] if reason else None
        self.detail.setStyleSheet(f"color: {colour};" if colour else "")
        self.detail.setText(text)
        self.detail.show()


class RoomSummaryStep(QWidget):
    """What the import wrote, file by file, and Undo for the whole set."""

    undo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = muted()
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Amounts read in a currency no file named: said in the warnings' colour.
        self.currency_note = QLabel()
        self.currency_note.setWordWrap(True)
        self.currency_note.setStyleSheet(f"color: {style.current().health[HealthBand.AT_RISK]};")
        self.currency_note.hide()
        self.model = RowsTableModel(
            [
                _("File"),
                _("Holds"),
                _("Written"),
                _("Updated"),
                _("Rejected"),
                _("Accounts created"),
                _("Result"),
            ],
            right_aligned=(2, 3, 4, 5),
            parent=self,
        )
        self.table = table(self.model, stretch=6)
        self.undo_button = QPushButton(_("Undo this import"))
        self.undo_button.setAutoDefault(False)
        self.undo_button.clicked.connect(self.undo_requested)
        self.undo_note = muted(
            _("Undo removes every row these files wrote and puts back what they replaced.")
        )
        undo_row = QHBoxLayout()
        undo_row.setSpacing(style.SPACING)
        undo_row.addWidget(self.undo_button)
        undo_row.addWidget(self.undo_note, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(style.SPACING)
        layout.addWidget(self.text)
        layout.addWidget(self.currency_note)
        layout.addLayout(undo_row)
        layout.addWidget(self.table, 1)

    def show_result(
        self, session: Session, room: RoomPlan, result: RoomResult, currency: str | None = None
    ) -> None:
        """A row per file: what it wrote (its batch), or why it was not imported; a file
        that waited for a choice says what it waited for, in the app's words. ``currency``:
        what to say of the currency amounts were read in (none of the files named it)."""
        self.currency_note.setText(currency or "")
        self.currency_note.setVisible(bool(currency))
        waited = {f.name: f for f in room.blocked}
        rows: list[Row] = []
        for done in result.files:
            problems = len(done.problems)
            text = _("Batch {batch}").format(batch=done.batch_id)
            if problems:
                text += " · " + ngettext(
                    "{n} problem reported", "{n} problems reported", problems
                ).format(n=session.number(problems))
            rows.append(
                Row(
                    cells=[
                        done.file,
                        entity_name(done.entity),
                        session.number(done.rows_written),
                        session.number(done.rows_updated),
                        session.number(done.rows_rejected),
                        session.number(done.accounts_created),
                        text,
                    ],
                    tooltip="\n".join(p.describe() for p in done.problems[:20]) or None,
                )
            )
        for skipped in result.skipped:
            file = waited.get(skipped.file)
            if file is not None:
                why = _("Not imported: {reason}").format(reason=waiting_reason(file))
                holds = entity_name(file.entity) if file.entity else ""
            else:
                why = _("Skipped: {reason}").format(
                    reason=without_file_name(skipped.reason, skipped.file)
                )
                holds = ""
            rows.append(Row(cells=[skipped.file, holds, "", "", "", "", why], tooltip=why))
        self.model.set_rows(rows)
        can_undo = bool(result.batch_ids) and not session.read_only
        self.undo_button.setVisible(can_undo)
        self.undo_note.setVisible(can_undo)
        self.undo_button.setEnabled(True)
        written = len(result.files)
        self.text.setText(
            ngettext(
                "{n} file imported, in this order; the others say why they were not.",
                "{n} files imported, in this order; the others say why they were not.",
                written,
            ).format(n=session.number(written))
            + " "
            + _("The Imports page lists the set, and undoes it in one go.")
        )

    def set_undoing(self) -> None:
        self.undo_button.setEnabled(False)

    def show_undone(self) -> None:
        self.undo_button.hide()
        self.undo_note.hide()
        self.text.setText(
            _("The import was undone: the workspace is as it was before these files.")
        )


def _chosen_note(files: list[RoomFile], session: Session) -> str | None:
    # Imported here: csdesk.ingest.dataroom loads pandas and the importer, which the import
    # page must not load on the window's thread when it is first shown (the read job does).
    from csdesk.ingest.dataroom.currency import chosen_note

    return chosen_note(files, session.lang)
