"""Steps 1 and 2: which file is being imported, and which of its sheets is read.

The file step says what the person chose (name, folder, size, kind; once read, the format the
importer found) and offers another file. The sheet step lists the workbook's visible sheets
and, for the one read, what it holds, where its header is and how many rows it has; picking
another sheet reads that one instead.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from csdesk.domain.enums import Entity
from csdesk.ui import icons, style
from csdesk.ui.import_wizard.values import file_kind, file_size
from csdesk.ui.labels import label
from csdesk.ui.session import Session
from csdesk.ui.translate import _
from csdesk.ui.widgets import muted, section_title

if TYPE_CHECKING:
    from csdesk.ingest import ImportPlan


def entity_name(entity: str | None) -> str:
    """The name a person reads for what a sheet holds ("unknown" when undecided)."""
    if entity is not None and entity in Entity._value2member_map_:
        return label(Entity(entity))
    return _("unknown")


def _facts() -> tuple[QFrame, QFormLayout]:
    card = QFrame()
    card.setObjectName("card")
    form = QFormLayout(card)
    form.setContentsMargins(style.SPACING * 2, style.SPACING, style.SPACING * 2, style.SPACING)
    form.setHorizontalSpacing(style.SPACING * 2)
    form.setVerticalSpacing(8)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
    return card, form


def _value() -> QLabel:
    value = QLabel()
    value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    value.setWordWrap(True)
    return value


class FileStep(QWidget):
    """The chosen file, and the button to choose another."""

    choose_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        palette = style.current()
        self.icon = QLabel()
        self.icon.setPixmap(icons.icon("file-up", palette.accent).pixmap(40, 40))
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.name = section_title("")
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = muted()
        card, form = _facts()
        self.folder, self.size_text, self.kind, self.modified, self.format = (
            _value() for _i in range(5)
        )
        form.addRow(muted(_("Folder")), self.folder)
        form.addRow(muted(_("Size")), self.size_text)
        form.addRow(muted(_("Kind")), self.kind)
        form.addRow(muted(_("Modified")), self.modified)
        form.addRow(muted(_("Read as")), self.format)
        self.choose_button = QPushButton(_("Choose another file…"))
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(self.choose_requested)
        heading = QVBoxLayout()
        heading.setSpacing(2)
        heading.addWidget(self.name)
        heading.addWidget(self.status)
        top = QHBoxLayout()
        top.setSpacing(style.SPACING)
        top.addWidget(self.icon)
        top.addLayout(heading, 1)
        top.addWidget(self.choose_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(style.SPACING)
        layout.addLayout(top)
        layout.addWidget(card)
        layout.addStretch(1)

    def set_file(self, session: Session, path: Path) -> None:
        """What is known of ``path`` before it is read."""
        self.name.setText(path.name)
        self.folder.setText(str(path.parent))
        self.kind.setText(file_kind(path))
        try:
            stat = path.stat()
        except OSError:
            self.size_text.setText(_("unknown"))
            self.modified.setText(_("unknown"))
        else:
            self.size_text.setText(file_size(session, stat.st_size))
            self.modified.setText(session.moment(datetime.fromtimestamp(stat.st_mtime)))
        self.format.setText("…")
        self.status.setText(_("Reading the file and finding its header…"))

    def set_plan(self, session: Session, plan: ImportPlan) -> None:
        """What reading the file found."""
        self.format.setText(plan.description)
        if plan.is_capture:
            self.status.setText(
                _("Read: {count} meetings or messages; {touches} with accounts.").format(
                    count=session.number(plan.rows_read), touches=session.number(plan.rows_accepted)
                )
            )
            return
        self.status.setText(
            _("Read: {rows} rows under the header on row {header}.").format(
                rows=session.number(plan.rows_read), header=plan.header_row
            )
        )

    def set_failed(self) -> None:
        self.format.setText("")
        self.status.setText(_("This file could not be read; choose another file."))


class SheetStep(QWidget):
    """The workbook's visible sheets; the one read, with what it holds."""

    sheet_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sheets = QListWidget()
        self.sheets.setMaximumWidth(280)
        self.sheets.setStyleSheet("QListWidget::item { padding: 6px 8px; }")
        self.sheets.itemActivated.connect(self._chosen)
        self.sheets.currentItemChanged.connect(lambda item, _previous: self._chosen(item))
        self.hidden_note = muted()
        self.sheet_title = section_title("")
        card, form = _facts()
        self.holds, self.header, self.rows, self.totals = (_value() for _i in range(4))
        form.addRow(muted(_("Holds")), self.holds)
        form.addRow(muted(_("Header row")), self.header)
        form.addRow(muted(_("Rows")), self.rows)
        form.addRow(muted(_("Totals row")), self.totals)
        left = QVBoxLayout()
        left.setSpacing(8)
        left.addWidget(muted(_("Visible sheets")))
        left.addWidget(self.sheets, 1)
        left.addWidget(self.hidden_note)
        right = QVBoxLayout()
        right.setSpacing(8)
        right.addWidget(self.sheet_title)
        right.addWidget(card)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(style.SPACING * 2)
        layout.addLayout(left, 1)
        layout.addLayout(right, 2)
        self._showing = False

    def set_plan(self, session: Session, plan: ImportPlan) -> None:
        self._showing = True  # filling the list is not a choice
        self.sheets.clear()
        for sheet in plan.sheets:
            if sheet.hidden:
                continue
            item = QListWidgetItem(sheet.name)
            item.setData(Qt.ItemDataRole.UserRole, sheet.name)
            self.sheets.addItem(item)
            if sheet.name == plan.sheet:
                self.sheets.setCurrentItem(item)
        self._showing = False
        hidden = sum(1 for s in plan.sheets if s.hidden)
        self.hidden_note.setVisible(bool(hidden))
        self.hidden_note.setText(
            _("Hidden sheets, not offered: {n}").format(n=session.number(hidden))
        )
        self.sheet_title.setText(plan.sheet or plan.file_name)
        self.holds.setText(entity_name(plan.entity))
        self.header.setText(str(plan.header_row))
        self.rows.setText(
            _("{read} read, {accepted} to import").format(
                read=session.number(plan.rows_read), accepted=session.number(plan.rows_accepted)
            )
        )
        self.totals.setText(
            _("row {row}, left out").format(row=plan.totals_row) if plan.totals_row else _("none")
        )

    @property
    def count(self) -> int:
        return self.sheets.count()

    def _chosen(self, item: QListWidgetItem | None) -> None:
        if item is not None and not self._showing:
            self.sheet_chosen.emit(str(item.data(Qt.ItemDataRole.UserRole)))
