"""The accounts list as a table model: every account, sortable on every column, fast at 10,000.

Rows come from :func:`csdesk.store.queries.accounts.list_accounts` once; sort keys are built
once per load, display strings once per cell on first show (formatting money for 10,000 rows
up front would delay the window), and sorting reorders an index list in Python's own sort
rather than calling back into Python for each comparison. The health column fills in when the
health scores arrive from a background job.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from csdesk.domain.enums import AccountStatus, HealthBand
from csdesk.store.queries.accounts import AccountRow
from csdesk.ui import style
from csdesk.ui.labels import label
from csdesk.ui.session import Session
from csdesk.ui.translate import _

ACCOUNT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    NAME = 0
    EXTERNAL_ID = 1
    SEGMENT = 2
    TIER = 3
    CSM = 4
    AM = 5
    MRR = 6
    RENEWAL = 7
    HEALTH = 8
    STATUS = 9


HEADERS = {
    Column.NAME: "Account",
    Column.EXTERNAL_ID: "ID",
    Column.SEGMENT: "Segment",
    Column.TIER: "Tier",
    Column.CSM: "CSM",
    Column.AM: "AM",
    Column.MRR: "MRR",
    Column.RENEWAL: "Renewal",
    Column.HEALTH: "Health",
    Column.STATUS: "Status",
}

_NUMERIC = {Column.MRR, Column.HEALTH}


@dataclass(frozen=True, slots=True)
class Health:
    """An account's health as the metrics engine scored it."""

    score: float | None
    band: HealthBand | None
    missing: tuple[str, ...] = ()  # components left out for lack of data


def _band_icon(colour: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(colour))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(1, 1, 10, 10)
    painter.end()
    return QIcon(pixmap)


