"""Edit > Role clarity template…: the RACI matrix of the role-clarity document, editable.

One row per responsibility, one column per role (CS, AM, Support, CX); each cell holds letters
from R, A, C, I. A row without exactly one A is marked as it is typed; Save checks the whole
matrix with the reports' own ``parse_template`` and stores it in the workspace (in the writer
job); Reset to default forgets the edited copy so the shipped matrix applies again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from csdesk.domain.enums import HealthBand
from csdesk.errors import CsdeskError
from csdesk.ui import style
from csdesk.ui.remedies import error_text
from csdesk.ui.report_export import LANGUAGE_CHOICES
from csdesk.ui.session import Session
from csdesk.ui.translate import _
from csdesk.ui.widgets import muted

if TYPE_CHECKING:
    from csdesk.reports.roles_template import RolesTemplate


def _letters(text: str) -> str:
    return "".join(ch for ch in "RACI" if ch in text.upper())


class RolesTemplateEditor(QDialog):
    """The matrix of one language; Save stores it, Reset brings the shipped one back."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.template: RolesTemplate | None = None
        self.setWindowTitle(_("Role clarity template"))
        self.setMinimumSize(760, 520)
        palette = style.current()
        self.bad_colour = QColor(palette.health[HealthBand.CRITICAL])
        self.bad_colour.setAlpha(60)

        self.language = QComboBox()
        for name, code in LANGUAGE_CHOICES:
            self.language.addItem(name, code)
        wanted = "pt_BR" if session.locale.lower().startswith("pt") else "en"
        self.language.setCurrentIndex(self.language.findData(wanted))
        self.language.currentIndexChanged.connect(self.load)
        top = QHBoxLayout()
        top.addWidget(muted(_("Language")))
        top.addWidget(self.language)
        top.addStretch(1)
        note = muted(
            _(
                "R: responsible, does the work. A: accountable, exactly one role per row. "
                "C: consulted. I: informed. Write one or more letters per cell; leave empty "
                "when the role is not involved."
            )
        )
        note.setWordWrap(True)

        self.table = QTableWidget(0, 4)
        self.table.setAlternatingRowColors(True)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemChanged.connect(self._cell_changed)

        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {palette.health[HealthBand.CRITICAL]};")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.reset_button = self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        self.reset_button.setText(_("Reset to default"))
        self.save_button.setEnabled(not session.read_only)
        self.reset_button.setEnabled(not session.read_only)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.reset_button.clicked.connect(self.reset)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.load()

    # -- reading --------------------------------------------------------------------------

    def language_code(self) -> str:
        return str(self.language.currentData())

    def load(self) -> None:
        """Show the workspace's matrix for the chosen language (the shipped one if unedited)."""
        from csdesk.reports.roles_template import ROLE_ORDER, load_template

        try:
            template = load_template(self.session.ws, self.language_code())
        except CsdeskError as exc:
            self.problem.setText(error_text(exc))
            return
        self.template = template
        self.table.blockSignals(True)
        self.table.setRowCount(len(template.responsibilities))
        self.table.setHorizontalHeaderLabels([template.roles[r].short for r in ROLE_ORDER])
        self.table.setVerticalHeaderLabels([item.title for item in template.responsibilities])
        for row, item in enumerate(template.responsibilities):
            for column, role in enumerate(ROLE_ORDER):
                cell = QTableWidgetItem(item.raci.get(role, ""))
                cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, column, cell)
        self.table.blockSignals(False)
        self._mark_rows()

    def edited(self) -> RolesTemplate:
        """The matrix as typed, checked by the reports' parser (CsdeskError when wrong)."""
        from csdesk.reports.roles_template import ROLE_ORDER, parse_template

        assert self.template is not None
        data = self.template.to_dict()
        for row, responsibility in enumerate(data["responsibilities"]):
            responsibility["raci"] = {
                role.value: self._cell(row, column) for column, role in enumerate(ROLE_ORDER)
            }
        return parse_template(data, _("the edited matrix"))

    def _cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return "" if item is None else item.text().strip()

    def _cell_changed(self, item: QTableWidgetItem) -> None:
        cleaned = _letters(item.text())
        if cleaned != item.text():
            self.table.blockSignals(True)
            item.setText(cleaned)
            self.table.blockSignals(False)
        self._mark_rows()

    def bad_rows(self) -> list[int]:
        """Rows without exactly one A."""
        return [
            row
            for row in range(self.table.rowCount())
            if sum("A" in self._cell(row, c) for c in range(self.table.columnCount())) != 1
        ]

    def _mark_rows(self) -> None:
        bad = set(self.bad_rows())
        self.table.blockSignals(True)
        for row in range(self.table.rowCount()):
            for column in range(self.table.columnCount()):
                item = self.table.item(row, column)
                if item is not None:
                    item.setBackground(self.bad_colour if row in bad else QColor(0, 0, 0, 0))
        self.table.blockSignals(False)
        if bad:
            titles = ", ".join(
                (self.table.verticalHeaderItem(r) or QTableWidgetItem()).text() for r in sorted(bad)
            )
            self.problem.setText(
                _("Each row needs exactly one A (accountable). Check: {rows}.").format(rows=titles)
            )
        else:
            self.problem.setText("")
        self.save_button.setEnabled(not bad and not self.session.read_only)

    # -- writing --------------------------------------------------------------------------

    def save(self) -> None:
        from csdesk.reports.roles_template import save_template

        try:
            template = self.edited()
        except CsdeskError as exc:
            self.problem.setText(error_text(exc))
            return
        ws = self.session.ws
        self.session.runner.submit(
            _("Saving the role clarity template"),
            lambda progress: save_template(ws, template),
            done=lambda _result: self.accept(),
            writes=True,
        )

    def reset(self) -> None:
        from csdesk.reports.roles_template import reset_template

        ws, language = self.session.ws, self.language_code()
        self.session.runner.submit(
            _("Resetting the role clarity template"),
            lambda progress: reset_template(ws, language),
            done=lambda _result: self.load(),
            writes=True,
        )
