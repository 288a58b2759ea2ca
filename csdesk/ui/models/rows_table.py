"""A read-only table of rows already formatted for the reader: lists on pages and account tabs.

Built once from the core's rows (a few hundred at most); ``data()`` only indexes lists. Each
row may carry a payload (e.g. an event id), an icon, a colour and a sort key per column.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QIcon

PAYLOAD_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass(slots=True)
class Row:
    cells: Sequence[str]
    payload: Any = None
    icon: QIcon | None = None
    colour: QColor | None = None
    tooltip: str | None = None
    sort_keys: Sequence[Any] | None = None
    cell_colours: dict[int, QColor] = field(default_factory=dict)


class RowsTableModel(QAbstractTableModel):
    def __init__(
        self,
        headers: Sequence[str],
        *,
        right_aligned: Sequence[int] = (),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.headers = list(headers)
        self.right_aligned = frozenset(right_aligned)
        self.rows: list[Row] = []

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section in self.right_aligned:
            return _RIGHT
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[column] if column < len(row.cells) else ""
        if role == PAYLOAD_ROLE:
            return row.payload
        if role == SORT_ROLE:
            if row.sort_keys is not None and column < len(row.sort_keys):
                return row.sort_keys[column]
            return row.cells[column] if column < len(row.cells) else ""
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return row.icon
        if role == Qt.ItemDataRole.ForegroundRole:
            return row.cell_colours.get(column, row.colour)
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tooltip
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.right_aligned:
            return _RIGHT
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
