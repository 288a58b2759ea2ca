"""Step 3: what the sheet holds and how each of its columns is read.

The importer proposes an entity and a field per column, with its reason; the person may say
the sheet holds something else, or send any column to another field or leave it out. Each
choice is a signal; the wizard plans again in the background and shows the new plan here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from csdesk.domain.enums import Entity
from csdesk.ui import style
from csdesk.ui.import_wizard.values import LEAVE_OUT, entity_fields
from csdesk.ui.labels import field_label, label
from csdesk.ui.session import Session
from csdesk.ui.translate import N_, _
from csdesk.ui.widgets import muted

if TYPE_CHECKING:
    from csdesk.ingest import ImportPlan

READ_AS_WIDTH = 260


def _detection(session: Session, plan: ImportPlan) -> str:
    if plan.mapping_source == "saved":
        return _("The columns are read as you confirmed for this layout last time.")
    if plan.mapping_source == "yours":
        return _("The columns are read as you chose.")
    if plan.entity is None:
        return _("csdesk could not tell what this sheet holds: choose it.")
    return _("Detected from the column names and values ({sure} sure).").format(
        sure=session.percent(plan.entity_confidence, decimals=0)
    )


def _padded(box: QComboBox) -> QWidget:
    """A combo box inside a table cell, with air around it instead of touching the grid."""
    cell = QWidget()
    layout = QHBoxLayout(cell)
    layout.setContentsMargins(4, 3, 12, 3)
    layout.addWidget(box)
    return cell


def _question(text: str, answer: QComboBox) -> QWidget:
    """A question about the whole sheet and its answer on one line, hidden until it applies."""
    row = QWidget()
    line = QHBoxLayout(row)
    line.setContentsMargins(0, 0, 0, 0)
    line.setSpacing(8)
    question = muted(text)
    question.setWordWrap(False)
    line.addWidget(question)
    line.addWidget(answer)
    line.addStretch(1)
    row.hide()
    return row


# How a contract value with no billing period of its own is read ("" : decided per row).
BILLING_CHOICES = (
    ("", N_("the whole term when the contract has one, else monthly")),
    ("term", N_("the value of the whole term")),
    ("monthly", N_("monthly")),
    ("quarterly", N_("quarterly")),
    ("semiannual", N_("semiannual")),
    ("annual", N_("annual")),
)


class ColumnsStep(QWidget):
    entity_chosen = Signal(str)
    field_chosen = Signal(str, str)  # column, field (LEAVE_OUT: not imported)
    billing_period_chosen = Signal(str)  # "" : decided per row
    currency_chosen = Signal(str)  # amounts that name no currency are in it ("": the workspace's)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entity = QComboBox()
        for entity in Entity:
            self.entity.addItem(label(entity), str(entity))
        self.entity.setMinimumWidth(200)
        self.entity.activated.connect(self._entity_chosen)
        self.detection = muted()
        choice = QHBoxLayout()
        choice.setSpacing(8)
        choice.addWidget(muted(_("This sheet holds")))
        choice.addWidget(self.entity)
        choice.addSpacing(8)
        choice.addWidget(self.detection, 1)

        self.columns = QTableWidget(0, 4)
        self.columns.setHorizontalHeaderLabels(
            [_("Column"), _("Imported as"), _("Values read as"), _("Why")]
        )
        self.columns.verticalHeader().hide()
        self.columns.verticalHeader().setDefaultSectionSize(40)
        self.columns.setShowGrid(False)
        self.columns.setAlternatingRowColors(True)
        self.columns.setWordWrap(False)
        self.columns.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.columns.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.columns.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.field_boxes: dict[str, QComboBox] = {}

        # Contracts: how a value is billed when its row names no billing period.
        self.billing = QComboBox()
        for code, text in BILLING_CHOICES:
            self.billing.addItem(_(text), code)
        self.billing.activated.connect(self._billing_chosen)
        self.billing_row = _question(_("A contract value with no billing period is"), self.billing)

        # Amounts whose cells and header name no currency: in the workspace's, or as chosen.
        self.currency = QComboBox()
        # Filled per plan (the workspace's currency first): sized to its entries then.
        self.currency.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.currency.activated.connect(self._currency_chosen)
        self.currency_row = _question(_("Amounts that name no currency are in"), self.currency)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(style.SPACING)
        layout.addLayout(choice)
        layout.addWidget(self.billing_row)
        layout.addWidget(self.currency_row)
        layout.addWidget(self.columns, 1)

    def set_plan(self, session: Session, plan: ImportPlan) -> None:
        known = plan.entity is not None and plan.entity in Entity._value2member_map_
        self.entity.setCurrentIndex(self.entity.findData(plan.entity) if known else -1)
        self.detection.setText(_detection(session, plan))
        mapped = set(plan.mapping().values())
        self.billing_row.setVisible(plan.entity == "contracts" and "value" in mapped)
        self.billing.setCurrentIndex(max(self.billing.findData(plan.billing_period or ""), 0))
        self._show_currency(session, plan, mapped)
        muted_colour = QColor(style.current().muted)
        fields = entity_fields(plan.entity)
        self.columns.setRowCount(len(plan.columns))
        self.field_boxes = {}
        from csdesk.ingest.values import kind_label  # the plan has loaded it already

        for row, mapping in enumerate(plan.columns):
            name = QTableWidgetItem(mapping.column)
            how = mapping.decision or kind_label(mapping.value_kind)
            read_as = QTableWidgetItem(how)
            why = QTableWidgetItem(mapping.reason)
            why.setToolTip(mapping.reason)
            read_as.setToolTip(how)
            if mapping.field is None:
                for item in (name, read_as, why):
                    item.setForeground(muted_colour)
            box = QComboBox()
            box.addItem(_("Not imported"), LEAVE_OUT)
            for field in fields:
                box.addItem(field_label(field, plan.entity), field)
                # The key the command line's --map takes, for whoever scripts the import next.
                box.setItemData(
                    box.count() - 1, _field_tip(mapping.column, field), Qt.ItemDataRole.ToolTipRole
                )
            box.setCurrentIndex(max(box.findData(mapping.field or LEAVE_OUT), 0))
            box.setAccessibleName(_("Field for column {column}").format(column=mapping.column))
            box.activated.connect(lambda _index, column=mapping.column: self._field_chosen(column))
            self.columns.setItem(row, 0, name)
            self.columns.setCellWidget(row, 1, _padded(box))
            self.columns.setItem(row, 2, read_as)
            self.columns.setItem(row, 3, why)
            self.field_boxes[mapping.column] = box
        self.columns.resizeColumnsToContents()
        # The value format can be a sentence; its tooltip has it whole, the reason the room.
        self.columns.setColumnWidth(2, min(self.columns.columnWidth(2), READ_AS_WIDTH))

    def _show_currency(self, session: Session, plan: ImportPlan, mapped: set[str | None]) -> None:
        """The currency question, for a sheet whose amounts are imported."""
        from csdesk.i18n.formatting import currency_name
        from csdesk.ingest.currencies import known_codes
        from csdesk.ingest.entity_rules import MONEY_FIELDS

        money = set(MONEY_FIELDS.get(plan.entity or "", ())) & mapped
        self.currency_row.setVisible(bool(money))
        if not money:
            return
        own = session.currency
        self.currency.clear()
        self.currency.addItem(_("{code}, the workspace's currency").format(code=own), "")
        for code in known_codes():
            if code != own:
                name = currency_name(code, session.locale)
                self.currency.addItem(f"{code} ({name})", code)
        self.currency.setCurrentIndex(max(self.currency.findData(plan.amounts_in or ""), 0))

    def set_busy(self, busy: bool) -> None:
        self.entity.setEnabled(not busy)
        self.billing.setEnabled(not busy)
        self.currency.setEnabled(not busy)
        self.columns.setEnabled(not busy)

    def _entity_chosen(self) -> None:
        entity = self.entity.currentData()
        if entity:
            self.entity_chosen.emit(str(entity))

    def _currency_chosen(self) -> None:
        self.currency_chosen.emit(str(self.currency.currentData() or ""))

    def _billing_chosen(self) -> None:
        self.billing_period_chosen.emit(str(self.billing.currentData() or ""))

    def _field_chosen(self, column: str) -> None:
        self.field_chosen.emit(column, str(self.field_boxes[column].currentData()))


def _field_tip(column: str, field: str) -> str:
    return _("On the command line: --map {column}={field}").format(column=column, field=field)
