"""Step 4: the rows as they will be read, every problem on its row, and the counts.

The preview table (ImportPreviewModel) tints a row with an error red and one with warnings
amber; the problems list gives row, column, value and problem, and choosing a problem selects
its row in the preview. When the plan cannot be imported the reason is shown above the
tables (the wizard keeps Import disabled).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from csdesk.domain.enums import HealthBand
from csdesk.ui import style
from csdesk.ui.import_wizard.values import shown_value
from csdesk.ui.models.import_preview import ImportPreviewModel
from csdesk.ui.models.rows_table import PAYLOAD_ROLE, Row, RowsTableModel
from csdesk.ui.session import Session
from csdesk.ui.table_view import table
from csdesk.ui.translate import _, ngettext
from csdesk.ui.widgets import Card, section_title

if TYPE_CHECKING:
    from csdesk.ingest import ImportPlan, Problem


def severity_colours() -> dict[str, QColor]:
    """Problem severities in the palette's health colours."""
    palette = style.current()
    return {
        "error": QColor(palette.health[HealthBand.CRITICAL]),
        "warning": QColor(palette.health[HealthBand.AT_RISK]),
    }


def problem_rows(problems: Sequence[Problem], colours: dict[str, QColor]) -> list[Row]:
    """The problems as rows of the problems table; the payload is the spreadsheet row."""
    return [
        Row(
            cells=["" if p.row is None else str(p.row), p.column or "", p.value or "", p.message],
            payload=p.row,
            colour=colours.get(p.severity),
            tooltip=p.describe(),
        )
        for p in problems
    ]


class PreviewStep(QWidget):
    # Revenue lines repeated whole: True drops them, False sums them (the default).
    drop_identical_chosen = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.drop_identical = QCheckBox()
        self.drop_identical.hide()
        self.drop_identical.toggled.connect(self.drop_identical_chosen)
        self.read_card = Card(_("Rows read"))
        self.accepted_card = Card(_("To import"))
        self.rejected_card = Card(_("Rejected"))
        self.skipped_card = Card(_("Skipped"))
        self.accounts_card = Card(_("New accounts"))
        cards = QHBoxLayout()
        cards.setSpacing(style.SPACING)
        for card in (
            self.read_card,
            self.accepted_card,
            self.rejected_card,
            self.skipped_card,
            self.accounts_card,
        ):
            cards.addWidget(card, 1)
        self.blocking = QLabel()
        self.blocking.setObjectName("card")
        self.blocking.setWordWrap(True)
        self.blocking.hide()

        self.preview_model = ImportPreviewModel(severity_colours(), parent=self)
        self.preview = table(self.preview_model)
        self.problems_model = RowsTableModel(
            [_("Row"), _("Column"), _("Value"), _("Problem")], parent=self
        )
        self.problems = table(self.problems_model, stretch=3)
        self.problems.clicked.connect(self._show_problem_row)
        self.problems_title = section_title("")
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.setSpacing(6)
        top_layout.addWidget(section_title(_("Preview: the first rows as they will be read")))
        top_layout.addWidget(self.preview, 1)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 6, 0, 0)
        bottom_layout.setSpacing(6)
        bottom_layout.addWidget(self.problems_title)
        bottom_layout.addWidget(self.problems, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(style.SPACING)
        layout.addLayout(cards)
        layout.addWidget(self.blocking)
        layout.addWidget(self.drop_identical)
        layout.addWidget(splitter, 1)

    def set_plan(self, session: Session, plan: ImportPlan) -> None:
        palette = style.current()
        colours = severity_colours()
        self.read_card.set_value(session.number(plan.rows_read))
        self.accepted_card.set_value(session.number(plan.rows_accepted))
        critical = palette.health[HealthBand.CRITICAL]
        self.rejected_card.set_value(
            session.number(plan.rows_rejected), critical if plan.rows_rejected else None
        )
        self.skipped_card.set_value(session.number(plan.rows_skipped))
        self.accounts_card.set_value(
            "–" if plan.accounts_to_create is None else session.number(plan.accounts_to_create)
        )
        self.blocking.setVisible(bool(plan.blocking))
        self.blocking.setText(cannot_import(plan))
        self.blocking.setStyleSheet(
            f"QLabel {{ color: {critical}; border: 1px solid {critical}; padding: 8px 12px; }}"
        )
        # Offered only when a revenue sheet repeats lines whole (or they were dropped).
        repeated = plan.identical_lines
        self.drop_identical.setVisible(bool(repeated))
        self.drop_identical.blockSignals(True)
        self.drop_identical.setChecked(plan.drop_identical)
        self.drop_identical.setText(
            ngettext(
                "Drop the {n} line that repeats an earlier line in every cell (a copy); "
                "unticked, it is summed like any line of the same account and month",
                "Drop the {n} lines that repeat an earlier line in every cell (copies); "
                "unticked, they are summed like any lines of the same account and month",
                repeated,
            ).format(n=session.number(repeated))
        )
        self.drop_identical.blockSignals(False)
        self.preview_model.set_plan(plan, lambda value, field: shown_value(session, value, field))
        self.problems_model.set_rows(problem_rows(plan.problems, colours))
        for column in (0, 1, 2):  # a calendar or mail file's problems name their place
            self.problems.setColumnHidden(column, plan.is_capture)
        errors, warnings = len(plan.errors), len(plan.warnings)
        self.problems_title.setText(
            _("Problems · errors: {errors} · warnings: {warnings}").format(
                errors=session.number(errors), warnings=session.number(warnings)
            )
            if plan.problems
            else _("No problems found")
        )

    def _show_problem_row(self, index: QModelIndex) -> None:
        """Select the preview row of the problem chosen (when it is among the first rows)."""
        row = self.problems_model.index(index.row(), 0).data(PAYLOAD_ROLE)
        if row is None:
            return
        for position, record in enumerate(self.preview_model.rows):
            if int(record["row"]) == int(row):
                self.preview.selectRow(position)
                self.preview.scrollTo(self.preview_model.index(position, 0))
                return


def cannot_import(plan: ImportPlan) -> str:
    """Why the plan cannot be imported, naming what was dropped: a calendar or a mailbox is
    not a sheet."""
    if plan.entity == "events":
        return _("This file cannot be imported: {reason}").format(reason=plan.blocking or "")
    return _("This sheet cannot be imported: {reason}").format(reason=plan.blocking or "")
