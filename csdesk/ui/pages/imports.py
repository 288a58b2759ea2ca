"""Imports: the history of import batches, each of which can be undone, and the way in to
the import wizard (which a spreadsheet dropped on the window or File ▸ Import… also opens).

Undoing a batch (csdesk.ingest.undo) removes exactly the rows it wrote and puts back what it
replaced, in the writer job.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from csdesk.domain.enums import BatchState
from csdesk.store.queries.imports import BatchRow, WaitingUsage, import_batches, waiting_usage
from csdesk.ui.data_change import IMPORTS, SETTINGS
from csdesk.ui.import_wizard import jobs
from csdesk.ui.import_wizard.room import RoomWizard
from csdesk.ui.import_wizard.wizard import ImportWizard
from csdesk.ui.labels import label
from csdesk.ui.models.rows_table import PAYLOAD_ROLE, Row, RowsTableModel
from csdesk.ui.pages.base import Page
from csdesk.ui.session import Session
from csdesk.ui.table_view import table
from csdesk.ui.translate import N_, _, ngettext
from csdesk.ui.widgets import EmptyState, muted, section_title


class ImportsPage(Page):
    key = "imports"
    title = N_("Imports")
    icon_name = "file-up"
    # The import history and the usage waiting for its contract: every import and undo
    # touches ``imports``; notes typed on a timeline or actions done leave the page alone.
    shows = frozenset({IMPORTS, SETTINGS, "usage", "contracts"})

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.wizard: ImportWizard | None = None
        self.room_wizard: RoomWizard | None = None  # a folder or zip, imported as a set
        self.history_title = section_title(_("Import history"))
        self.undo_button = QPushButton(_("Undo this import"))
        self.undo_button.setEnabled(False)
        self.undo_button.clicked.connect(self.undo_selected)
        self.choose_button = QPushButton(_("Import a spreadsheet…"))
        self.choose_button.setObjectName("primary")
        self.choose_button.clicked.connect(self.choose_file)
        bar = QHBoxLayout()
        bar.addWidget(self.history_title)
        bar.addStretch(1)
        bar.addWidget(self.undo_button)
        bar.addWidget(self.choose_button)
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
        # Usage rows that name a subscription no import has brought yet: say so, and how
        # they join their accounts.
        self.waiting_note = muted()
        self.waiting_note.setWordWrap(True)
        self.waiting_note.hide()
        self.layout_.addWidget(self.waiting_note)
        self.layout_.addWidget(self.table, 1)
        self.empty = EmptyState(
            "file-up",
            _("No imports yet"),
            _(
                "Drop a spreadsheet (CSV, XLSX, XLSM or ODS), or a client's whole folder or zip "
                "of them, on this window to import accounts, revenue, tickets, surveys and "
                "more; every import is listed here and can be undone. From the command line: "
                "csdesk import FILE SPREADSHEET|FOLDER|ZIP."
            ),
        )
        self.layout_.addWidget(self.empty, 1)
        self.dropped: list[Path] = []
        # The batch to select once the history shows it (the one a wizard just imported).
        self._select_batch: int | None = None

    def set_session(self, session: Session | None) -> None:
        for wizard in (self.wizard, self.room_wizard):
            if wizard is not None:
                wizard.close_for_session()
        super().set_session(session)

    # -- a new file -----------------------------------------------------------------------

    def choose_file(self) -> None:
        """Pick a spreadsheet to walk through the import wizard."""
        from csdesk.ui.file_dialogs import choose_spreadsheet

        path = choose_spreadsheet(self)
        if path is not None:
            self.offer_file(path)

    def offer_file(self, path: Path) -> None:
        """Open the import wizard on a chosen or dropped spreadsheet (it reads it at once)."""
        session = self.session
        self.dropped.append(path)
        if session is None or session.read_only:
            return
        if self.wizard is None:
            self.wizard = ImportWizard(self)
            self.wizard.imported.connect(self._imported)
        self.wizard.start(session, path)

    def offer_room(self, path: Path) -> None:
        """Open the data room wizard on a dropped or chosen folder or zip (it reads it at once)."""
        session = self.session
        self.dropped.append(path)
        if session is None or session.read_only:
            return
        if self.room_wizard is None:
            self.room_wizard = RoomWizard(self)
            self.room_wizard.imported.connect(self._imported)
        if self.room_wizard.importing:
            return  # one set at a time: the one being written goes on
        self.room_wizard.start(session, path)

    def _imported(self, result: object) -> None:
        """Select what was just imported: its batch, or a data room's group of batches (the
        group's id is its first batch's, so the two never clash)."""
        batch_id = getattr(result, "group_id", None) or getattr(result, "batch_id", None)
        self._select_batch = None if batch_id is None else int(batch_id)
        self._select_pending()

    def _select_pending(self) -> None:
        """Select the batch just imported in the history, once the history lists it."""
        wanted = self._select_batch
        if wanted is None:
            return
        for row in range(self.model.rowCount()):
            payload = self.model.index(row, 0).data(PAYLOAD_ROLE)
            if isinstance(payload, tuple) and payload[0] == wanted:
                self.table.selectRow(row)
                self._select_batch = None
                return

    # -- history --------------------------------------------------------------------------

    def refresh(self) -> None:
        session = self.session
        if session is None:
            self._show([])
            return
        self.load(
            "history",
            _("Loading imports"),
            lambda p: (import_batches(session.ws), waiting_usage(session.ws)),
            self._show,
        )

    def _show(self, found: object) -> None:
        session = self.session
        rows, waiting = found if isinstance(found, tuple) else ([], [])
        batches = [b for b in rows if isinstance(b, BatchRow)]
        self._show_waiting([w for w in waiting if isinstance(w, WaitingUsage)])
        self.table.setVisible(bool(batches))
        self.history_title.setVisible(bool(batches))
        self.undo_button.setVisible(bool(batches))
        self.empty.setVisible(not batches)
        self.choose_button.setEnabled(session is not None and not session.read_only)
        self.undo_button.setEnabled(False)
        if session is None:
            self.model.set_rows([])
            return
        self.model.set_rows(_rows(session, batches))
        self._select_pending()

    def _show_waiting(self, waiting: list[WaitingUsage]) -> None:
        session = self.session
        if session is None or not waiting:
            self.waiting_note.hide()
            return
        lines = []
        for w in waiting:
            named = ", ".join(w.contract_ids) + ("…" if w.contracts > len(w.contract_ids) else "")
            lines.append(
                ngettext(
                    "{rows} usage row of {file} waits for its contract ({contracts}).",
                    "{rows} usage rows of {file} wait for their contracts ({contracts}).",
                    w.rows,
                ).format(rows=session.number(w.rows), file=w.file_name, contracts=named)
            )
        lines.append(
            _(
                "They join their accounts as soon as a contracts sheet that names those "
                "subscriptions is imported; undoing the usage import removes them."
            )
        )
        self.waiting_note.setText("\n".join(lines))
        self.waiting_note.show()

    def _selection_changed(self) -> None:
        payload = self.table.currentIndex().data(PAYLOAD_ROLE)
        writable = self.session is not None and not self.session.read_only
        self.undo_button.setEnabled(
            writable and isinstance(payload, tuple) and payload[1] is BatchState.DONE
        )
        group = isinstance(payload, tuple) and len(payload[2]) > 1
        self.undo_button.setText(_("Undo this data room") if group else _("Undo this import"))
        self.undo_button.updateGeometry()

    def undo_selected(self) -> None:
        session = self.session
        payload = self.table.currentIndex().data(PAYLOAD_ROLE)
        if session is None or not isinstance(payload, tuple):
            return
        self.undo_button.setEnabled(False)
        ids = [int(i) for i in payload[2]]
        if len(ids) > 1:
            jobs.undo_batches(session, ids, lambda _result: None)
        else:
            jobs.undo_batch(session, ids[0], lambda _result: None)


def _rows(session: Session, batches: list[BatchRow]) -> list[Row]:
    """One row per batch, and one per data room: its batches together, with one Undo.

    A row's payload is (batch or group id, state, the batch ids it undoes).
    """
    rows: list[Row] = []
    groups: dict[int, list[BatchRow]] = {}
    for b in batches:
        if b.group_id is not None:
            groups.setdefault(b.group_id, []).append(b)
    shown: set[int] = set()
    for b in batches:
        if b.group_id is None:
            rows.append(
                Row(
                    cells=[
                        b.file_name,
                        b.sheet or "",
                        label(b.entity_kind or b.entity),
                        session.moment(b.started_at),
                        session.number(b.rows_written),
                        session.number(b.rows_updated),
                        session.number(b.rows_rejected),
                        _state(b.state),
                    ],
                    payload=(b.id, b.state, (b.id,)),
                )
            )
        elif b.group_id not in shown:
            shown.add(b.group_id)
            rows.append(_group_row(session, b.group_id, groups[b.group_id]))
    return rows


def _state(state: BatchState) -> str:
    return _("Undone") if state is BatchState.UNDONE else _("Imported")


def _group_row(session: Session, group_id: int, members: list[BatchRow]) -> Row:
    """A data room's batches as one row: the room's name, the kinds of data, the sums."""
    members = sorted(members, key=lambda b: b.id)
    kinds: list[str] = []
    for b in members:
        kind = label(b.entity_kind or b.entity)
        if kind not in kinds:
            kinds.append(kind)
    done = [b for b in members if b.state is BatchState.DONE]
    state = BatchState.DONE if done else BatchState.UNDONE
    files = ngettext("{count} file", "{count} files", len(members)).format(
        count=session.number(len(members))
    )
    listed = "\n".join(f"{b.file_name}{f' [{b.sheet}]' if b.sheet else ''}" for b in members)
    tooltip = _("Data room: {kinds}").format(kinds=", ".join(kinds)) + "\n" + listed
    return Row(
        cells=[
            _("{room} ({files})").format(room=members[0].group_name or "", files=files),
            "",
            _short_kinds(kinds),
            session.moment(members[0].started_at),
            session.number(sum(b.rows_written for b in members)),
            session.number(sum(b.rows_updated for b in members)),
            session.number(sum(b.rows_rejected for b in members)),
            _state(state),
        ],
        payload=(group_id, state, tuple(b.id for b in (done or members))),
        tooltip=tooltip,
    )


def _short_kinds(kinds: list[str]) -> str:
    """The kinds of data of a room, the first two named and the rest counted (the tooltip
    names them all), so that the file's name keeps its room in a narrow window."""
    if len(kinds) <= 2:
        return ", ".join(kinds)
    return _("{first}, {second} +{more}").format(
        first=kinds[0], second=kinds[1], more=len(kinds) - 2
    )