class AccountsTableModel(QAbstractTableModel):
    def __init__(self, session: Session | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.rows: list[AccountRow] = []
        self.health: dict[int, Health] = {}
        self._order: list[int] = []
        self._names: list[str] = []
        self._search_text: list[str] | None = []
        self._display: dict[tuple[int, int], str] = {}
        self._band_icons = {band: _band_icon(c) for band, c in style.current().health.items()}
        self._band_colours = {band: QColor(c) for band, c in style.current().health.items()}
        self._headers = [_(HEADERS[c]) for c in Column]
        self.sort_column = Column.NAME
        self.sort_order = Qt.SortOrder.AscendingOrder
        # What the current order was sorted by: column, order, and the rows and health (by
        # identity: both are replaced, never changed in place, when new data arrives).
        self._sorted_by: tuple[Column, Qt.SortOrder, object, object] | None = None

    # -- loading --------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[AccountRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self._names = [r.name.casefold() for r in self.rows]
        self._search_text = None  # built on the first search, not on every opening
        self._display.clear()
        self._order = list(range(len(self.rows)))
        self._apply_sort()
        self.endResetModel()

    @property
    def search_text(self) -> list[str]:
        """Per account (by position in ``rows``): what the text search looks in, casefolded."""
        if self._search_text is None:
            self._search_text = [
                "\x00".join(t for t in (r.name, r.external_id, r.csm, r.am) if t).casefold()
                for r in self.rows
            ]
        return self._search_text

    def set_health(self, health: dict[int, Health]) -> None:
        self.health = health
        for key in [k for k in self._display if k[1] == Column.HEALTH]:
            del self._display[key]
        if self.rows:
            self.dataChanged.emit(
                self.index(0, Column.HEALTH), self.index(len(self.rows) - 1, Column.HEALTH)
            )

    def record(self, row: int) -> AccountRow:
        """The account shown on ``row``."""
        return self.rows[self._order[row]]

    def position(self, row: int) -> int:
        """Where the account shown on ``row`` sits in ``rows`` (stable across sorting)."""
        return self._order[row]

    @property
    def order(self) -> list[int]:
        """Positions in ``rows`` in shown order; a new list after every sort."""
        return self._order

    def row_of(self, account_id: int) -> int | None:
        for row, position in enumerate(self._order):
            if self.rows[position].id == account_id:
                return row
        return None

    # -- Qt model interface ---------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(Column):
            if role == Qt.ItemDataRole.DisplayRole:
                return self._headers[section]
            if role == Qt.ItemDataRole.TextAlignmentRole and Column(section) in _NUMERIC:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            key = (self._order[row], column)
            text = self._display.get(key)
            if text is None:
                text = self._format(self.rows[key[0]], Column(column))
                self._display[key] = text
            return text
        if role == ACCOUNT_ID_ROLE:
            return self.record(row).id
        if column == Column.HEALTH:
            health = self.health.get(self.record(row).id)
            band = health.band if health else None
            if band is not None and role == Qt.ItemDataRole.DecorationRole:
                return self._band_icons[band]
            if band is not None and role == Qt.ItemDataRole.ForegroundRole:
                return self._band_colours[band]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.NAME:
            return self.record(row).name
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(Column):
            return
        if self._is_sorted_by(Column(column), order):
            # Already in this order (a header showing the sort it was opened with): telling
            # the views the layout changed would have them map 100,000 rows again for nothing.
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        old_positions = [self._order[i.row()] for i in persistent]
        self.sort_column, self.sort_order = Column(column), order
        self._apply_sort()
        if persistent:
            new_rows = {position: row for row, position in enumerate(self._order)}
            self.changePersistentIndexList(
                persistent,
                [
                    self.index(new_rows[pos], i.column())
                    for i, pos in zip(persistent, old_positions, strict=True)
                ],
            )
        self.layoutChanged.emit()

    # -- internals ------------------------------------------------------------------------

    def _is_sorted_by(self, column: Column, order: Qt.SortOrder) -> bool:
        done = self._sorted_by
        return (
            done is not None
            and done[:2] == (column, order)
            and done[2] is self.rows
            and done[3] is self.health
        )

    def _apply_sort(self) -> None:
        values = self._sort_values(self.sort_column)
        positions = range(len(self.rows))
        # Unknown values stay at the bottom in both directions, by name.
        known = [i for i in positions if values[i] is not None]
        unknown = [i for i in positions if values[i] is None]
        known.sort(key=values.__getitem__, reverse=self.sort_order == Qt.SortOrder.DescendingOrder)
        unknown.sort(key=self._names.__getitem__)
        self._order = known + unknown
        self._sorted_by = (self.sort_column, self.sort_order, self.rows, self.health)

    def _sort_values(self, column: Column) -> list[Any]:
        """One comparable value (or None when unknown) per account, by position."""
        rows = self.rows
        if column == Column.NAME:
            return self._names
        if column == Column.MRR:
            return [r.mrr for r in rows]
        if column == Column.RENEWAL:
            return [r.renewal_date for r in rows]
        if column == Column.HEALTH:
            return [self._score(r.id) for r in rows]
        if column == Column.STATUS:
            return [str(r.status) for r in rows]
        if column == Column.EXTERNAL_ID:
            return [r.external_id for r in rows]
        attribute = {
            Column.SEGMENT: "segment",
            Column.TIER: "tier",
            Column.CSM: "csm",
            Column.AM: "am",
        }[column]
        texts = [getattr(r, attribute) for r in rows]
        return [t.casefold() if t else None for t in texts]

    def _score(self, account_id: int) -> float | None:
        health = self.health.get(account_id)
        return None if health is None else health.score

    def _format(self, record: AccountRow, column: Column) -> str:
        s = self.session
        assert s is not None, "rows are only set while a workspace is open"
        if column == Column.NAME:
            return record.name
        if column == Column.EXTERNAL_ID:
            return record.external_id or ""
        if column == Column.SEGMENT:
            return record.segment or ""
        if column == Column.TIER:
            return record.tier or ""
        if column == Column.CSM:
            return record.csm or ""
        if column == Column.AM:
            return record.am or ""
        if column == Column.MRR:
            return s.money(record.mrr)
        if column == Column.RENEWAL:
            return s.day(record.renewal_date) if record.renewal_date else ""
        if column == Column.HEALTH:
            health = self.health.get(record.id)
            if health is None or health.score is None:
                return ""
            band = label(health.band) if health.band else ""
            return f"{s.number(health.score)} · {band}"
        return label(record.status) if record.status is not AccountStatus.ACTIVE else _("Active")
