"""Search and filters over the accounts table: text, segment, tier, CSM, health band, renewal.

Criteria are checked against the source model's records, never its formatted text, in one
pass per change of criteria; Qt's row-by-row questions are then answered from that list.
Sorting is handed to the source model, which orders its rows with precomputed keys (see
accounts_table), so the proxy only filters.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from csdesk.domain.enums import HealthBand
from csdesk.store.queries.accounts import AccountRow
from csdesk.ui.models.accounts_table import AccountsTableModel


class RenewalWindow(StrEnum):
    ANY = "any"
    OVERDUE = "overdue"
    DAYS_30 = "30"
    DAYS_90 = "90"
    DAYS_180 = "180"
    DAYS_365 = "365"


@dataclass(frozen=True, slots=True)
class AccountFilter:
    """What the person asked to see. Empty strings and None mean "any"."""

    text: str = ""
    segment: str | None = None
    tier: str | None = None
    csm: str | None = None
    band: HealthBand | None = None
    renewal: RenewalWindow = RenewalWindow.ANY


class AccountsFilterProxy(QSortFilterProxyModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.criteria = AccountFilter()
        self.today = date.today()
        self._needle = ""
        self._model: AccountsTableModel | None = None
        self._no_criteria = True
        self._accepted: list[bool] | None = None
        self._by_row: list[bool] | None = None
        self._for_rows: object = None
        self._for_health: object = None
        self._for_order: object = None
        self.setDynamicSortFilter(False)

    def source(self) -> AccountsTableModel:
        assert self._model is not None, "the proxy has no accounts model"
        return self._model

    def set_filter(self, criteria: AccountFilter) -> None:
        if criteria == self.criteria:
            return
        # A reset rebuilds the mapping in one pass; a filter change would remove rows range
        # by range, which is slow when a search leaves thousands of scattered gaps.
        self.beginResetModel()
        self.criteria = criteria
        self._needle = criteria.text.strip().casefold()
        self._no_criteria = criteria == AccountFilter()
        self._by_row = None
        if self._model is not None:
            self._accepted = self._evaluate(self._model)
        self.endResetModel()

    def update_filter(self, **changes: object) -> None:
        self.set_filter(replace(self.criteria, **changes))  # type: ignore[arg-type]

    def setSourceModel(self, model: QAbstractItemModel) -> None:
        super().setSourceModel(model)
        self._model = model if isinstance(model, AccountsTableModel) else None
        self._accepted = None
        self._by_row = None

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        # Qt asks once per row (10,000 times on a large portfolio): answer from a list.
        by_row = self._by_row
        model = self._model
        if model is None or self._no_criteria:
            return True
        if (
            by_row is None
            or model.order is not self._for_order
            or model.rows is not self._for_rows
            or model.health is not self._for_health
        ):
            by_row = self._answers(model)
        return by_row[source_row]

    def _answers(self, model: AccountsTableModel) -> list[bool]:
        """The answers by shown row, recomputed after a sort or new rows or health."""
        if model.rows is not self._for_rows or model.health is not self._for_health:
            self._accepted = self._evaluate(model)
        accepted = self._accepted or [True] * len(model.rows)
        self._for_order = model.order
        self._by_row = [accepted[position] for position in model.order]
        return self._by_row

    def _evaluate(self, model: AccountsTableModel) -> list[bool] | None:
        """Which accounts pass, by position, in one pass (None: no criteria, all pass).

        Qt asks row by row; answering from this list keeps each answer to an index lookup.
        """
        self._for_rows, self._for_health = model.rows, model.health
        c = self.criteria
        if c == AccountFilter():
            return None
        keep = [True] * len(model.rows)

        def narrow(test: Callable[[AccountRow], bool]) -> None:
            for position, record in enumerate(model.rows):
                if keep[position] and not test(record):
                    keep[position] = False

        if c.segment is not None:
            narrow(lambda r: r.segment == c.segment)
        if c.tier is not None:
            narrow(lambda r: r.tier == c.tier)
        if c.csm is not None:
            narrow(lambda r: r.csm == c.csm)
        if c.band is not None:
            health = model.health
            narrow(lambda r: (h := health.get(r.id)) is not None and h.band == c.band)
        if c.renewal is RenewalWindow.OVERDUE:
            today = self.today
            narrow(lambda r: r.renewal_date is not None and r.renewal_date < today)
        elif c.renewal is not RenewalWindow.ANY:
            first, last = self.today, self.today + timedelta(days=int(c.renewal))
            narrow(lambda r: r.renewal_date is not None and first <= r.renewal_date <= last)
        if self._needle:
            needle = self._needle
            for position, text in enumerate(model.search_text):
                if keep[position] and needle not in text:
                    keep[position] = False
        return keep

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.source().sort(column, order)
