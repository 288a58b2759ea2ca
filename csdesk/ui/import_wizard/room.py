"""The data room wizard: a folder or zip of a client's files, planned and imported as one set.

Opened by a folder or zip dropped on the window and by File ▸ Import a folder… / a zip…. The
folder is read in the background (every file classified, put in dependency order, the files
not to import set aside with their reasons); one screen then lists every file with what it
seems to hold, how sure that is, its rows and its problems. Choosing another entity for a file
plans that file again (only it); a file's row opens the import wizard's own Sheet, Columns and
Preview steps on it (:meth:`ImportWizard.review`), whose choices come back to the list. A file
that is unsure or cannot be imported waits, and says why; Import all writes the others, in their
order, in one writer job with one progress bar and Cancel (a cancelled set writes nothing), and
ends on a summary per file.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from csdesk.domain.enums import Entity, HealthBand
from csdesk.ui import style
from csdesk.ui.import_wizard import room_jobs
from csdesk.ui.import_wizard.source_steps import entity_name
from csdesk.ui.labels import label
from csdesk.ui.models.rows_table import Row, RowsTableModel
from csdesk.ui.session import Session
from csdesk.ui.table_view import table
from csdesk.ui.translate import _, ngettext
from csdesk.ui.widgets import muted, page_title, section_title

if TYPE_CHECKING:
    from csdesk.ingest import ImportPlan
    from csdesk.ingest.dataroom import RoomFile, RoomPlan, RoomResult
    from csdesk.ui.import_wizard.wizard import ImportWizard
    from csdesk.ui.workers import Job

FILES, IMPORTING, SUMMARY = range(3)
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
    """ "2 errors · 1 warning", or "none"."""
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


class RoomWizard(QDialog):
    imported = Signal(object)  # the RoomResult

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Import a folder"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        screen = parent.screen() if parent is not None else QGuiApplication.primaryScreen()
        room = screen.availableGeometry().size() if screen is not None else QSize(1040, 700)
        self.setMinimumSize(QSize(860, 560).boundedTo(room))
        self.resize(QSize(1080, 700).boundedTo(room))
        self.session: Session | None = None
        self.path: Path | None = None
        self.room: RoomPlan | None = None
        self.room_result: RoomResult | None = None
        self.step = FILES
        self.busy = False  # the folder, or one of its files, is being read
        self.importing = False
        self.notice = ""
        self._generation = 0  # an answer to an older request is dropped
        self._cancel = threading.Event()
        self.review_wizard: ImportWizard | None = None
        self._reading: Job | None = None  # the job reading the folder, while it runs
        self._reviewing: str | None = None  # the file the review wizard shows
        self.holds_boxes: dict[str, QComboBox] = {}

        self.title = page_title("")
        self.subtitle = muted()

        # The files, in the order they will be imported.
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
        self.files.cellDoubleClicked.connect(lambda row, _column: self.review_file(row))
        self.files.itemSelectionChanged.connect(self._refresh)
        # The selected file in full: the list elides a long reason.
        self.detail = muted()
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.skipped_title = section_title("")
        self.skipped_model = RowsTableModel([_("File"), _("Why it is skipped")], parent=self)
        self.skipped = table(self.skipped_model, stretch=1)
        files_page = QWidget()
        files_layout = QVBoxLayout(files_page)
        files_layout.setContentsMargins(0, 0, 0, 0)
        files_layout.setSpacing(6)
        files_layout.addWidget(self.files, 1)
        files_layout.addWidget(self.detail)
        files_layout.addSpacing(6)
        files_layout.addWidget(self.skipped_title)
        files_layout.addWidget(self.skipped)

        # Importing: one bar for the whole set.
        self.import_title = section_title("")
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        self.bar.setMinimumWidth(420)
        self.bar_message = muted()
        import_note = muted(
            _(
                "The files are written in one transaction, after an automatic backup. Cancel "
                "stops the import and leaves the workspace exactly as it was."
            )
        )
        column = QVBoxLayout()
        column.setSpacing(10)
        column.addWidget(self.import_title)
        column.addWidget(self.bar)
        column.addWidget(self.bar_message)
        column.addSpacing(style.SPACING)
        column.addWidget(import_note)
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addLayout(column, 3)
        centred.addStretch(1)
        import_page = QWidget()
        import_layout = QVBoxLayout(import_page)
        import_layout.addStretch(1)
        import_layout.addLayout(centred)
        import_layout.addStretch(2)

        # What the import wrote, file by file.
        self.summary_text = muted()
        self.summary_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary_model = RowsTableModel(
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
        self.summary = table(self.summary_model, stretch=6)
        self.undo_button = QPushButton(_("Undo this import"))
        self.undo_button.setAutoDefault(False)
        self.undo_button.clicked.connect(self.undo)
        self.undo_note = muted(
            _("Undo removes every row these files wrote and puts back what they replaced.")
        )
        undo_row = QHBoxLayout()
        undo_row.setSpacing(style.SPACING)
        undo_row.addWidget(self.undo_button)
        undo_row.addWidget(self.undo_note, 1)
        summary_page = QWidget()
        summary_layout = QVBoxLayout(summary_page)
        summary_layout.setContentsMargins(0, 0, 0, 0)
        summary_layout.setSpacing(style.SPACING)
        summary_layout.addWidget(self.summary_text)
        summary_layout.addLayout(undo_row)
        summary_layout.addWidget(self.summary, 1)

        self.stack = QStackedWidget()
        for page in (files_page, import_page, summary_page):
            self.stack.addWidget(page)

        self.hint = muted()
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setFixedWidth(90)
        self.busy_bar.setTextVisible(False)
        self.review_button = QPushButton(_("Columns and preview…"))
        self.review_button.setToolTip(
            _("Open the selected file in the import wizard's Columns and Preview steps")
        )
        self.import_button = QPushButton(_("Import all"))
        self.import_button.setObjectName("primary")
        self.cancel_button = QPushButton(_("Cancel"))
        self.review_button.setAutoDefault(False)
        self.cancel_button.setAutoDefault(False)
        self.import_button.setDefault(True)
        for button in (self.review_button, self.import_button, self.cancel_button):
            button.setMinimumWidth(96)
        self.review_button.clicked.connect(lambda: self.review_file(self.files.currentRow()))
        self.import_button.clicked.connect(self.go_next)
        self.cancel_button.clicked.connect(self.reject)

        palette = style.current()
        header_box = QWidget()
        header_box.setObjectName("wizardHeader")
        header_box.setStyleSheet(
            f"QWidget#wizardHeader {{ background: {palette.surface};"
            f" border-bottom: 1px solid {palette.border}; }}"
        )
        margin = style.SPACING * 2
        titles = QVBoxLayout(header_box)
        titles.setContentsMargins(margin, style.SPACING, margin, style.SPACING)
        titles.setSpacing(2)
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        body = QVBoxLayout()
        body.setContentsMargins(margin, style.SPACING + 4, margin, style.SPACING)
        body.addWidget(self.stack, 1)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setStyleSheet(f"color: {palette.border};")
        buttons = QHBoxLayout()
        buttons.setContentsMargins(margin, style.SPACING, margin, style.SPACING)
        buttons.setSpacing(8)
        buttons.addWidget(self.busy_bar)
        buttons.addWidget(self.hint, 1)
        buttons.addSpacing(style.SPACING)
        buttons.addWidget(self.review_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header_box)
        layout.addLayout(body, 1)
        layout.addWidget(line)
        layout.addLayout(buttons)

    # -- reading the folder -----------------------------------------------------------------

    def start(self, session: Session, path: Path) -> None:
        """Show the wizard on the folder or zip at ``path`` and read it in the background."""
        self._forget_room()
        self.session = session
        self.path = path
        self.room_result = None
        self.importing = False
        self.notice = ""
        self._show_room(None)
        self._show_step(FILES)
        self.show()
        self.raise_()
        self.activateWindow()
        generation = self._begin(_("Reading the files of {folder}…").format(folder=path.name))
        self._reading = room_jobs.plan_room(
            session,
            path,
            progress=lambda fraction, _message: self._reading_progress(generation, fraction),
            done=lambda room: self._planned(generation, room),
            ended=lambda outcome: self._read_ended(generation, outcome),
        )

    def _reading_progress(self, generation: int, fraction: float) -> None:
        """How far the reading of the folder is, in the hint."""
        session, path = self.session, self.path
        if generation != self._generation or session is None or path is None:
            return
        self.notice = _("Reading the files of {folder}… {done}").format(
            folder=path.name, done=session.percent(fraction, decimals=0)
        )
        self.hint.setText(self.notice)
        self.busy_bar.setRange(0, 1000)
        self.busy_bar.setValue(round(min(max(fraction, 0.0), 1.0) * 1000))

    def _begin(self, message: str) -> int:
        self.busy_bar.setRange(0, 0)  # how long is unknown until the job says
        self._generation += 1
        self.busy = True
        self.notice = message
        self._refresh()
        return self._generation

    def _read_ended(self, generation: int, outcome: room_jobs.Outcome) -> None:
        """Runs before the plan arrives (if one does). A folder that could not be read at all
        closes the wizard (the main window shows why); a file read again that failed keeps
        the plan it had."""
        if generation != self._generation:
            return
        self.busy = False
        self.notice = ""
        if not outcome.finished and self.room is None:
            QDialog.reject(self)
            return
        if not outcome.finished and self.room is not None:
            self._show_room(self.room)  # the choices as they were
        self._refresh()

    def _planned(self, generation: int, room: RoomPlan) -> None:
        if generation != self._generation or self.session is None:
            room.close()  # nobody will import it: its temporary folder goes
            return
        self.room = room
        self._show_room(room)
        self._refresh()

    # -- the list of files ------------------------------------------------------------------

    def _show_room(self, room: RoomPlan | None) -> None:
        session = self.session
        files = [] if room is None else list(room.files)
        selected = self.files.currentRow()
        self.files.setRowCount(len(files))
        self.holds_boxes = {}
        critical = QColor(style.current().health[HealthBand.CRITICAL])
        for row, file in enumerate(files):
            plan = file.plan
            name = QTableWidgetItem(file.name)
            name.setToolTip(file.name)
            box = QComboBox()
            for entity in Entity:
                box.addItem(label(entity), str(entity))
            known = file.entity in Entity._value2member_map_
            box.setCurrentIndex(box.findData(file.entity) if known else -1)
            box.setPlaceholderText(_("choose…"))
            box.setAccessibleName(_("What {file} holds").format(file=file.name))
            box.setEnabled(not self.busy)
            box.activated.connect(lambda _index, n=file.name: self._entity_chosen(n))
            self.holds_boxes[file.name] = box
            sure = QTableWidgetItem(
                "–"
                if session is None or file.entity is None
                else session.percent(file.confidence, decimals=0)
            )
            rows = QTableWidgetItem("" if session is None else session.number(file.rows))
            if session is not None and plan is not None:
                rows.setToolTip(
                    _("{read} rows read, {accepted} to import, {rejected} rejected").format(
                        read=session.number(plan.rows_read),
                        accepted=session.number(plan.rows_accepted),
                        rejected=session.number(plan.rows_rejected),
                    )
                )
            for item in (sure, rows):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            problems = QTableWidgetItem("" if session is None else problems_text(session, plan))
            reason = waiting_reason(file)
            state = QTableWidgetItem(
                _("Waits: {reason}").format(reason=reason) if reason else _("Ready")
            )
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
                state.setForeground(critical)
            self.files.setItem(row, FILE_COLUMN, name)
            # A CSV has no sheet; a workbook's is the one read (the review can change it).
            sheet = QTableWidgetItem((file.sheet or "") if plan is not None and plan.sheets else "")
            self.files.setItem(row, SHEET_COLUMN, sheet)
            self.files.setCellWidget(row, HOLDS_COLUMN, _padded(box))
            self.files.setItem(row, SURE_COLUMN, sure)
            self.files.setItem(row, ROWS_COLUMN, rows)
            self.files.setItem(row, PROBLEMS_COLUMN, problems)
            self.files.setItem(row, STATE_COLUMN, state)
        self.files.resizeColumnsToContents()
        self.files.setColumnWidth(
            HOLDS_COLUMN, max(self.files.columnWidth(HOLDS_COLUMN), HOLDS_WIDTH)
        )
        if files:
            self.files.selectRow(min(max(selected, 0), len(files) - 1))
        skipped = [] if room is None else list(room.skipped)
        self.skipped_model.set_rows(
            [Row(cells=[s.file, s.reason], tooltip=s.reason) for s in skipped]
        )
        self.skipped_title.setText(
            ngettext("{n} file skipped", "{n} files skipped", len(skipped)).format(
                n=session.number(len(skipped)) if session is not None else len(skipped)
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

    def file_named(self, name: str) -> RoomFile | None:
        if self.room is None:
            return None
        return next((f for f in self.room.files if f.name == name), None)

    def _entity_chosen(self, name: str) -> None:
        session, room, file = self.session, self.room, self.file_named(name)
        box = self.holds_boxes.get(name)
        if session is None or room is None or file is None or box is None:
            return
        entity = box.currentData()
        if not entity or entity == file.entity:
            return
        generation = self._begin(_("Reading {file} again…").format(file=Path(name).name))
        room_jobs.replan_file(
            session,
            room,
            name,
            entity=str(entity),
            done=lambda new: self._planned(generation, new),
            ended=lambda outcome: self._read_ended(generation, outcome),
        )

    def review_file(self, row: int) -> None:
        """Open the file of ``row`` in the import wizard's Sheet, Columns and Preview steps;
        what the person chooses there comes back as this file's plan."""
        session, room = self.session, self.room
        if session is None or room is None or self.busy or not 0 <= row < len(room.files):
            return
        file = room.files[row]
        if file.plan is None:
            return
        from csdesk.ui.import_wizard.wizard import ImportWizard

        if self.review_wizard is None:
            self.review_wizard = ImportWizard(self)
            self.review_wizard.reviewed.connect(self._reviewed)
        self._reviewing = file.name
        inside = str(Path(file.name).parent)
        place = room.name if inside == "." else f"{room.name} › {inside}"
        self.review_wizard.review(session, file.plan, place)

    def _reviewed(self, plan: ImportPlan) -> None:
        """The review's plan becomes the file's (it was planned already: nothing to read)."""
        from csdesk.ingest.dataroom.reviewed import with_plan

        name, room = self._reviewing, self.room
        if room is None or name is None or self.busy:
            return
        self.room = with_plan(room, name, plan)
        self._show_room(self.room)
        self._refresh()

    # -- importing --------------------------------------------------------------------------

    def ready_files(self) -> list[RoomFile]:
        return [] if self.room is None else [f for f in self.room.files if not waiting_reason(f)]

    def blocked_reason(self) -> str | None:
        """Why Import all cannot start (None: it can)."""
        session = self.session
        if session is None or self.room is None:
            return _("The files have not been read yet.")
        if session.read_only:
            return _("The workspace is open read-only.")
        if not self.ready_files():
            return _("No file can be imported yet: choose what each one holds.")
        return None

    def go_next(self) -> None:
        if self.step == SUMMARY:
            self.accept()
            return
        if self.step == FILES and not self.busy and self.blocked_reason() is None:
            self.start_import()

    def start_import(self) -> None:
        session, room = self.session, self.room
        if session is None or room is None:
            return
        self._cancel = threading.Event()
        self.importing = True
        self.notice = ""
        ready = len(self.ready_files())
        self.import_title.setText(
            ngettext(
                "Importing {n} file of {folder}", "Importing {n} files of {folder}", ready
            ).format(n=session.number(ready), folder=room.name)
        )
        self.set_progress(0.0, _("Starting…"))
        self._show_step(IMPORTING)
        room_jobs.import_room(
            session,
            room,
            self._cancel,
            progress=self.set_progress,
            done=self._imported,
            ended=self._import_ended,
        )

    def set_progress(self, fraction: float, message: str) -> None:
        self.bar.setValue(round(min(max(fraction, 0.0), 1.0) * 1000))
        self.bar_message.setText(message)

    def cancel_import(self) -> None:
        self._cancel.set()
        self.set_progress(self.bar.value() / 1000, _("Cancelling…"))
        self._refresh()

    def _import_ended(self, outcome: room_jobs.Outcome) -> None:
        """Runs before the result arrives; a set that did not finish wrote nothing."""
        self.importing = False
        if outcome.finished:
            return
        self.notice = (
            _("Import cancelled; nothing was written.")
            if outcome.cancelled
            else _("The import did not finish; nothing was written.")
        )
        self._show_step(FILES)

    def _imported(self, result: RoomResult) -> None:
        session = self.session
        if session is None:
            return
        self.room_result = result
        self._show_summary(session, result)
        self._show_step(SUMMARY)
        session.data_changed.emit("import")
        self.imported.emit(result)

    def _show_summary(self, session: Session, result: RoomResult) -> None:
        """A row per file: what it wrote (its batch), or why it was not imported; a file
        that waited for a choice says what it waited for, in the app's words."""
        waited = {} if self.room is None else {f.name: f for f in self.room.blocked}
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
                why, holds = _("Skipped: {reason}").format(reason=skipped.reason), ""
            why = without_file_name(why, skipped.file)
            rows.append(Row(cells=[skipped.file, holds, "", "", "", "", why], tooltip=why))
        self.summary_model.set_rows(rows)
        can_undo = bool(result.batch_ids) and not session.read_only
        self.undo_button.setVisible(can_undo)
        self.undo_note.setVisible(can_undo)
        self.undo_button.setEnabled(True)
        written = len(result.files)
        self.summary_text.setText(
            ngettext(
                "{n} file imported, in this order; the others say why they were not.",
                "{n} files imported, in this order; the others say why they were not.",
                written,
            ).format(n=session.number(written))
            + " "
            + _("The Imports page lists the set, and undoes it in one go.")
        )

    def undo(self) -> None:
        """The summary's Undo: every batch of the set, in one transaction."""
        session, result = self.session, self.room_result
        if session is None or result is None or not result.batch_ids:
            return
        self.undo_button.setEnabled(False)

        def undone(_results: object) -> None:
            self.undo_button.hide()
            self.undo_note.hide()
            self.summary_text.setText(
                _("The import was undone: the workspace is as it was before these files.")
            )

        room_jobs.undo_room(session, result, undone)

    # -- the steps --------------------------------------------------------------------------

    def _show_step(self, step: int) -> None:
        self.step = step
        self.stack.setCurrentIndex(step)
        self._refresh()

    def _refresh(self) -> None:
        """Titles, buttons and hint after any change of step, plan or job."""
        step, room = self.step, self.room
        folder = "" if self.path is None else self.path.name
        if step == FILES:
            self.title.setText(_("The files of {folder}").format(folder=folder))
            self.subtitle.setText(
                _(
                    "In the order they will be imported. Change what a file holds, or open it "
                    "to check its columns; nothing is written before Import all."
                )
            )
        elif step == IMPORTING:
            self.title.setText(_("Importing"))
            self.subtitle.setText(_("Writing the files to the workspace, in this order."))
        else:
            self.title.setText(_("Summary"))
            self.subtitle.setText(_("What the import wrote, file by file."))
        for box in self.holds_boxes.values():
            box.setEnabled(not self.busy)
        has_row = room is not None and 0 <= self.files.currentRow() < len(room.files)
        self.review_button.setVisible(step == FILES)
        self.review_button.setEnabled(has_row and not self.busy)
        self.import_button.setVisible(step != IMPORTING)
        self.import_button.setText(_("Finish") if step == SUMMARY else _("Import all"))
        reason = None if step == SUMMARY else self.blocked_reason()
        self.import_button.setEnabled(not self.busy and reason is None)
        self.import_button.setToolTip(reason or "")
        self.cancel_button.setVisible(step != SUMMARY)
        self.cancel_button.setText(_("Cancel import") if step == IMPORTING else _("Cancel"))
        self.cancel_button.setEnabled(not (step == IMPORTING and self._cancel.is_set()))
        self.busy_bar.setVisible(self.busy)
        self._show_detail()
        hint = self.notice
        if not hint and step == FILES and room is not None:
            waiting = len(room.files) - len(self.ready_files())
            hint = (
                ngettext(
                    "{n} file waits for a choice; the others import without it.",
                    "{n} files wait for a choice; the others import without them.",
                    waiting,
                ).format(n=self.session.number(waiting) if self.session else waiting)
                if waiting
                else ""
            )
        self.hint.setText(hint)

    def _show_detail(self) -> None:
        """The selected file in a sentence or two under the list, wrapped: its state whole."""
        room, session, row = self.room, self.session, self.files.currentRow()
        if room is None or session is None or not 0 <= row < len(room.files):
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
            text = _(
                "{file}: {read} rows read, {accepted} to import, {rejected} rejected; "
                "imported as {holds}."
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
        self.detail.setVisible(self.step == FILES)

    # -- closing ----------------------------------------------------------------------------

    def _stop_reading(self) -> None:
        """A folder still being read when the wizard closes: stop between two files."""
        if self._reading is not None and self._reading.running:
            self._reading.cancel()
        self._reading = None

    def _forget_room(self) -> None:
        """Remove the temporary folder of the room shown (a zip's files), if any."""
        if self.room is not None:
            self.room.close()
        self.room = None

    def reject(self) -> None:
        """Esc, Cancel or the close button: cancel a running import (and stay), finish from
        the summary, else close and forget the folder (nothing was written)."""
        if self.importing:
            self.cancel_import()
            return
        if self.step == SUMMARY:
            self.accept()
            return
        self._generation += 1
        self.busy = False
        self._stop_reading()
        self._forget_room()
        super().reject()

    def accept(self) -> None:
        self._forget_room()
        super().accept()

    def close_for_session(self) -> None:
        """The workspace is closing: stop listening and close, whatever the step."""
        self._generation += 1
        self._cancel.set()
        self.importing = False
        if self.review_wizard is not None:
            self.review_wizard.close_for_session()
        self.session = None
        self._stop_reading()
        self._forget_room()
        QDialog.reject(self)
