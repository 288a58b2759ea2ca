"""The first rows of a planned import as they will be read, each problem shown on its own row.

The importer's plan carries up to 50 preview rows (with their spreadsheet row numbers) and every
problem (row, column, value, message, severity). This model lays the rows out under the
spreadsheet's own column names; a row with an error is tinted red, one with only warnings
amber, the offending cell shows the value as typed, and the tooltip says what is wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from csdesk.ui.translate import _

if TYPE_CHECKING:
    from csdesk.ingest import ImportPlan
    from csdesk.ingest.problems import Problem

Index = QModelIndex | QPersistentModelIndex
SEVERITY_ROLE = Qt.ItemDataRole.UserRole + 3
_RANK = {"warning": 1, "error": 2}


def _plain(value: Any, field: str | None = None) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.2f}"
    return str(value)


class ImportPreviewModel(QAbstractTableModel):
    """Spreadsheet row number, then one column per imported column of the sheet."""

    def __init__(self, colours: dict[str, QColor], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.colours = colours
        self.headers: list[str] = []
        self.fields: list[str] = []
        self.rows: list[dict[str, Any]] = []
        self.problems: dict[int, list[Problem]] = {}
        # How a read value is written for the reader (the session's locale once a plan shows).
        # (value, field it fills) -> text.
        self.shown: Callable[[Any, str | None], str] = _plain

    def set_plan(
        self, plan: ImportPlan | None, shown: Callable[[Any, str | None], str] | None = None
    ) -> None:
        if shown is not None:
            self.shown = shown
        self.beginResetModel()
        if plan is None:
            self.headers, self.fields, self.rows, self.problems = [], [], [], {}
        elif plan.is_capture:
            # A calendar or mail file has no columns: its touches, one per account.
            self.headers = [_("No."), _("When"), _("Account"), _("Kind"), _("Title"), _("People")]
            self.fields = ["date", "account", "kind", "title", "people"]
            self.rows = list(plan.rows)
            self.problems = {}
        else:
            mapped = [c for c in plan.columns if c.field is not None]
            self.headers = [_("Row"), *(c.column for c in mapped)]
            self.fields = [str(c.field) for c in mapped]
            self.rows = list(plan.rows)
            self.problems = {}
            for problem in plan.problems:
                if problem.row is not None:
                    self.problems.setdefault(problem.row, []).append(problem)
        self.endResetModel()

    def row_problems(self, row: int) -> Sequence[Problem]:
        """The problems of the preview's ``row`` (a position in this model)."""
        return self.problems.get(int(self.rows[row]["row"]), [])

    def severity(self, row: int) -> str | None:
        """'error', 'warning' or None for the preview's ``row``."""
        found = [p.severity for p in self.row_problems(row)]
        if not found and not self.rows[row].get("ok", True):
            return "error"
        return max(found, key=lambda s: _RANK.get(s, 0)) if found else None

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
        return None

    def _cell_problem(self, row: int, column: int) -> Problem | None:
        if column == 0:
            return None
        name = self.headers[column]
        for problem in self.row_problems(row):
            if problem.column == name:
                return problem
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        record = self.rows[row]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return str(record["row"])
            problem = self._cell_problem(row, column)
            if problem is not None and problem.value is not None:
                return problem.value
            field = self.fields[column - 1]
            return self.shown(record.get(field), field)
        if role == SEVERITY_ROLE:
            return self.severity(row)
        if role == Qt.ItemDataRole.BackgroundRole:
            severity = self.severity(row)
            if severity is None:
                return None
            colour = QColor(self.colours[severity])
            colour.setAlpha(90 if self._cell_problem(row, column) is not None else 40)
            return QBrush(colour)
        if role == Qt.ItemDataRole.ToolTipRole:
            problems = self.row_problems(row)
            if problems:
                return "\n".join(p.describe() for p in problems)
            return None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
