"""Search and filters over the accounts table: text, segment, tier, CSM, health band, renewal.

Criteria are checked against the source model's records, never its formatted text. Sorting is
handed to the source model, which orders its rows with precomputed keys (see
accounts_table), so the proxy only filters.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt

from csdesk.domain.enums import HealthBand
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
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def update_filter(self, **changes: object) -> None:
        self.set_filter(replace(self.criteria, **changes))  # type: ignore[arg-type]

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        c = self.criteria
        model = self.source()
        record = model.record(source_row)
        if c.segment is not None and record.segment != c.segment:
            return False
        if c.tier is not None and record.tier != c.tier:
            return False
        if c.csm is not None and record.csm != c.csm:
            return False
        if c.band is not None:
            health = model.health_of(record.id)
            if health is None or health.band != c.band:
                return False
        if c.renewal is not RenewalWindow.ANY:
            renewal = record.renewal_date
            if renewal is None:
                return False
            if c.renewal is RenewalWindow.OVERDUE:
                if renewal >= self.today:
                    return False
            elif not self.today <= renewal <= self.today + timedelta(days=int(c.renewal)):
                return False
        if self._needle:
            needle = self._needle
            haystacks = (record.name, record.external_id, record.csm, record.am)
            if not any(h and needle in h.casefold() for h in haystacks):
                return False
        return True

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.source().sort(column, order)
