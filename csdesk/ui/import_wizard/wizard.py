"""The import wizard: File · Sheet · Columns · Preview · Import · Summary, one step at a time.

A dialog over the main window (modal to it), opened by File ▸ Import…, by a spreadsheet
dropped on the window and by the Imports page. The file is read at once in the background and
the wizard moves on to the first step with a choice (the sheet of a workbook, the columns of
a CSV). Every choice plans again in the background; Next waits for the new plan. Nothing is
written before the Import step, which runs the writer job with progress and Cancel (the core
rolls back, so a cancelled import writes nothing). The summary offers Undo; Finish closes the
wizard over the Imports page, where the batch is listed. Enter is Next, Esc is Cancel.

A data room (a folder or zip, csdesk.ui.import_wizard.room) opens the same wizard on each of its
files to *review* it: Sheet, Columns and Preview as usual, and the plan handed back at the end.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from csdesk.ui.data_change import DataChange
from csdesk.ui.import_wizard import dialog_frame, jobs
from csdesk.ui.import_wizard.columns_step import ColumnsStep
from csdesk.ui.import_wizard.preview_step import PreviewStep, cannot_import
from csdesk.ui.import_wizard.run_steps import ImportStep, SummaryStep
from csdesk.ui.import_wizard.settings_follow import RATES_TAB, SettingsFollower
from csdesk.ui.import_wizard.source_steps import FileStep, SheetStep
from csdesk.ui.import_wizard.step_bar import StepBar
from csdesk.ui.import_wizard.values import LEAVE_OUT
from csdesk.ui.session import Session
from csdesk.ui.translate import N_, _
from csdesk.ui.widgets import muted, page_title
from csdesk.ui.workers import JobSlot

if TYPE_CHECKING:
    from csdesk.ingest import ImportPlan
    from csdesk.ui.settings_dialog import SettingsDialog

FILE, SHEET, COLUMNS, PREVIEW, IMPORT, SUMMARY = range(6)
STEP_NAMES = (N_("File"), N_("Sheet"), N_("Columns"), N_("Preview"), N_("Import"), N_("Summary"))
# What each step asks of the person, under the step bar.
STEP_TEXTS = (
    (
        N_("The file to import"),
        N_("Check that this is the spreadsheet you mean. Nothing is written before Import."),
    ),
    (
        N_("Which sheet to read"),
        N_("The workbook's visible sheets. Pick the one that holds the data to import."),
    ),
    (
        N_("What the sheet holds and how each column is read"),
        N_("Send any column to another field, or leave it out; the sheet is read again."),
    ),
    (
        N_("Preview and problems"),
        N_("The first rows as they will be read. Rows with a problem are highlighted."),
    ),
    (N_("Importing"), N_("Writing the rows to the workspace.")),
    (N_("Summary"), N_("What the import wrote. Finish returns to the import history.")),
)


class ImportWizard(QDialog):
    imported = Signal(object)  # the ImportResult
    undone = Signal(int)  # the batch undone from the summary
    reviewed = Signal(object)  # a data room file's ImportPlan, as its review left it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Import a spreadsheet"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        # Never larger than the screen: on a small laptop (about 1090x610 at 125 %) a taller
        # dialog would hide its buttons below the screen's edge.
        screen = parent.screen() if parent is not None else QGuiApplication.primaryScreen()
        room = screen.availableGeometry().size() if screen is not None else QSize(1040, 700)
        self.setMinimumSize(QSize(860, 580).boundedTo(room))
        self.resize(QSize(1040, 700).boundedTo(room))
        self.session: Session | None = None
        self.path: Path | None = None
        self.plan: ImportPlan | None = None
        self.result: Any = None
        self.reviewing = False  # a data room's file: Preview hands the plan back
        self.step = FILE
        self.busy = False
        self.importing = False
        # The plan being made: a new read or choice supersedes it (cancelled, never shown).
        self._planning = JobSlot()
        self._advance_when_read = False
        self._pending_next = False
        self._notice = ""
        self._cancel = threading.Event()
        self._change: DataChange | None = None  # what the import just written changed

        self.step_bar = StepBar([_(name) for name in STEP_NAMES])
        self.title = page_title("")
        self.subtitle = muted()
        self.file_step = FileStep()
        self.sheet_step = SheetStep()
        self.columns_step = ColumnsStep()
        self.preview_step = PreviewStep()
        self.import_step = ImportStep()
        self.summary_step = SummaryStep()
        self.stack = QStackedWidget()
        for step in (
            self.file_step,
            self.sheet_step,
            self.columns_step,
            self.preview_step,
            self.import_step,
            self.summary_step,
        ):
            self.stack.addWidget(step)
        self.file_step.choose_requested.connect(self.choose_another_file)
        self.sheet_step.sheet_chosen.connect(self._sheet_chosen)
        self.columns_step.entity_chosen.connect(self._entity_chosen)
        self.columns_step.field_chosen.connect(self._field_chosen)
        self.preview_step.drop_identical_chosen.connect(self._drop_identical_chosen)
        self.columns_step.billing_period_chosen.connect(self._billing_period_chosen)
        self.columns_step.currency_chosen.connect(self._currency_chosen)
        self.summary_step.undo_requested.connect(self.undo)

        self.hint = muted()
        self.hint.setWordWrap(True)
        self.busy_bar = dialog_frame.busy_bar()
        self.back_button = QPushButton(_("Back"))
        self.next_button = QPushButton(_("Next"))
        self.cancel_button = QPushButton(_("Cancel"))
        # A sheet refused for a rate waits for Settings, which the main window's menu cannot
        # open while this dialog is up.
        self.rates_button = QPushButton(_("Exchange rates…"))
        self.rates_button.setToolTip(_("Give the rate of the sheet's currency (Settings)"))
        self.rates_button.clicked.connect(self.open_rates)
        dialog_frame.set_buttons(
            self.next_button, [self.rates_button, self.back_button, self.cancel_button]
        )
        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        self.cancel_button.clicked.connect(self.reject)

        dialog_frame.lay_out(
            self,
            above_titles=self.step_bar,
            title=self.title,
            subtitle=self.subtitle,
            stack=self.stack,
            busy_bar=self.busy_bar,
            hint=self.hint,
            buttons=[self.rates_button, self.back_button, self.next_button, self.cancel_button],
        )
        # Settings' rates, reached from here and followed.
        self._settings = SettingsFollower(self._settings_changed)

    # -- starting ---------------------------------------------------------------------------

    def start(self, session: Session, path: Path) -> None:
        """Show the wizard on ``path`` and read it; it moves on by itself once read."""
        self.session = session
        self._settings.follow(session)
        self.plan = None
        self.result = None
        self.importing = False
        self._pending_next = False
        self._notice = ""
        self._advance_when_read = True
        self._set_reviewing(False)
        self._show_step(FILE)
        if self.isVisible():  # a new file while open: bring it forward (a new window is)
            self.raise_()
            self.activateWindow()
        self.show()
        self._read(path)

    def review(self, session: Session, plan: ImportPlan, place: str | None = None) -> None:
        """Show the Sheet, Columns and Preview steps of one file of a data room, already read:
        every choice plans the file again as usual, and Preview's button hands the plan back
        (:attr:`reviewed`) instead of importing it, since the data room imports its files
        together, in their order. ``place`` is where the file is in the data room (a zip's
        files are read from a temporary folder, which would mean nothing to the person)."""
        self.session = session
        self._settings.follow(session)
        self.path = plan.path
        self.plan = plan
        self.result = None
        self.importing = False
        self._pending_next = False
        self._notice = ""
        self._advance_when_read = False
        self._set_reviewing(True)
        self.file_step.set_file(session, plan.path)
        if place is not None:
            self.file_step.folder.setText(place)
        self._show_plan(session, plan)
        self._show_step(self._after_file())
        self.show()
        self.raise_()
        self.activateWindow()

    def _set_reviewing(self, reviewing: bool) -> None:
        self.reviewing = reviewing
        self.step_bar.show_first(PREVIEW + 1 if reviewing else len(STEP_NAMES))
        self.file_step.choose_button.setVisible(not reviewing)

    def choose_another_file(self) -> None:
        """Step 1's button: read another file instead (the wizard stays on step 1)."""
        from csdesk.ui.file_dialogs import choose_spreadsheet

        folder = "" if self.path is None else str(self.path.parent)
        path = choose_spreadsheet(self, folder)
        if path is not None:
            self.open_file(path)

    def open_file(self, path: Path) -> None:
        """Read ``path`` in place of the file chosen before, from step 1."""
        self.plan = None
        self._advance_when_read = False
        self._show_step(FILE)
        self._read(path)

    # -- planning in the background ---------------------------------------------------------

    def _read(self, path: Path, sheet: str | None = None) -> None:
        session = self.session
        if session is None:
            return
        if sheet is None:
            self.path = path
            self.file_step.set_file(session, path)
        self._begin(_("Reading {file}…").format(file=path.name))
        jobs.read(
            session,
            path,
            sheet=sheet,
            done=self._planned,
            ended=self._plan_ended,
            slot=self._planning,
        )

    def _sheet_chosen(self, sheet: str) -> None:
        if self.plan is not None and self.path is not None and sheet != self.plan.sheet:
            self._read(self.path, sheet)

    def _entity_chosen(self, entity: str) -> None:
        plan, session = self.plan, self.session
        if plan is None or session is None or entity == plan.entity:
            return
        self._plan_again(session, plan, entity=entity)

    def _field_chosen(self, column: str, field: str) -> None:
        plan, session = self.plan, self.session
        if (
            plan is None
            or session is None
            or plan.mapping().get(column) == (None if field == LEAVE_OUT else field)
        ):
            return
        self._plan_again(session, plan, mapping={column: field})

    def _billing_period_chosen(self, period: str) -> None:
        plan, session = self.plan, self.session
        if plan is None or session is None or (period or None) == plan.billing_period:
            return
        self._plan_again(session, plan, billing_period=period)

    def _currency_chosen(self, code: str) -> None:
        plan, session = self.plan, self.session
        if plan is None or session is None or (code or None) == plan.amounts_in:
            return
        self._plan_again(session, plan, amounts_in=code)

    def _drop_identical_chosen(self, drop: bool) -> None:
        plan, session = self.plan, self.session
        if plan is None or session is None or drop == plan.drop_identical:
            return
        self._plan_again(session, plan, drop_identical=drop)

    def open_rates(self) -> SettingsDialog | None:
        """Settings, over this dialog, on its Exchange rates tab; saving plans the sheet
        again (see :meth:`_settings_changed`)."""
        if self.session is None:
            return None
        return self._settings.open_settings(self.session, self, RATES_TAB)

    def _settings_changed(self) -> None:
        """Settings changed while a sheet is planned (a rate given, the currency chosen): the
        sheet is planned again against them, every choice kept."""
        plan, session = self.plan, self.session
        if plan is None or session is None or plan.is_capture:
            return
        if self.importing or self.busy or self.step not in (COLUMNS, PREVIEW):
            return
        self._plan_again(session, plan, settings_changed=True)

    def _plan_again(self, session: Session, plan: ImportPlan, **choice: Any) -> None:
        """Read the file again with one choice changed (entity, a column, the billing period,
        the currency of unnamed amounts, repeated lines); the plan shows when the job ends,
        unless another has begun since (the slot then cancels this one and drops what it
        would have answered)."""
        self._begin(_("Reading {file} again…").format(file=plan.file_name))
        jobs.plan_again(
            session,
            plan,
            **choice,
            done=self._planned,
            ended=self._plan_ended,
            slot=self._planning,
        )

    def _begin(self, message: str) -> None:
        self.busy = True
        self._notice = message
        self.columns_step.set_busy(True)
        self._refresh()

    def _plan_ended(self, outcome: jobs.Outcome) -> None:
        """Runs before a plan arrives (if one does): a failed first read closes the wizard,
        whose error the main window shows; a failed new plan keeps the one before."""
        self.busy = False
        self._notice = ""
        self.columns_step.set_busy(False)
        if outcome.finished:
            return
        self._pending_next = False
        if self.plan is None and self._advance_when_read:
            QDialog.reject(self)
            return
        if self.plan is None:
            self.file_step.set_failed()
        elif self.session is not None:
            self._show_plan(self.session, self.plan)  # the choices as they were
        self._refresh()

    def _planned(self, plan: ImportPlan) -> None:
        session = self.session
        if session is None:
            return
        self.plan = plan
        self._show_plan(session, plan)
        if self._advance_when_read:
            self._advance_when_read = False
            self._show_step(self._after_file())
        elif self._pending_next:
            self._pending_next = False
            self.go_next()
        self._refresh()

    def _show_plan(self, session: Session, plan: ImportPlan) -> None:
        self.file_step.set_plan(session, plan)
        self.sheet_step.set_plan(session, plan)
        self.columns_step.set_plan(session, plan)
        self.preview_step.set_plan(session, plan)

    def _after_file(self) -> int:
        """The step after File: a calendar or mail file has no sheet or columns to choose."""
        if self.plan is not None and self.plan.is_capture:
            return PREVIEW
        return SHEET if self.has_sheets else COLUMNS

    @property
    def is_capture(self) -> bool:
        return self.plan is not None and self.plan.is_capture

    @property
    def has_sheets(self) -> bool:
        """True when the file has several visible sheets to choose from."""
        return self.plan is not None and sum(not s.hidden for s in self.plan.sheets) > 1

    # -- moving between steps ---------------------------------------------------------------

    def go_next(self) -> None:
        if self.step == SUMMARY:
            self.accept()
            return
        if self.busy and (self.step in (FILE, SHEET, COLUMNS) or self.reviewing):
            self._pending_next = True  # Next waits for the plan being made
            self._refresh()
            return
        if self.step == IMPORT or self.blocked_reason() is not None:
            return
        if self.step == PREVIEW:
            if self.reviewing:
                self.reviewed.emit(self.plan)
                self.accept()
            else:
                self.start_import()
            return
        following = {FILE: self._after_file(), SHEET: COLUMNS}
        self._show_step(following.get(self.step, PREVIEW))

    def go_back(self) -> None:
        previous = {
            SHEET: FILE,
            COLUMNS: SHEET if self.has_sheets else FILE,
            PREVIEW: FILE if self.is_capture else COLUMNS,
        }
        if self.step in previous:
            self._pending_next = False
            self._show_step(previous[self.step])

    def blocked_reason(self) -> str | None:
        """Why Next cannot go on from this step (None: it can)."""
        plan, session = self.plan, self.session
        if plan is None or session is None:
            return _("The file has not been read yet.")
        if self.step == COLUMNS and plan.entity is None:
            return _("Choose what the sheet holds.")
        if self.step == PREVIEW and self.reviewing:
            return None  # the data room says why a file waits; the choices still count
        if self.step == PREVIEW:
            if session.read_only:
                return _("The workspace is open read-only.")
            if plan.blocking:
                return cannot_import(plan)
            if plan.rows_accepted == 0:
                return _("No row can be imported: every row was rejected or skipped.")
        return None

    def _show_step(self, step: int) -> None:
        self.step = step
        self.stack.setCurrentIndex(step)
        title, subtitle = STEP_TEXTS[step]
        self.title.setText(_(title))
        self.subtitle.setText(_(subtitle))
        if not self.busy:
            self._notice = ""
        self._refresh()

    def _refresh(self) -> None:
        """Buttons, hint and step bar after any change of step, plan or job."""
        step = self.step
        skipped = {SHEET} if self.plan is not None and not self.has_sheets else set()
        if self.is_capture:
            skipped |= {SHEET, COLUMNS}
        self.step_bar.set_state(step, set(range(step)) - skipped, skipped)
        refused = self.plan is not None and self.plan.refused_for_rates
        self.rates_button.setVisible(refused and step in (COLUMNS, PREVIEW))
        self.rates_button.setEnabled(not self.busy)
        self.back_button.setVisible(step in (SHEET, COLUMNS, PREVIEW))
        self.next_button.setVisible(step != IMPORT)
        last = _("Use for this file") if self.reviewing else _("Import")
        self.next_button.setText({PREVIEW: last, SUMMARY: _("Finish")}.get(step, _("Next")))
        self.cancel_button.setVisible(step != SUMMARY)
        self.cancel_button.setText(_("Cancel import") if step == IMPORT else _("Cancel"))
        self.cancel_button.setEnabled(not (step == IMPORT and self._cancel.is_set()))
        waiting = self.busy and step in (FILE, SHEET, COLUMNS)
        reason = None if waiting or step in (IMPORT, SUMMARY) else self.blocked_reason()
        self.next_button.setEnabled(reason is None)
        self.next_button.setToolTip(reason or "")
        self.busy_bar.setVisible(self.busy)
        if self._pending_next and self.busy:
            hint = _("Next as soon as the sheet is read…")
        else:
            hint = self._notice or (reason if step == PREVIEW else "") or ""
        self.hint.setText(hint)

    # -- importing --------------------------------------------------------------------------

    def start_import(self) -> None:
        """Step 5: write the plan in the writer job, with progress and Cancel."""
        session, plan = self.session, self.plan
        if session is None or plan is None:
            return
        self._cancel = threading.Event()
        self.importing = True
        self._notice = ""
        self.import_step.start(session, plan)
        self._show_step(IMPORT)
        job = jobs.write(session, plan, self._cancel, done=self._imported, ended=self._import_ended)
        if job.running:
            job.progressed.connect(self.import_step.set_progress)

    def cancel_import(self) -> None:
        self._cancel.set()
        self.import_step.set_progress(self.import_step.bar.value() / 1000, _("Cancelling…"))
        self._refresh()

    def _import_ended(self, outcome: jobs.Outcome) -> None:
        """Runs before the result arrives; an import that did not finish wrote nothing."""
        self.importing = False
        self._change = outcome.change
        if outcome.finished:
            return
        self._show_step(PREVIEW)
        self._notice = (
            _("Import cancelled; nothing was written.")
            if outcome.cancelled
            else _("The import did not finish; nothing was written.")
        )
        self._refresh()

    def _imported(self, result: Any) -> None:
        session, plan = self.session, self.plan
        if session is None or plan is None:
            return
        self.result = result
        self.summary_step.show_result(session, plan, result)
        self._show_step(SUMMARY)
        session.announce(self._change or DataChange.everything("import"))
        self.imported.emit(result)

    def undo(self) -> None:
        """The summary's Undo: remove the batch just written (the Imports page's undo)."""
        session, result = self.session, self.result
        if session is None or result is None or result.batch_id is None:
            return
        batch_id = int(result.batch_id)
        self.summary_step.set_undoing()

        def undone(_result: object) -> None:
            self.summary_step.show_undone()
            self.undone.emit(batch_id)

        jobs.undo_batch(session, batch_id, undone)

    # -- closing ----------------------------------------------------------------------------

    def reject(self) -> None:
        """Esc, Cancel or the window's close button: cancel a running import (and stay), finish
        from the summary, else close and forget the file (nothing was written)."""
        if self.importing:
            self.cancel_import()
            return
        if self.step == SUMMARY:
            self.accept()
            return
        self._planning.cancel()  # a plan still being made stops and is dropped
        self.busy = False
        self.plan = None
        super().reject()

    def close_for_session(self) -> None:
        """The workspace is closing: stop listening and close, whatever the step."""
        self._planning.cancel()
        self._cancel.set()
        self.importing = False
        self.session = None
        self._settings.follow(None)
        self.plan = None
        QDialog.reject(self)
