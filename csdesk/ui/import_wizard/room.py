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
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from csdesk.ui.data_change import DataChange
from csdesk.ui.import_wizard import dialog_frame, room_jobs
from csdesk.ui.import_wizard.room_steps import FilesStep, RoomSummaryStep, waiting_reason
from csdesk.ui.import_wizard.run_steps import ImportStep
from csdesk.ui.import_wizard.settings_follow import GENERAL_TAB, RATES_TAB, SettingsFollower
from csdesk.ui.session import Session
from csdesk.ui.translate import _, ngettext
from csdesk.ui.widgets import muted, page_title
from csdesk.ui.workers import JobSlot

if TYPE_CHECKING:
    from csdesk.ingest import ImportPlan
    from csdesk.ingest.dataroom import RoomFile, RoomPlan, RoomResult
    from csdesk.ui.import_wizard.wizard import ImportWizard
    from csdesk.ui.settings_dialog import SettingsDialog

FILES, IMPORTING, SUMMARY = range(3)


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
        # Reading the folder and reading one of its files again: a new request supersedes the
        # one waited for (cancelled, its answer never shown; a zip read for nothing has its
        # temporary folder removed by the job's discard).
        self._planning = JobSlot()
        # Settings' currency and rates, reached from here and followed.
        self._settings = SettingsFollower(self._settings_changed)
        self._cancel = threading.Event()
        self.review_wizard: ImportWizard | None = None
        self._reviewing: str | None = None  # the file the review wizard shows

        self.title = page_title("")
        self.subtitle = muted()
        self.files_step = FilesStep()
        self.files_step.entity_chosen.connect(self._entity_chosen)
        self.files_step.review_requested.connect(self.review_file)
        self.files_step.leave_out_requested.connect(self.leave_out)
        self.files_step.put_back_requested.connect(self.put_back)
        self.files_step.selection_changed.connect(self._refresh)
        self.import_step = ImportStep()  # the import wizard's own: one bar, Cancel below
        self.summary_step = RoomSummaryStep()
        self.summary_step.undo_requested.connect(self.undo)
        self.stack = QStackedWidget()
        for step in (self.files_step, self.import_step, self.summary_step):
            self.stack.addWidget(step)

        self.hint = muted()
        self.busy_bar = dialog_frame.busy_bar()
        self.review_button = QPushButton(_("Columns and preview…"))
        self.review_button.setToolTip(
            _("Open the selected file in the import wizard's Columns and Preview steps")
        )
        self.leave_out_button = QPushButton(_("Leave out"))
        self.leave_out_button.setToolTip(
            _("Do not import the selected file; it can be put back from the skipped files (Del)")
        )
        # Files held back for the room's currencies, or refused for a rate, wait for Settings,
        # which the main window's menu cannot open while this dialog is up.
        self.money_button = QPushButton(_("Currency and rates…"))
        self.money_button.setToolTip(
            _("Choose the workspace's currency and the rates of other currencies (Settings)")
        )
        self.money_button.clicked.connect(self.open_money_settings)
        self.import_button = QPushButton(_("Import all"))
        self.cancel_button = QPushButton(_("Cancel"))
        dialog_frame.set_buttons(
            self.import_button,
            [self.money_button, self.review_button, self.leave_out_button, self.cancel_button],
        )
        self.review_button.clicked.connect(lambda: self.review_file(self.files_step.current_row))
        self.leave_out_button.clicked.connect(self.files_step.leave_out_current)
        self.import_button.clicked.connect(self.go_next)
        self.cancel_button.clicked.connect(self.reject)

        dialog_frame.lay_out(
            self,
            above_titles=None,
            title=self.title,
            subtitle=self.subtitle,
            stack=self.stack,
            busy_bar=self.busy_bar,
            hint=self.hint,
            buttons=[
                self.money_button,
                self.review_button,
                self.leave_out_button,
                self.import_button,
                self.cancel_button,
            ],
        )

    # -- reading the folder -----------------------------------------------------------------

    def start(self, session: Session, path: Path) -> None:
        """Show the wizard on the folder or zip at ``path`` and read it in the background."""
        self._stop_reading()
        self._forget_room()
        self.session = session
        self._settings.follow(session)
        self.path = path
        self.room_result = None
        self.importing = False
        self.notice = ""
        self._show_room(None)
        self._show_step(FILES)
        self.show()
        self.raise_()
        self.activateWindow()
        self._begin(_("Reading the files of {folder}…").format(folder=path.name))
        room_jobs.plan_room(
            session,
            path,
            progress=lambda fraction, _message: self._reading_progress(fraction),
            done=self._planned,
            ended=self._read_ended,
            slot=self._planning,
        )

    def _reading_progress(self, fraction: float) -> None:
        """How far the reading of the folder is, in the hint."""
        session, path = self.session, self.path
        if session is None or path is None:
            return
        self.notice = _("Reading the files of {folder}… {done}").format(
            folder=path.name, done=session.percent(fraction, decimals=0)
        )
        self.hint.setText(self.notice)
        self.busy_bar.setRange(0, 1000)
        self.busy_bar.setValue(round(min(max(fraction, 0.0), 1.0) * 1000))

    def _begin(self, message: str) -> None:
        self.busy_bar.setRange(0, 0)  # how long is unknown until the job says
        self.busy = True
        self.notice = message
        self._refresh()

    def _read_ended(self, outcome: room_jobs.Outcome) -> None:
        """Runs before the plan arrives (if one does). A folder that could not be read at all
        closes the wizard (the main window shows why); a file read again that failed keeps
        the plan it had."""
        self.busy = False
        self.notice = ""
        if not outcome.finished and self.room is None:
            QDialog.reject(self)
            return
        if not outcome.finished and self.room is not None:
            self._show_room(self.room)  # the choices as they were
        self._refresh()

    def _planned(self, room: RoomPlan) -> None:
        if self.session is None:
            room.close()  # nobody will import it: its temporary folder goes
            return
        self.room = room
        self._show_room(room)
        self._refresh()

    def money_waits(self) -> list[RoomFile]:
        """The files waiting for the workspace's currency (held for the room's several
        currencies) or for a rate."""
        if self.room is None:
            return []
        return [
            f
            for f in self.room.blocked
            if f.currency_held or (f.plan is not None and f.plan.refused_for_rates)
        ]

    def open_money_settings(self) -> SettingsDialog | None:
        """Settings, over this dialog, on the tab the waiting files need: General for the
        currency, Exchange rates when only rates are missing. Saving plans them again."""
        session, waiting = self.session, self.money_waits()
        if session is None:
            return None
        only_rates = bool(waiting) and not any(f.currency_held for f in waiting)
        return self._settings.open_settings(session, self, RATES_TAB if only_rates else GENERAL_TAB)

    def _settings_changed(self) -> None:
        """The workspace's settings changed while its files are listed: a currency chosen, or
        a rate given, in Settings as the held-back files ask. Their amounts are planned again
        (nothing read again, every choice kept)."""
        session, room = self.session, self.room
        if session is None or room is None or self.importing or self.busy or self.step != FILES:
            return
        self._begin(_("Planning the amounts again…"))
        room_jobs.plan_money_again(
            session, room, done=self._planned, ended=self._read_ended, slot=self._planning
        )

    # -- the list of files ------------------------------------------------------------------

    def _show_room(self, room: RoomPlan | None) -> None:
        if self.session is not None:
            self.files_step.set_room(self.session, room)

    def file_named(self, name: str) -> RoomFile | None:
        if self.room is None:
            return None
        return next((f for f in self.room.files if f.name == name), None)

    def _entity_chosen(self, name: str, entity: str) -> None:
        """Plan that one file again as ``entity`` (the others keep their plans). Choosing
        the entity csdesk guessed for a file it was unsure of confirms the guess."""
        session, room, file = self.session, self.room, self.file_named(name)
        if session is None or room is None or file is None:
            return
        if entity == file.entity and file.ready:
            return
        self._begin(_("Reading {file} again…").format(file=Path(name).name))
        room_jobs.replan_file(
            session,
            room,
            name,
            entity=entity,
            done=self._planned,
            ended=self._read_ended,
            slot=self._planning,
        )

    def leave_out(self, name: str) -> None:
        """Set file ``name`` aside: Import all goes on without it (nothing is read)."""
        from csdesk.ingest.dataroom import leave_out

        if self.room is None or self.busy or self.importing or self.file_named(name) is None:
            return
        self.room = leave_out(self.room, name)
        self._show_room(self.room)
        self._refresh()

    def put_back(self, name: str) -> None:
        """A file left out goes back in its place, with the plan it had."""
        from csdesk.ingest.dataroom import put_back

        room = self.room
        if room is None or self.busy or self.importing:
            return
        if name not in {f.name for f in room.left_out}:
            return
        self.room = put_back(room, name)
        self._show_room(self.room)
        self._refresh()

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
        folder = self.room.name
        if not self.room.files and not self.room.skipped:
            return _("{folder} holds no files.").format(folder=folder)
        if not self.room.files:
            return _(
                "Nothing in {folder} can be imported: every file is set aside, each with "
                "its reason."
            ).format(folder=folder)
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
        self.import_step.title.setText(
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
        self.import_step.set_progress(fraction, message)

    def cancel_import(self) -> None:
        self._cancel.set()
        self.set_progress(self.import_step.bar.value() / 1000, _("Cancelling…"))
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
        session, room = self.session, self.room
        if session is None or room is None:
            return
        self.room_result = result
        self.summary_step.show_result(session, room, result, _currency_said(session, room))
        self._show_step(SUMMARY)
        # Files of several kinds for many accounts: every page and cached figure reads again.
        session.announce(DataChange.everything("import"))
        self.imported.emit(result)

    def undo(self) -> None:
        """The summary's Undo: every batch of the set, in one transaction."""
        session, result = self.session, self.room_result
        if session is None or result is None or not result.batch_ids:
            return
        self.summary_step.set_undoing()
        room_jobs.undo_room(session, result, lambda _results: self.summary_step.show_undone())

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
        self.files_step.set_busy(self.busy)
        has_row = room is not None and 0 <= self.files_step.current_row < len(room.files)
        self.money_button.setVisible(step == FILES and bool(self.money_waits()))
        self.money_button.setEnabled(not self.busy)
        self.review_button.setVisible(step == FILES)
        self.review_button.setEnabled(has_row and not self.busy)
        self.leave_out_button.setVisible(step == FILES)
        self.leave_out_button.setEnabled(has_row and not self.busy)
        self.import_button.setVisible(step != IMPORTING)
        self.import_button.setText(_("Finish") if step == SUMMARY else _("Import all"))
        reason = None if step == SUMMARY else self.blocked_reason()
        self.import_button.setEnabled(not self.busy and reason is None)
        self.import_button.setToolTip(reason or "")
        self.cancel_button.setVisible(step != SUMMARY)
        self.cancel_button.setText(_("Cancel import") if step == IMPORTING else _("Cancel"))
        self.cancel_button.setEnabled(not (step == IMPORTING and self._cancel.is_set()))
        self.busy_bar.setVisible(self.busy)
        if self.session is not None:
            self.files_step.show_detail(self.session, room)
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
                else reason or ""
            )
        self.hint.setText(hint)

    # -- closing ----------------------------------------------------------------------------

    def _stop_reading(self) -> None:
        """A folder still being read when the wizard closes: stop between two files, and
        what it would still answer is dropped."""
        self._planning.cancel()

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
        self.busy = False
        self._stop_reading()
        self._forget_room()
        super().reject()

    def accept(self) -> None:
        self._forget_room()
        super().accept()

    def close_for_session(self) -> None:
        """The workspace is closing: stop listening and close, whatever the step."""
        self._cancel.set()
        self.importing = False
        if self.review_wizard is not None:
            self.review_wizard.close_for_session()
        self.session = None
        self._settings.follow(None)
        self._stop_reading()
        self._forget_room()
        QDialog.reject(self)


def _currency_said(session: Session, room: RoomPlan) -> str | None:
    """What the summary says of the currency the set's amounts were read in, if anything."""
    from csdesk.ingest.currencies import assumed_currency
    from csdesk.ingest.dataroom import currency_said
    from csdesk.store.settings import CURRENCY

    assumed = assumed_currency(session.ws)
    said = currency_said(room, assumed or CURRENCY.get(session.ws), assumed is not None)
    if said is None:
        return None
    remedy = (
        _(
            "If they are in another currency, choose it in Settings ▸ General ▸ Currency (the "
            "amounts stay as they are)."
        )
        if assumed is not None
        else _(
            "If they are in another, undo the set and import it again, choosing the currency "
            "of those files' amounts in their columns."
        )
    )
    return f"{said} {remedy}"
