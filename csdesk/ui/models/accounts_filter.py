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

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt

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
        self._accepted: list[bool] | None = None
        self._for_rows: object = None
        self._for_health: object = None
        self.setDynamicSortFilter(False)

    def source(self) -> AccountsTableModel:
        model = self.sourceModel()
        assert isinstance(model, AccountsTableModel)
        return model

    def set_filter(self, criteria: AccountFilter) -> None:
        if criteria == self.criteria:
            return
        self.beginFilterChange()
        self.criteria = criteria
        self._needle = criteria.text.strip().casefold()
        model = self.sourceModel()
        if isinstance(model, AccountsTableModel):
            self._accepted = self._evaluate(model)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def update_filter(self, **changes: object) -> None:
        self.set_filter(replace(self.criteria, **changes))  # type: ignore[arg-type]

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        model = self.source()
        if model.rows is not self._for_rows or model.health is not self._for_health:
            self._accepted = self._evaluate(model)
        accepted = self._accepted
        return True if accepted is None else accepted[model.position(source_row)]

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
